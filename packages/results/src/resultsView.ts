import { createEventAccessor, type EventAccessor } from "./eventAccessor.ts";
import { EMPTY_EVENT_CATALOG, type EventCatalog } from "./eventCatalog.ts";
import { EventContext } from "./internal/eventContext.ts";
import { resolveVariable } from "./internal/variables.ts";
import { Matrix } from "./matrix.ts";
import type { RawResults } from "./rawResults.ts";
import { makeResultsTable, type ResultsTable, tableToCsv } from "./resultsTable.ts";
import type { Segment } from "./segment.ts";
import { type SegmentSource, SegmentsView } from "./segmentsView.ts";

/**
 * What a {@link ResultsView} shows besides the raw arrays.
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
 * const view = new ResultsView(raw, { segments: acc.segments, events });
 * view.eventNames(); // ["spike", "reset"]
 * ```
 * @category results
 * @since 0.1.0
 */
export interface ResultsViewOptions {
  /** Segments in creation order (the accumulator's `segments`); default none. */
  readonly segments?: readonly Segment[];
  /** Event names/fields/tags (the same catalog the accumulator got); default none. */
  readonly events?: EventCatalog;
}

/**
 * The name-aware view of the stitched results (`results()`, session-semantics §7.3).
 *
 * **Details:**
 * - `t`, `step`, `flags` and `get("x")` return views of the published arrays (no copy; do not
 *   write into them). `get(["x", "y"])` returns a new `n × k` row-major {@link Matrix}.
 * - Names: a state, an aux with or without `aux.` (states win). Unknown → "Unknown variable:
 *   'y'. Available states: […]. Available aux: […]."
 * - `segment` ({@link SegmentsView}) reads one recorded run; `event` ({@link EventAccessor})
 *   reads event logs by name or tag.
 * - The view is immutable: the session caches one per publication and builds a new one after a
 *   run, reset, import, clearHistory or segment rename.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator, ResultsView } from "@dyn/results";
 * const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
 * acc.append({ n: 3, t: [0, 0.5, 1], step: [0, 1, 2],
 *   states: { data: [1, 0.6, 0.37], rowStride: 1, colStride: 3 }, m: 0 },
 *   { tag: "baseline", resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(0.37), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 0.5, stepCountFinal: 2, finalWorkspace: {} });
 * const res = new ResultsView(raw, { segments: acc.segments });
 * res.get("x");                      // Float64Array [1, 0.6, 0.37]
 * res.segment.get("baseline").length; // 3
 * res.toCsv();                       // "t,step,x\n0,0,1\n0.5,1,0.6\n1,2,0.37\n"
 * ```
 * @category results
 * @since 0.1.0
 */
export class ResultsView<W = unknown> {
  /** The raw results this view reads. */
  readonly raw: RawResults<W>;
  /** Recorded segments. */
  readonly segment: SegmentsView;
  /** Event reads: `event("spike")`, `event({ tag })`, `event.summary()`. */
  readonly event: EventAccessor;
  readonly #events: EventContext;

  constructor(raw: RawResults<W>, options: ResultsViewOptions = {}) {
    this.raw = raw;
    this.#events = new EventContext(raw.EVT_CODE, raw.EVT_LOG_DATA, options.events ?? EMPTY_EVENT_CATALOG);
    this.event = createEventAccessor(this.#events);
    const source: SegmentSource = {
      t: raw.T,
      step: raw.STEP,
      flags: raw.FLAGS,
      eventCodes: raw.EVT_CODE,
      eventOwners: raw.EVT_INDEX,
      eventLogs: raw.EVT_LOG_DATA,
      rows: (names, start, length) => this.#rows(names, start, length),
    };
    this.segment = new SegmentsView(source, options.segments ?? []);
  }

  /** Recorded times (view). */
  get t(): Float64Array {
    return this.raw.T;
  }
  /** Stitched step labels (view; integers in float64). */
  get step(): Float64Array {
    return this.raw.STEP;
  }
  /** Row flags (view; always 0). */
  get flags(): Int32Array {
    return this.raw.FLAGS;
  }
  /** Number of recorded rows. */
  get length(): number {
    return this.raw.n;
  }
  /** Number of recorded rows (alias of `length`). */
  get n(): number {
    return this.raw.n;
  }
  /** Number of event rows. */
  get m(): number {
    return this.raw.m;
  }
  /** Status code of the last run. */
  get status(): number {
    return this.raw.status;
  }
  /** Last run ended DONE or EARLY_EXIT. */
  get ok(): boolean {
    return this.raw.ok;
  }
  /** Last run stopped on its stop condition. */
  get exitedEarly(): boolean {
    return this.raw.exitedEarly;
  }
  /** Session step total after the last run. */
  get stepCountFinal(): number {
    return this.raw.stepCountFinal;
  }
  /** Recorded states, in recording order. */
  get stateNames(): readonly string[] {
    return this.raw.stateNames;
  }
  /** Recorded aux (without `aux.`), in recording order. */
  get auxNames(): readonly string[] {
    return this.raw.auxNames;
  }

  /** One series (a view of length n), or an `n × k` matrix (a copy) for a list of names. */
  get(name: string): Float64Array;
  get(names: readonly string[]): Matrix;
  get(key: string | readonly string[]): Float64Array | Matrix {
    return this.#rows(key, 0, this.raw.n);
  }

  /** Event names in declaration order. */
  eventNames(): string[] {
    return this.#events.names();
  }
  /** Logged fields of an event ("Unknown event 'x'. Available: …"). */
  eventFields(name: string): readonly string[] {
    return this.#events.fieldsOf(name);
  }
  /** Tag names. */
  tagNames(): string[] {
    return this.#events.tagNames();
  }
  /** Events carrying a tag ("Unknown tag 'x'. Available: …"). */
  eventsByTag(tag: string): readonly string[] {
    return this.#events.eventsByTag(tag);
  }
  /** Occurrences per event name (events that occurred). Same as `event.summary()`. */
  summary(): Record<string, number> {
    return this.event.summary();
  }

  /** Columns `t`, `step`, then the recorded states and aux by name (views). */
  toTable(): ResultsTable {
    const names = [...this.raw.stateNames, ...this.raw.auxNames];
    const values = [
      this.raw.T,
      this.raw.STEP,
      ...this.raw.stateNames.map((_, i) => this.raw.Y.row(i)),
      ...this.raw.auxNames.map((_, i) => (this.raw.AUX as Matrix).row(i)),
    ];
    return makeResultsTable(["t", "step", ...names], values, this.raw.n);
  }

  /** CSV of {@link ResultsView.toTable}: header `t,step,<names>`, shortest round-trip numbers. */
  toCsv(): string {
    return tableToCsv(this.toTable());
  }

  #series(name: string): Float64Array {
    const slot = resolveVariable(this.raw.stateNames, this.raw.auxNames, name);
    return slot.kind === "state" ? this.raw.Y.row(slot.index) : (this.raw.AUX as Matrix).row(slot.index);
  }

  #rows(key: string | readonly string[], start: number, length: number): Float64Array | Matrix {
    if (typeof key === "string") return this.#series(key).subarray(start, start + length);
    const cols = key.map((nm) => this.#series(nm));
    const k = cols.length;
    const out = new Float64Array(length * k);
    cols.forEach((col, j) => {
      for (let r = 0; r < length; r++) out[r * k + j] = col[start + r] as number;
    });
    return new Matrix(length, k, out);
  }
}
