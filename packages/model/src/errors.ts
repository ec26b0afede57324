import { DynError } from "@dyn/core";

/**
 * Codes of {@link ModelLoadError} and {@link ModelCompileError}. Each entry says when it is used.
 * @category errors
 * @since 0.1.0
 */
export const ModelErrorCode = {
  /** TOML text does not parse: message has line, column, context lines and a caret. */
  TOML_SYNTAX: "TOML_SYNTAX",
  /** The first line declares another DSL (`#!other`). */
  NOT_A_MODEL: "NOT_A_MODEL",
  /** A model reference that this entry point cannot load (e.g. a path in the browser). */
  SOURCE_UNSUPPORTED: "SOURCE_UNSUPPORTED",
  /** A model file or builtin that does not exist. */
  SOURCE_NOT_FOUND: "SOURCE_NOT_FOUND",
  /** A table is missing, of the wrong type, or has unknown keys. */
  TABLE_SHAPE: "TABLE_SHAPE",
  /** A value has the wrong type or is out of range. */
  BAD_VALUE: "BAD_VALUE",
  /** A literal numeric expression ([states], [params], [constants]) is invalid. */
  BAD_LITERAL: "BAD_LITERAL",
  /** A name is reserved, duplicated, or not a valid identifier. */
  BAD_NAME: "BAD_NAME",
  /** Equation targets unknown, duplicated or missing (M-6). */
  BAD_EQUATIONS: "BAD_EQUATIONS",
  /** Cyclic dependency among aux variables / functions. */
  CYCLE: "CYCLE",
  /** An expression does not parse ("Invalid expression syntax: …"). */
  EXPR_SYNTAX: "EXPR_SYNTAX",
  /** An expression uses a construct outside the DSL (subscripts, strings, keyword arguments, …). */
  EXPR_UNSUPPORTED: "EXPR_UNSUPPORTED",
  /** An expression names something that is not declared. */
  UNKNOWN_IDENTIFIER: "UNKNOWN_IDENTIFIER",
  /** A call with the wrong arity, a macro with a bad argument, a callable used as a value. */
  BAD_CALL: "BAD_CALL",
  /** Lag notation misuse (depth, non-literal, non-state). */
  BAD_LAG: "BAD_LAG",
  /** An event is malformed (phase, cond, action, log, tags). */
  BAD_EVENT: "BAD_EVENT",
  /** A preset is malformed. */
  BAD_PRESET: "BAD_PRESET",
  /** A `[sim]` entry is malformed. */
  BAD_SIM: "BAD_SIM",
  /** A dtype that cannot be compiled (M-16). */
  UNSUPPORTED_DTYPE: "UNSUPPORTED_DTYPE",
  /** `new Function` is blocked (Content-Security-Policy without 'unsafe-eval'). */
  EVAL_BLOCKED: "EVAL_BLOCKED",
} as const;

/** Union of the model error codes. @category errors @since 0.1.0 */
export type ModelErrorCode = (typeof ModelErrorCode)[keyof typeof ModelErrorCode];

/** Where in a model document an error was found. @category errors @since 0.1.0 */
export interface ModelErrorLocation {
  /** TOML-style location such as `[events.reset].cond` (empty when not applicable). */
  readonly location?: string;
  /** Human name of the document: `inline model`, `model file '<path>'`, or a builtin URI. */
  readonly source?: string;
  /** 1-based line in the model text, when known. */
  readonly line?: number;
  /** 1-based column in the model text, when known. */
  readonly column?: number;
  /** Did-you-mean suggestions, nearest first. */
  readonly suggestions?: readonly string[];
}

/**
 * Thrown for every problem found while loading or validating a model. The message keeps the
 * reference's wording (model-dsl.md) so users of both libraries recognise it.
 * @category errors
 * @since 0.1.0
 */
export class ModelLoadError extends DynError<ModelErrorCode> {
  readonly location: string;
  readonly source: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly suggestions: readonly string[];

  constructor(code: ModelErrorCode, message: string, where: ModelErrorLocation = {}, cause?: unknown) {
    super({ code, message, details: { ...where }, cause });
    this.name = "ModelLoadError";
    this.location = where.location ?? "";
    this.source = where.source ?? "";
    this.line = where.line;
    this.column = where.column;
    this.suggestions = where.suggestions ?? [];
  }
}

/**
 * Thrown when a valid spec cannot be compiled in this environment (e.g. `EVAL_BLOCKED`).
 * @category errors
 * @since 0.1.0
 */
export class ModelCompileError extends DynError<ModelErrorCode> {
  constructor(code: ModelErrorCode, message: string, cause?: unknown) {
    super({ code, message, cause });
    this.name = "ModelCompileError";
  }
}
