import { fail, type Where } from "./internal/fail.ts";
import type { DeflateLevel } from "./internal/flate.ts";
import {
  extractEntry,
  type InflateBudget,
  METHOD_DEFLATE,
  METHOD_STORED,
  readCentralDirectory,
  type ZipEntry,
} from "./internal/zipReader.ts";
import { writeZip } from "./internal/zipWriter.ts";
import { resolveLimits } from "./limits.ts";
import type { NdArray } from "./ndarray.ts";
import { decodeNpy, encodeNpy, type ReadNpyOptions } from "./npy.ts";
import { startsWithMagic } from "./npyHeader.ts";

export type { DeflateLevel } from "./internal/flate.ts";

/** The suffix NumPy adds to every array's member name. */
const NPY_SUFFIX = ".npy";

/**
 * One archive member as {@link NpzArchive.members} lists it.
 * @example
 * ```ts
 * import { openNpz, writeNpz } from "@dyn/io-npz";
 * const m = openNpz(writeNpz([["y", { dtype: "|u1", shape: [1], data: new Uint8Array(1), fortranOrder: false }]])).members[0];
 * m?.name; // "y.npy"
 * m?.key; // "y"
 * ```
 * @category reading
 * @since 0.1.0
 */
export interface NpzMemberInfo {
  /** The ZIP member name, e.g. `"workspace/stepper/k1.npy"`. */
  readonly name: string;
  /** The array key: the name without its `.npy` suffix (names without one are kept as they are). */
  readonly key: string;
  /** Uncompressed size declared by the central directory. */
  readonly size: number;
  /** Stored (compressed) size. */
  readonly compressedSize: number;
  /** `"store"`, `"deflate"`, or `"unsupported"` for any other ZIP method (reading it throws). */
  readonly method: "store" | "deflate" | "unsupported";
  /** CRC-32 declared by the central directory (verified whenever the member is read). */
  readonly crc32: number;
}

/**
 * Lazy view of an `.npz` archive: the member list is parsed up front, each member is only
 * extracted, inflated, CRC-checked and parsed when asked for. Bytes inflated through one archive
 * count against `limits.maxTotalBytes`.
 * @example
 * ```ts
 * import { openNpz, writeNpz } from "@dyn/io-npz";
 * const archive = openNpz(writeNpz({ y: { dtype: "<f8", shape: [1], data: new Float64Array([2]), fortranOrder: false } }));
 * archive.keys; // ["y"]
 * archive.get("y").data; // Float64Array [2]
 * ```
 * @category reading
 * @since 0.1.0
 */
export interface NpzArchive {
  /** Members in archive order. */
  readonly members: readonly NpzMemberInfo[];
  /** Array keys in archive order (member names without `.npy`), as `numpy.load(...).files` lists them. */
  readonly keys: readonly string[];
  /** True when `key` is an array key or a member name. */
  has(key: string): boolean;
  /** Reads and parses one array by key (or full member name) without touching other members. */
  get(key: string, options?: { readonly order?: "file" | "C" }): NdArray;
  /** The raw uncompressed bytes of one member, by key or member name (a new buffer). */
  readBytes(key: string): Uint8Array;
  /**
   * One member as `numpy.load(...)[key]` returns it: the parsed array when its bytes start with
   * the `.npy` magic (whatever its name), else its raw bytes (a new buffer). By key or member name.
   */
  load(key: string, options?: { readonly order?: "file" | "C" }): NpzValue;
}

/**
 * What {@link loadNpz} and {@link NpzArchive.load} return for one member, as `numpy.load` does:
 * an {@link NdArray} for a `.npy` member, the member's raw bytes (`Uint8Array`) for any other.
 * Tell them apart with `value instanceof Uint8Array`.
 * @example
 * ```ts
 * import type { NpzValue } from "@dyn/io-npz";
 * const describe = (v: NpzValue) => (v instanceof Uint8Array ? `${v.length} bytes` : v.dtype);
 * ```
 * @category reading
 * @since 0.1.0
 */
