/**
 * `[functions.NAME]` (model-dsl.md §2.4): the stage-3 read (types, unknown keys, M-9) and the
 * later signature check (identifier arguments, no repeats, M-10).
 */
import { ModelErrorCode } from "../errors.ts";
import type { FunctionSpec } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, isTable, typeWord } from "./document.ts";
import { identifierProblem } from "./names.ts";
import { checkUnknownKeys } from "./unknownKeys.ts";

/** Reads every function: `args` (list of strings, default `[]`) and `expr` (string). */
export function readFunctions(context: LoadContext, table: DocTable): Record<string, FunctionSpec> {
  const out = Object.create(null) as Record<string, FunctionSpec>;
  for (const [name, body] of Object.entries(table)) {
    const label = `[functions.${name}]`;
    if (!isTable(body)) {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `${label} must be a table with args and expr, got ${typeWord(body)}`,
        label,
      );
    }
    const args = body.args ?? [];
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === "string")) {
      throw loadError(
        context,
        ModelErrorCode.BAD_VALUE,
        `${label}.args must be a list of strings`,
        `${label}.args`,
      );
    }
    const expr = body.expr;
    if (typeof expr !== "string") {
      throw loadError(
        context,
        ModelErrorCode.BAD_VALUE,
        `${label}.expr must be a string, got ${typeWord(expr)}`,
        `${label}.expr`,
      );
    }
    checkUnknownKeys(context, body, label, ["args", "expr"]);
    out[name] = { args: [...(args as string[])], expr };
  }
  return out;
}

/** Arguments must be identifiers (not keywords) and unique. */
export function checkFunctionSignatures(
  context: LoadContext,
  functions: Readonly<Record<string, FunctionSpec>>,
): void {
  for (const [name, fn] of Object.entries(functions)) {
    const label = `[functions.${name}].args`;
    for (const arg of fn.args) {
      const problem = identifierProblem(arg);
      if (problem !== undefined) {
        throw loadError(
          context,
          ModelErrorCode.BAD_NAME,
          `${label} must be a list of identifiers: ${problem}`,
          label,
        );
      }
    }
    const seen = new Set<string>();
    for (const arg of fn.args) {
      if (seen.has(arg)) {
        throw loadError(
          context,
          ModelErrorCode.BAD_NAME,
          `${label} must be unique; '${arg}' is repeated`,
          label,
        );
      }
      seen.add(arg);
    }
  }
}
