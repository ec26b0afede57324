/** Parsing NumPy descr strings and converting between raw little-endian bytes and typed arrays. */
import type { NpyData, NpyDtype } from "../ndarray.ts";
import { fail, type Where } from "./fail.ts";

export type DtypeKind = "b" | "i" | "u" | "f" | "c" | "U" | "S";

export interface DtypeInfo {
  readonly kind: DtypeKind;
  /** Bytes per element. */
  readonly itemsize: number;
  /** Bytes per byte-swapped unit (a complex number swaps its two halves separately). */
  readonly swapUnit: number;
  readonly bigEndian: boolean;
  /** The little-endian descr our arrays carry. */
  readonly dtype: NpyDtype;
  /** Typed-array elements per array element (2 for complex, 0 for strings). */
  readonly lanes: number;
}

const NUMERIC_SIZES: Readonly<Record<string, readonly number[]>> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8],
  c: [8, 16],
};

/** Longest string width accepted: keeps itemsize arithmetic exact (NumPy caps near 2^31 too). */
const MAX_STRING_WIDTH = 2 ** 28;

export function dtypeInfo(descr: string, where: Where): DtypeInfo {
  const m = /^([<>|=]?)([biufcUSOVMmaq?])(\d*)(\[\w+\])?$/.exec(descr);
  const fix = "supported dtypes: |b1 i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 c8 c16 U<n> S<n> in either byte order";
  if (m === null) {
    throw fail("NPY_UNSUPPORTED_DTYPE", where, `unsupported dtype ${JSON.stringify(descr)}`, undefined, fix, {
      descr,
    });
  }
  const order = m[1] as string;
  const kind = m[2] as string;
  if (kind === "O") {
    throw fail(
      "NPY_OBJECT_DTYPE",
      where,
      `object arrays cannot be loaded without pickle (dtype ${JSON.stringify(descr)})`,
      undefined,
      "save the array with a numeric or string dtype; pickled data is never executed (NumPy's allow_pickle=False)",
      { descr },
    );
  }
  const digits = m[3] as string;
  const size = digits === "" ? Number.NaN : Number(digits);
  const bigEndian = order === ">";
  if ((kind === "U" || kind === "S") && m[4] === undefined && size >= 1 && size <= MAX_STRING_WIDTH) {
    if (kind === "U")
      return { kind, itemsize: 4 * size, swapUnit: 4, bigEndian, dtype: `<U${size}`, lanes: 0 };
    return { kind, itemsize: size, swapUnit: 1, bigEndian: false, dtype: `|S${size}`, lanes: 0 };
  }
  const sizes = NUMERIC_SIZES[kind];
  if (sizes?.includes(size) && m[4] === undefined) {
    const k = kind as DtypeKind;
    const swapUnit = k === "c" ? size / 2 : size;
    const dtype = (size === 1 ? `|${kind}1` : `<${kind}${size}`) as NpyDtype;
    return {
      kind: k,
      itemsize: size,
      swapUnit,
      bigEndian: bigEndian && swapUnit > 1,
      dtype,
      lanes: k === "c" ? 2 : 1,
    };
  }
  throw fail("NPY_UNSUPPORTED_DTYPE", where, `unsupported dtype ${JSON.stringify(descr)}`, undefined, fix, {
    descr,
  });
}

/** Reverses every `unit`-byte group of `bytes` in place. */
export function swapBytes(bytes: Uint8Array, unit: number): void {
  for (let at = 0; at + unit <= bytes.length; at += unit) {
    for (let i = at, j = at + unit - 1; i < j; i++, j--) {
      const t = bytes[i] as number;
      bytes[i] = bytes[j] as number;
      bytes[j] = t;
    }
  }
}

/**
 * Turns little-endian element bytes (owned by the caller, not reused) into the array's data.
 * Numeric data views `bytes.buffer` when it is aligned, else copies.
 */
export function decodeData(
  info: DtypeInfo,
  bytes: Uint8Array,
  count: number,
  where: Where,
  offset: number,
): NpyData {
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const buf = aligned.buffer;
  const off = aligned.byteOffset;
  const n = count * info.lanes;
  switch (info.kind) {
    case "b":
      return new Uint8Array(buf, off, n);
    case "i":
      if (info.itemsize === 1) return new Int8Array(buf, off, n);
      if (info.itemsize === 2) return new Int16Array(buf, off, n);
      if (info.itemsize === 4) return new Int32Array(buf, off, n);
      return new BigInt64Array(buf, off, n);
    case "u":
      if (info.itemsize === 1) return new Uint8Array(buf, off, n);
      if (info.itemsize === 2) return new Uint16Array(buf, off, n);
      if (info.itemsize === 4) return new Uint32Array(buf, off, n);
      return new BigUint64Array(buf, off, n);
    case "f":
      if (info.itemsize === 2) return new Uint16Array(buf, off, n);
      if (info.itemsize === 4) return new Float32Array(buf, off, n);
      return new Float64Array(buf, off, n);
    case "c":
      return info.itemsize === 8 ? new Float32Array(buf, off, n) : new Float64Array(buf, off, n);
    case "S":
      return decodeByteStrings(bytes, count, info.itemsize);
    case "U":
      return decodeUnicode(bytes, count, info.itemsize / 4, where, offset);
  }
}