export type NpzValue = NdArray | Uint8Array;

/**
 * Options of {@link openNpz} and {@link readNpz}.
 * @example
 * ```ts
 * import type { ReadNpzOptions } from "@dyn/io-npz";
 * const options: ReadNpzOptions = { limits: { maxTotalBytes: 2 ** 28 } };
 * ```
 * @category reading
 * @since 0.1.0
 */
export type ReadNpzOptions = ReadNpyOptions;

/**
 * Opens `.npz` (ZIP) bytes lazily; see {@link NpzArchive}. Handles STORED and DEFLATE members,
 * zip64 records and extra fields, data descriptors and names with `/` and dots. The input bytes
 * are referenced, not copied: do not modify them while the archive is in use.
 *
 * @throws {@link NpzError} `ZIP_NOT_A_ZIP`, `ZIP_OUT_OF_BOUNDS`, `ZIP_BAD_SIGNATURE`,
 * `ZIP_DUPLICATE_MEMBER`, `ZIP_MULTI_DISK`, `NPZ_LIMIT_EXCEEDED` for a broken directory; member
 * problems are thrown by `get`/`readBytes`.
 * @example
 * ```ts
 * import { openNpz, writeNpz } from "@dyn/io-npz";
 * const bytes = writeNpz([["a", { dtype: "<i4", shape: [], data: new Int32Array([5]), fortranOrder: false }]]);
 * openNpz(bytes).members.map((m) => m.name); // ["a.npy"]
 * ```
 * @category reading
 * @since 0.1.0
 */
export function openNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): NpzArchive {
  return openArchive(bytes, options, "openNpz").archive;
}

type GetAs = (key: string, order: "file" | "C" | undefined, caller: string) => NdArray;
type LoadAs = (key: string, order: "file" | "C" | undefined, caller: string) => NpzValue;

/** The archive, plus getters that name their caller in errors (so readNpz reports as itself). */
function openArchive(
  bytes: Uint8Array,
  options: ReadNpzOptions,
  fn: string,
): { archive: NpzArchive; get: GetAs; load: LoadAs } {
  const limits = resolveLimits(options.limits);
  const where: Where = { fn };
  const entries = readCentralDirectory(bytes, limits, where);
  const budget: InflateBudget = { total: 0 };
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name, e);
  const keyOf = (name: string) => (name.endsWith(NPY_SUFFIX) ? name.slice(0, -NPY_SUFFIX.length) : name);
  const byKey = new Map<string, ZipEntry>();
  for (const e of entries) if (!byKey.has(keyOf(e.name))) byKey.set(keyOf(e.name), e);
  const members: NpzMemberInfo[] = entries.map((e) => ({
    name: e.name,
    key: keyOf(e.name),
    size: e.size,
    compressedSize: e.compressedSize,
    method: e.method === METHOD_STORED ? "store" : e.method === METHOD_DEFLATE ? "deflate" : "unsupported",
    crc32: e.crc32,
  }));
  const find = (key: string, caller: string): ZipEntry => {
    const entry = byName.get(key) ?? byKey.get(key);
    if (entry === undefined) {
      const known = members.map((m) => m.key).join(", ");
      throw fail(
        "NPZ_MEMBER_NOT_FOUND",
        { fn: caller },
        `no array '${key}' in the archive (keys: ${known === "" ? "none" : known})`,
        undefined,
        "check the name against archive.keys",
        { key },
      );
    }
    return entry;
  };
  const readBytes = (key: string, caller: string) =>
    extractEntry(bytes, find(key, caller), limits, budget, { fn: caller });
  const get: GetAs = (key, order, caller) => {
    const entry = find(key, caller);
    const data = readBytes(key, caller);
    return decodeNpy(data, limits, order ?? options.order ?? "file", { fn: caller, member: entry.name });
  };
  const load: LoadAs = (key, order, caller) => {
    const entry = find(key, caller);
    const data = readBytes(key, caller);
    if (!startsWithMagic(data)) return data;
    return decodeNpy(data, limits, order ?? options.order ?? "file", { fn: caller, member: entry.name });
  };
  const archive: NpzArchive = {
    members,
    keys: members.map((m) => m.key),
    has: (key) => byName.has(key) || byKey.has(key),
    readBytes: (key) => readBytes(key, "NpzArchive.readBytes"),
    get: (key, getOptions = {}) => get(key, getOptions.order, "NpzArchive.get"),
    load: (key, loadOptions = {}) => load(key, loadOptions.order, "NpzArchive.load"),
  };
  return { archive, get, load };
}

