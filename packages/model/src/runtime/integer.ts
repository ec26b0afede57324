/**
 * Conversions that produce a Python `int` from a float: `int(x)` and `math.trunc` truncate
 * toward zero, `math.floor`/`math.ceil` round down/up. A Python int has no negative zero, so
 * a zero result is +0 (`int(-0.5)` = 0, `math.ceil(-0.5)` = 0). Non-finite input passes
 * through instead of raising (M-7: `int(nan)` = NaN).
 */

/**
 * `int(x)` / `math.trunc(x)`: truncation toward zero, zero results as +0.
 *
 * @example
 * ```ts
 * pyTrunc(-2.7); // -2
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyTrunc(x: number): number {
  return Math.trunc(x) + 0;
}

/**
 * `math.floor(x)` as a Python int (zero results as +0).
 *
 * @example
 * ```ts
 * pyFloor(-0.5); // -1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyFloor(x: number): number {
  return Math.floor(x) + 0;
}

/**
 * `math.ceil(x)` as a Python int (zero results as +0: `ceil(-0.5)` = 0).
 *
 * @example
 * ```ts
 * Object.is(pyCeil(-0.5), 0); // true
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyCeil(x: number): number {
  return Math.ceil(x) + 0;
}
