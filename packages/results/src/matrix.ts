/**
 * A read-only row-major matrix of float64 values: element `(i, j)` lives at
 * `data[i * stride + j]`. Results return it for multi-column reads (`get(["x", "y"])`, event
 * tables, the raw `Y`/`AUX`/`EVT_LOG_DATA` blocks).
 *
 * **Details:** `stride` is usually `cols`; the raw blocks of {@link RawResults} are views into the
 * accumulator's buffers, whose row stride is the buffer capacity, so always index through
 * `stride` (or `at`, `row`, `column`) rather than assuming `data.length === rows * cols`.
 * `row(i)` is a view (no copy); `column(j)` is a fresh copy unless `cols === 1` and
 * `stride === 1`, in which case it is a view.
 *
 * @example
 * ```ts
 * import { Matrix } from "@dyn/results";
 * const m = new Matrix(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
 * m.at(1, 2);   // 6
 * m.row(0);     // Float64Array [1, 2, 3]
 * m.column(1);  // Float64Array [2, 5]
 * ```
 * @category results
 * @since 0.1.0
 */
export class Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Backing storage; element `(i, j)` is `data[i * stride + j]`. */
  readonly data: Float64Array;
  /** Distance in `data` between the starts of two consecutive rows (≥ `cols`). */
  readonly stride: number;

  constructor(rows: number, cols: number, data: Float64Array, stride: number = cols) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.stride = stride;
  }

  /** Element at row `i`, column `j` (no bounds check beyond the typed array's own). */
  at(i: number, j: number): number {
    return this.data[i * this.stride + j] ?? Number.NaN;
  }

  /** Row `i` as a view into `data` (no copy). */
  row(i: number): Float64Array {
    const start = i * this.stride;
    return this.data.subarray(start, start + this.cols);
  }

  /** Column `j` as a new array of length `rows` (a view when the matrix is one contiguous column). */
  column(j: number): Float64Array {
    if (this.cols === 1 && this.stride === 1) return this.data.subarray(0, this.rows);
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.stride + j] ?? Number.NaN;
    return out;
  }

  /** A compact copy (`stride === cols`) that does not alias the original storage. */
  copy(): Matrix {
    const out = new Float64Array(this.rows * this.cols);
    for (let i = 0; i < this.rows; i++) out.set(this.row(i), i * this.cols);
    return new Matrix(this.rows, this.cols, out, this.cols);
  }

  /** Rows as plain number arrays (for printing and JSON). */
  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}