/**
 * Reads every array of `.npz` bytes into a `Map` from key (member name without `.npy`) to
 * {@link NdArray}, in archive order. Every member is CRC-checked and must be a valid `.npy`;
 * {@link loadNpz} also returns the members that are not (as bytes, as `numpy.load` does).
 *
 * @throws {@link NpzError} as {@link openNpz} and {@link readNpy} do, with the member name.
 * @example
 * ```ts
 * import { readNpz, writeNpz } from "@dyn/io-npz";
 * const bytes = writeNpz([["y", { dtype: "<f8", shape: [2], data: new Float64Array([1, 2]), fortranOrder: false }]]);
 * readNpz(bytes).get("y")?.data; // Float64Array [1, 2]
 * ```
 * @category reading
 * @since 0.1.0
 */
export function readNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Map<string, NdArray> {
  const { archive, get } = openArchive(bytes, options, "readNpz");
  const out = new Map<string, NdArray>();
  for (const m of archive.members) out.set(m.key, get(m.name, undefined, "readNpz"));
  return out;
}

/**
 * Reads every member of `.npz` bytes the way `numpy.load(file, allow_pickle=False)` exposes them:
 * a `Map` from key (member name without `.npy`) to the parsed array for each `.npy` member and to
 * the raw bytes for every other member (text, JSON, images, anything `zipfile` wrote), in archive
 * order. Whether a member is an array is decided by its first six bytes, the `.npy` magic, as NumPy
 * decides, not by its name. Every member is CRC-checked; a member that starts with the magic but is
 * broken still throws.
 *
 * **When to use:** archives that carry extra files beside their arrays; {@link readNpz} refuses
 * them (`NPY_BAD_MAGIC`), which is what you want when every member must be an array.
 *
 * @throws {@link NpzError} as {@link openNpz} does, and as {@link readNpy} does for array members.
 * @example
 * ```ts
 * import { loadNpz, writeNpz } from "@dyn/io-npz";
 * const bytes = writeNpz([
 *   ["y", { dtype: "<f8", shape: [1], data: new Float64Array([4]), fortranOrder: false }],
 *   ["notes.txt", new TextEncoder().encode("hello")],
 * ]);
 * const all = loadNpz(bytes);
 * (all.get("y") as { shape: number[] }).shape; // [1]
 * new TextDecoder().decode(all.get("notes.txt") as Uint8Array); // "hello"
 * ```
 * @category reading
 * @since 0.1.0
 */
export function loadNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Map<string, NpzValue> {
  const { archive, load } = openArchive(bytes, options, "loadNpz");
  const out = new Map<string, NpzValue>();
  for (const m of archive.members) out.set(m.key, load(m.name, undefined, "loadNpz"));
  return out;
}

/**
 * Options of {@link writeNpz}.
 * @example
 * ```ts
 * import type { WriteNpzOptions } from "@dyn/io-npz";
 * const fast: WriteNpzOptions = { compression: "deflate", level: 1 };
 * ```
 * @category writing
 * @since 0.1.0
 */
