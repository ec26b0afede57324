import type { Stepper } from "@dyn/steppers";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import { getFusedKernel } from "../fused/kernelCache.ts";
import { kernelPath } from "../fused/kernelPath.ts";
import type { FloatVector, RuntimeWorkspace, SessionModel } from "../modelPort.ts";
import type { RunControls } from "../runOptions.ts";
import { RUN_STATUS } from "../status.ts";
import { historyRestart, restartsHistory } from "./historyRestart.ts";
import type { InlinedStep } from "./inlineStep.ts";
import { getRunLoop } from "./loopCache.ts";
import { CHUNK_DONE, type LoopOptions, type LoopTimeKind } from "./loopSource.ts";
import { type LoopStepFn, RunFrame, SC, type StepperWorkspaceArrays } from "./runFrame.ts";
import type { RecordingSelection } from "./selection.ts";
import { planGrid } from "./timeGrid.ts";

/** One runner call, fully resolved by the session. */
export interface ExecuteRequest {
  readonly model: SessionModel;
  readonly stepperName: string;
  /** The stepper object (identifies the loop in the cache). */
  readonly stepperKey: object;
  readonly step: LoopStepFn;
  /** The step's body to paste into the loop, or null to call `step`. */
  readonly inlineStep: InlinedStep | null;
  readonly time: LoopTimeKind;
  /** Start time (absolute). */
  readonly t: number;
  /** Step size: nominal dt (fixed/map) or the first trial step (adaptive). */
  readonly dt: number;
  /** Working copies; mutated by the run. */
  readonly y: FloatVector;
  readonly params: FloatVector;
  readonly runtimeWs: RuntimeWorkspace;
  readonly stepperWs: StepperWorkspaceArrays;
  readonly config: Float64Array;
  /** ODE end time (absolute). */
  readonly tEnd: number;
  /** Map iterations. */
  readonly nIter: number;
  readonly maxSteps: number;
  /** Fixed-step grid (D-10). */
  readonly gridOrigin: number;
  readonly gridStep: number;
  readonly record: boolean;
  readonly recordInterval: number;
  readonly selection: RecordingSelection;
  readonly capRec: number;
  readonly capEvt: number;
  /** A previous frame whose buffers may be reused (its data must no longer be needed). */
  readonly reuse?: RunFrame | null;
  /** Progress callback and cancellation signal, checked between chunks. */
  readonly controls?: RunControls | undefined;
  /** Which phase this call runs (reported to `onProgress`). */
  readonly phase?: "transient warm-up" | "recorded run";
}

/** What a runner call produced. The frame still holds the record/event buffers. */
export interface ExecuteOutcome {
  readonly status: number;
  readonly t: number;
  readonly dt: number;
  readonly steps: number;
  readonly gridOrigin: number;
  readonly gridStep: number;
  readonly nRec: number;
  readonly nEvt: number;
  readonly frame: RunFrame;
  /** `"fused"` when a fused kernel ran, else `"plain"`. */
  readonly path: "fused" | "plain";
}

/** Chunk sizes of the driver: 64 steps, doubling to 16 384 (see `loopSource`). */
const FIRST_CHUNK = 64;
const MAX_CHUNK = 16_384;

const boundLag = new WeakMap<object, (ws: RuntimeWorkspace, y: FloatVector) => void>();

/** The model's `advanceLagRings` bound once per model, so the loop's call site sees one function. */
function lagAdvancer(model: SessionModel): (ws: RuntimeWorkspace, y: FloatVector) => void {
  let fn = boundLag.get(model);
  if (fn === undefined) {
    fn = model.advanceLagRings.bind(model);
    boundLag.set(model, fn);
  }
  return fn;
}

/** Per-event log widths, indexed by global event code. */
const widthsByModel = new WeakMap<object, Int32Array>();
function logWidths(model: SessionModel): Int32Array {
  let w = widthsByModel.get(model);
  if (w === undefined) {
    w = Int32Array.from(model.eventLogFields, (fields) => fields.length);
    widthsByModel.set(model, w);
  }
  return w;
}

/** The loop option set for a request: only what this model and run use. */
export function loopOptionsFor(req: ExecuteRequest): LoopOptions {
  const m = req.model;
  const phases = m.eventPhases;
  const hasLag = (req.runtimeWs["lag_head"]?.length ?? 0) > 0;
  return {
    time: req.time,
    nState: m.nState,
    record: req.record,
    recordEveryStep: req.recordInterval === 1,
    startEvents: phases.some((p) => p === "start" || p === "both"),
    endEvents: phases.some((p) => p === "end" || p === "both"),
    logEvents: m.eventLogFields.some((f) => f.length > 0),
    updateAux: m.nAux > 0 || m.hasStop,
    stop: m.hasStop && (req.runtimeWs["stop_flag"]?.length ?? 0) > 0,
    lag: hasLag,
    restartHistory: restartsHistory(req),
    inlineStep: req.inlineStep,
  };
}

/**
 * Runs one runner call (session-semantics §2): evaluates aux and writes row 0, then drives the
 * specialised loop, growing buffers by doubling whenever it asks (D-3, D-4), until it finishes.
 * Throws whatever model or stepper code throws; the request's arrays are then in an unspecified
 * state, which is why the session always passes copies.
 */
