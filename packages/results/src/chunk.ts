/**
 * A strided 2-D block of numbers inside some flat array: element `(row, col)` is
 * `data[offset + row * rowStride + col * colStride]`.
 *
 * **When to use:** to hand the accumulator the runner's buffers without copying them first.
 * Record-major buffers (one record after another) use `rowStride = k, colStride = 1`;
 * variable-major buffers (one variable after another, capacity `cap`) use
 * `rowStride = 1, colStride = cap`.
 *
 * @example
 * ```ts
 * import type { StridedBlock } from "@dyn/results";
 * // 3 records of (x, y), record-major:
 * const states: StridedBlock = { data: Float64Array.of(1, 2, 3, 4, 5, 6), rowStride: 2, colStride: 1 };
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export interface StridedBlock {
  /** Flat storage (any typed array or number array). */
  readonly data: ArrayLike<number>;
  /** Index of element (0, 0); default 0. */
  readonly offset?: number;
  /** Distance between consecutive rows. */
  readonly rowStride: number;
  /** Distance between consecutive columns. */
  readonly colStride: number;
}

/**
 * What one successful recorded run produced, as the runner left it: run-relative and unstitched.
 *
 * **Details:**
 * - `t[0..n)`: record times. They are rebased by the accumulator: it subtracts
 *   {@link ChunkMeta.timeShift} (pass `0` if you already rebased them).
 * - `step[0..n)`: run-relative step labels (0 = this run's start); the accumulator adds
 *   {@link ChunkMeta.frameStep} (D-7).
 * - `states`: `n × stateNames.length` (required when states are recorded and `n > 0`), `aux`:
 *   `n × auxNames.length` (required when aux are recorded and `n > 0`), in the accumulator's
 *   recording order.
 * - `eventCodes[0..m)`: global event codes (declaration index, D-6); `eventOwners[0..m)`: the
 *   run-relative row owning each event (`0 ≤ o < n`) or `-1`; `eventLogs`: `m ×` (at least the
 *   event's field count) logged values, the logged `t` fields included (they are rebased too).
 *
 * The accumulator reads these arrays in `stage()` and again in `commit()`: do not change them in
 * between.
 *
 * @example
 * ```ts
 * import type { RecordedChunk } from "@dyn/results";
 * const chunk: RecordedChunk = {
 *   n: 3, t: [0, 0.5, 1], step: [0, 1, 2],
 *   states: { data: [1, 0.6, 0.37], rowStride: 1, colStride: 3 },
 *   m: 0,
 * };
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export interface RecordedChunk {
  /** Number of recorded rows. */
  readonly n: number;
  /** Record times (absolute or rebased, see `ChunkMeta.timeShift`), length ≥ n. */
  readonly t: ArrayLike<number>;
  /** Run-relative step labels, length ≥ n. */
  readonly step: ArrayLike<number>;
  /** Row flags (the runner writes 0); omitted → 0. */
  readonly flags?: ArrayLike<number>;
  /** Recorded state columns, `n × stateNames.length`. */
  readonly states?: StridedBlock;
  /** Recorded aux columns, `n × auxNames.length`. */
  readonly aux?: StridedBlock;
  /** Number of event rows. */
  readonly m: number;
  /** Global event codes, length ≥ m (required when m > 0). */
  readonly eventCodes?: ArrayLike<number>;
  /** Run-relative owner rows or −1, length ≥ m (required when m > 0). */
  readonly eventOwners?: ArrayLike<number>;
  /** Logged values, `m ×` width (required when m > 0 and any event logs something). */
  readonly eventLogs?: StridedBlock;
}

/**
 * Run metadata the session supplies with each chunk.
 *
 * @example
 * ```ts
 * import type { ChunkMeta } from "@dyn/results";
 * const meta: ChunkMeta = { tag: "baseline", resume: false, cfgHash: "empty", frameStep: 0, timeShift: 0 };
 * ```
 * @category accumulation
 * @since 0.1.0
 */
export interface ChunkMeta {
  /** The run's `tag`, or `null`. Uniquified against existing segment names (§7.4). */
  readonly tag: string | null;
  /** Whether this was a `resume: true` run. */
  readonly resume: boolean;
  /** Digest of the stepper config the run used (stored on the segment). */
  readonly cfgHash: string;
  /**
   * Session `frameStep` at the start of this run: steps since the start of the current recording
   * frame, warm-up excluded (0 for a non-resume run, also after a warm-up). Added to `step` (D-7).
   */
  readonly frameStep: number;
  /**
   * Subtracted from `t` and from every logged field named `t` (session-semantics §4 step 18).
   * Default 0 (times already in the recorded frame).
   */
  readonly timeShift?: number;
}
