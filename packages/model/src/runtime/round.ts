/**
 * Python's `round`: `round(x)` rounds half to even (`round(2.5)` = 2, `round(-2.5)` = −2)
 * and returns an int (so a zero result is +0); `round(x, n)` rounds the exact binary value of
 * `x` to `n` decimals, ties to even (`round(0.125, 2)` = 0.12 because 0.125 is exact, while
 * `round(2.675, 2)` = 2.67 because 2.675 is stored below the tie). Non-finite values pass
 * through (M-7: `round(inf)` = inf).
 */

/** Largest `n` with an exactly representable `10 ** n`. */
export const MAX_ROUND_DIGITS = 22;

const SPLITTER = 134217729; // 2**27 + 1, Veltkamp splitting constant
const TWO_52 = 4503599627370496;
const TWO_53 = 9007199254740992;

/**
 * `round(x)`: nearest integer, ties to even, as a Python int (no −0).
 *
 * @example
 * ```ts
 * pyRound(2.5); // 2
 * pyRound(3.5); // 4
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for finite x
  let result: number;
  if (diff > 0.5) result = floor + 1;
  else if (diff < 0.5) result = floor;
  else result = floor % 2 === 0 ? floor : floor + 1;
  // NaN / inf: diff is NaN, result = floor = x.
  return diff !== diff ? x : result + 0;
}

/**
 * `round(x, n)` for `0 <= n <= 22`, bit-identical to CPython (which rounds the exact decimal
 * expansion of `x` half to even, then converts back with correct rounding). The product
 * `x * 10**n` is formed exactly as a double-double (Dekker), rounded half-even, and divided
 * by `10**n` (a correctly rounded division of two exact values). A zero result keeps the sign
 * of `x`, as Python's float result does.
 *
 * @param digits - integer in `[0, MAX_ROUND_DIGITS]` (checked at load).
 * @example
 * ```ts
 * pyRoundDigits(0.125, 2); // 0.12
 * pyRoundDigits(2.675, 2); // 2.67
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyRoundDigits(x: number, digits: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return x;
  const ax = Math.abs(x);
  // Doubles of 2**52 or more are integers: no decimal digits to round.
  if (ax >= TWO_52) return x;
  const scale = POWERS_OF_TEN[digits] as number;
  const hi = ax * scale;
  // From 2**53 on, ulp(x) > 10**-n: the rounded decimal is nearer to x than any other double.
  if (hi >= TWO_53) return x;
  if (hi < 0.25) return x < 0 ? -0 : 0;
  // Exact product ax * scale = hi + lo (Dekker's two-product, no FMA in JS).
  let c = SPLITTER * ax;
  const aHigh = c - (c - ax);
  const aLow = ax - aHigh;
  c = SPLITTER * scale;
  const sHigh = c - (c - scale);
  const sLow = scale - sHigh;
  const lo = aHigh * sHigh - hi + aHigh * sLow + aLow * sHigh + aLow * sLow;
  const floor = Math.floor(hi);
  // (hi - floor) - 0.5 is exact; compare it with -lo to place hi + lo against the tie exactly.
  const distance = hi - floor - 0.5;
  let q: number;
  if (distance > -lo) q = floor + 1;
  else if (distance < -lo) q = floor;
  else q = floor % 2 === 0 ? floor : floor + 1;
  const result = q / scale;
  return x < 0 ? -result : result;
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: MAX_ROUND_DIGITS + 1 }, (_, k) =>
  Number(`1e${k}`),
);
