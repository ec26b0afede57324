import { pythonFloatRepr } from "@dyn/core";
import type { ChunkMeta, RecordedChunk } from "./chunk.ts";
import { ResultsError, ResultsErrorCode } from "./errors.ts";
import { EMPTY_EVENT_CATALOG, type EventCatalog, eventLogWidth } from "./eventCatalog.ts";
import { badChunk, checkBlock, checkCount, checkLength } from "./internal/chunkChecks.ts";
import { copyInt32, copyOffset, copyShifted, copyStrided, copyStrided3 } from "./internal/columnCopy.ts";
import {
  copyEvents,
  type EventTables,
  eventTables,
  firstBadEvent,
  widestLog,
} from "./internal/eventTables.ts";
import { resolveSegmentForRename, uniqueSegmentName } from "./internal/segmentNames.ts";
import { firstStepBack } from "./internal/timeAxis.ts";
import { stitchTolerance } from "./internal/ulp.ts";
import { Matrix } from "./matrix.ts";
import { type PublishInfo, RawResults } from "./rawResults.ts";
import type { Segment } from "./segment.ts";

/**
 * What the accumulator records: the recording selection and the model's events.
 *
 * @example
 * ```ts
 * import type { RecordLayout } from "@dyn/results";
 * const layout: RecordLayout = { stateNames: ["x", "y"], auxNames: ["energy"] };
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export interface RecordLayout {
  /** Recorded states, in recording order. */
  readonly stateNames: readonly string[];
  /** Recorded aux (without `aux.`), in recording order. */
  readonly auxNames: readonly string[];
  /** Declared events (codes, log fields, tags); default: none. */
  readonly events?: EventCatalog;
}

/**
 * A chunk checked and stitched on paper by {@link ResultsAccumulator.stage}, not yet applied.
 *
 * **Details:** holds the decisions of §7.1 (dropFirst, owner offset, the segment to append) and
 * references to the chunk's arrays. Commit it with {@link ResultsAccumulator.commit} on the same
 * accumulator before anything else changes it (another commit, `clear`, a rename); otherwise
 * commit throws `RESULTS_STALE_STAGE`.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator } from "@dyn/results";
 * const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [0, 1], rowStride: 1, colStride: 2 }, m: 0 },
 *   { tag: "run", resume: false, cfgHash: "empty", frameStep: 0 });
 * const chunk = { n: 2, t: [1, 2], step: [1, 2], states: { data: [1, 2], rowStride: 1, colStride: 2 }, m: 0 };
 * const staged = acc.stage(chunk, { tag: "more", resume: true, cfgHash: "empty", frameStep: 1 }); // may throw; acc unchanged either way
 * staged.dropFirst; // true (the resumed chunk repeats the last stored row)
 * staged.segment?.name; // "more"
 * acc.commit(staged);
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export class StagedChunk {
  /** @internal */ readonly owner: ResultsAccumulator;
  /** @internal */ readonly version: number;
  /** @internal */ readonly chunk: RecordedChunk;
  /** @internal */ readonly shift: number;
  /** @internal */ readonly frameStep: number;
  /** Whether the chunk's first row repeats the last stored row and is dropped. */
  readonly dropFirst: boolean;
  /** Rows that will be appended (chunk rows minus a dropped duplicate start). */
  readonly rowsAppended: number;
  /** Event rows that will be appended (all of the chunk's, D-5). */
  readonly eventsAppended: number;
  /** Accumulator row that chunk row 0 maps to (owners `o ≥ 0` become `ownerBase + o`). */
  readonly ownerBase: number;
  /** The segment that commit appends, or null when no row is appended. */
  readonly segment: Segment | null;

  /** @internal */
  constructor(init: Omit<StagedChunk, never>) {
    this.owner = init.owner;
    this.version = init.version;
    this.chunk = init.chunk;
    this.shift = init.shift;
    this.frameStep = init.frameStep;
    this.dropFirst = init.dropFirst;
    this.rowsAppended = init.rowsAppended;
    this.eventsAppended = init.eventsAppended;
    this.ownerBase = init.ownerBase;
    this.segment = init.segment;
  }
}