export interface WriteNpzOptions {
  /**
   * `"deflate"` (default, like `numpy.savez_compressed`) or `"store"` (like `numpy.savez`: no
   * compression cost, largest file).
   */
  readonly compression?: "deflate" | "store";
  /** DEFLATE level: 1 fastest, 6 default (zlib's), 9 smallest and slowest. Ignored for `"store"`. */
  readonly level?: DeflateLevel;
}

/**
 * Named arrays in the order they should be written: a `Map`, an array of `[key, array]` pairs, or
 * a plain object (whose key order JavaScript fixes: integer-like keys come first, so prefer a
 * `Map` or pairs when order matters). A `Uint8Array` value is written as a raw member named
 * exactly `key` (no `.npy` suffix), the way `zipfile.writestr` adds a file beside NumPy's arrays;
 * {@link loadNpz} and `numpy.load` return it as bytes.
 * @example
 * ```ts
 * import type { NpzEntries } from "@dyn/io-npz";
 * const entries: NpzEntries = [["y", { dtype: "<f8", shape: [0], data: new Float64Array(0), fortranOrder: false }]];
 * ```
 * @category writing
 * @since 0.1.0
 */
export type NpzEntries = Iterable<readonly [string, NpzValue]> | Readonly<Record<string, NpzValue>>;

/**
 * Writes named arrays as `.npz` bytes that `numpy.load` reads: one `<key>.npy` member per array,
 * in the given order, each written by {@link writeNpy}, and one member `<key>` per raw
 * `Uint8Array` (see {@link NpzEntries}). Output is deterministic (fixed timestamps). Returns a new
 * buffer.
 *
 * @throws {@link NpzError} `INVALID_NAME` for an empty or duplicate key (a raw member whose name
 * reads back as an array's key counts as a duplicate), `INVALID_ARRAY` for a malformed array.
 * @example
 * ```ts
 * import { writeNpz } from "@dyn/io-npz";
 * const bytes = writeNpz(new Map([
 *   ["y", { dtype: "<f8", shape: [2], data: new Float64Array([1, 2]), fortranOrder: false }],
 *   ["workspace/stepper/k1", { dtype: "<f8", shape: [2], data: new Float64Array(2), fortranOrder: false }],
 * ]));
 * ```
 * @category writing
 * @since 0.1.0
 */
export function writeNpz(arrays: NpzEntries, options: WriteNpzOptions = {}): Uint8Array {
  const where: Where = { fn: "writeNpz" };
  const pairs: Iterable<readonly [string, NpzValue]> =
    Symbol.iterator in arrays ? (arrays as Iterable<readonly [string, NpzValue]>) : Object.entries(arrays);
  // Keys as a reader sees them (member name without ".npy"), so no two members read back alike.
  const seen = new Set<string>();
  const members = [];
  for (const [key, array] of pairs) {
    if (typeof key !== "string" || key === "") {
      throw fail(
        "INVALID_NAME",
        where,
        `array key must be a non-empty string (found ${JSON.stringify(key)})`,
        undefined,
        "name every array",
      );
    }
    const raw = array instanceof Uint8Array;
    const name = raw ? key : key + NPY_SUFFIX;
    const readKey = name.endsWith(NPY_SUFFIX) ? name.slice(0, -NPY_SUFFIX.length) : name;
    if (seen.has(readKey))
      throw fail(
        "INVALID_NAME",
        where,
        `duplicate array key '${key}'`,
        undefined,
        "give every array a unique key",
      );
    if (new TextEncoder().encode(name).length > 0xffff) {
      throw fail(
        "INVALID_NAME",
        where,
        `array key of ${name.length} characters is longer than a ZIP name allows`,
        undefined,
        "shorten the key",
      );
    }
    seen.add(readKey);
    members.push({ name, data: raw ? array.slice() : encodeNpy(array, { fn: "writeNpz", member: name }) });
  }
  return writeZip(members, options.compression ?? "deflate", options.level ?? 6, where);
}
