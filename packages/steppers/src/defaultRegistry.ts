import { BUILTIN_STEPPERS } from "./builtins/index.ts";
import { createRegistry, type StepperFilters, type StepperRegistry } from "./registry.ts";
import type { Stepper } from "./types.ts";

/**
 * The process-wide registry, pre-loaded with the eleven built-ins. The module-level functions
 * below all act on it; third-party packages call {@link register} on import.
 * @example
 * ```ts
 * import { defaultRegistry } from "@dyn/steppers";
 * console.log(defaultRegistry.has("dopri5")); // true
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const defaultRegistry: StepperRegistry = createRegistry(BUILTIN_STEPPERS);

/**
 * Registers a stepper in the default registry under its name and aliases (idempotent for the
 * same object; a name or alias bound to another stepper throws `STEPPER_DUPLICATE_NAME`).
 * @example
 * ```ts
 * import { defineStepper, register, OK } from "@dyn/steppers";
 * register(defineStepper({
 *   meta: { name: "hold", kind: "map", timeControl: "fixed", scheme: "explicit", family: "iter", order: 1 },
 *   step: (t, dt, y, _r, _p, _w, _s, _c, yProp, tProp, dtNext, errEst) => { yProp.set(y); tProp[0] = t + dt; dtNext[0] = dt; errEst[0] = 0; return OK; },
 * }));
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function register(stepper: Stepper): void {
  defaultRegistry.register(stepper);
}

/**
 * The stepper registered under a canonical name or alias (`getStepper("dopri5").meta.name` is
 * `"rk45"`); unknown names throw `STEPPER_UNKNOWN_STEPPER` with a did-you-mean.
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * console.log(getStepper("dopri5").meta.name); // "rk45"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function getStepper(nameOrAlias: string): Stepper {
  return defaultRegistry.getStepper(nameOrAlias);
}

/**
 * The canonical name for a name or alias — what sessions pin and store (D-9).
 * @example
 * ```ts
 * import { canonicalStepperName } from "@dyn/steppers";
 * console.log(canonicalStepperName("trbdf2a")); // "tr-bdf2a"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function canonicalStepperName(nameOrAlias: string): string {
  return defaultRegistry.canonicalName(nameOrAlias);
}

/**
 * A snapshot of the default registry: every canonical name and alias mapped to its stepper.
 * @example
 * ```ts
 * import { registry } from "@dyn/steppers";
 * console.log(registry().get("iter")?.meta.name); // "map"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function registry(): ReadonlyMap<string, Stepper> {
  return defaultRegistry.registry();
}

/**
 * Registered steppers matching every filter, sorted by canonical name. Unknown filter keys throw.
 * @example
 * ```ts
 * import { selectSteppers } from "@dyn/steppers";
 * console.log(selectSteppers({ stiff: true, timeControl: "adaptive" }).map((s) => s.meta.name)); // ["bdf2a","tr-bdf2a"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function selectSteppers(filters?: StepperFilters): Stepper[] {
  return defaultRegistry.selectSteppers(filters);
}

/**
 * Sorted canonical names of the registered steppers matching every filter.
 * @example
 * ```ts
 * import { listSteppers } from "@dyn/steppers";
 * console.log(listSteppers({ kind: "map" })); // ["hold", "map"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function listSteppers(filters?: StepperFilters): string[] {
  return defaultRegistry.listSteppers(filters);
}
