/**
 * The mapping `Sim.assign` takes: `{name: value}` or a `Map` (states or parameters by name).
 *
 * @example
 * ```ts
 * import type { AssignMapping } from "@dyn/session";
 * const m: AssignMapping = { x: 1.5, rho: 28 };
 * ```
 * @category session
 * @since 0.1.0
 */
export type AssignMapping = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

/**
 * Options of `Sim.assign`: `clearHistory` plus any number of `name: value` pairs (the
 * reference's keyword arguments), applied after the mapping.
 *
 * @example
 * ```ts
 * import type { AssignOptions } from "@dyn/session";
 * const o: AssignOptions = { clearHistory: true, x: 0.5 };
 * ```
 * @category session
 * @since 0.1.0
 */
export interface AssignOptions {
  /** Also drop results and segments (the recording selection stays). Default false. */
  readonly clearHistory?: boolean;
  readonly [name: string]: number | boolean | undefined;
}
