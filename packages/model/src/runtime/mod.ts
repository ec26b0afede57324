/**
 * Python float modulo `a % b`: the result takes the sign of the divisor (`-7.5 % 2` = 0.5,
 * `7 % -3` = −2), a zero result is signed like the divisor (`0.0 % -3` = −0.0), and a zero
 * divisor gives NaN instead of raising (M-7).
 *
 * @example
 * ```ts
 * pyMod(1, 0.1); // 0.09999999999999995
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyMod(a: number, b: number): number {
  const mod = a % b;
  if (mod !== 0) {
    // NaN also lands here and stays NaN.
    return b < 0 !== mod < 0 ? mod + b : mod;
  }
  return b < 0 ? -0 : 0;
}
