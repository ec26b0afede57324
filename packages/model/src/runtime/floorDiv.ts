import { signBit } from "./floatBits.ts";

/**
 * Python float floor division `a // b` (CPython `float_floor_div`, = `numpy.floor_divide`):
 * fmod-based, so `1 // 0.1` is 9.0 and `-7 // 2` is −4. A zero divisor gives `a / b`
 * (±inf or NaN) instead of raising (M-7).
 *
 * @example
 * ```ts
 * pyFloorDiv(1, 0.1); // 9
 * pyFloorDiv(-1, Infinity); // -1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyFloorDiv(a: number, b: number): number {
  if (b === 0) return a / b;
  // JS `%` is C fmod: exact, sign of the dividend.
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  }
  if (div !== 0) {
    let floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
    return floorDiv;
  }
  // Zero quotient keeps the sign of the true quotient, as CPython does.
  return signBit(a / b) ? -0 : 0;
}