/**
 * The session's growable store of stitched results (session-semantics §7.1).
 *
 * **When to use:** the session owns one per recording frame. After each successful recorded run
 * it hands over the run's {@link RecordedChunk} with its {@link ChunkMeta}; after publishing it
 * builds a `RawResults` with {@link ResultsAccumulator.publish}.
 *
 * **Details:** failure atomicity is stage-then-commit. {@link ResultsAccumulator.stage} checks
 * the chunk, decides dropFirst, maps owners, checks the stitched time axis ("Non-monotone time
 * axis after stitching…") and names the new segment, all without touching the accumulator; it
 * is O(rows + events) and copies no data. {@link ResultsAccumulator.commit}
 * then copies the rows and cannot fail for any reason but memory. So the session stages before
 * it changes its own state and commits after. Buffers grow by doubling (amortised O(1) copying
 * per row); capacities are never visible in results. Neither call allocates anything per row:
 * contiguous columns are copied with `TypedArray.prototype.set`, strided ones (record-major
 * chunks) by small monomorphic loops, three columns per pass; `Float64Array` inputs (what the
 * runner hands over) take their own code path, other array-likes a generic one.
 *
 * **Gotchas:** published `RawResults` keep views of the filled region; commits only write past
 * it or into new buffers and `clear()` drops the buffers, so published results never change.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator } from "@dyn/results";
 * const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
 * const meta = { tag: null, resume: false, cfgHash: "empty", frameStep: 0 };
 * const staged = acc.stage({ n: 3, t: [0, 0.5, 1], step: [0, 1, 2],
 *   states: { data: [1, 0.6, 0.37], rowStride: 1, colStride: 3 }, m: 0 }, meta);
 * // ... update the session; nothing above changed the accumulator ...
 * acc.commit(staged);
 * acc.n;           // 3
 * acc.segments[0]; // { id: 0, name: null, recStart: 0, recLen: 3, ... }
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export class ResultsAccumulator {
  #stateNames: readonly string[];
  #auxNames: readonly string[];
  #events: EventCatalog;
  #logWidth: number;
  /** Per event code, its field count and the log columns named `t` (rebased by the time shift). */
  #eventTables: EventTables;
  #n = 0;
  #m = 0;
  #recCap = 0;
  #evtCap = 0;
  #T: Float64Array = new Float64Array(0);
  #STEP: Float64Array = new Float64Array(0);
  #FLAGS: Int32Array = new Int32Array(0);
  #Y: Float64Array = new Float64Array(0);
  #AUX: Float64Array = new Float64Array(0);
  #CODE: Int32Array = new Int32Array(0);
  #OWNER: Int32Array = new Int32Array(0);
  #LOG: Float64Array = new Float64Array(0);
  /** Appended in place (O(1) per run); readers get a frozen copy cached until the next change. */
  #segments: Segment[] = [];
  #segmentsSnapshot: readonly Segment[] | null = null;
  #version = 0;

  constructor(layout: RecordLayout) {
    this.#stateNames = Object.freeze([...layout.stateNames]);
    this.#auxNames = Object.freeze([...layout.auxNames]);
    this.#events = layout.events ?? EMPTY_EVENT_CATALOG;
    this.#logWidth = eventLogWidth(this.#events);
    this.#eventTables = eventTables(this.#events);
  }

  /** Recorded rows so far. */
  get n(): number {
    return this.#n;
  }
  /** Event rows so far. */
  get m(): number {
    return this.#m;
  }
  /** Current row capacity (an implementation detail, exposed for tests and diagnostics). */
  get recordCapacity(): number {
    return this.#recCap;
  }
  /** Current event-row capacity. */
  get eventCapacity(): number {
    return this.#evtCap;
  }
  /** Recorded state names. */
  get stateNames(): readonly string[] {
    return this.#stateNames;
  }
  /** Recorded aux names. */
  get auxNames(): readonly string[] {
    return this.#auxNames;
  }
  /** The event catalog. */
  get events(): EventCatalog {
    return this.#events;
  }
  /** Width of one event-log row: max(1, widest log). */
  get logWidth(): number {
    return this.#logWidth;
  }
  /** Segments in creation order, as a frozen snapshot that later runs and renames never change. */
  get segments(): readonly Segment[] {
    if (this.#segmentsSnapshot === null) this.#segmentsSnapshot = Object.freeze([...this.#segments]);
    return this.#segmentsSnapshot;
  }

  /**
   * Drops all rows, events and segments (non-resume run, `reset`, `importSnapshot`,
   * `assign({clearHistory: true})`). With a layout, also switches to a new recording selection
   * (only a non-resume run may change it).
   */
  clear(layout?: RecordLayout): void {
    if (layout !== undefined) {
      const fresh = new ResultsAccumulator(layout);
      this.#stateNames = fresh.#stateNames;
      this.#auxNames = fresh.#auxNames;
      this.#events = fresh.#events;
      this.#logWidth = fresh.#logWidth;
      this.#eventTables = fresh.#eventTables;
    }
    this.#n = 0;
    this.#m = 0;
    this.#recCap = 0;
    this.#evtCap = 0;
    // New (empty) buffers: published results keep the old ones untouched.
    this.#T = new Float64Array(0);
    this.#STEP = new Float64Array(0);
    this.#FLAGS = new Int32Array(0);
    this.#Y = new Float64Array(0);
    this.#AUX = new Float64Array(0);
    this.#CODE = new Int32Array(0);
    this.#OWNER = new Int32Array(0);
    this.#LOG = new Float64Array(0);
    this.#segments = [];
    this.#segmentsSnapshot = null;
    this.#version++;
  }

  /**
   * Checks a chunk and computes its stitching (§7.1) without changing the accumulator.
   * Throws `RESULTS_NON_MONOTONE_TIME` ("Non-monotone time axis after stitching around indices
   * i/i+1: a -> b") or `RESULTS_BAD_CHUNK` (a chunk that does not match the layout).
   */
  stage(chunk: RecordedChunk, meta: ChunkMeta): StagedChunk {
    const n = checkCount(chunk.n, "n");
    const m = checkCount(chunk.m, "m");
    const frameStep = meta.frameStep;
    if (!Number.isInteger(frameStep) || frameStep < 0) {
      throw badChunk(`meta.frameStep must be a non-negative integer (got ${String(frameStep)})`);
    }
    const shift = meta.timeShift ?? 0;
    if (!Number.isFinite(shift)) throw badChunk(`meta.timeShift must be finite (got ${String(shift)})`);
    if (meta.tag !== null && (typeof meta.tag !== "string" || meta.tag === "")) {
      throw new ResultsError({
        code: ResultsErrorCode.BAD_SEGMENT_NAME,
        message: "segment name cannot be empty",
        details: { tag: meta.tag },
      });
    }
    checkLength(chunk.t, n, "t");
    checkLength(chunk.step, n, "step");
    if (chunk.flags !== undefined) checkLength(chunk.flags, n, "flags");
    checkBlock(chunk.states, n, this.#stateNames.length, "states");
    checkBlock(chunk.aux, n, this.#auxNames.length, "aux");
    checkLength(chunk.eventCodes, m, "eventCodes");
    checkLength(chunk.eventOwners, m, "eventOwners");

    const prevN = this.#n;
    const t = chunk.t;
    let dropFirst = false;
    if (prevN > 0 && n > 0) {
      const last = this.#T[prevN - 1] as number;
      const first = (t[0] as number) - shift;
      dropFirst = Math.abs(first - last) <= stitchTolerance(last, first);
    }
    const start = dropFirst ? 1 : 0;
    const rows = n - start;

    // The stored axis is already non-decreasing, so only the seam and the new rows need checking.
    // The scan stops at each step back (NaN as "no previous row" compares false); only those need
    // the (costlier) ULP tolerance.
    const seamT = prevN > 0 ? (this.#T[prevN - 1] as number) : Number.NaN;
    let from = start;
    let prevT = seamT;
    for (;;) {
      const i = firstStepBack(t, from, n, shift, prevT);
      if (i < 0) break;
      const cur = (t[i] as number) - shift;
      const before = i > start ? (t[i - 1] as number) - shift : seamT;
      if (cur - before < -stitchTolerance(before, cur)) {
        const idx = prevN + (i - start) - 1;
        throw new ResultsError({
          code: ResultsErrorCode.NON_MONOTONE_TIME,
          message:
            `Non-monotone time axis after stitching around indices ${idx}/${idx + 1}: ` +
            `${pythonFloatRepr(before)} -> ${pythonFloatRepr(cur)}`,
          details: { index: idx, previous: before, next: cur },
        });
      }
      from = i + 1;
      prevT = cur;
    }

    if (m > 0) this.#checkEvents(chunk, n, m);

    const ownerBase = dropFirst ? prevN - 1 : prevN;
    let segment: Segment | null = null;
    if (rows > 0) {
      segment = Object.freeze({
        id: this.#segments.length,
        name: meta.tag === null ? null : uniqueSegmentName(this.#segments, meta.tag, null),
        recStart: prevN,
        recLen: rows,
        evtStart: this.#m,
        evtLen: m,
        tStart: (t[start] as number) - shift,
        tEnd: (t[n - 1] as number) - shift,
        stepStart: (chunk.step[start] as number) + frameStep,
        stepEnd: (chunk.step[n - 1] as number) + frameStep,
        resume: meta.resume === true,
        cfgHash: String(meta.cfgHash),
        note: "",
      });
    }
    return new StagedChunk({
      owner: this,
      version: this.#version,
      chunk,
      shift,
      frameStep,
      dropFirst,
      rowsAppended: rows,
      eventsAppended: m,
      ownerBase,
      segment,
    });
  }

  /** Applies a staged chunk. Throws `RESULTS_STALE_STAGE` if the accumulator changed since `stage()`. */
  commit(staged: StagedChunk): void {
    if (staged.owner !== this || staged.version !== this.#version) {
      throw new ResultsError({
        code: ResultsErrorCode.STALE_STAGE,
        message:
          "ResultsAccumulator.commit: this chunk was staged on another accumulator or before a later " +
          "commit/clear/rename; stage it again",
      });
    }
    const { chunk, shift, frameStep } = staged;
    const rows = staged.rowsAppended;
    const start = staged.dropFirst ? 1 : 0;
    if (rows > 0) {
      const base = this.#n;
      this.#ensureRecordCapacity(base + rows);
      const cap = this.#recCap;
      copyShifted(this.#T, base, chunk.t, start, rows, shift);
      copyOffset(this.#STEP, base, chunk.step, start, rows, frameStep);
      // Past the filled region every buffer is still zero (only commit writes, and only there):
      // omitted flags need no write, and fresh pages stay untouched.
      if (chunk.flags !== undefined) copyInt32(this.#FLAGS, base, chunk.flags, start, rows);
      copyBlock(this.#Y, cap, base, this.#stateNames.length, chunk.states, start, rows);
      copyBlock(this.#AUX, cap, base, this.#auxNames.length, chunk.aux, start, rows);
      this.#n = base + rows;
    }
    const m = staged.eventsAppended;
    if (m > 0) {
      const base = this.#m;
      this.#ensureEventCapacity(base + m);
      const width = this.#logWidth;
      // Unlogged fields read as 0: the log buffer past the filled region is still zero.
      const logs = chunk.eventLogs;
      copyEvents(
        this.#CODE,
        this.#OWNER,
        this.#LOG,
        width,
        base,
        staged.ownerBase,
        shift,
        this.#eventTables,
        chunk.eventCodes as ArrayLike<number>,
        chunk.eventOwners as ArrayLike<number>,
        m,
        logs === undefined ? null : logs.data,
        logs === undefined ? 0 : (logs.offset ?? 0),
        logs === undefined ? 0 : logs.rowStride,
        logs === undefined ? 0 : logs.colStride,
      );
      this.#m = base + m;
    }
    if (staged.segment !== null) {
      this.#segments.push(staged.segment);
      this.#segmentsSnapshot = null;
    }
    this.#version++;
  }

  /** `commit(stage(chunk, meta))`: for callers that need no rollback point. Returns the staging. */
  append(chunk: RecordedChunk, meta: ChunkMeta): StagedChunk {
    const staged = this.stage(chunk, meta);
    this.commit(staged);
    return staged;
  }

  /** Builds the published {@link RawResults}: views of the filled region plus the session's final values. */
  publish<W>(info: PublishInfo<W>): RawResults<W> {
    const n = this.#n;
    const m = this.#m;
    const cap = this.#recCap;
    return new RawResults<W>({
      ...info,
      T: this.#T.subarray(0, n),
      STEP: this.#STEP.subarray(0, n),
      FLAGS: this.#FLAGS.subarray(0, n),
      Y: new Matrix(this.#stateNames.length, n, this.#Y, cap),
      AUX: this.#auxNames.length > 0 ? new Matrix(this.#auxNames.length, n, this.#AUX, cap) : null,
      EVT_CODE: this.#CODE.subarray(0, m),
      EVT_INDEX: this.#OWNER.subarray(0, m),
      EVT_LOG_DATA: new Matrix(m, this.#logWidth, this.#LOG.subarray(0, m * this.#logWidth), this.#logWidth),
      stateNames: this.#stateNames,
      auxNames: this.#auxNames,
    });
  }

  /**
   * Renames a segment (§7.4), addressed by index (0-based, non-negative) or by explicit name /
   * `run#i` alias. The new name is uniquified against every other segment's names (`-2`, `-3`,
   * …). Returns whether anything changed (the session then drops its cached view).
   * Errors: non-string name → TypeError; `""` → "segment name cannot be empty"; no segments →
   * "No recorded segments available to rename"; bad index → RangeError; unknown name →
   * "Unknown segment 'x'. Known names: …".
   */
  nameSegment(indexOrName: number | string, newName: string): boolean {
    if (typeof newName !== "string") throw new TypeError("segment name must be a string");
    if (newName === "") {
      throw new ResultsError({
        code: ResultsErrorCode.BAD_SEGMENT_NAME,
        message: "segment name cannot be empty",
      });
    }
    if (this.#segments.length === 0) throw noSegmentsError();
    if (typeof indexOrName !== "number" && typeof indexOrName !== "string") {
      throw new TypeError("segment must be addressed by an index (number) or a name (string)");
    }
    const idx = resolveSegmentForRename(this.#segments, indexOrName);
    const unique = uniqueSegmentName(this.#segments, newName, idx);
    const current = this.#segments[idx] as Segment;
    if (current.name === unique) return false;
    this.#segments[idx] = Object.freeze({ ...current, name: unique });
    this.#segmentsSnapshot = null;
    this.#version++;
    return true;
  }

  /** Renames the newest segment; "No recorded segments available to rename" when there is none. */
  nameLastSegment(newName: string): boolean {
    if (this.#segments.length === 0) throw noSegmentsError();
    return this.nameSegment(this.#segments.length - 1, newName);
  }

  #checkEvents(chunk: RecordedChunk, n: number, m: number): void {
    const codes = chunk.eventCodes as ArrayLike<number>;
    const owners = chunk.eventOwners as ArrayLike<number>;
    const declared = this.#events.events.length;
    const bad = firstBadEvent(codes, owners, m, n, declared);
    if (bad >= 0) {
      const code = codes[bad] as number;
      if (!Number.isInteger(code) || code < 0 || code >= declared) {
        throw badChunk(`eventCodes[${bad}] = ${code} is not a declared event code (0..${declared - 1})`);
      }
      throw badChunk(
        `eventOwners[${bad}] = ${owners[bad] as number} is neither -1 nor a row of this chunk (0..${n - 1})`,
      );
    }
    const widest = widestLog(codes, m, this.#eventTables.fieldCount);
    if (widest > 0) checkBlock(chunk.eventLogs, m, widest, "eventLogs");
  }

  #ensureRecordCapacity(needed: number): void {
    if (needed <= this.#recCap) return;
    let cap = Math.max(1, this.#recCap);
    while (cap < needed) cap *= 2;
    const n = this.#n;
    const oldCap = this.#recCap;
    this.#T = grow(this.#T, new Float64Array(cap), n);
    this.#STEP = grow(this.#STEP, new Float64Array(cap), n);
    this.#FLAGS = grow(this.#FLAGS, new Int32Array(cap), n);
    this.#Y = growColumns(this.#Y, oldCap, cap, this.#stateNames.length, n);
    this.#AUX = growColumns(this.#AUX, oldCap, cap, this.#auxNames.length, n);
    this.#recCap = cap;
  }

  #ensureEventCapacity(needed: number): void {
    if (needed <= this.#evtCap) return;
    let cap = Math.max(1, this.#evtCap);
    while (cap < needed) cap *= 2;
    const m = this.#m;
    this.#CODE = grow(this.#CODE, new Int32Array(cap), m);
    this.#OWNER = grow(this.#OWNER, new Int32Array(cap), m);
    this.#LOG = grow(this.#LOG, new Float64Array(cap * this.#logWidth), m * this.#logWidth);
    this.#evtCap = cap;
  }
}

function noSegmentsError(): ResultsError {
  return new ResultsError({
    code: ResultsErrorCode.BAD_SEGMENT_NAME,
    message: "No recorded segments available to rename",
  });
}

function grow<A extends Float64Array | Int32Array>(old: A, fresh: A, filled: number): A {
  fresh.set(old.subarray(0, filled));
  return fresh;
}

/** Variable-major storage: variable `j` occupies `[j * cap, j * cap + n)`. */
function growColumns(old: Float64Array, oldCap: number, cap: number, vars: number, n: number): Float64Array {
  const fresh = new Float64Array(vars * cap);
  for (let j = 0; j < vars; j++) fresh.set(old.subarray(j * oldCap, j * oldCap + n), j * cap);
  return fresh;
}

/** Copies `rows` rows (from chunk row `start`) of a strided block into variable-major storage. */
function copyBlock(
  dest: Float64Array,
  cap: number,
  base: number,
  vars: number,
  block: RecordedChunk["states"],
  start: number,
  rows: number,
): void {
  if (vars === 0 || block === undefined) return;
  const { data, rowStride, colStride } = block;
  const first = (block.offset ?? 0) + start * rowStride;
  let j = 0;
  // Columns in threes (one pass over the rows each), then the rest one by one.
  for (; j + 3 <= vars; j += 3) {
    const d = j * cap + base;
    const s = first + j * colStride;
    copyStrided3(dest, d, d + cap, d + 2 * cap, data, s, s + colStride, s + 2 * colStride, rowStride, rows);
  }
  for (; j < vars; j++) copyStrided(dest, j * cap + base, data, first + j * colStride, rowStride, rows);
}
