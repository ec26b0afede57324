/**
 * Types of compiled models (model-dsl.md §4, session-semantics.md §1.2–§1.3).
 */
import type { ModelIR } from "../ir/types.ts";
import type { ModelSpec } from "../spec.ts";

/**
 * A model-dtype vector: `Float64Array` for float64 models, `Float32Array` for float32 ones
 * (computed in double, rounded on store).
 * @category compilation
 * @since 0.1.0
 */
export type FloatArray = Float64Array | Float32Array;

/**
 * The runtime workspace (S§1.3), in layout order. Field names are part of the workspace
 * signature and of snapshot files, hence snake_case.
 * @category compilation
 * @since 0.1.0
 */
export interface RuntimeWorkspace {
  /** Lag rings of all lagged states, back to back (model dtype, Σ bufferLen). */
  readonly lag_ring: FloatArray;
  /** Head index of each lagged state's ring. */
  readonly lag_head: Int32Array;
  /** k × 3 rows `stateIndex, bufferLen, ringOffset`, row-major. */
  readonly lag_info: Int32Array;
  /** Aux values (written by the runner from `updateAux`; kernels never read it). */
  readonly aux_values: FloatArray;
  /** `[cond ? 1 : 0]` when the model has a stop condition, else empty. */
  readonly stop_flag: Int32Array;
  /** `[2]` (post) when the model has a stop condition, else empty. */
  readonly stop_phase_mask: Int32Array;
}

/**
 * One field of the runtime workspace layout.
 * @category compilation
 * @since 0.1.0
 */
export interface RuntimeFieldLayout {
  readonly name: keyof RuntimeWorkspace;
  readonly dtype: "float64" | "float32" | "int32";
  readonly shape: readonly number[];
}

/** `rhs(t, y, out, params, ws)`: `out[i]` = dx_i/dt (ODE) or next x_i (map). @category compilation @since 0.1.0 */
export type RhsKernel = (
  t: number,
  y: FloatArray,
  out: FloatArray,
  params: FloatArray,
  ws: RuntimeWorkspace,
) => void;
/** `updateAux(t, y, params, auxOut, ws)`: aux in declaration order, then the stop flag. @category compilation @since 0.1.0 */
export type UpdateAuxKernel = (
  t: number,
  y: FloatArray,
  params: FloatArray,
  auxOut: FloatArray,
  ws: RuntimeWorkspace,
) => void;
/** `stopCond(t, y, params, ws)`: 1 when the stop condition holds, else 0. @category compilation @since 0.1.0 */
export type StopCondKernel = (t: number, y: FloatArray, params: FloatArray, ws: RuntimeWorkspace) => number;
/** `eventsStart`/`eventsEnd(t, y, params, logScratch, ws)`: fired event's global index or −1. @category compilation @since 0.1.0 */
export type EventsKernel = (
  t: number,
  y: FloatArray,
  params: FloatArray,
  logScratch: FloatArray,
  ws: RuntimeWorkspace,
) => number;
/** `jacobian(t, y, params, jOut, ws)`: row-major `jOut[i*n + j]` = ∂f_i/∂x_j. @category compilation @since 0.1.0 */
export type JacobianKernel = (
  t: number,
  y: FloatArray,
  params: FloatArray,
  jOut: FloatArray,
  ws: RuntimeWorkspace,
) => void;
/** `jvp(t, y, params, v, out, ws)`: `out[i]` = Σ_j J_ij·v_j from 0.0 in column order. @category compilation @since 0.1.0 */
export type JvpKernel = (
  t: number,
  y: FloatArray,
  params: FloatArray,
  v: FloatArray,
  out: FloatArray,
  ws: RuntimeWorkspace,
) => void;

/**
 * The compiled kernels of a model (§4.2). Optional ones exist iff the model has what they need.
 * @category compilation
 * @since 0.1.0
 */
export interface ModelKernels {
  readonly rhs: RhsKernel;
  readonly updateAux: UpdateAuxKernel;
  readonly eventsStart: EventsKernel;
  readonly eventsEnd: EventsKernel;
  /** Present iff the model has a stop condition. */
  readonly stopCond?: StopCondKernel;
  /** Present iff the model has `[equations.jacobian]`. */
  readonly jacobian?: JacobianKernel;
  readonly jvp?: JvpKernel;
  /** Present iff the model is a map with `[equations.inverse]`. */
  readonly invRhs?: RhsKernel;
}

/**
 * Generated source of each kernel, as compiled (each headed by the spec hash).
 * @category compilation
 * @since 0.1.0
 */
export interface KernelSources {
  readonly rhs: string;
  readonly updateAux: string;
  readonly eventsStart: string;
  readonly eventsEnd: string;
  readonly stopCond?: string;
  readonly jacobian?: string;
  readonly jvp?: string;
  readonly invRhs?: string;
}

/**
 * A compiled model: metadata, the lowered IR, workspace helpers and kernels (§4.1).
 * @category compilation
 * @since 0.1.0
 */
export interface CompiledModel {
  readonly spec: ModelSpec;
  readonly specHash: string;
  /** Kernel dtype (the override if one was given; the hash is unchanged by it). */
  readonly dtype: "float64" | "float32";
  /** The lowered IR the kernels were generated from (for fused-kernel generators). */
  readonly ir: ModelIR;
  readonly nState: number;
  readonly nParams: number;
  readonly nAux: number;
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly auxNames: readonly string[];
  readonly eventNames: readonly string[];
  readonly eventPhases: readonly ("start" | "end" | "both")[];
  /** Per event: whether one of its actions assigns a state (a run then restarts stepper history, D-14). */
  readonly eventAssignsState: readonly boolean[];
  /** Column names of each event's log (the log entries as written). */
  readonly eventLogFields: readonly (readonly string[])[];
  /** max(1, widest event log). */
  readonly maxLogWidth: number;
  readonly hasStop: boolean;
  /** `[stateIndex, bufferLen, ringOffset, headIndex]` per lagged state. */
  readonly lagStateInfo: readonly (readonly [number, number, number, number])[];
  readonly runtimeLayout: readonly RuntimeFieldLayout[];
  /** Fresh zeroed runtime workspace (lag_info and stop_phase_mask filled). */
  makeRuntimeWorkspace(): RuntimeWorkspace;
  /** Fresh runs: every ring slot := y[state], head := bufferLen − 1. */
  seedLagRings(ws: RuntimeWorkspace, y: ArrayLike<number>): void;
  /** After each commit: head := (head + 1) mod bufferLen, ring[offset + head] := y[state]. */
  advanceLagRings(ws: RuntimeWorkspace, y: ArrayLike<number>): void;
  /** The spec's initial state as a model-dtype array. */
  initialState(): FloatArray;
  /** The spec's parameter values as a model-dtype array. */
  initialParams(): FloatArray;
  readonly kernels: ModelKernels;
  /**
   * How the kernels were built (the `backend` option of `compileModel`): `"interpreter"` means
   * without code generation, which tells the session to run without it too.
   */
  readonly backend: "js" | "interpreter";
  /** The generated kernel sources. */
  exportSources(): KernelSources;
}