function decodeByteStrings(bytes: Uint8Array, count: number, width: number): string[] {
  const out: string[] = [];
  for (let e = 0; e < count; e++) {
    let end = (e + 1) * width;
    while (end > e * width && bytes[end - 1] === 0) end--;
    let s = "";
    for (let i = e * width; i < end; i++) s += String.fromCharCode(bytes[i] as number);
    out.push(s);
  }
  return out;
}

function decodeUnicode(
  bytes: Uint8Array,
  count: number,
  width: number,
  where: Where,
  offset: number,
): string[] {
  const out: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let e = 0; e < count; e++) {
    let end = width;
    while (end > 0 && view.getUint32((e * width + end - 1) * 4, true) === 0) end--;
    const points: number[] = [];
    for (let i = 0; i < end; i++) {
      const cp = view.getUint32((e * width + i) * 4, true);
      if (cp > 0x10ffff) {
        throw fail(
          "NPY_BAD_DATA",
          where,
          `string element ${e} holds code point 0x${cp.toString(16)}, above U+10FFFF`,
          offset + (e * width + i) * 4,
          "the file is corrupt; re-create it",
        );
      }
      points.push(cp);
    }
    let s = "";
    for (let i = 0; i < points.length; i += 4096) s += String.fromCodePoint(...points.slice(i, i + 4096));
    out.push(s);
  }
  return out;
}

/** Little-endian bytes of `data` for `info` (a new buffer for strings, a view for numeric data). */
export function encodeData(info: DtypeInfo, data: NpyData, count: number, where: Where): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const width = info.kind === "U" ? info.itemsize / 4 : info.itemsize;
  const out = new Uint8Array(count * info.itemsize);
  const view = new DataView(out.buffer);
  for (let e = 0; e < count; e++) {
    const s = data[e];
    if (typeof s !== "string") {
      throw fail(
        "INVALID_ARRAY",
        where,
        `element ${e} of a ${info.dtype} array is not a string (${typeof s})`,
        undefined,
        "pass string[] data",
      );
    }
    if (info.kind === "S") {
      if (s.length > width) throw tooLong(info, e, s, where);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 0xff) {
          throw fail(
            "INVALID_ARRAY",
            where,
            `element ${e} of a ${info.dtype} array has char U+${c.toString(16).padStart(4, "0")}, above U+00FF`,
            undefined,
            "S strings hold bytes: use a <U dtype for text",
          );
        }
        out[e * width + i] = c;
      }
    } else {
      let i = 0;
      for (const ch of s) {
        if (i >= width) throw tooLong(info, e, s, where);
        view.setUint32((e * width + i) * 4, ch.codePointAt(0) as number, true);
        i++;
      }
    }
  }
  return out;
}

function tooLong(info: DtypeInfo, e: number, s: string, where: Where): Error {
  return fail(
    "INVALID_ARRAY",
    where,
    `element ${e} of a ${info.dtype} array is too long (${JSON.stringify(s.slice(0, 40))})`,
    undefined,
    "widen the dtype (e.g. <U64) or shorten the string",
  );
}

/** True when `data` is the container {@link NpyDataFor} prescribes for `info`. */
export function dataMatches(info: DtypeInfo, data: unknown): boolean {
  const k = Math.log2(info.itemsize);
  switch (info.kind) {
    case "b":
      return data instanceof Uint8Array;
    case "i":
      return (
        [
          data instanceof Int8Array,
          data instanceof Int16Array,
          data instanceof Int32Array,
          data instanceof BigInt64Array,
        ][k] === true
      );
    case "u":
      return (
        [
          data instanceof Uint8Array,
          data instanceof Uint16Array,
          data instanceof Uint32Array,
          data instanceof BigUint64Array,
        ][k] === true
      );
    case "f":
      return info.itemsize === 2
        ? data instanceof Uint16Array
        : info.itemsize === 4
          ? data instanceof Float32Array
          : data instanceof Float64Array;
    case "c":
      return info.itemsize === 8 ? data instanceof Float32Array : data instanceof Float64Array;
    case "S":
    case "U":
      return Array.isArray(data);
  }
}
