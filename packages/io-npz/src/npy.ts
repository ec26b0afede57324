import { dataMatches, decodeData, dtypeInfo, encodeData, swapBytes } from "./internal/dtype.ts";
import { fail, type Where } from "./internal/fail.ts";
import { fortranToC } from "./internal/order.ts";
import { type NpzLimits, resolveLimits } from "./limits.ts";
import type { NdArray, NpyData } from "./ndarray.ts";
import { formatNpyHeader, parseNpyHeader } from "./npyHeader.ts";

/**
 * Options of {@link readNpy} (and of the npz readers, which read each member with them).
 * @example
 * ```ts
 * import type { ReadNpyOptions } from "@dyn/io-npz";
 * const options: ReadNpyOptions = { order: "C", limits: { maxMemberBytes: 2 ** 20 } };
 * ```
 * @category reading
 * @since 0.1.0
 */
export interface ReadNpyOptions {
  /**
   * `"file"` (default) keeps the element order the file uses and reports it in `fortranOrder`;
   * `"C"` reorders Fortran-order data into C order (an extra copy) and returns `fortranOrder: false`.
   */
  readonly order?: "file" | "C";
  /** Size limits; see {@link NpzLimits}. */
  readonly limits?: NpzLimits;
}

/**
 * Reads `.npy` bytes (format 1.0, 2.0 or 3.0) into an {@link NdArray}. Big-endian data is
 * converted to little-endian; the returned data is a copy that owns its buffer. The data length
 * must equal shape × itemsize exactly.
 *
 * @throws {@link NpzError} with a code such as `NPY_BAD_MAGIC`, `NPY_BAD_HEADER`,
 * `NPY_UNSUPPORTED_DTYPE`, `NPY_OBJECT_DTYPE`, `NPY_DATA_SIZE_MISMATCH`, `NPY_LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { readNpy, writeNpy } from "@dyn/io-npz";
 * const bytes = writeNpy({ dtype: "<i4", shape: [2], data: new Int32Array([7, 8]), fortranOrder: false });
 * readNpy(bytes).data; // Int32Array [7, 8]
 * ```
 * @category reading
 * @since 0.1.0
 */
export function readNpy(bytes: Uint8Array, options: ReadNpyOptions = {}): NdArray {
  return decodeNpy(bytes, resolveLimits(options.limits), options.order ?? "file", { fn: "readNpy" });
}

export function decodeNpy(
  bytes: Uint8Array,
  limits: Required<NpzLimits>,
  order: "file" | "C",
  where: Where,
): NdArray {
  const header = parseNpyHeader(bytes, limits, where);
  const available = bytes.length - header.dataOffset;
  if (available !== header.dataBytes) {
    throw fail(
      "NPY_DATA_SIZE_MISMATCH",
      where,
      `data is ${available} bytes but shape (${header.shape.join(", ")}) × itemsize ${header.info.itemsize} needs ${header.dataBytes}`,
      header.dataOffset,
      available < header.dataBytes
        ? "the file is truncated; re-create it"
        : "the file has trailing bytes; re-create it",
      { expected: header.dataBytes, actual: available },
    );
  }
  const raw = bytes.slice(header.dataOffset);
  if (header.info.bigEndian) swapBytes(raw, header.info.swapUnit);
  let data: NpyData = decodeData(header.info, raw, header.count, where, header.dataOffset);
  let fortranOrder = header.fortranOrder;
  if (fortranOrder && order === "C") {
    data = fortranToC(data, header.shape, header.info.itemsize);
    fortranOrder = false;
  }
  return { dtype: header.dtype, shape: header.shape, data, fortranOrder } as NdArray;
}

/**
 * Writes an {@link NdArray} as `.npy` bytes exactly as NumPy's `numpy.save` would: format 1.0
 * (2.0 if the header needs it), the header padded as NumPy pads it, little-endian data in C order
 * (Fortran-order input is reordered first). Returns a new buffer.
 *
 * @throws {@link NpzError} `INVALID_ARRAY` when dtype, shape and data disagree.
 * @example
 * ```ts
 * import { writeNpy } from "@dyn/io-npz";
 * const bytes = writeNpy({ dtype: "<f8", shape: [3], data: new Float64Array([1, 2, 3]), fortranOrder: false });
 * bytes.length; // 152 (128-byte header + 24 data bytes)
 * ```
 * @category writing
 * @since 0.1.0
 */
export function writeNpy(array: NdArray): Uint8Array {
  return encodeNpy(array, { fn: "writeNpy" });
}

export function encodeNpy(array: NdArray, where: Where): Uint8Array {
  const { info, count } = checkArray(array, where);
  let data: NpyData = array.data;
  if (array.fortranOrder && array.shape.length > 1) data = fortranToC(data, array.shape, info.itemsize);
  const body = encodeData(info, data, count, where);
  const header = formatNpyHeader(info.dtype, array.shape, false);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

function checkArray(array: NdArray, where: Where) {
  if (array === null || typeof array !== "object") {
    throw fail(
      "INVALID_ARRAY",
      where,
      `expected an NdArray object (found ${String(array)})`,
      undefined,
      "pass {dtype, shape, data, fortranOrder}",
    );
  }
  const info = dtypeInfo(String(array.dtype), where);
  if (info.bigEndian || info.dtype !== array.dtype) {
    throw fail(
      "INVALID_ARRAY",
      where,
      `dtype must be written in its little-endian form (found '${String(array.dtype)}', expected '${info.dtype}')`,
      undefined,
      `use dtype '${info.dtype}'`,
    );
  }
  if (!Array.isArray(array.shape) || !array.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail(
      "INVALID_ARRAY",
      where,
      `shape must be an array of non-negative integers (found ${JSON.stringify(array.shape)})`,
      undefined,
      "fix the shape",
    );
  }
  let count = 1;
  for (const d of array.shape) count *= d;
  if (!dataMatches(info, array.data)) {
    const found = Array.isArray(array.data)
      ? "string[]"
      : ((array.data as object | undefined)?.constructor?.name ?? typeof array.data);
    throw fail(
      "INVALID_ARRAY",
      where,
      `data of a '${info.dtype}' array must not be a ${found}`,
      undefined,
      "pass the container NpyDataFor<dtype> names (e.g. Float64Array for <f8, BigInt64Array for <i8, string[] for <U/|S)",
    );
  }
  const expected = count * Math.max(info.lanes, 1);
  if (array.data.length !== expected) {
    throw fail(
      "INVALID_ARRAY",
      where,
      `data has ${array.data.length} elements but shape (${array.shape.join(", ")}) needs ${expected}`,
      undefined,
      "make the data length the shape product (times 2 for complex)",
    );
  }
  return { info, count };
}
