/**
 * `@dyn/io-npz/node`: file access for Node. Writes are atomic (a temp file in the target's folder,
 * fsync, rename over the target); reads enforce the same {@link NpzLimits} as the byte API, plus
 * `maxFileBytes` checked before the file is read.
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as nodePath from "node:path";
import { NpzError } from "./errors.ts";
import { fail } from "./internal/fail.ts";
import { type NpzLimits, resolveLimits } from "./limits.ts";
import type { NdArray } from "./ndarray.ts";
import { type ReadNpyOptions, readNpy, writeNpy } from "./npy.ts";
import {
  type NpzArchive,
  type NpzEntries,
  openNpz,
  type ReadNpzOptions,
  readNpz,
  type WriteNpzOptions,
  writeNpz,
} from "./npz.ts";

/**
 * The temp-file path an atomic write of `target` uses: `.<stem>_tmp_<random><ext>` in the same
 * folder, e.g. `out/.snap_tmp_3f9a1c0b2e4d.npz` for `out/snap.npz`.
 */
function tempPathFor(target: string): string {
  const ext = nodePath.extname(target);
  const stem = nodePath.basename(target, ext);
  return nodePath.join(nodePath.dirname(target), `.${stem}_tmp_${randomBytes(6).toString("hex")}${ext}`);
}

function ioError(fn: string, what: string, path: string, cause: unknown): NpzError {
  const code = (cause as { code?: unknown } | null)?.code;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return fail(
    "IO_FAILED",
    { fn },
    `${what} ${JSON.stringify(path)} failed (${reason})`,
    undefined,
    "check the path and its permissions",
    { path, errno: typeof code === "string" ? code : undefined },
    cause,
  );
}

/**
 * Writes `bytes` to `path` atomically: creates missing parent folders, writes a temp file
 * `.<stem>_tmp_<random><ext>` next to the target, fsyncs it, and renames it over the target
 * (replacing an existing file). On any failure the temp file is removed and the target is left
 * as it was.
 *
 * @throws {@link "@dyn/io-npz"!index.NpzError | NpzError} `IO_FAILED` with `details.path` and
 *   `details.errno`.
 * @example
 * ```ts
 * import { writeFileAtomic } from "@dyn/io-npz/node";
 * await writeFileAtomic("/tmp/dyn-example/out.bin", new Uint8Array([1, 2, 3]));
 * ```
 * @category node
 * @since 0.1.0
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const fn = "writeFileAtomic";
  const dir = nodePath.dirname(path);
  try {
    await fsp.mkdir(dir, { recursive: true });
  } catch (cause) {
    throw ioError(fn, "creating the folder of", path, cause);
  }
  const temp = tempPathFor(path);
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(temp, "wx");
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.rename(temp, path);
  } catch (cause) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw ioError(fn, "writing", path, cause);
  }
}

/**
 * Synchronous {@link writeFileAtomic}.
 * @example
 * ```ts
 * import { writeFileAtomicSync } from "@dyn/io-npz/node";
 * writeFileAtomicSync("/tmp/dyn-example/out.bin", new Uint8Array([1]));
 * ```
 * @category node
 * @since 0.1.0
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): void {
  const fn = "writeFileAtomicSync";
  try {
    fs.mkdirSync(nodePath.dirname(path), { recursive: true });
  } catch (cause) {
    throw ioError(fn, "creating the folder of", path, cause);
  }
  const temp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, "wx");
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, path);
  } catch (cause) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the original error is the one to report.
      }
    }
    fs.rmSync(temp, { force: true });
    throw ioError(fn, "writing", path, cause);
  }
}

/**
 * Reads a whole file, refusing (before reading) one larger than `limits.maxFileBytes`.
 * @throws {@link "@dyn/io-npz"!index.NpzError | NpzError} `IO_FAILED` (missing file,
 *   permissions, ...) or `NPZ_LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { readFileBytes } from "@dyn/io-npz/node";
 * const bytes = await readFileBytes("/tmp/dyn-example/out.bin", { limits: { maxFileBytes: 2 ** 20 } });
 * ```
 * @category node
 * @since 0.1.0
 */
