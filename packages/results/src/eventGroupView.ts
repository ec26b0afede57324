import { badQuery, type EventContext, stableArgsort, unknownKeyError } from "./internal/eventContext.ts";
import { pyNameList } from "./internal/variables.ts";
import { Matrix } from "./matrix.ts";

/**
 * How a tag group combines its members' fields.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator, ResultsView } from "@dyn/results";
 * const events = { events: [{ name: "spike", fields: ["t", "v"] }, { name: "reset", fields: ["t"] }],
 *   tags: { spiking: ["spike", "reset"] } };
 * const acc = new ResultsAccumulator({ stateNames: ["v"], auxNames: [], events });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [0, 1], rowStride: 1, colStride: 2 },
 *   m: 2, eventCodes: [0, 1], eventOwners: [1, 1], eventLogs: { data: [1, 0.9, 1, 0], rowStride: 2, colStride: 1 } },
 *   { tag: "run", resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(1), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 1, stepCountFinal: 1, finalWorkspace: {} });
 * const res = new ResultsView(raw, { segments: acc.segments, events });
 * const grp = res.event({ tag: "spiking" });
 * grp.fields("union"); // ["t", "v"]
 * grp.fields(); // ["t"]
 * ```
 * @category events
 * @since 0.1.0
 */
export type FieldMode = "intersection" | "union";

/**
 * Options of {@link EventGroupView.select}.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator, ResultsView } from "@dyn/results";
 * const events = { events: [{ name: "spike", fields: ["t", "v"] }, { name: "reset", fields: ["t"] }],
 *   tags: { spiking: ["spike", "reset"] } };
 * const acc = new ResultsAccumulator({ stateNames: ["v"], auxNames: [], events });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [0, 1], rowStride: 1, colStride: 2 },
 *   m: 2, eventCodes: [0, 1], eventOwners: [1, 1], eventLogs: { data: [1, 0.9, 1, 0], rowStride: 2, colStride: 1 } },
 *   { tag: "run", resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(1), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 1, stepCountFinal: 1, finalWorkspace: {} });
 * const res = new ResultsView(raw, { segments: acc.segments, events });
 * const grp = res.event({ tag: "spiking" });
 * grp.select(["t", "v"], { mode: "union", fillValue: -1 }).data; // Float64Array [1, 0.9, 1, -1]
 * ```
 * @category events
 * @since 0.1.0
 */
export interface SelectOptions {
  /** `"intersection"` (default): only fields every member logs; `"union"`: any member's field. */
  readonly mode?: FieldMode;
  /** Value for a field a member does not log (union mode); default NaN. */
  readonly fillValue?: number;
}

/**
 * Options of {@link EventGroupView.table}.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator, ResultsView } from "@dyn/results";
 * const events = { events: [{ name: "spike", fields: ["t", "v"] }, { name: "reset", fields: ["t"] }],
 *   tags: { spiking: ["spike", "reset"] } };
 * const acc = new ResultsAccumulator({ stateNames: ["v"], auxNames: [], events });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [0, 1], rowStride: 1, colStride: 2 },
 *   m: 2, eventCodes: [0, 1], eventOwners: [1, 1], eventLogs: { data: [1, 0.9, 1, 0], rowStride: 2, colStride: 1 } },
 *   { tag: "run", resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(1), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 1, stepCountFinal: 1, finalWorkspace: {} });
 * const res = new ResultsView(raw, { segments: acc.segments, events });
 * const grp = res.event({ tag: "spiking" });
 * grp.table({ fields: ["t", "v"], mode: "union", sortBy: "t" }).data; // Float64Array [1, 0.9, 1, NaN]
 * ```
 * @category events
 * @since 0.1.0
 */
export interface GroupTableOptions extends SelectOptions {
  /** Columns; default: all fields of the mode (`fields(mode)`). */
  readonly fields?: string | readonly string[];
  /** Sort rows (stably) by this column, which must be among the requested fields. */
  readonly sortBy?: string;
}

/**
 * Occurrences of all events carrying one tag (`results.event({ tag: "spiking" })`), as one
 * concatenated view: member after member (in the tag's order), each in log order, until sorted.
 *
 * **Details:** plain reads (`t`, `get`) need the field to be logged by every member
 * (intersection); `select`/`table` with `mode: "union"` fill the gaps with `fillValue` (NaN by
 * default). `sort(by)` orders all rows of the group by a common field (stable). Reads return
 * fresh arrays.
 *
 * **Gotchas:** the reference's group `sort` only sorts within each member; here the whole
 * concatenation is sorted, which is what a time-ordered merge of several events needs.
 *
 * @example
 * ```ts
 * // const grp = res.event({ tag: "spiking" });
 * // grp.names; grp.counts(); grp.fields("union");
 * // grp.sort("t").table({ fields: ["t", "v"], mode: "union" });
 * ```
 * @category events
 * @since 0.1.0
 */
export class EventGroupView {
  readonly #ctx: EventContext;
  readonly #rows: Int32Array;
  /** Member event names, in the tag's order. */
  readonly names: readonly string[];

  /** @internal */
  constructor(ctx: EventContext, names: readonly string[], rows?: Int32Array) {
    this.#ctx = ctx;
    this.names = Object.freeze([...names]);
    if (rows !== undefined) {
      this.#rows = rows;
    } else {
      const parts = names.map((nm) => ctx.rowsOf(ctx.codeOf(nm)));
      const all = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
      let k = 0;
      for (const p of parts) {
        all.set(p, k);
        k += p.length;
      }
      this.#rows = all;
    }
  }

