// The monotonicity scan of ResultsAccumulator.stage as leaf functions over a typed array (or the
// generic fallback), so the O(rows) loop stays optimised across calls and allocates nothing.

/**
 * First `i` in `[from, n)` where `t[i] - shift` is below the previous value (`prev` for
 * `i = from`, else `t[i - 1] - shift`), or -1. Comparisons with NaN are false, as before.
 * The caller decides whether that step back exceeds the stitching tolerance.
 */
export function firstStepBack(
  t: ArrayLike<number>,
  from: number,
  n: number,
  shift: number,
  prev: number,
): number {
  return t instanceof Float64Array
    ? firstStepBackF64(t, from, n, shift, prev)
    : firstStepBackAny(t, from, n, shift, prev);
}

function firstStepBackF64(t: Float64Array, from: number, n: number, shift: number, prev: number): number {
  for (let i = from; i < n; i++) {
    const cur = (t[i] as number) - shift;
    if (cur < prev) return i;
    prev = cur;
  }
  return -1;
}

function firstStepBackAny(
  t: ArrayLike<number>,
  from: number,
  n: number,
  shift: number,
  prev: number,
): number {
  for (let i = from; i < n; i++) {
    const cur = (t[i] as number) - shift;
    if (cur < prev) return i;
    prev = cur;
  }
  return -1;
}
