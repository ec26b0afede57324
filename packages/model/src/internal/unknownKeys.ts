/** The M-9/M-14 unknown-key check shared by every table with a fixed key set. */
import { didYouMean, sortedNames } from "@dyn/core";
import { ModelErrorCode } from "../errors.ts";
import { type LoadContext, loadError } from "./context.ts";
import type { DocTable } from "./document.ts";

/**
 * Throws "Unknown key(s) in [equations]: 'rsh' (did you mean 'rhs'?). Valid keys: rhs, expr, …"
 * when `table` has keys outside `valid` (listed in the order given; unknown keys sorted).
 */
export function checkUnknownKeys(
  context: LoadContext,
  table: DocTable,
  tableLabel: string,
  valid: readonly string[],
  ignore: (key: string) => boolean = () => false,
): void {
  const unknown = sortedNames(Object.keys(table).filter((key) => !valid.includes(key) && !ignore(key)));
  if (unknown.length === 0) return;
  const suggestions: string[] = [];
  const described = unknown.map((key) => {
    const suggestion = didYouMean(key, valid);
    if (suggestion === undefined) return `'${key}'`;
    suggestions.push(suggestion);
    return `'${key}' (did you mean '${suggestion}'?)`;
  });
  throw loadError(
    context,
    ModelErrorCode.TABLE_SHAPE,
    `Unknown key(s) in ${tableLabel}: ${described.join(", ")}. Valid keys: ${valid.join(", ")}`,
    `${tableLabel}.${unknown[0] as string}`,
    { suggestions },
  );
}
