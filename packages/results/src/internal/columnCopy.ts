// Copy kernels for ResultsAccumulator.commit. Each is a small leaf function over typed arrays and
// numbers only, so V8 optimises it once and keeps it: no property access, closure or allocation
// runs per row. Float64Array sources (what the session's runner hands over) get their own
// functions, and so their own type feedback, separate from the generic `ArrayLike` fallbacks
// that tests and other callers use: the hot path never turns polymorphic or megamorphic.
// Contiguous runs go through `TypedArray.prototype.set` (a native memcpy or conversion).

/** `dest[destStart + r] = src[srcStart + r] - shift` for `r < rows`. */
export function copyShifted(
  dest: Float64Array,
  destStart: number,
  src: ArrayLike<number>,
  srcStart: number,
  rows: number,
  shift: number,
): void {
  if (src instanceof Float64Array) {
    // `x - 0` is `x` bit for bit (-0 and NaN included), so an unshifted copy is a plain memcpy.
    if (shift === 0) dest.set(src.subarray(srcStart, srcStart + rows), destStart);
    else subtractF64(dest, destStart, src, srcStart, rows, shift);
  } else {
    subtractAny(dest, destStart, src, srcStart, rows, shift);
  }
}

function subtractF64(
  dest: Float64Array,
  d: number,
  src: Float64Array,
  s: number,
  rows: number,
  shift: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = (src[s + r] as number) - shift;
}

function subtractAny(
  dest: Float64Array,
  d: number,
  src: ArrayLike<number>,
  s: number,
  rows: number,
  shift: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = (src[s + r] as number) - shift;
}

/**
 * `dest[destStart + r] = src[srcStart + r] + offset` for `r < rows`. Always computed (never a
 * memcpy), as `-0 + 0` is `+0`.
 */
export function copyOffset(
  dest: Float64Array,
  destStart: number,
  src: ArrayLike<number>,
  srcStart: number,
  rows: number,
  offset: number,
): void {
  if (src instanceof Float64Array) addF64(dest, destStart, src, srcStart, rows, offset);
  else addAny(dest, destStart, src, srcStart, rows, offset);
}

function addF64(
  dest: Float64Array,
  d: number,
  src: Float64Array,
  s: number,
  rows: number,
  offset: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = (src[s + r] as number) + offset;
}

function addAny(
  dest: Float64Array,
  d: number,
  src: ArrayLike<number>,
  s: number,
  rows: number,
  offset: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = (src[s + r] as number) + offset;
}

/** `dest[destStart + r] = ToInt32(src[srcStart + r])` for `r < rows` (the flags column). */
export function copyInt32(
  dest: Int32Array,
  destStart: number,
  src: ArrayLike<number>,
  srcStart: number,
  rows: number,
): void {
  if (ArrayBuffer.isView(src)) {
    // Typed-array to typed-array `set` converts element by element exactly like an assignment.
    const typed = src as unknown as Float64Array;
    dest.set(typed.subarray(srcStart, srcStart + rows), destStart);
  } else {
    for (let r = 0; r < rows; r++) dest[destStart + r] = src[srcStart + r] as number;
  }
}

/** `dest[destStart + r] = src[srcStart + r * stride]` for `r < rows` (one column of a block). */
export function copyStrided(
  dest: Float64Array,
  destStart: number,
  src: ArrayLike<number>,
  srcStart: number,
  stride: number,
  rows: number,
): void {
  if (src instanceof Float64Array) {
    if (stride === 1) dest.set(src.subarray(srcStart, srcStart + rows), destStart);
    else gatherF64(dest, destStart, src, srcStart, stride, rows);
  } else if (stride === 1 && ArrayBuffer.isView(src)) {
    // Contiguous Float32Array etc.: `set` widens natively.
    const typed = src as unknown as Float32Array;
    dest.set(typed.subarray(srcStart, srcStart + rows), destStart);
  } else {
    gatherAny(dest, destStart, src, srcStart, stride, rows);
  }
}

function gatherF64(
  dest: Float64Array,
  d: number,
  src: Float64Array,
  s: number,
  stride: number,
  rows: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = src[s + r * stride] as number;
}

function gatherAny(
  dest: Float64Array,
  d: number,
  src: ArrayLike<number>,
  s: number,
  stride: number,
  rows: number,
): void {
  for (let r = 0; r < rows; r++) dest[d + r] = src[s + r * stride] as number;
}

/**
 * Three columns at once, `destK[r] = src[srcK + r * stride]` with `destK = dest.subarray(dK)`,
 * in one pass over the rows: a record-major source is read once instead of three times.
 */
export function copyStrided3(
  dest: Float64Array,
  d0: number,
  d1: number,
  d2: number,
  src: ArrayLike<number>,
  s0: number,
  s1: number,
  s2: number,
  stride: number,
  rows: number,
): void {
  if (stride === 1 && ArrayBuffer.isView(src)) {
    copyStrided(dest, d0, src, s0, 1, rows);
    copyStrided(dest, d1, src, s1, 1, rows);
    copyStrided(dest, d2, src, s2, 1, rows);
  } else if (src instanceof Float64Array) {
    gather3F64(dest, d0, d1, d2, src, s0, s1, s2, stride, rows);
  } else {
    gather3Any(dest, d0, d1, d2, src, s0, s1, s2, stride, rows);
  }
}

function gather3F64(
  dest: Float64Array,
  d0: number,
  d1: number,
  d2: number,
  src: Float64Array,
  s0: number,
  s1: number,
  s2: number,
  stride: number,
  rows: number,
): void {
  for (let r = 0; r < rows; r++) {
    const k = r * stride;
    dest[d0 + r] = src[s0 + k] as number;
    dest[d1 + r] = src[s1 + k] as number;
    dest[d2 + r] = src[s2 + k] as number;
  }
}

function gather3Any(
  dest: Float64Array,
  d0: number,
  d1: number,
  d2: number,
  src: ArrayLike<number>,
  s0: number,
  s1: number,
  s2: number,
  stride: number,
  rows: number,
): void {
  for (let r = 0; r < rows; r++) {
    const k = r * stride;
    dest[d0 + r] = src[s0 + k] as number;
    dest[d1 + r] = src[s1 + k] as number;
    dest[d2 + r] = src[s2 + k] as number;
  }
}
