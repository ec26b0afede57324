import { signBit } from "./floatBits.ts";

/**
 * `math.copysign(x, y)`: |x| with the sign bit of `y`, honouring −0 and signed NaNs.
 *
 * @example
 * ```ts
 * pyCopysign(1, -0); // -1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyCopysign(x: number, y: number): number {
  const magnitude = Math.abs(x);
  return signBit(y) ? -magnitude : magnitude;
}
