/**
 * Access to the raw words of a double without allocating: one shared 8-byte buffer, viewed as
 * a float and as two 32-bit integers. Used by helpers that need the sign bit (`copysign` on
 * NaN and −0) or fdlibm's high word (`erf`). Not re-entrant across await points (none here).
 */
const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
// Which 32-bit half holds the sign/exponent depends on platform endianness.
scratch[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * High 32-bit word of `x` (sign, exponent, top 20 mantissa bits) as a signed integer, as
 * fdlibm's `__HI(x)`.
 *
 * @example
 * ```ts
 * highWord(1); // 0x3ff00000
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function highWord(x: number): number {
  scratch[0] = x;
  return words[HIGH] as number;
}

/**
 * `x` with its low 32-bit word cleared, as fdlibm's `SET_LOW_WORD(z, 0)`.
 *
 * @example
 * ```ts
 * withLowWordCleared(1 / 3) !== 1 / 3; // true
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function withLowWordCleared(x: number): number {
  scratch[0] = x;
  words[LOW] = 0;
  return scratch[0] as number;
}

/**
 * True when the sign bit of `x` is set (−0, negative numbers, NaNs with the sign bit).
 *
 * @example
 * ```ts
 * signBit(-0); // true
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function signBit(x: number): boolean {
  scratch[0] = x;
  return (words[HIGH] as number) < 0;
}