  /** Total occurrences in the group. */
  get count(): number {
    return this.#rows.length;
  }

  /** Occurrences per member name. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const nm of this.names) out[nm] = 0;
    for (const row of this.#rows) {
      const nm = this.#ctx.catalog.events[this.#ctx.codes[row] as number]?.name;
      if (nm !== undefined && nm in out) out[nm] = (out[nm] as number) + 1;
    }
    return out;
  }

  /** Fields logged by every member (ordered as the first member logs them), or by any member (first appearance). */
  fields(mode: FieldMode = "intersection"): string[] {
    if (mode !== "intersection" && mode !== "union") {
      throw badQuery("mode must be 'intersection' or 'union'", { mode });
    }
    const lists = this.names.map((nm) => this.#ctx.fieldsOf(nm));
    const first = lists[0];
    if (first === undefined) return [];
    if (mode === "intersection") return first.filter((f) => lists.every((l) => l.includes(f)));
    const out: string[] = [];
    for (const l of lists) for (const f of l) if (!out.includes(f)) out.push(f);
    return out;
  }

  /** Logged times of all members; every member must log `t`. */
  get t(): Float64Array {
    if (!this.fields("intersection").includes("t")) {
      throw badQuery("Not all grouped events logged 't'; cannot read .t uniformly", { names: this.names });
    }
    return this.#gather(["t"], NaN).column(0);
  }

  /** A field common to all members → values; a list of common fields → `count × k` matrix. */
  get(field: string): Float64Array;
  get(fields: readonly string[]): Matrix;
  get(key: string | readonly string[]): Float64Array | Matrix {
    const common = this.fields("intersection");
    if (typeof key === "string") {
      if (!common.includes(key)) {
        throw badQuery(
          `Field '${key}' is not common to all events. ` +
            "Use group.select([...], { mode: 'union' }) to allow per-event fields.",
          { field: key },
        );
      }
      return this.#gather([key], NaN).column(0);
    }
    const missing = key.filter((f) => !common.includes(f));
    if (missing.length > 0) {
      throw badQuery(
        `Fields ${pyNameList(missing)} are not common to all events. ` +
          "Use group.select(..., { mode: 'union' }) for heterogeneous fields.",
        { fields: missing },
      );
    }
    return this.#gather(key, NaN);
  }

  /** Explicit intersection/union read; a single field name gives a 1-D array, a list a matrix. */
  select(field: string, options?: SelectOptions): Float64Array;
  select(fields: readonly string[], options?: SelectOptions): Matrix;
  select(key: string | readonly string[], options: SelectOptions = {}): Float64Array | Matrix {
    const mode = options.mode ?? "intersection";
    const fill = options.fillValue ?? Number.NaN;
    const req = typeof key === "string" ? [key] : [...key];
    const available = this.fields(mode);
    const missing = req.filter((f) => !available.includes(f));
    if (missing.length > 0) {
      if (mode === "intersection") {
        throw badQuery(`Fields ${pyNameList(missing)} are not common to all events`, { fields: missing });
      }
      throw unknownKeyError("field", missing[0] as string, available);
    }
    const out = this.#gather(req, fill);
    return typeof key === "string" ? out.column(0) : out;
  }

  /** A `count × k` matrix over `fields` (default: all fields of the mode), optionally sorted by a column. */
  table(options: GroupTableOptions = {}): Matrix {
    const mode = options.mode ?? "intersection";
    const req =
      options.fields === undefined
        ? this.fields(mode)
        : typeof options.fields === "string"
          ? [options.fields]
          : [...options.fields];
    const selectOptions: SelectOptions = { mode, fillValue: options.fillValue ?? Number.NaN };
    const data = this.select(req, selectOptions);
    if (options.sortBy === undefined) return data;
    const col = req.indexOf(options.sortBy);
    if (col < 0)
      throw badQuery(`sortBy '${options.sortBy}' not requested in table fields`, { sortBy: options.sortBy });
    const order = stableArgsort(data.column(col));
    const out = new Float64Array(data.rows * data.cols);
    order.forEach((src, i) => {
      out.set(data.row(src), i * data.cols);
    });
    return new Matrix(data.rows, data.cols, out);
  }

  /** The group with all rows ordered by a field every member logs (ascending, stable, NaN last). */
  sort(by: string = "t"): EventGroupView {
    if (!this.fields("intersection").includes(by)) {
      throw badQuery(`Cannot sort by '${by}': not present in all member events`, { by });
    }
    const order = stableArgsort(this.#gather([by], NaN).column(0));
    return new EventGroupView(
      this.#ctx,
      this.names,
      Int32Array.from(order, (i) => this.#rows[i] as number),
    );
  }

  /** Rows × fields, each cell the member's logged value or `fill` when the member lacks the field. */
  #gather(fields: readonly string[], fill: number): Matrix {
    const k = fields.length;
    const out = new Float64Array(this.#rows.length * k);
    this.#rows.forEach((row, i) => {
      const own = this.#ctx.fieldsOfCode(this.#ctx.codes[row] as number);
      for (let j = 0; j < k; j++) {
        const c = own.indexOf(fields[j] as string);
        out[i * k + j] = c >= 0 ? this.#ctx.value(row, c) : fill;
      }
    });
    return new Matrix(this.#rows.length, k, out);
  }
}
