import { u16, u32 } from "./internal/bytes.ts";
import { type DtypeInfo, dtypeInfo } from "./internal/dtype.ts";
import { fail, type Where } from "./internal/fail.ts";
import { PyLiteralError, type PyValue, parsePyLiteral } from "./internal/pyLiteral.ts";
import { type NpzLimits, resolveLimits } from "./limits.ts";
import type { NpyDtype } from "./ndarray.ts";

/** The 6 magic bytes every `.npy` file starts with (`\x93NUMPY`). Internal: exported arrays could be mutated. */
export const NPY_MAGIC: Uint8Array = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** NumPy aligns the data start (magic + length + header) to this many bytes. */
const ARRAY_ALIGN = 64;
/** NumPy leaves room for the growth axis to reach this many digits (format.py GROWTH_AXIS_MAX_DIGITS). */
const GROWTH_AXIS_MAX_DIGITS = 21;

/**
 * What a `.npy` header says, as {@link readNpyHeader} returns it.
 * @example
 * ```ts
 * import { readNpyHeader, writeNpy } from "@dyn/io-npz";
 * const h = readNpyHeader(writeNpy({ dtype: "<f8", shape: [3], data: new Float64Array(3), fortranOrder: false }));
 * h.descr; // "<f8"
 * h.dataOffset; // 128
 * ```
 * @category reading
 * @since 0.1.0
 */
export interface NpyHeader {
  /** Format version `[major, minor]`: `[1, 0]`, `[2, 0]` or `[3, 0]`. */
  readonly version: readonly [number, number];
  /** The descr exactly as the file states it (e.g. `">f4"`). */
  readonly descr: string;
  /** The dtype the data is converted to on read (always little-endian, e.g. `"<f4"`). */
  readonly dtype: NpyDtype;
  /** True when the file stores multi-byte elements big-endian. */
  readonly bigEndian: boolean;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
  /** Byte offset where the element data starts. */
  readonly dataOffset: number;
  /** Bytes of element data the header implies (shape product × itemsize). */
  readonly dataBytes: number;
}

/** Header plus the internal dtype facts the reader needs. */
export interface ParsedNpyHeader extends NpyHeader {
  readonly info: DtypeInfo;
  readonly count: number;
}

/**
 * Parses the header of `.npy` bytes without touching the data. Checks the magic, version, header
 * syntax and keys (exactly `descr`, `fortran_order`, `shape`), the dtype, and that shape × itemsize
 * stays within `limits.maxMemberBytes`; throws {@link NpzError} otherwise.
 *
 * @example
 * ```ts
 * import { readNpyHeader, writeNpy } from "@dyn/io-npz";
 * readNpyHeader(writeNpy({ dtype: "|u1", shape: [2, 2], data: new Uint8Array(4), fortranOrder: false })).shape; // [2, 2]
 * ```
 * @category reading
 * @since 0.1.0
 */
export function readNpyHeader(bytes: Uint8Array, options: { readonly limits?: NpzLimits } = {}): NpyHeader {
  const {
    info: _info,
    count: _count,
    ...header
  } = parseNpyHeader(bytes, resolveLimits(options.limits), { fn: "readNpyHeader" });
  return header;
}

