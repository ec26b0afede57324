/**
 * Stage 2 (model-dsl.md §1.4, §2.3): equation targets of `[equations.rhs]` and the block,
 * checked for duplicates across both forms, then for names that are no state. Block lines without
 * `=` are skipped here; the block-line stage reports them later, as the reference does.
 */
import { pythonStrListRepr, sortedNames } from "@dyn/core";
import { blockLines, derivativeTarget, isIgnorableBlockLine } from "../blocks.ts";
import { ModelErrorCode } from "../errors.ts";
import { type LoadContext, loadError } from "./context.ts";
import type { DocTable } from "./document.ts";

/** Left sides of a block's assignment lines, derivative notation resolved against `states`. */
export function blockTargets(block: string, states: ReadonlySet<string>): string[] {
  const targets: string[] = [];
  for (const line of blockLines(block.replaceAll("^", "**"))) {
    if (isIgnorableBlockLine(line.text)) continue;
    const eq = line.text.indexOf("=");
    if (eq < 0) continue;
    const lhs = line.text.slice(0, eq).trim();
    targets.push(derivativeTarget(lhs, states) ?? lhs);
  }
  return targets;
}

/** Throws on a state given by both forms or a target that is no declared state. */
export function checkEquationTargets(
  context: LoadContext,
  stateNames: readonly string[],
  rhs: DocTable | null,
  block: string | null,
  label: string,
): void {
  const states = new Set(stateNames);
  const rhsTargets = new Set(rhs === null ? [] : Object.keys(rhs));
  const blockSet = new Set(block === null ? [] : blockTargets(block, states));
  const duplicates = sortedNames([...rhsTargets].filter((name) => blockSet.has(name)));
  const prefix = label === "[equations]" ? "" : `${label}: `;
  if (duplicates.length > 0) {
    throw loadError(
      context,
      ModelErrorCode.BAD_EQUATIONS,
      `${prefix}Duplicate equation targets across rhs and block: ${pythonStrListRepr(duplicates)}`,
      `${label}.rhs`,
    );
  }
  const unknown = sortedNames([...new Set([...rhsTargets, ...blockSet])].filter((name) => !states.has(name)));
  if (unknown.length > 0) {
    const inRhs = rhsTargets.has(unknown[0] as string);
    throw loadError(
      context,
      ModelErrorCode.BAD_EQUATIONS,
      `${prefix}Equation targets must be declared in [states], unknown: ${pythonStrListRepr(unknown)}`,
      inRhs ? `[${label.slice(1, -1)}.rhs.${unknown[0] as string}]` : `${label}.expr`,
    );
  }
}
