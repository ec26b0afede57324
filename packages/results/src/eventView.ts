import {
  badQuery,
  checkCount,
  type EventContext,
  stableArgsort,
  unknownKeyError,
} from "./internal/eventContext.ts";
import { Matrix } from "./matrix.ts";

/**
 * Read-only view of the occurrences of one event (`results.event("spike")`).
 *
 * **Details:** rows are the event's entries in the stitched event log, in log order unless
 * filtered or sorted. Reads gather scattered rows, so `get`, `t` and `table` return fresh arrays
 * (never views). Filters (`time`, `head`, `tail`, `sort`) return new views and leave this one as
 * it is.
 *
 * @example
 * ```ts
 * // given results `res` of a model whose event "spike" logs ["t", "v"]:
 * // const ev = res.event("spike");
 * // ev.count; ev.t; ev.get("v"); ev.time(0, 10).head(3).table();
 * ```
 * @category events
 * @since 0.1.0
 */
export class EventView {
  readonly #ctx: EventContext;
  readonly #code: number;
  readonly #rows: Int32Array;
  /** Event name. */
  readonly name: string;
  /** Logged field names, in log order. */
  readonly fields: readonly string[];

  /** @internal */
  constructor(ctx: EventContext, name: string, rows?: Int32Array) {
    this.#ctx = ctx;
    this.#code = ctx.codeOf(name);
    this.name = name;
    this.fields = ctx.fieldsOfCode(this.#code);
    this.#rows = rows ?? ctx.rowsOf(this.#code);
  }

  /** Number of occurrences in this view. */
  get count(): number {
    return this.#rows.length;
  }

  /** Event-log row indices of this view (a copy), e.g. to look up owners in `EVT_INDEX`. */
  get rows(): Int32Array {
    return this.#rows.slice();
  }

  /** Logged times. Throws when the event does not log `t`. */
  get t(): Float64Array {
    if (!this.fields.includes("t")) {
      throw badQuery(`Event '${this.name}' has no 't' in its log. Add log=['t', ...] in the DSL.`, {
        event: this.name,
      });
    }
    return this.#column(this.#col("t"));
  }

  /** One field → its values (length `count`); a list → `count × k` matrix in request order. */
  get(field: string): Float64Array;
  get(fields: readonly string[]): Matrix;
  get(key: string | readonly string[]): Float64Array | Matrix {
    if (typeof key === "string") return this.#column(this.#col(key));
    const cols = key.map((f) => this.#col(f));
    const out = new Float64Array(this.#rows.length * cols.length);
    this.#rows.forEach((row, i) => {
      cols.forEach((c, j) => {
        out[i * cols.length + j] = this.#ctx.value(row, c);
      });
    });
    return new Matrix(this.#rows.length, cols.length, out);
  }

  /** Occurrences with `t0 ≤ t ≤ t1` (both ends inclusive). Throws when `t` is not logged. */
  time(t0: number, t1: number): EventView {
    if (!this.fields.includes("t")) {
      throw badQuery("Cannot filter by time: 't' not logged for this event", { event: this.name });
    }
    const col = this.#col("t");
    const kept = Array.from(this.#rows).filter((row) => {
      const v = this.#ctx.value(row, col);
      return v >= t0 && v <= t1;
    });
    return new EventView(this.#ctx, this.name, Int32Array.from(kept));
  }

  /** The first `k` occurrences. */
  head(k: number): EventView {
    checkCount(k, "head");
    return new EventView(this.#ctx, this.name, this.#rows.slice(0, k));
  }

  /** The last `k` occurrences (`tail(0)` is empty). */
  tail(k: number): EventView {
    checkCount(k, "tail");
    return new EventView(this.#ctx, this.name, this.#rows.slice(Math.max(0, this.#rows.length - k)));
  }

  /** Occurrences sorted by a field, ascending and stable (ties keep log order; NaN last). */
  sort(by: string = "t"): EventView {
    const order = stableArgsort(this.#column(this.#col(by)));
    return new EventView(
      this.#ctx,
      this.name,
      Int32Array.from(order, (i) => this.#rows[i] as number),
    );
  }

  /** All fields as a `count × fields.length` matrix. */
  table(): Matrix {
    return this.get(this.fields);
  }

  #col(field: string): number {
    const idx = this.fields.indexOf(field);
    if (idx < 0) throw unknownKeyError("field", field, this.fields);
    return idx;
  }

  #column(col: number): Float64Array {
    return Float64Array.from(this.#rows, (row) => this.#ctx.value(row, col));
  }
}
