/**
 * `@dyn/io-npz`: NumPy `.npy`/`.npz` reading and writing, exact and hardened against untrusted
 * input, with a Python-compatible JSON reader/writer. Bytes in, bytes out: works in browsers.
 * File access lives in `@dyn/io-npz/node`.
 * @packageDocumentation
 */

export type { NpzErrorDetails } from "./errors.ts";
export { isNpzError, NpzError, NpzErrorCode } from "./errors.ts";
export { decodeJsonArray, encodeJsonArray } from "./jsonArray.ts";
export type { NpzLimits } from "./limits.ts";
export { DEFAULT_NPZ_LIMITS } from "./limits.ts";
export type { NdArray, NpyData, NpyDataFor, NpyDtype } from "./ndarray.ts";
export type { ReadNpyOptions } from "./npy.ts";
export { readNpy, writeNpy } from "./npy.ts";
export type { NpyHeader } from "./npyHeader.ts";
export { readNpyHeader } from "./npyHeader.ts";
export type {
  DeflateLevel,
  NpzArchive,
  NpzEntries,
  NpzMemberInfo,
  NpzValue,
  ReadNpzOptions,
  WriteNpzOptions,
} from "./npz.ts";
export { loadNpz, openNpz, readNpz, writeNpz } from "./npz.ts";
export type { ParsePythonJsonOptions, PyJsonValue, StringifyPythonJsonOptions } from "./pythonJson.ts";
export { parsePythonJson, stringifyPythonJson } from "./pythonJson.ts";
