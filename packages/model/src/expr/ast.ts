/**
 * Abstract syntax of the expression language (model-dsl.md §3): a Python expression subset.
 * The parser (`parse.ts`) produces these nodes from text in which every `^` was already replaced
 * by `**`. Every node records `start`/`end` UTF-16 offsets into that text, so errors can print a
 * caret under the offending part. Nodes are plain frozen data; they never hold model knowledge
 * (resolution of names to states/params/aux happens when lowering to the IR).
 */

/** Source span of a node: `text.slice(start, end)` is the node's own text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A number literal. Python ints become `bigint`, floats (`1.0`, `1e3`, `.5`) `number`. */
export interface NumberLiteral extends Span {
  readonly type: "number";
  readonly value: number | bigint;
  /** The literal as written (`1_000`, `0x10`, `1e-5`). */
  readonly raw: string;
}

/** `True` / `False`. */
export interface BooleanLiteral extends Span {
  readonly type: "boolean";
  readonly value: boolean;
}

/** A bare identifier (`x`, `sigma`, `pi`, `t`). */
export interface Name extends Span {
  readonly type: "name";
  readonly id: string;
}

/** `math.NAME` used as a value (`math.pi`, `math.e`, `math.tau`, `math.inf`, `math.nan`). */
export interface MathAttribute extends Span {
  readonly type: "mathAttribute";
  readonly attr: string;
}

export type UnaryOperator = "+" | "-" | "not" | "~";

export interface Unary extends Span {
  readonly type: "unary";
  readonly op: UnaryOperator;
  readonly operand: Expr;
}

/**
 * Binary arithmetic. `&`, `|`, `<<`, `>>`, `@` and `xor` (Python `^` cannot occur: it was
 * rewritten to `**`) parse so that checks can name them as unsupported operators.
 */
export type BinaryOperator = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "&" | "|" | "<<" | ">>" | "@";

export interface Binary extends Span {
  readonly type: "binary";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

export type CompareOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** A comparison chain `a < b <= c`: `ops.length === comparators.length`. */
export interface Compare extends Span {
  readonly type: "compare";
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
}

/** `a and b and c` / `a or b` (flattened like Python's BoolOp). */
export interface BoolOp extends Span {
  readonly type: "boolOp";
  readonly op: "and" | "or";
  readonly values: readonly Expr[];
}

/** `body if test else orelse`. */
export interface Conditional extends Span {
  readonly type: "conditional";
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}

/** A generator expression, only meaningful as the single argument of `sum(...)`/`prod(...)`. */
export interface Generator extends Span {
  readonly type: "generator";
  readonly element: Expr;
  /** One entry per `for … in …` clause (more than one = nested generators). */
  readonly clauses: readonly GeneratorClause[];
}

export interface GeneratorClause extends Span {
  /** The loop variable (tuple targets are rejected by the parser). */
  readonly target: string;
  readonly iter: Expr;
  /** `if` filters of this clause, and-ed. */
  readonly conditions: readonly Expr[];
}

/**
 * A call. `callee` is the plain name (`sin`, `lag_x`, `f`) or `math.NAME` written as
 * `"math.NAME"`. Keyword arguments are kept (names only) so checks can reject them with a
 * location (M-11).
 */
export interface Call extends Span {
  readonly type: "call";
  readonly callee: string;
  /** Span of the callee text, for carets. */
  readonly calleeSpan: Span;
  readonly args: readonly Expr[];
  readonly keywords: readonly KeywordArgument[];
}

export interface KeywordArgument extends Span {
  readonly name: string;
  readonly value: Expr;
}

export type Expr =
  | NumberLiteral
  | BooleanLiteral
  | Name
  | MathAttribute
  | Unary
  | Binary
  | Compare
  | BoolOp
  | Conditional
  | Generator
  | Call;
