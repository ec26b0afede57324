import { didYouMean, sortedNames } from "@dyn/core";
import { STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
import type { Stepper, StepperCaps, StepperMeta } from "./types.ts";

/**
 * Filters for {@link StepperRegistry.selectSteppers}: any scalar meta or caps field (compared
 * with `===`), a `namePattern` (a RegExp, or a shell-style glob with `*` and `?` matched against
 * the canonical name) and a `predicate`.
 * @category steppers
 * @since 0.1.0
 */
export type StepperFilters = Partial<
  Pick<
    StepperMeta,
    "name" | "kind" | "timeControl" | "scheme" | "family" | "order" | "embeddedOrder" | "stiff"
  >
> &
  Partial<StepperCaps> & {
    readonly namePattern?: string | RegExp;
    readonly predicate?: (stepper: Stepper) => boolean;
  };

/**
 * A set of registered steppers, keyed by canonical name and alias.
 * @category steppers
 * @since 0.1.0
 */
export interface StepperRegistry {
  /** Files `stepper` under its name and aliases; throws if one is bound to another stepper. */
  register(stepper: Stepper): void;
  /** The stepper registered under `nameOrAlias`; throws `STEPPER_UNKNOWN_STEPPER` otherwise. */
  getStepper(nameOrAlias: string): Stepper;
  /** The canonical name for `nameOrAlias` (throws when unknown). */
  canonicalName(nameOrAlias: string): string;
  /** True when `nameOrAlias` is registered. */
  has(nameOrAlias: string): boolean;
  /** A snapshot map of every key (canonical names and aliases) to its stepper. */
  registry(): ReadonlyMap<string, Stepper>;
  /** Steppers matching all filters, sorted by canonical name (code-point order). */
  selectSteppers(filters?: StepperFilters): Stepper[];
  /** Canonical names of the steppers matching all filters, sorted. */
  listSteppers(filters?: StepperFilters): string[];
}

const META_KEYS = [
  "name",
  "kind",
  "timeControl",
  "scheme",
  "family",
  "order",
  "embeddedOrder",
  "stiff",
] as const;
const CAPS_KEYS = ["denseOutput", "jacobian", "jitCapable", "requiresScipy", "variationalStepping"] as const;
const SPECIAL_KEYS = ["namePattern", "predicate"] as const;
const ALL_FILTER_KEYS: readonly string[] = [...META_KEYS, ...CAPS_KEYS, ...SPECIAL_KEYS];

function globToRegExp(glob: string): RegExp {
  let source = "";
  for (const ch of glob) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Creates an empty, isolated stepper registry (tests, sandboxes, alternative stepper sets).
 *
 * **When to use:** the module-level functions (`register`, `getStepper`, …) work on the default
 * registry that already holds the built-ins; create your own to avoid touching it.
 *
 * @example
 * ```ts
 * import { createRegistry, getStepper } from "@dyn/steppers";
 * const reg = createRegistry();
 * reg.register(getStepper("rk4"));
 * console.log(reg.getStepper("classical_rk4").meta.name, reg.listSteppers()); // "rk4" ["rk4"]
 * ```
 * @category constructors
 * @since 0.1.0
 */
export function createRegistry(initial: Iterable<Stepper> = []): StepperRegistry {
  const byKey = new Map<string, Stepper>();
  const canonical = new Map<string, Stepper>();

  const resolve = (nameOrAlias: string, where: string): Stepper => {
    const found = byKey.get(nameOrAlias);
    if (found !== undefined) return found;
    const suggestion = didYouMean(nameOrAlias, byKey.keys());
    throw new StepperError({
      code: STEPPER_ERROR_CODES.UNKNOWN_STEPPER,
      message:
        `${where}: unknown stepper '${nameOrAlias}'` +
        (suggestion === undefined ? "" : `; did you mean '${suggestion}'?`) +
        ` Registered: ${sortedNames(canonical.keys()).join(", ")}`,
      details: { name: nameOrAlias, ...(suggestion === undefined ? {} : { suggestion }) },
    });
  };

  const selectSteppers = (filters: StepperFilters = {}): Stepper[] => {
    for (const key of Object.keys(filters)) {
      if (!ALL_FILTER_KEYS.includes(key)) {
        const suggestion = didYouMean(key, ALL_FILTER_KEYS);
        throw new StepperError({
          code: STEPPER_ERROR_CODES.UNKNOWN_FILTER,
          message:
            `selectSteppers: unknown filter key '${key}'` +
            (suggestion === undefined ? "" : `; did you mean '${suggestion}'?`) +
            ` Valid keys: ${ALL_FILTER_KEYS.join(", ")}`,
          details: { field: key, ...(suggestion === undefined ? {} : { suggestion }) },
        });
      }
    }
    const pattern =
      filters.namePattern === undefined
        ? undefined
        : typeof filters.namePattern === "string"
          ? globToRegExp(filters.namePattern)
          : filters.namePattern;
    const out: Stepper[] = [];
    for (const name of sortedNames(canonical.keys())) {
      const stepper = canonical.get(name)!;
      if (pattern !== undefined && !pattern.test(name)) continue;
      let ok = true;
      for (const key of META_KEYS) {
        if (filters[key] !== undefined && stepper.meta[key] !== filters[key]) ok = false;
      }
      for (const key of CAPS_KEYS) {
        if (filters[key] !== undefined && stepper.meta.caps[key] !== filters[key]) ok = false;
      }
      if (ok && filters.predicate !== undefined && !filters.predicate(stepper)) ok = false;
      if (ok) out.push(stepper);
    }
    return out;
  };

  const reg: StepperRegistry = {
    register(stepper) {
      const keys = [stepper.meta.name, ...stepper.meta.aliases];
      for (const key of keys) {
        const bound = byKey.get(key);
        if (bound !== undefined && bound !== stepper) {
          throw new StepperError({
            code: STEPPER_ERROR_CODES.DUPLICATE_NAME,
            message: `register: '${key}' is already bound to stepper '${bound.meta.name}'; choose another name or alias for '${stepper.meta.name}'`,
            details: { name: key, existing: bound.meta.name, incoming: stepper.meta.name },
          });
        }
      }
      if (new Set(keys).size !== keys.length) {
        throw new StepperError({
          code: STEPPER_ERROR_CODES.DUPLICATE_NAME,
          message: `register: stepper '${stepper.meta.name}' lists the same name twice among its name and aliases (${keys.join(", ")})`,
          details: { name: stepper.meta.name },
        });
      }
      for (const key of keys) byKey.set(key, stepper);
      canonical.set(stepper.meta.name, stepper);
    },
    getStepper: (nameOrAlias) => resolve(nameOrAlias, "getStepper"),
    canonicalName: (nameOrAlias) => resolve(nameOrAlias, "canonicalName").meta.name,
    has: (nameOrAlias) => byKey.has(nameOrAlias),
    registry: () => new Map(byKey),
    selectSteppers,
    listSteppers: (filters) => selectSteppers(filters).map((s) => s.meta.name),
  };
  for (const stepper of initial) reg.register(stepper);
  return reg;
}
