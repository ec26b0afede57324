/**
 * The load-time expression checks of the validation order (model-dsl.md §1.4, M-11).
 */
import type { ModelSpec } from "../spec.ts";
import { lowerModel } from "./lowerModel.ts";

export { checkExpressionIdentifiers } from "./lowerModel.ts";

/**
 * Check every expression of a draft spec whose other parts are valid: syntax, identifiers,
 * calls (exact user-function arity, no keyword arguments, macro arity and state arguments, lag
 * literals and depths, callable names used as values, `len()`, `sum`/`prod` generators), log
 * entries (M-3), action targets and block left sides (M-1), and the size after inlining.
 * Throws the first problem as a located {@link ModelLoadError}; returns nothing otherwise.
 * The lag map of `spec` must already be filled (lag reads are checked against it).
 *
 * @param spec - the draft spec (not yet frozen is fine).
 * @param source - document name for messages.
 * @throws {@link ModelLoadError} codes `EXPR_SYNTAX`, `EXPR_UNSUPPORTED`, `UNKNOWN_IDENTIFIER`,
 *   `BAD_CALL`, `BAD_LAG`, `BAD_NAME`, `BAD_EVENT`, `CYCLE`.
 * @example
 * ```ts
 * import { loadModel } from "@dyn/model";
 * checkModelExpressions(loadModel("builtin://ode/lorenz"), "lorenz"); // undefined
 * ```
 * @category validation
 * @since 0.1.0
 */
export function checkModelExpressions(spec: ModelSpec, source?: string): void {
  lowerModel(spec, source === undefined ? { checkOnly: true } : { source, checkOnly: true });
}
