import { cloneWorkspace } from "./internal/workspaceCopy.ts";
import type { FloatVector } from "./modelPort.ts";

/**
 * Any typed array a saved workspace field may be.
 *
 * @example
 * ```ts
 * import type { SavedWorkspaceArray } from "@dyn/session";
 * const stepIndex: SavedWorkspaceArray = new BigInt64Array(1);
 * ```
 * @category session
 * @since 0.1.0
 */
export type SavedWorkspaceArray = Float64Array | Float32Array | BigInt64Array | Int32Array;

/**
 * A deep copy of both workspaces after a run (session-semantics §1.3); empty objects before the
 * first run. After `importSnapshot` a bucket is present only when the file had members for it,
 * as in the reference (a file of a model without lags, aux or stop condition has no runtime
 * members, so the imported workspace has no `runtime` bucket).
 *
 * @example
 * ```ts
 * import { type SavedWorkspace, type Sim, setup } from "@dyn/session";
 * const sim: Sim = setup("builtin://ode/lorenz", { stepper: "ab2" });
 * sim.run({ T: 0.1, dt: 0.01 });
 * const ws: SavedWorkspace = sim.sessionState().workspace;
 * console.log(Object.keys(ws.stepper)); // ["f_prev", "f_curr", "f_next", "y_stage", "step_index"]
 * ```
 * @category session
 * @since 0.1.0
 */
export interface SavedWorkspace {
  readonly stepper: Readonly<Record<string, SavedWorkspaceArray>>;
  /** Absent after importing a file without runtime members; a resume then starts them fresh. */
  readonly runtime?: Readonly<Record<string, SavedWorkspaceArray>>;
}

/**
 * What a session is pinned to (session-semantics §3.1): snapshots and files only fit a session
 * whose pins match.
 *
 * @example
 * ```ts
 * import { type SessionPins, type Sim, setup } from "@dyn/session";
 * const sim: Sim = setup("builtin://ode/lorenz", { stepper: "ab2" });
 * const pins: SessionPins = sim.pins;
 * console.log(pins.stepperName, pins.workspaceSig.length); // "ab2" 45
 * ```
 * @category session
 * @since 0.1.0
 */
export interface SessionPins {
  /** The model's spec hash (model-dsl §5). */
  readonly specHash: string;
  /** Canonical stepper name (D-9). */
  readonly stepperName: string;
  /** Workspace signature: per field CRC-32(name), ndim, dims…, numpy dtype number. */
  readonly workspaceSig: readonly number[];
  /** Model dtype, e.g. `"float64"`. */
  readonly dtypeToken: string;
  /**
   * The reference version whose snapshot format the session follows (`"0.40.3"`; snapshot files
   * call it `dynlib_version`). Informational: a difference never makes a snapshot incompatible.
   */
  readonly libVersion: string;
}

/**
 * The live state of a session (session-semantics §3.1, D-7, D-10).
 *
 * @example
 * ```ts
 * import { type SessionState, setup } from "@dyn/session";
 * const sim = setup("builtin://ode/lorenz");
 * const state: SessionState = sim.sessionState();
 * const copy = state.clone(); // deep copy, independent of the session
 * copy.yCurr[0] = 99;
 * console.log(sim.sessionState().yCurr[0]); // 1 (the session kept its own)
 * ```
 * @category session
 * @since 0.1.0
 */
export class SessionState {
  /** Absolute session time. */
  tCurr: number;
  /** Current state, model dtype. */
  yCurr: FloatVector;
  /** Current parameters, model dtype. */
  paramsCurr: FloatVector;
  /** Last step suggestion (adaptive) or the step size used (fixed). */
  dtCurr: number;
  /** Steps since the last non-resume start, warm-up included. */
  stepCount: number;
  /** Steps since the start of the recording frame, warm-up excluded (D-7). */
  frameStep: number;
  /** Origin of the fixed-step time grid (D-10). */
  gridOrigin: number;
  /** Grid steps taken since `gridOrigin` (D-10). */
  gridStep: number;
  /** Saved workspaces (empty before the first run). */
  workspace: SavedWorkspace;
  /** Packed stepper configuration. */
  stepperCfg: Float64Array;
  /** Status code of the last run (9 DONE initially). */
  status: number;
  /** Pins of the model/stepper this state belongs to. */
  pins: SessionPins;

  constructor(init: {
    tCurr: number;
    yCurr: FloatVector;
    paramsCurr: FloatVector;
    dtCurr: number;
    stepCount: number;
    frameStep: number;
    gridOrigin: number;
    gridStep: number;
    workspace: SavedWorkspace;
    stepperCfg: Float64Array;
    status: number;
    pins: SessionPins;
  }) {
    this.tCurr = init.tCurr;
    this.yCurr = init.yCurr;
    this.paramsCurr = init.paramsCurr;
    this.dtCurr = init.dtCurr;
    this.stepCount = init.stepCount;
    this.frameStep = init.frameStep;
    this.gridOrigin = init.gridOrigin;
    this.gridStep = init.gridStep;
    this.workspace = init.workspace;
    this.stepperCfg = init.stepperCfg;
    this.status = init.status;
    this.pins = init.pins;
  }

  /** A deep copy: arrays and workspaces are copied, pins are shared (they are immutable). */
  clone(): SessionState {
    return new SessionState({
      tCurr: this.tCurr,
      yCurr: this.yCurr.slice(),
      paramsCurr: this.paramsCurr.slice(),
      dtCurr: this.dtCurr,
      stepCount: this.stepCount,
      frameStep: this.frameStep,
      gridOrigin: this.gridOrigin,
      gridStep: this.gridStep,
      workspace: cloneWorkspace(this.workspace),
      stepperCfg: this.stepperCfg.slice(),
      status: this.status,
      pins: this.pins,
    });
  }
}
