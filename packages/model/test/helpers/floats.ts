/** Test helpers for exact float comparisons. */

/** Parse Python's `float.hex()` output (`0x1.8p+1`, `-0x0.0p+0`, `inf`, `nan`). */
export function fromHex(text: string): number {
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  if (text === "nan" || text === "-nan") return Number.NaN;
  const match = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(text);
  if (match === null) throw new Error(`bad hex float ${text}`);
  const [, sign, lead, fraction, exponent] = match as unknown as [string, string, string, string, string];
  const mantissa = BigInt(`0x${lead}${fraction}`);
  const shift = Number(exponent) - fraction.length * 4;
  // mantissa * 2**shift, exactly (mantissa < 2**53, so only the power of two rounds, and it is exact).
  let value = Number(mantissa);
  value = shift >= -1022 ? value * 2 ** shift : value * 2 ** -1022 * 2 ** (shift + 1022);
  return sign === "-" ? -value : value;
}

/** Distance in units in the last place between two doubles of the same sign (0 when identical). */
export function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b) || a === b) return 0;
  const view = new Float64Array([a, b]);
  const bits = new BigInt64Array(view.buffer);
  const difference = (bits[0] as bigint) - (bits[1] as bigint);
  return Number(difference < 0n ? -difference : difference);
}
