/**
 * `a ** b` with C99 `pow` semantics, as numpy and the reference's compiled kernels:
 * `Math.pow` returns NaN for `1 ** NaN`, `1 ** ±inf` and `(-1) ** ±inf`, where C returns 1.
 * Everything else is `Math.pow` (negative base with a fractional exponent → NaN,
 * `0 ** -1` → inf).
 *
 * @example
 * ```ts
 * pyPow(1, NaN); // 1
 * pyPow(2, -1); // 0.5
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyPow(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return a ** b;
}
