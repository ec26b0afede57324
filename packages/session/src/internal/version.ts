/**
 * The reference version whose snapshot format our files follow, pinned as `dynlib_version` by
 * default (D-9): the reference compares that pin for equality with its own installed version, so
 * this is what lets it resume our files.
 */
export const DEFAULT_DYNLIB_VERSION = "0.40.3";

/** Who wrote a file, in the meta key `writer` (D-9); the reference ignores the key. */
export const WRITER = "dyn 0.1.0";

/** What a `dynlib_version` pin may look like: a PEP 440-style version such as `0.40.3` or `0.0.0+local`. */
const VERSION_TEXT = /^[0-9A-Za-z][0-9A-Za-z.+!_-]{0,63}$/;

/** True when `v` can be written as a `dynlib_version` pin. */
export function isVersionText(v: unknown): v is string {
  return typeof v === "string" && VERSION_TEXT.test(v);
}