export function parseNpyHeader(
  bytes: Uint8Array,
  limits: Required<NpzLimits>,
  where: Where,
): ParsedNpyHeader {
  if (bytes.length < 8) {
    if (!startsWithMagic(bytes)) throw badMagic(bytes, where);
    throw fail(
      "NPY_TRUNCATED",
      where,
      `file ends after ${bytes.length} bytes, inside the magic and version`,
      bytes.length,
      "the file is incomplete; re-create it",
    );
  }
  if (!startsWithMagic(bytes)) throw badMagic(bytes, where);
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw fail(
      "NPY_UNSUPPORTED_VERSION",
      where,
      `unsupported .npy format version ${major}.${minor}`,
      6,
      "only versions 1.0, 2.0 and 3.0 exist; re-save the array with NumPy",
    );
  }
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthSize) {
    throw fail(
      "NPY_TRUNCATED",
      where,
      `file ends after ${bytes.length} bytes, inside the header length`,
      bytes.length,
      "the file is incomplete; re-create it",
    );
  }
  const headerLength = lengthSize === 2 ? u16(bytes, 8) : u32(bytes, 8);
  const headerStart = 8 + lengthSize;
  if (headerLength > limits.maxHeaderBytes) {
    throw fail(
      "NPY_LIMIT_EXCEEDED",
      where,
      `header declares ${headerLength} bytes, above maxHeaderBytes (${limits.maxHeaderBytes})`,
      8,
      "raise limits.maxHeaderBytes if the file is trusted",
      { limit: "maxHeaderBytes", value: headerLength },
    );
  }
  if (bytes.length < headerStart + headerLength) {
    throw fail(
      "NPY_TRUNCATED",
      where,
      `file ends after ${bytes.length} bytes, inside a header that should end at byte ${headerStart + headerLength}`,
      bytes.length,
      "the file is incomplete; re-create it",
    );
  }
  const raw = bytes.subarray(headerStart, headerStart + headerLength);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch (cause) {
      throw fail(
        "NPY_BAD_HEADER",
        where,
        "version 3.0 header is not valid UTF-8",
        headerStart,
        "the file is corrupt; re-create it",
        {},
        cause,
      );
    }
  } else {
    text = latin1(raw);
  }
  const header = headerDict(text, headerStart, where);
  const descrValue = header.get("descr");
  if (typeof descrValue !== "string") {
    if (Array.isArray(descrValue)) {
      throw fail(
        "NPY_UNSUPPORTED_DTYPE",
        where,
        "structured (record) dtypes are not supported",
        headerStart,
        "save each field as its own array",
      );
    }
    throw badHeader(where, headerStart, `'descr' must be a string (found ${pyRepr(descrValue)})`);
  }
  const fortran = header.get("fortran_order");
  if (typeof fortran !== "boolean")
    throw badHeader(where, headerStart, `'fortran_order' must be True or False (found ${pyRepr(fortran)})`);
  const shapeValue = header.get("shape");
  if (shapeValue === null || typeof shapeValue !== "object" || !("tuple" in shapeValue)) {
    throw badHeader(where, headerStart, `'shape' must be a tuple (found ${pyRepr(shapeValue)})`);
  }
  const info = dtypeInfo(descrValue, where);
  const shape: number[] = [];
  let dataBytes = info.itemsize;
  let count = 1;
  for (const dim of shapeValue.tuple) {
    if (typeof dim !== "bigint" || dim < 0n) {
      throw badHeader(
        where,
        headerStart,
        `'shape' entries must be non-negative ints (found ${pyRepr(shapeValue)})`,
      );
    }
    shape.push(Number(dim));
  }
  // Exact product check against the limit, in bigint so that no dimension can overflow it.
  let bigBytes = BigInt(info.itemsize);
  for (const dim of shapeValue.tuple) bigBytes *= dim as bigint;
  if (bigBytes > BigInt(limits.maxMemberBytes)) {
    throw fail(
      "NPY_LIMIT_EXCEEDED",
      where,
      `shape (${shape.join(", ")}) × itemsize ${info.itemsize} needs ${bigBytes} bytes, above maxMemberBytes (${limits.maxMemberBytes})`,
      headerStart,
      "raise limits.maxMemberBytes if the file is trusted",
      { limit: "maxMemberBytes", value: Number(bigBytes) },
    );
  }
  for (const d of shape) count *= d;
  dataBytes = Number(bigBytes);
  return {
    version: [major, minor],
    descr: descrValue,
    dtype: info.dtype,
    bigEndian: info.bigEndian,
    shape,
    fortranOrder: fortran,
    dataOffset: headerStart + headerLength,
    dataBytes,
    info,
    count,
  };
}

