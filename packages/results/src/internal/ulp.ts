const scratch = new DataView(new ArrayBuffer(8));

/**
 * Spacing between `x` and the next float64 away from zero (numpy's `spacing` for positive
 * input). NaN for non-finite input, so comparisons against it are false.
 */
export function ulpOf(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return Number.NaN;
  if (a === Number.MAX_VALUE) return a - 1.7976931348623155e308;
  scratch.setFloat64(0, a);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  // Incrementing the 64-bit pattern of a positive finite double gives the next double up.
  if (lo === 0xffffffff) {
    scratch.setUint32(0, hi + 1);
    scratch.setUint32(4, 0);
  } else {
    scratch.setUint32(4, lo + 1);
  }
  return scratch.getFloat64(0) - a;
}

/** The stitching tolerance of session-semantics §7.1: one ULP of max(|a|, |b|, 1). */
export function stitchTolerance(a: number, b: number): number {
  return ulpOf(Math.max(Math.abs(a), Math.abs(b), 1));
}