export function execute(req: ExecuteRequest): ExecuteOutcome {
  const m = req.model;
  const options = loopOptionsFor(req);
  const stepper = req.stepperKey as Stepper;
  const fused =
    kernelPath() !== "plain" && typeof (stepper as { meta?: unknown }).meta === "object"
      ? getFusedKernel(m, req.stepperName, stepper, options, req.selection)
      : null;
  const loop =
    fused !== null && fused.kernel !== null
      ? fused.kernel
      : getRunLoop(m, m.specHash, req.stepperName, req.stepperKey, options);
  const yProp = req.y.slice();
  const frame = new RunFrame({
    step: req.step,
    rhs: m.kernels.rhs,
    eventsStart: m.kernels.eventsStart,
    eventsEnd: m.kernels.eventsEnd,
    updateAux: m.kernels.updateAux,
    advanceLag: lagAdvancer(m),
    y: req.y,
    yProp,
    params: req.params,
    runtimeWs: req.runtimeWs,
    stepperWs: req.stepperWs,
    config: req.config,
    logWidths: logWidths(m),
    ...historyRestart(req),
    logWidth: m.maxLogWidth,
    recStateIdx: Int32Array.from(req.selection.stateIdx),
    recAuxIdx: Int32Array.from(req.selection.auxIdx),
    capRec: req.record ? req.capRec : 1,
    capEvt: req.capEvt,
    reuse: req.reuse ?? null,
  });
  const sc = frame.scalars;
  sc[SC.T] = req.t;
  sc[SC.DT] = req.dt;
  sc[SC.STEP] = 0;
  sc[SC.N_REC] = 0;
  sc[SC.N_EVT] = 0;
  sc[SC.T_END] = req.tEnd;
  sc[SC.MAX_STEPS] = req.maxSteps;
  sc[SC.N_ITER] = req.nIter;
  sc[SC.T_START] = req.t;
  sc[SC.INTERVAL] = req.recordInterval;
  sc[SC.COUNTDOWN] = req.recordInterval;
  sc[SC.GRID_ORIGIN] = req.gridOrigin;
  sc[SC.GRID_K] = req.gridStep;
  if (req.time === "grid") {
    const plan = planGrid(req.gridOrigin, req.gridStep, req.dt, req.tEnd);
    sc[SC.FULL_LEFT] = plan.fullSteps;
    sc[SC.CLIP] = plan.clip ? 1 : 0;
  }
  if (m.nAux > 0) m.kernels.updateAux(req.t, req.y, req.params, frame.auxValues, req.runtimeWs);
  if (req.record) frame.writeRow();
  if (fused !== null && fused.kernel !== null && fused.fresh) {
    // Priming call (performance.md, point 5): a zero-step entry gives the exit path type
    // feedback before the first long chunk. It changes nothing (it writes back what it read).
    sc[SC.CHUNK_LIMIT] = 0;
    loop(frame);
  }
  const controls = req.controls;
  const signal = controls?.signal;
  const onProgress = controls?.onProgress;
  const phase = req.phase ?? "recorded run";
  let status: number;
  let limit = FIRST_CHUNK;
  for (;;) {
    if (signal?.aborted === true) throw cancelled(phase, sc);
    sc[SC.CHUNK_LIMIT] = limit;
    status = loop(frame);
    if (status === CHUNK_DONE) {
      if (limit < MAX_CHUNK) limit *= 2;
      if (onProgress !== undefined) onProgress(progressOf(req, phase, sc));
    } else if (status === RUN_STATUS.GROW_REC) frame.growRecords();
    else if (status === RUN_STATUS.GROW_EVT) frame.growEvents();
    else break;
  }
  if (onProgress !== undefined) onProgress(progressOf(req, phase, sc));
  return {
    status,
    t: sc[SC.T] as number,
    dt: sc[SC.DT] as number,
    steps: sc[SC.STEP] as number,
    gridOrigin: sc[SC.GRID_ORIGIN] as number,
    gridStep: sc[SC.GRID_K] as number,
    nRec: sc[SC.N_REC] as number,
    nEvt: sc[SC.N_EVT] as number,
    frame,
    path: fused !== null && fused.kernel !== null ? "fused" : "plain",
  };
}

function progressOf(
  req: ExecuteRequest,
  phase: "transient warm-up" | "recorded run",
  sc: Float64Array,
): { phase: "transient warm-up" | "recorded run"; t: number; steps: number; fraction: number } {
  const t = sc[SC.T] as number;
  const steps = sc[SC.STEP] as number;
  let fraction: number;
  if (req.time === "map") fraction = req.nIter > 0 ? steps / req.nIter : 1;
  else fraction = req.tEnd > req.t ? (t - req.t) / (req.tEnd - req.t) : 1;
  return { phase, t, steps, fraction: fraction < 0 ? 0 : fraction > 1 ? 1 : fraction };
}

function cancelled(phase: string, sc: Float64Array): Error {
  return sessionError(
    SESSION_ERROR_CODES.RUN_CANCELLED,
    `Run cancelled during ${phase} (the signal was aborted); the session is unchanged`,
    { phase, t: sc[SC.T], step: sc[SC.STEP] },
  );
}
