import { DynError, isDynError } from "@dyn/core";

/**
 * Every code an {@link NpzError} can carry. Branch on these, never on message text.
 *
 * @example
 * ```ts
 * import { NpzErrorCode, isNpzError, readNpy } from "@dyn/io-npz";
 * try {
 *   readNpy(new Uint8Array([1, 2, 3]));
 * } catch (err) {
 *   if (isNpzError(err) && err.code === NpzErrorCode.NPY_BAD_MAGIC) console.log("not a .npy file");
 * }
 * ```
 * @category errors
 * @since 0.1.0
 */
export const NpzErrorCode = {
  /** The bytes do not start with the `.npy` magic `\x93NUMPY`. */
  NPY_BAD_MAGIC: "NPY_BAD_MAGIC",
  /** The `.npy` format version is not 1.0, 2.0 or 3.0. */
  NPY_UNSUPPORTED_VERSION: "NPY_UNSUPPORTED_VERSION",
  /** The `.npy` bytes end inside the magic, the header length or the header. */
  NPY_TRUNCATED: "NPY_TRUNCATED",
  /** The header is not the dict literal NumPy writes (syntax, keys or value types are wrong). */
  NPY_BAD_HEADER: "NPY_BAD_HEADER",
  /** The dtype is valid NumPy but not supported here (structured, datetime, void, ...). */
  NPY_UNSUPPORTED_DTYPE: "NPY_UNSUPPORTED_DTYPE",
  /** The dtype is `object` (`|O`): reading it would need pickle, which is never done. */
  NPY_OBJECT_DTYPE: "NPY_OBJECT_DTYPE",
  /** The data holds a value its dtype cannot represent (a `U` code point above U+10FFFF). */
  NPY_BAD_DATA: "NPY_BAD_DATA",
  /** The data length differs from shape × itemsize. */
  NPY_DATA_SIZE_MISMATCH: "NPY_DATA_SIZE_MISMATCH",
  /** A header length or shape × itemsize exceeds a configured {@link NpzLimits} value. */
  NPY_LIMIT_EXCEEDED: "NPY_LIMIT_EXCEEDED",
  /** No end-of-central-directory record: the bytes are not a ZIP archive (or are cut short). */
  ZIP_NOT_A_ZIP: "ZIP_NOT_A_ZIP",
  /** A ZIP structure points outside the archive or runs past its end. */
  ZIP_OUT_OF_BOUNDS: "ZIP_OUT_OF_BOUNDS",
  /** A ZIP record has the wrong signature or inconsistent fields. */
  ZIP_BAD_SIGNATURE: "ZIP_BAD_SIGNATURE",
  /** A member is encrypted; encrypted archives are not supported. */
  ZIP_ENCRYPTED: "ZIP_ENCRYPTED",
  /** A member uses a compression method other than STORED (0) or DEFLATE (8). */
  ZIP_UNSUPPORTED_METHOD: "ZIP_UNSUPPORTED_METHOD",
  /** The archive spans several disks. */
  ZIP_MULTI_DISK: "ZIP_MULTI_DISK",
  /** A member's DEFLATE stream is invalid or ends early. */
  ZIP_CORRUPT_DEFLATE: "ZIP_CORRUPT_DEFLATE",
  /** A member inflates to a size other than the one its directory entry declares. */
  ZIP_SIZE_MISMATCH: "ZIP_SIZE_MISMATCH",
  /** A member's CRC-32 differs from the one its directory entry declares. */
  ZIP_CRC_MISMATCH: "ZIP_CRC_MISMATCH",
  /** Two members share one name. */
  ZIP_DUPLICATE_MEMBER: "ZIP_DUPLICATE_MEMBER",
  /** The requested member or array name is not in the archive. */
  NPZ_MEMBER_NOT_FOUND: "NPZ_MEMBER_NOT_FOUND",
  /** A member count, member size or total inflated size exceeds a configured {@link NpzLimits} value. */
  NPZ_LIMIT_EXCEEDED: "NPZ_LIMIT_EXCEEDED",
  /** An array handed to a writer is malformed (dtype, shape and data disagree). */
  INVALID_ARRAY: "INVALID_ARRAY",
  /** An array name handed to the npz writer is empty, duplicated or not representable. */
  INVALID_NAME: "INVALID_NAME",
  /** JSON text is malformed. */
  JSON_SYNTAX: "JSON_SYNTAX",
  /** A value cannot be written as JSON (function, symbol, cycle, non-string key, ...). */
  JSON_UNSUPPORTED_VALUE: "JSON_UNSUPPORTED_VALUE",
  /** A file-system operation of `@dyn/io-npz/node` failed. */
  IO_FAILED: "IO_FAILED",
} as const;

/**
 * Union of every {@link NpzErrorCode} value.
 * @category errors
 * @since 0.1.0
 */
export type NpzErrorCode = (typeof NpzErrorCode)[keyof typeof NpzErrorCode];

/**
 * Facts attached to an {@link NpzError}: the member (ZIP member name) and byte offset where the
 * problem was found, when they are known.
 * @category errors
 * @since 0.1.0
 */
export interface NpzErrorDetails {
  /** ZIP member name, e.g. `"y.npy"`, when the problem is inside an archive member. */
  readonly member?: string;
  /** Byte offset: in the archive for ZIP structures, in the member (or `.npy` bytes) otherwise. */
  readonly offset?: number;
  /** Any other structured fact (limit name, expected and actual values, ...). */
  readonly [key: string]: unknown;
}

/**
 * The one error class of `@dyn/io-npz`. `code` is an {@link NpzErrorCode}; `details.member` and
 * `details.offset` locate the problem, and the message repeats both.
 *
 * @example
 * ```ts
 * import { isNpzError, readNpz } from "@dyn/io-npz";
 * try {
 *   readNpz(new Uint8Array(10));
 * } catch (err) {
 *   if (isNpzError(err)) console.log(err.code, err.details.offset); // "ZIP_NOT_A_ZIP" ...
 * }
 * ```
 * @category errors
 * @since 0.1.0
 */
export class NpzError extends DynError<NpzErrorCode> {
  declare readonly details: NpzErrorDetails;
  constructor(options: { code: NpzErrorCode; message: string; details?: NpzErrorDetails; cause?: unknown }) {
    super(options);
    this.name = "NpzError";
  }
}

/**
 * True when `value` is an {@link NpzError}: a DynError (checked by brand, so it works across
 * duplicate installs) whose name is `NpzError`.
 * @example
 * ```ts
 * import { isNpzError } from "@dyn/io-npz";
 * isNpzError(new Error("x")); // false
 * ```
 * @category errors
 * @since 0.1.0
 */
export function isNpzError(value: unknown): value is NpzError {
  return isDynError(value) && value.name === "NpzError";
}
