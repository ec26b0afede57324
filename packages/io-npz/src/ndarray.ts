/**
 * The dtypes `@dyn/io-npz` reads and writes, as NumPy `descr` strings in the byte order the data
 * is held in memory (always little-endian: big-endian files are converted on read).
 *
 * - `|b1` bool (one byte, 0 or 1), `|i1`…`<i8` signed, `|u1`…`<u8` unsigned integers;
 * - `<f2` half floats (raw IEEE bits in a `Uint16Array`), `<f4`, `<f8`;
 * - `<c8`, `<c16` complex, as interleaved re/im pairs in a `Float32Array`/`Float64Array`;
 * - `<U<n>` Unicode strings of at most n code points, `|S<n>` byte strings of at most n bytes
 *   (each byte one char, U+0000–U+00FF), both as `string[]` with trailing NULs stripped as NumPy does.
 *
 * @example
 * ```ts
 * import type { NpyDtype } from "@dyn/io-npz";
 * const d: NpyDtype = "<f8";
 * ```
 * @category arrays
 * @since 0.1.0
 */
export type NpyDtype =
  | "|b1"
  | "|i1"
  | "|u1"
  | "<i2"
  | "<u2"
  | "<i4"
  | "<u4"
  | "<i8"
  | "<u8"
  | "<f2"
  | "<f4"
  | "<f8"
  | "<c8"
  | "<c16"
  | `<U${number}`
  | `|S${number}`;

/**
 * The element container for dtype `D` (see {@link NpyDtype}).
 * @example
 * ```ts
 * import type { NpyDataFor } from "@dyn/io-npz";
 * const data: NpyDataFor<"<i8"> = new BigInt64Array(2);
 * ```
 * @category arrays
 * @since 0.1.0
 */
export type NpyDataFor<D extends NpyDtype> = D extends "|b1" | "|u1"
  ? Uint8Array
  : D extends "|i1"
    ? Int8Array
    : D extends "<i2"
      ? Int16Array
      : D extends "<u2" | "<f2"
        ? Uint16Array
        : D extends "<i4"
          ? Int32Array
          : D extends "<u4"
            ? Uint32Array
            : D extends "<i8"
              ? BigInt64Array
              : D extends "<u8"
                ? BigUint64Array
                : D extends "<f4" | "<c8"
                  ? Float32Array
                  : D extends "<f8" | "<c16"
                    ? Float64Array
                    : string[];

/**
 * Any element container an {@link NdArray} may hold.
 * @example
 * ```ts
 * import type { NpyData } from "@dyn/io-npz";
 * const data: NpyData = new Float64Array([1, 2]);
 * ```
 * @category arrays
 * @since 0.1.0
 */
export type NpyData = NpyDataFor<NpyDtype>;

/**
 * An n-dimensional array as plain data, the unit `.npy` files hold.
 *
 * `data` lists the elements in C (row-major) order, or in Fortran (column-major) order when
 * `fortranOrder` is true. Its length is the product of `shape` (1 for a 0-d array), doubled for
 * complex dtypes. Arrays returned by the readers own their data (it is a copy, never a view of the
 * input bytes).
 *
 * @example
 * ```ts
 * import type { NdArray } from "@dyn/io-npz";
 * const m: NdArray<"<f8"> = { dtype: "<f8", shape: [2, 2], data: new Float64Array([1, 2, 3, 4]), fortranOrder: false };
 * ```
 * @category arrays
 * @since 0.1.0
 */
export interface NdArray<D extends NpyDtype = NpyDtype> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: NpyDataFor<D>;
  readonly fortranOrder: boolean;
}
