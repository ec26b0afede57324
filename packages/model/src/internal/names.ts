/**
 * Name rules of the DSL: reserved names (§2.7), identifier syntax and keywords (M-10), names a
 * user function may not take, and canonical-integer event/preset names (M-10).
 */
import { PYTHON_KEYWORDS } from "../expr/keywords.ts";
import { EVENT_MACROS } from "../ir/callables.ts";

/** `t`, `pi`, `e` can name nothing (M-5: no shadowing). */
export const RESERVED_NAMES: readonly string[] = ["e", "pi", "t"];

/** Event macros whose first argument requests a depth-1 lag (every one but `in_interval`). */
export const LAG_EVENT_MACROS: readonly string[] = [...EVENT_MACROS.keys()].filter(
  (name) => name !== "in_interval",
);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for `[A-Za-z_][A-Za-z0-9_]*` that is not a Python keyword. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** Why `name` cannot be a declared name, or undefined when it can. */
export function identifierProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) {
    return `'${name}' is not a valid identifier (use ASCII letters, digits and '_', not starting with a digit)`;
  }
  if (PYTHON_KEYWORDS.has(name)) return `'${name}' is a Python keyword`;
  return undefined;
}

/** Array-index keys (`"0"`, `"12"`): JS objects list them first, breaking declaration order (M-10). */
export function isCanonicalInteger(name: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(name) && Number(name) < 2 ** 32 - 1;
}
