/** Parses Python's `float.hex()` output for normal and zero doubles (`0x1.8p+1`, `-0x0.0p+0`). */
export function fromHex(text: string): number {
  const match = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(text);
  if (match === null) throw new Error(`bad hex float ${text}`);
  const [, sign, lead, fraction, exponent] = match as unknown as [string, string, string, string, string];
  // mantissa < 2**53 is exact, and so is the scaling by a power of two for normal results.
  const value = Number(BigInt(`0x${lead}${fraction}`)) * 2 ** (Number(exponent) - fraction.length * 4);
  return sign === "-" ? -value : value;
}