export async function readFileBytes(
  path: string,
  options: { readonly limits?: NpzLimits } = {},
): Promise<Uint8Array> {
  const fn = "readFileBytes";
  const { maxFileBytes } = resolveLimits(options.limits);
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, "r");
    const { size } = await handle.stat();
    if (size > maxFileBytes) throw tooLarge(fn, path, size, maxFileBytes);
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(out, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? out : out.slice(0, at);
  } catch (cause) {
    if (cause instanceof NpzError) throw cause;
    throw ioError(fn, "reading", path, cause);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Synchronous {@link readFileBytes}.
 * @example
 * ```ts
 * import { readFileBytesSync } from "@dyn/io-npz/node";
 * const bytes = readFileBytesSync("/tmp/dyn-example/out.bin");
 * ```
 * @category node
 * @since 0.1.0
 */
export function readFileBytesSync(path: string, options: { readonly limits?: NpzLimits } = {}): Uint8Array {
  const fn = "readFileBytesSync";
  const { maxFileBytes } = resolveLimits(options.limits);
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, "r");
    const { size } = fs.fstatSync(fd);
    if (size > maxFileBytes) throw tooLarge(fn, path, size, maxFileBytes);
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const read = fs.readSync(fd, out, at, size - at, at);
      if (read === 0) break;
      at += read;
    }
    return at === size ? out : out.slice(0, at);
  } catch (cause) {
    if (cause instanceof NpzError) throw cause;
    throw ioError(fn, "reading", path, cause);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function tooLarge(fn: string, path: string, size: number, max: number): NpzError {
  return fail(
    "NPZ_LIMIT_EXCEEDED",
    { fn },
    `file ${JSON.stringify(path)} is ${size} bytes, above maxFileBytes (${max})`,
    undefined,
    "raise limits.maxFileBytes if the file is trusted",
    { limit: "maxFileBytes", value: size, path },
  );
}

/**
 * Writes named arrays to an `.npz` file atomically ({@link writeNpz} + {@link writeFileAtomic}).
 * @example
 * ```ts
 * import { writeNpzFile } from "@dyn/io-npz/node";
 * await writeNpzFile("/tmp/dyn-example/a.npz", [["y", { dtype: "<f8", shape: [1], data: new Float64Array([1]), fortranOrder: false }]]);
 * ```
 * @category node
 * @since 0.1.0
 */
export async function writeNpzFile(
  path: string,
  arrays: NpzEntries,
  options: WriteNpzOptions = {},
): Promise<void> {
  await writeFileAtomic(path, writeNpz(arrays, options));
}

/**
 * Reads every array of an `.npz` file ({@link readFileBytes} + {@link readNpz}).
 * @example
 * ```ts
 * import { readNpzFile } from "@dyn/io-npz/node";
 * const arrays = await readNpzFile("/tmp/dyn-example/a.npz");
 * arrays.get("y");
 * ```
 * @category node
 * @since 0.1.0
 */
export async function readNpzFile(path: string, options: ReadNpzOptions = {}): Promise<Map<string, NdArray>> {
  return readNpz(await readFileBytes(path, options), options);
}

/**
 * Opens an `.npz` file lazily ({@link readFileBytes} + {@link openNpz}); members are inflated only
 * when asked for.
 * @example
 * ```ts
 * import { openNpzFile } from "@dyn/io-npz/node";
 * const archive = await openNpzFile("/tmp/dyn-example/a.npz");
 * archive.keys;
 * ```
 * @category node
 * @since 0.1.0
 */
export async function openNpzFile(path: string, options: ReadNpzOptions = {}): Promise<NpzArchive> {
  return openNpz(await readFileBytes(path, options), options);
}

/**
 * Writes one array to a `.npy` file atomically ({@link writeNpy} + {@link writeFileAtomic}).
 * @example
 * ```ts
 * import { writeNpyFile } from "@dyn/io-npz/node";
 * await writeNpyFile("/tmp/dyn-example/y.npy", { dtype: "<i8", shape: [1], data: new BigInt64Array([1n]), fortranOrder: false });
 * ```
 * @category node
 * @since 0.1.0
 */
export async function writeNpyFile(path: string, array: NdArray): Promise<void> {
  await writeFileAtomic(path, writeNpy(array));
}

/**
 * Reads one array from a `.npy` file ({@link readFileBytes} + {@link readNpy}).
 * @example
 * ```ts
 * import { readNpyFile } from "@dyn/io-npz/node";
 * const y = await readNpyFile("/tmp/dyn-example/y.npy");
 * ```
 * @category node
 * @since 0.1.0
 */
export async function readNpyFile(path: string, options: ReadNpyOptions = {}): Promise<NdArray> {
  return readNpy(await readFileBytes(path, options), options);
}
