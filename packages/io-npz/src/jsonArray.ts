import { fail, type Where } from "./internal/fail.ts";
import type { NdArray } from "./ndarray.ts";
import {
  type ParsePythonJsonOptions,
  type PyJsonValue,
  parsePythonJson,
  type StringifyPythonJsonOptions,
  stringifyPythonJson,
} from "./pythonJson.ts";

/**
 * Encodes `value` as the `|u1` array a snapshot stores its `meta.json` in: the UTF-8 bytes of
 * {@link stringifyPythonJson} (pure ASCII, since non-ASCII is escaped), shape `(n,)`.
 * @example
 * ```ts
 * import { encodeJsonArray, writeNpz } from "@dyn/io-npz";
 * const bytes = writeNpz([["meta.json", encodeJsonArray({ schema: "dynlib-snapshot-v1" })]]);
 * ```
 * @category json
 * @since 0.1.0
 */
export function encodeJsonArray(
  value: PyJsonValue,
  options: StringifyPythonJsonOptions = {},
): NdArray<"|u1"> {
  const data = new TextEncoder().encode(stringifyPythonJson(value, options));
  return { dtype: "|u1", shape: [data.length], data, fortranOrder: false };
}

/**
 * Decodes a 1-D `|u1` or `|i1` array of UTF-8 JSON text (a snapshot's `meta.json`) with
 * {@link parsePythonJson}.
 * @throws {@link NpzError} `INVALID_ARRAY` for another dtype or shape or invalid UTF-8;
 * `JSON_SYNTAX` for malformed JSON.
 * @example
 * ```ts
 * import { decodeJsonArray, encodeJsonArray } from "@dyn/io-npz";
 * decodeJsonArray(encodeJsonArray({ t: 1.5 })); // { t: 1.5 }
 * ```
 * @category json
 * @since 0.1.0
 */
export function decodeJsonArray(array: NdArray, options: ParsePythonJsonOptions = {}): PyJsonValue {
  const where: Where = { fn: "decodeJsonArray" };
  if (
    (array.dtype !== "|u1" && array.dtype !== "|i1") ||
    array.shape.length !== 1 ||
    Array.isArray(array.data)
  ) {
    throw fail(
      "INVALID_ARRAY",
      where,
      `JSON must be stored as a 1-D |u1 array (found ${array.dtype} with shape (${array.shape.join(", ")}))`,
      undefined,
      "store the UTF-8 text with encodeJsonArray",
    );
  }
  const view = array.data as Uint8Array | Int8Array;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
    );
  } catch (cause) {
    throw fail(
      "INVALID_ARRAY",
      where,
      "JSON bytes are not valid UTF-8",
      undefined,
      "store the UTF-8 text with encodeJsonArray",
      {},
      cause,
    );
  }
  return parsePythonJson(text, options);
}
