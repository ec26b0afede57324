/**
 * The callable names of the expression language (model-dsl.md §3.3) and their arities.
 * Shared by the identifier check and the lowering.
 */

/**
 * Math functions (the `math.` prefix is optional) and Python builtins: name → [min, max] arity.
 * @internal
 */
export const MATH_FUNCTIONS: ReadonlyMap<string, readonly [number, number]> = new Map<
  string,
  readonly [number, number]
>([
  ["abs", [1, 1]],
  ["min", [2, Infinity]],
  ["max", [2, Infinity]],
  ["round", [1, 2]],
  ["exp", [1, 1]],
  ["expm1", [1, 1]],
  ["log", [1, 2]],
  ["log10", [1, 1]],
  ["log2", [1, 1]],
  ["log1p", [1, 1]],
  ["sqrt", [1, 1]],
  ["sin", [1, 1]],
  ["cos", [1, 1]],
  ["tan", [1, 1]],
  ["asin", [1, 1]],
  ["acos", [1, 1]],
  ["atan", [1, 1]],
  ["atan2", [2, 2]],
  ["sinh", [1, 1]],
  ["cosh", [1, 1]],
  ["tanh", [1, 1]],
  ["asinh", [1, 1]],
  ["acosh", [1, 1]],
  ["atanh", [1, 1]],
  ["floor", [1, 1]],
  ["ceil", [1, 1]],
  ["trunc", [1, 1]],
  ["hypot", [0, Infinity]],
  ["copysign", [2, 2]],
  ["erf", [1, 1]],
  ["erfc", [1, 1]],
  ["int", [1, 1]],
  ["float", [1, 1]],
  ["bool", [1, 1]],
]);

/**
 * Scalar macros: name → arity. `step` is an alias of `heaviside`.
 * @internal
 */
export const SCALAR_MACROS: ReadonlyMap<string, number> = new Map([
  ["sign", 1],
  ["heaviside", 1],
  ["step", 1],
  ["relu", 1],
  ["clip", 3],
  ["approx", 3],
]);

/**
 * Event macros: name → arity. All but `in_interval` take a bare state first and read its lag.
 * @internal
 */
export const EVENT_MACROS: ReadonlyMap<string, number> = new Map([
  ["cross_up", 2],
  ["cross_down", 2],
  ["cross_either", 2],
  ["changed", 1],
  ["increasing", 1],
  ["decreasing", 1],
  ["enters_interval", 3],
  ["leaves_interval", 3],
  ["in_interval", 3],
]);

/**
 * Callees handled specially by the lowering.
 * @internal
 */
export const SPECIAL_CALLEES: ReadonlySet<string> = new Set(["sum", "prod", "range", "len"]);

/**
 * `math.NAME` values.
 * @internal
 */
export const MATH_VALUES: ReadonlyMap<string, number> = new Map([
  ["pi", Math.PI],
  ["e", Math.E],
  ["tau", 2 * Math.PI],
  ["inf", Infinity],
  ["nan", Number.NaN],
]);

/**
 * Deepest lag `lag_x(k)` accepted (§3.3).
 * @internal
 */
export const MAX_LAG_DEPTH = 1000;

/**
 * True when `name` is callable by the language itself (not a user function).
 * @internal
 */
export function isBuiltinCallable(name: string): boolean {
  return (
    MATH_FUNCTIONS.has(name) || SCALAR_MACROS.has(name) || EVENT_MACROS.has(name) || SPECIAL_CALLEES.has(name)
  );
}
