/**
 * The one adapter over fflate, so the DEFLATE dependency stays swappable. Only raw DEFLATE is used
 * (ZIP members carry no zlib wrapper).
 */
import { deflateSync, Inflate } from "fflate";

/** Compressed bytes pushed per inflate call: caps one step's output near 1032 × this (~4 MiB). */
const INFLATE_INPUT_CHUNK = 4 * 1024;

/** Thrown (then translated by the caller) when output passes `expectedSize`. */
export class InflateOverflow extends Error {}

/**
 * Inflates raw DEFLATE `input` into a new buffer of exactly `expectedSize` bytes. Input is fed in
 * small chunks and output is copied into the preallocated buffer, stopping with
 * {@link InflateOverflow} the moment it would exceed `expectedSize`. Returns the number of bytes
 * produced (the caller compares it with `expectedSize`). fflate errors propagate as they are.
 */
export function inflateInto(input: Uint8Array, out: Uint8Array): number {
  let written = 0;
  const inflater = new Inflate((chunk: Uint8Array) => {
    if (written + chunk.length > out.length) throw new InflateOverflow("output exceeds the declared size");
    out.set(chunk, written);
    written += chunk.length;
  });
  if (input.length === 0) {
    inflater.push(input, true);
    return written;
  }
  for (let at = 0; at < input.length; at += INFLATE_INPUT_CHUNK) {
    const end = Math.min(at + INFLATE_INPUT_CHUNK, input.length);
    inflater.push(input.subarray(at, end), end === input.length);
  }
  return written;
}

/**
 * DEFLATE compression levels: 0 stores blocks uncompressed (fastest, largest), 1 is fast with a
 * modest ratio, 6 is zlib's (and Python's `zipfile`'s) default balance, 9 is slowest and smallest.
 * @example
 * ```ts
 * import { writeNpz, type DeflateLevel } from "@dyn/io-npz";
 * const level: DeflateLevel = 9;
 * writeNpz({}, { level });
 * ```
 * @category writing
 * @since 0.1.0
 */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Raw DEFLATE of `data` (a new buffer). */
export function deflateRaw(data: Uint8Array, level: DeflateLevel): Uint8Array {
  return deflateSync(data, { level });
}
