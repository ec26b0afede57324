import { STATUS_DONE, STATUS_EARLY_EXIT } from "./internal/status.ts";
import { resolveVariable } from "./internal/variables.ts";
import type { Matrix } from "./matrix.ts";

/**
 * What the session supplies when it publishes results after a successful run (§7.2): the final
 * session values, which results only carry and never interpret.
 *
 * @example
 * ```ts
 * import type { PublishInfo } from "@dyn/results";
 * const info: PublishInfo = {
 *   status: 9, finalState: Float64Array.of(0.37), finalParams: Float64Array.of(1),
 *   tFinal: 1, finalDt: 0.1, stepCountFinal: 10, finalWorkspace: {},
 * };
 * ```
 * @category results
 * @since 0.1.0
 */
export interface PublishInfo<W = unknown> {
  /** Status code of the last run (9 DONE, 7 EARLY_EXIT, 13 TRACE_OVERFLOW). */
  readonly status: number;
  /** Session state after the run (copied by the session; results keep the reference). */
  readonly finalState: Float64Array | Float32Array;
  /** Session params after the run. */
  readonly finalParams: Float64Array | Float32Array;
  /** Absolute session time after the run. */
  readonly tFinal: number;
  /** Session dt after the run (last step suggestion). */
  readonly finalDt: number;
  /** Session step count (total since the last non-resume start, warm-up included). */
  readonly stepCountFinal: number;
  /** Copy of the session workspaces, in whatever shape the session uses. */
  readonly finalWorkspace: W;
}

/**
 * Everything a {@link RawResults} is built from: the filled arrays (`T`, `STEP`, `FLAGS` of length
 * n, `Y`/`AUX` as `variables × n` matrices, the event arrays of length m) plus the session's
 * {@link PublishInfo}. Sessions build it when they publish; build one yourself to wrap arrays
 * from elsewhere (a checkpoint, a test) in the same API.
 *
 * @example
 * ```ts
 * import { Matrix, RawResults, type RawResultsInit } from "@dyn/results";
 * const init: RawResultsInit<object> = {
 *   T: Float64Array.of(0, 0.1), STEP: Float64Array.of(0, 1), FLAGS: new Int32Array(2),
 *   Y: new Matrix(1, 2, Float64Array.of(1, 0.9)), AUX: null, stateNames: ["x"], auxNames: [],
 *   EVT_CODE: new Int32Array(0), EVT_INDEX: new Int32Array(0),
 *   EVT_LOG_DATA: new Matrix(0, 1, new Float64Array(0)),
 *   status: 9, finalState: Float64Array.of(0.9), finalParams: new Float64Array(0),
 *   tFinal: 0.1, finalDt: 0.1, stepCountFinal: 1, finalWorkspace: {},
 * };
 * console.log(new RawResults(init).getVar("x")); // Float64Array [1, 0.9]
 * ```
 * @category results
 * @since 0.1.0
 */
export interface RawResultsInit<W> extends PublishInfo<W> {
  readonly T: Float64Array;
  readonly STEP: Float64Array;
  readonly FLAGS: Int32Array;
  readonly Y: Matrix;
  readonly AUX: Matrix | null;
  readonly EVT_CODE: Int32Array;
  readonly EVT_INDEX: Int32Array;
  readonly EVT_LOG_DATA: Matrix;
  readonly stateNames: readonly string[];
  readonly auxNames: readonly string[];
}