function headerDict(text: string, headerStart: number, where: Where): ReadonlyMap<string, PyValue> {
  let value: PyValue;
  try {
    value = parsePyLiteral(text);
  } catch (err) {
    if (err instanceof PyLiteralError) {
      throw badHeader(where, headerStart + err.at, `header is not a Python literal: ${err.message}`);
    }
    throw err;
  }
  if (!(value instanceof Map))
    throw badHeader(where, headerStart, `header is not a dict (${JSON.stringify(text.slice(0, 40))})`);
  const keys = [...value.keys()].sort();
  if (keys.join(",") !== "descr,fortran_order,shape") {
    throw badHeader(
      where,
      headerStart,
      `header does not contain the correct keys (found ${JSON.stringify(keys)}; expected descr, fortran_order, shape)`,
    );
  }
  return value;
}

function badHeader(where: Where, offset: number, what: string): Error {
  return fail(
    "NPY_BAD_HEADER",
    where,
    what,
    offset,
    "the header is not one NumPy writes; re-save the array with numpy.save",
  );
}

function badMagic(bytes: Uint8Array, where: Where): Error {
  const seen = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return fail(
    "NPY_BAD_MAGIC",
    where,
    `not a .npy file: magic is [${seen}], expected [93 4e 55 4d 50 59]`,
    0,
    where.member === undefined
      ? "pass the bytes of a file written by numpy.save or writeNpy"
      : "numpy.load returns such a member as bytes; read it with loadNpz or NpzArchive.load",
  );
}

/** True when `bytes` begin with the `.npy` magic: how numpy.load tells an array member from raw bytes. */
export function startsWithMagic(bytes: Uint8Array): boolean {
  if (bytes.length < NPY_MAGIC.length) return false;
  for (let i = 0; i < NPY_MAGIC.length; i++) if (bytes[i] !== NPY_MAGIC[i]) return false;
  return true;
}

function latin1(raw: Uint8Array): string {
  let s = "";
  for (let i = 0; i < raw.length; i += 4096) s += String.fromCharCode(...raw.subarray(i, i + 4096));
  return s;
}

function pyRepr(v: PyValue | undefined): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "bigint" || typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  if (v instanceof Map) return "a dict";
  if (Array.isArray(v)) return "a list";
  const t = (v as { tuple: readonly PyValue[] }).tuple;
  return t.length === 1 ? `(${pyRepr(t[0])},)` : `(${t.map(pyRepr).join(", ")})`;
}

/**
 * The header bytes NumPy 1.24's `numpy.save` writes for a C- or Fortran-order array of `descr` and
 * `shape`: sorted keys, growth-axis padding, spaces and a newline up to a 64-byte boundary;
 * version 1.0 unless the header needs a 4-byte length (then 2.0).
 */
export function formatNpyHeader(descr: string, shape: readonly number[], fortranOrder: boolean): Uint8Array {
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) {
    const growth = String(shape[fortranOrder ? shape.length - 1 : 0]).length;
    dict += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - growth));
  }
  let major = 1;
  let lengthSize = 2;
  let padded = paddedLength(dict.length, lengthSize);
  if (padded > 0xffff) {
    major = 2;
    lengthSize = 4;
    padded = paddedLength(dict.length, lengthSize);
  }
  const out = new Uint8Array(8 + lengthSize + padded);
  out.set(NPY_MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  for (let i = 0; i < lengthSize; i++) out[8 + i] = Math.floor(padded / 2 ** (8 * i)) & 0xff;
  const start = 8 + lengthSize;
  for (let i = 0; i < dict.length; i++) out[start + i] = dict.charCodeAt(i);
  out.fill(0x20, start + dict.length, start + padded - 1);
  out[start + padded - 1] = 0x0a;
  return out;
}

/** Header length (text + spaces + newline) so that magic + version + length field + header is a multiple of 64. */
function paddedLength(textLength: number, lengthSize: number): number {
  const unpadded = textLength + 1;
  const padding = ARRAY_ALIGN - ((8 + lengthSize + unpadded) % ARRAY_ALIGN);
  return unpadded + padding;
}
