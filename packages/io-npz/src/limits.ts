/**
 * Size limits applied while reading untrusted `.npy`/`.npz` bytes. Every limit is checked against
 * *declared* sizes before anything is allocated, and inflation is stopped as soon as the running
 * output count passes the declared size, so a hostile file can make a reader allocate at most
 * about `maxMemberBytes` plus one inflate chunk (about 4 MiB) per member.
 *
 * @example
 * ```ts
 * import { readNpz } from "@dyn/io-npz";
 * const bytes = new Uint8Array(0); // an archive from somewhere untrusted
 * try {
 *   readNpz(bytes, { limits: { maxMemberBytes: 64 * 1024 * 1024 } });
 * } catch {}
 * ```
 * @category reading
 * @since 0.1.0
 */
export interface NpzLimits {
  /** Largest uncompressed size of one member, and largest shape × itemsize of one array. Default 1 GiB. */
  readonly maxMemberBytes?: number;
  /** Largest sum of uncompressed member sizes read through one archive. Default 2 GiB. */
  readonly maxTotalBytes?: number;
  /** Most members an archive may list. Default 100 000. */
  readonly maxMembers?: number;
  /** Longest `.npy` header (the dict text). Default 10 000 bytes, NumPy's own `max_header_size`. */
  readonly maxHeaderBytes?: number;
  /** Largest file `@dyn/io-npz/node` will read into memory. Default 2 GiB. */
  readonly maxFileBytes?: number;
}

/**
 * The defaults behind {@link NpzLimits}.
 * @example
 * ```ts
 * import { DEFAULT_NPZ_LIMITS } from "@dyn/io-npz";
 * DEFAULT_NPZ_LIMITS.maxMemberBytes; // 1073741824
 * ```
 * @category reading
 * @since 0.1.0
 */
export const DEFAULT_NPZ_LIMITS: Readonly<Required<NpzLimits>> = Object.freeze({
  maxMemberBytes: 2 ** 30,
  maxTotalBytes: 2 ** 31,
  maxMembers: 100_000,
  maxHeaderBytes: 10_000,
  maxFileBytes: 2 ** 31,
});

/** Fills in defaults. */
export function resolveLimits(limits: NpzLimits | undefined): Required<NpzLimits> {
  return { ...DEFAULT_NPZ_LIMITS, ...(limits ?? {}) } as Required<NpzLimits>;
}