/**
 * The stitched results as filled arrays (`rawResults()`, session-semantics §7.2).
 *
 * **Details:** every array is a view of the filled region of the accumulator's buffers, taken at
 * publish time. The accumulator never writes into a region a published object can see (later
 * runs append past it or into new buffers; `clear()` drops the buffers), so a `RawResults` stays
 * valid and unchanged after later runs. `Y` is `states × n` and `AUX` `aux × n` (row `i` is
 * variable `i`, a view); `EVT_LOG_DATA` is `m × max(1, widest log)`; STEP labels are float64
 * integers (exact up to 2^53). Recorded values are float64 whatever the model dtype (float32
 * values widen exactly).
 *
 * @example
 * ```ts
 * import { ResultsAccumulator } from "@dyn/results";
 * const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [1, 2], rowStride: 1, colStride: 2 }, m: 0 },
 *   { tag: null, resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(2), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 1, stepCountFinal: 1, finalWorkspace: {} });
 * raw.getVar("x"); // Float64Array [1, 2]
 * ```
 * @category results
 * @since 0.1.0
 */
export class RawResults<W = unknown> {
  /** Recorded times (recorded frame), length n. */
  readonly T: Float64Array;
  /** Stitched step labels, length n. */
  readonly STEP: Float64Array;
  /** Row flags (always 0), length n. */
  readonly FLAGS: Int32Array;
  /** Recorded states, `stateNames.length × n`. */
  readonly Y: Matrix;
  /** Recorded aux, `auxNames.length × n`, or null when no aux is recorded. */
  readonly AUX: Matrix | null;
  /** Global event codes, length m. */
  readonly EVT_CODE: Int32Array;
  /** Owning row of each event in the stitched arrays, or −1. */
  readonly EVT_INDEX: Int32Array;
  /** Logged values, `m × max(1, widest log)`. */
  readonly EVT_LOG_DATA: Matrix;
  /** Number of recorded rows. */
  readonly n: number;
  /** Number of event rows. */
  readonly m: number;
  /** Status code of the last run. */
  readonly status: number;
  readonly finalState: Float64Array | Float32Array;
  readonly finalParams: Float64Array | Float32Array;
  /** Absolute time of the session after the last run. */
  readonly tFinal: number;
  readonly finalDt: number;
  /** Session step total after the last run. */
  readonly stepCountFinal: number;
  readonly finalWorkspace: W;
  /** Recorded state names, in recording order. */
  readonly stateNames: readonly string[];
  /** Recorded aux names (without `aux.`), in recording order. */
  readonly auxNames: readonly string[];

  constructor(init: RawResultsInit<W>) {
    this.T = init.T;
    this.STEP = init.STEP;
    this.FLAGS = init.FLAGS;
    this.Y = init.Y;
    this.AUX = init.AUX;
    this.EVT_CODE = init.EVT_CODE;
    this.EVT_INDEX = init.EVT_INDEX;
    this.EVT_LOG_DATA = init.EVT_LOG_DATA;
    this.n = init.T.length;
    this.m = init.EVT_CODE.length;
    this.status = init.status;
    this.finalState = init.finalState;
    this.finalParams = init.finalParams;
    this.tFinal = init.tFinal;
    this.finalDt = init.finalDt;
    this.stepCountFinal = init.stepCountFinal;
    this.finalWorkspace = init.finalWorkspace;
    this.stateNames = Object.freeze([...init.stateNames]);
    this.auxNames = Object.freeze([...init.auxNames]);
  }

  /** True when the last run ended DONE or EARLY_EXIT. */
  get ok(): boolean {
    return this.status === STATUS_DONE || this.status === STATUS_EARLY_EXIT;
  }

  /** True when the last run stopped on its stop condition (EARLY_EXIT). */
  get exitedEarly(): boolean {
    return this.status === STATUS_EARLY_EXIT;
  }

  /**
   * One recorded series by name (`x`, `energy`, or `aux.energy`; states win over aux), as a view
   * of length n. Unknown → "Unknown variable: 'y'. Available states: […]. Available aux: […]."
   */
  getVar(name: string): Float64Array {
    const slot = resolveVariable(this.stateNames, this.auxNames, name);
    const block = slot.kind === "state" ? this.Y : this.AUX;
    // resolveVariable only returns an aux slot when aux names exist, and then AUX is non-null.
    return (block as Matrix).row(slot.index);
  }
}
