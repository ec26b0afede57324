import { unknownSegmentError } from "./internal/segmentNames.ts";
import { Matrix } from "./matrix.ts";
import { type Segment, segmentAutoName, segmentEffectiveName } from "./segment.ts";

/** What a segment view needs from its results view. @internal */
export interface SegmentSource {
  readonly t: Float64Array;
  readonly step: Float64Array;
  readonly flags: Int32Array;
  readonly eventCodes: Int32Array;
  readonly eventOwners: Int32Array;
  readonly eventLogs: Matrix;
  rows(names: string | readonly string[], start: number, length: number): Float64Array | Matrix;
}

/**
 * One recorded run inside the stitched results (`res.segment.get(0)`, `res.segment.get("baseline")`).
 *
 * **Details:** `t`, `step`, `flags` and single-variable `get` return views (no copy) of the
 * segment's rows; `get([...])` returns a `recLen × k` matrix copy. `events()` returns the
 * segment's event rows: codes, owners (stitched row indices, −1 when none) and the log block.
 *
 * @example
 * ```ts
 * // const seg = res.segment.get("run#0");
 * // seg.id; seg.name; seg.meta.tStart; seg.t; seg.get("x"); seg.get(["x", "y"]).rows;
 * ```
 * @category segments
 * @since 0.1.0
 */
export class SegmentView {
  readonly #src: SegmentSource;
  /** The segment record. */
  readonly meta: Segment;

  /** @internal */
  constructor(src: SegmentSource, meta: Segment) {
    this.#src = src;
    this.meta = meta;
  }

  /** Segment id (creation order). */
  get id(): number {
    return this.meta.id;
  }
  /** Effective name: tag/rename, else `run#<id>`. */
  get name(): string {
    return segmentEffectiveName(this.meta);
  }
  /** Number of rows. */
  get length(): number {
    return this.meta.recLen;
  }
  /** Times of this segment's rows (view). */
  get t(): Float64Array {
    return this.#src.t.subarray(this.meta.recStart, this.meta.recStart + this.meta.recLen);
  }
  /** Stitched step labels of this segment's rows (view). */
  get step(): Float64Array {
    return this.#src.step.subarray(this.meta.recStart, this.meta.recStart + this.meta.recLen);
  }
  /** Flags of this segment's rows (view). */
  get flags(): Int32Array {
    return this.#src.flags.subarray(this.meta.recStart, this.meta.recStart + this.meta.recLen);
  }

  /** A recorded variable over this segment's rows (view), or a `recLen × k` matrix for a list. */
  get(name: string): Float64Array;
  get(names: readonly string[]): Matrix;
  get(key: string | readonly string[]): Float64Array | Matrix {
    return this.#src.rows(key, this.meta.recStart, this.meta.recLen);
  }

  /** `[codes, owners, logRows]` for this segment's event range. */
  events(): [codes: Int32Array, owners: Int32Array, logRows: Matrix] {
    const { evtStart, evtLen } = this.meta;
    const logs = this.#src.eventLogs;
    const block = logs.data.subarray(evtStart * logs.stride, (evtStart + evtLen) * logs.stride);
    return [
      this.#src.eventCodes.subarray(evtStart, evtStart + evtLen),
      this.#src.eventOwners.subarray(evtStart, evtStart + evtLen),
      new Matrix(evtLen, logs.cols, block, logs.stride),
    ];
  }
}

/**
 * The segments of a results view: `get(key)` by index (negative counts from the end), effective
 * name or `run#i` alias; `length`; iteration; `has(name)`; `names()` (effective names).
 *
 * **Details:** unknown name → "Unknown segment 'x'. Known names: …"; index out of range →
 * `RangeError`. When a tag equals another segment's auto alias, the name maps to the tagged
 * segment (explicit names win over aliases).
 *
 * @example
 * ```ts
 * // res.segment.length; res.segment.get(-1).name; res.segment.has("baseline");
 * // for (const seg of res.segment) console.log(seg.name, seg.length);
 * ```
 * @category segments
 * @since 0.1.0
 */
export class SegmentsView implements Iterable<SegmentView> {
  readonly #src: SegmentSource;
  readonly #segments: readonly Segment[];
  readonly #byName = new Map<string, number>();

  /** @internal */
  constructor(src: SegmentSource, segments: readonly Segment[]) {
    this.#src = src;
    this.#segments = segments;
    segments.forEach((seg, idx) => {
      const auto = segmentAutoName(seg);
      if (!this.#byName.has(auto)) this.#byName.set(auto, idx);
      this.#byName.set(segmentEffectiveName(seg), idx);
    });
  }

  /** Number of segments. */
  get length(): number {
    return this.#segments.length;
  }

  /** The segment at an index (negative from the end) or with a name / `run#i` alias. */
  get(key: number | string): SegmentView {
    if (typeof key === "number") {
      if (!Number.isInteger(key)) throw new TypeError(`segment index must be an integer (got ${key})`);
      const idx = key < 0 ? this.#segments.length + key : key;
      const seg = this.#segments[idx];
      if (idx < 0 || seg === undefined) {
        throw new RangeError(`segment index ${key} out of range (${this.#segments.length} segments)`);
      }
      return new SegmentView(this.#src, seg);
    }
    if (typeof key !== "string") throw new TypeError("segment key must be a number or a string");
    const idx = this.#byName.get(key);
    if (idx === undefined) {
      const names = this.names();
      throw unknownSegmentError(key, names);
    }
    return new SegmentView(this.#src, this.#segments[idx] as Segment);
  }

  /** Whether a name or alias resolves. */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** Effective names, in creation order. */
  names(): string[] {
    return this.#segments.map((seg) => segmentEffectiveName(seg));
  }

  /** Segment records, in creation order. */
  records(): readonly Segment[] {
    return this.#segments;
  }

  *[Symbol.iterator](): Iterator<SegmentView> {
    for (const seg of this.#segments) yield new SegmentView(this.#src, seg);
  }
}
