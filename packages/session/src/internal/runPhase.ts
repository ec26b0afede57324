import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { FloatVector, RuntimeWorkspace, SessionModel } from "../modelPort.ts";
import type { RunControls } from "../runOptions.ts";
import { type SavedWorkspace, type SessionPins, SessionState } from "../sessionState.ts";
import { RUN_STATUS, statusName } from "../status.ts";
import { type ExecuteOutcome, execute } from "./execute.ts";
import type { RunFrame, StepperWorkspaceArrays } from "./runFrame.ts";
import type { RecordingSelection } from "./selection.ts";
import type { StepperPort } from "./stepperPort.ts";
import { isEmptyWorkspace } from "./workspaceCopy.ts";
import { seedWorkspace } from "./workspaceSeed.ts";

/** The start of one runner call (session-semantics §4 step 8). */
export interface Seed {
  t: number;
  y: FloatVector;
  params: FloatVector;
  dt: number;
  stepCount: number;
  frameStep: number;
  gridOrigin: number;
  gridStep: number;
  workspace: SavedWorkspace;
}

/** What one runner call needs besides its seed. */
export interface PhaseParams {
  readonly tEnd: number;
  readonly nIter: number;
  readonly maxSteps: number;
  readonly record: boolean;
  readonly recordInterval: number;
  readonly selection: RecordingSelection;
  readonly capRec: number;
  readonly capEvt: number;
  readonly config: Float64Array;
  /** Fresh zeroed workspaces with lag rings seeded from the start state (non-resume runs). */
  readonly fresh: boolean;
  /** Start an adaptive stepper from the initial-step heuristic (non-resume runs). */
  readonly heuristicDt: boolean;
  /** An explicit `dt` passed to `run` (caps the heuristic when `dt_max` is infinite). */
  readonly explicitDt: number | undefined;
  /** The previous recorded run's frame, whose buffers this run may reuse. */
  readonly reuse: RunFrame | null;
  /** Progress callback and cancellation signal of this `run` call. */
  readonly controls?: RunControls | undefined;
}

/** The session-side context of a runner call. */
export interface PhaseContext {
  readonly model: SessionModel;
  readonly stepper: StepperPort;
  readonly stepperShapes: ReadonlyMap<string, readonly number[]>;
  readonly runtimeShapes: ReadonlyMap<string, readonly number[]>;
}

/** A finished runner call: the outcome and the working arrays it ended with. */
export interface PhaseResult {
  readonly outcome: ExecuteOutcome;
  readonly y: FloatVector;
  readonly params: FloatVector;
  readonly runtimeWs: RuntimeWorkspace;
  readonly stepperWs: StepperWorkspaceArrays;
}

/**
 * One runner call from `seed`: working copies, workspaces (fresh or restored, session-semantics
 * §1.3), the first step size, then the specialised loop. Throws a coded error naming `phase` on
 * failure (`RUN_FAILED` for a failure status, `KERNEL_THREW` when model or stepper code threw);
 * it never touches the session.
 */
export function runPhase(
  ctx: PhaseContext,
  seed: Seed,
  p: PhaseParams,
  phase: "transient warm-up" | "recorded run",
): PhaseResult {
  const { model, stepper } = ctx;
  const y = seed.y.slice();
  const params = seed.params.slice();
  const runtimeWs = model.makeRuntimeWorkspace();
  const stepperWs = stepper.allocate(model.nState);
  if (p.fresh || isEmptyWorkspace(seed.workspace)) {
    model.seedLagRings(runtimeWs, y);
  } else {
    seedWorkspace(stepperWs, seed.workspace.stepper, ctx.stepperShapes);
    seedWorkspace(
      runtimeWs as unknown as Record<string, ArrayBufferView>,
      seed.workspace.runtime ?? {},
      ctx.runtimeShapes,
    );
  }
  const isMap = model.spec.kind === "map";
  const time = isMap ? "map" : stepper.timeControl === "fixed" ? "grid" : "adaptive";
  let dt = seed.dt;
  // The session's grid only applies while its spacing is this run's dt: after `config({dt})`
  // (or a state from a file without grid keys) the current time is no grid point, and a new
  // grid starts at the current time (D-10).
  const onGrid = seed.gridOrigin + seed.gridStep * dt === seed.t;
  try {
    if (time === "adaptive" && p.heuristicDt) {
      const cfg = stepper.configObject(p.config);
      const dtMax = cfg["dt_max"];
      dt = stepper.initialStep({
        rhs: model.kernels.rhs as never,
        t0: seed.t,
        tEnd: p.tEnd,
        y0: y as Float64Array,
        params: params as Float64Array,
        runtimeWs: runtimeWs as never,
        order: stepper.order,
        atol: cfg["atol"] ?? 1e-8,
        rtol: cfg["rtol"] ?? 1e-5,
        ...(dtMax === undefined ? {} : { dtMax }),
        ...(p.explicitDt === undefined ? {} : { dt: p.explicitDt }),
      });
    }
    const outcome = execute({
      model,
      stepperName: stepper.name,
      stepperKey: stepper.stepper,
      inlineStep: stepper.inlined,
      step: stepper.stepFor(model, `${model.specHash.slice(0, 12)}`),
      time,
      t: seed.t,
      dt,
      y,
      params,
      runtimeWs,
      stepperWs,
      config: p.config,
      tEnd: p.tEnd,
      nIter: p.nIter,
      maxSteps: isMap ? Number.POSITIVE_INFINITY : p.maxSteps,
      gridOrigin: onGrid ? seed.gridOrigin : seed.t,
      gridStep: onGrid ? seed.gridStep : 0,
      record: p.record,
      recordInterval: p.recordInterval,
      selection: p.selection,
      capRec: p.capRec,
      capEvt: p.capEvt,
      reuse: p.reuse,
      controls: p.controls,
      phase,
    });
    const s = outcome.status;
    if (s !== RUN_STATUS.DONE && s !== RUN_STATUS.EARLY_EXIT && s !== RUN_STATUS.TRACE_OVERFLOW) {
      throw sessionError(
        SESSION_ERROR_CODES.RUN_FAILED,
        `Runner exited with status ${statusName(s)} (${s}) during ${phase}`,
        { status: s, phase, t: outcome.t, step: outcome.steps },
      );
    }
    return { outcome, y, params, runtimeWs, stepperWs };
  } catch (err) {
    const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
    if (code === SESSION_ERROR_CODES.RUN_FAILED || code === SESSION_ERROR_CODES.RUN_CANCELLED) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw sessionError(
      SESSION_ERROR_CODES.KERNEL_THREW,
      `Model or stepper code threw during ${phase}: ${message}`,
      { phase },
      err,
    );
  }
}

/** The session state after a successful runner call (absolute time, counters advanced). */
export function stateFromPhase(
  result: PhaseResult,
  o: {
    baseSteps: number;
    baseFrameStep: number;
    config: Float64Array;
    fixedStep: boolean;
    nominalDt: number;
    pins: SessionPins;
  },
): SessionState {
  const outcome = result.outcome;
  return new SessionState({
    tCurr: outcome.t,
    yCurr: result.y,
    paramsCurr: result.params,
    dtCurr: o.fixedStep ? o.nominalDt : outcome.dt,
    stepCount: o.baseSteps + outcome.steps,
    frameStep: o.baseFrameStep + outcome.steps,
    gridOrigin: outcome.gridOrigin,
    gridStep: outcome.gridStep,
    workspace: { stepper: { ...result.stepperWs }, runtime: { ...result.runtimeWs } },
    stepperCfg: o.config,
    status: outcome.status,
    pins: o.pins,
  });
}
