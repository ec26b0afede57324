/**
 * A floating-point state or parameter vector in the model dtype.
 *
 * @example
 * ```ts
 * import type { FloatVector } from "@dyn/session";
 * const y: FloatVector = Float64Array.of(1, 1, 1);
 * ```
 * @category models
 * @since 0.1.0
 */
export type FloatVector = Float64Array | Float32Array;

/**
 * A runtime-workspace array (session-semantics §1.3): model-dtype floats or int32 indices.
 *
 * @example
 * ```ts
 * import type { RuntimeArray } from "@dyn/session";
 * const head: RuntimeArray = new Int32Array(1);
 * ```
 * @category models
 * @since 0.1.0
 */
export type RuntimeArray = Float64Array | Float32Array | Int32Array;

/**
 * The runtime workspace the model owns (session-semantics §1.3, model-dsl §4.4), fields in this
 * order. The same shape as `@dyn/model`'s `RuntimeWorkspace`.
 *
 * @example
 * ```ts
 * import type { RuntimeWorkspace, SessionModel } from "@dyn/session";
 * import { compileModel, loadModel } from "@dyn/model";
 * const model: SessionModel = compileModel(loadModel("builtin://ode/lorenz"));
 * const ws: RuntimeWorkspace = model.makeRuntimeWorkspace();
 * console.log(Object.keys(ws)); // ["lag_ring", "lag_head", "lag_info", "aux_values", "stop_flag", "stop_phase_mask"]
 * ```
 * @category models
 * @since 0.1.0
 */
export interface RuntimeWorkspace {
  readonly lag_ring: FloatVector;
  readonly lag_head: Int32Array;
  readonly lag_info: Int32Array;
  readonly aux_values: FloatVector;
  readonly stop_flag: Int32Array;
  readonly stop_phase_mask: Int32Array;
}

/**
 * One declared runtime-workspace field.
 *
 * @example
 * ```ts
 * import type { RuntimeFieldLayout } from "@dyn/session";
 * const f: RuntimeFieldLayout = { name: "lag_info", dtype: "int32", shape: [0, 3] };
 * ```
 * @category models
 * @since 0.1.0
 */
export interface RuntimeFieldLayout {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/**
 * The kernels of a compiled model (model-dsl §4.2) as the runner calls them.
 *
 * @example
 * ```ts
 * import type { SessionKernels, SessionModel } from "@dyn/session";
 * import { compileModel, loadModel } from "@dyn/model";
 * const model: SessionModel = compileModel(loadModel("builtin://ode/lorenz"));
 * const k: SessionKernels = model.kernels;
 * console.log(typeof k.rhs); // "function"
 * ```
 * @category models
 * @since 0.1.0
 */
export interface SessionKernels {
  readonly rhs: (
    t: number,
    y: FloatVector,
    out: FloatVector,
    params: FloatVector,
    ws: RuntimeWorkspace,
  ) => void;
  readonly updateAux: (
    t: number,
    y: FloatVector,
    params: FloatVector,
    auxOut: FloatVector,
    ws: RuntimeWorkspace,
  ) => void;
  readonly eventsStart: (
    t: number,
    y: FloatVector,
    params: FloatVector,
    logScratch: FloatVector,
    ws: RuntimeWorkspace,
  ) => number;
  readonly eventsEnd: (
    t: number,
    y: FloatVector,
    params: FloatVector,
    logScratch: FloatVector,
    ws: RuntimeWorkspace,
  ) => number;
  readonly stopCond?:
    | ((t: number, y: FloatVector, params: FloatVector, ws: RuntimeWorkspace) => number)
    | undefined;
  readonly jacobian?:
    | ((t: number, y: FloatVector, params: FloatVector, jOut: FloatVector, ws: RuntimeWorkspace) => void)
    | undefined;
}

/**
 * The `[sim]` defaults of a model spec as the session reads them (numbers may be `bigint`
 * where the TOML had an integer).
 *
 * @example
 * ```ts
 * import type { SessionSimDefaults, SessionModel } from "@dyn/session";
 * import { compileModel, loadModel } from "@dyn/model";
 * const model: SessionModel = compileModel(loadModel("builtin://ode/lorenz"));
 * const sim: SessionSimDefaults = model.spec.sim; // t0, tEnd, dt, stepper, …
 * console.log(sim.stepper, sim.dt); // "rk4" 0.01
 * ```
 * @category models
 * @since 0.1.0
 */
export interface SessionSimDefaults {
  readonly t0: number | bigint;
  readonly tEnd: number | bigint;
  readonly dt: number | bigint;
  readonly stepper: string;
  readonly record: boolean;
  readonly atol: number | bigint;
  readonly rtol: number | bigint;
  readonly maxSteps: number | bigint;
  readonly stepperDefaults?: Readonly<Record<string, unknown>>;
}

/**
 * What a `Sim` needs from a compiled model: the `CompiledModel` of `@dyn/model`
 * (model-dsl §4.1) satisfies it. Test doubles and third-party compilers may implement it too.
 *
 * @example
 * ```ts
 * import { compileModel, loadModel } from "@dyn/model";
 * import type { SessionModel } from "@dyn/session";
 * const model: SessionModel = compileModel(loadModel("builtin://ode/lorenz"));
 * ```
 * @category models
 * @since 0.1.0
 */
export interface SessionModel {
  readonly spec: {
    readonly kind: "ode" | "map";
    readonly name?: string | null;
    readonly sim: SessionSimDefaults;
    readonly tagIndex?: Readonly<Record<string, readonly string[]>>;
  };
  readonly specHash: string;
  readonly dtype: string;
  readonly nState: number;
  readonly nParams: number;
  readonly nAux: number;
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly auxNames: readonly string[];
  readonly eventNames: readonly string[];
  readonly eventPhases: readonly string[];
  /**
   * Per event (by global index): whether its action assigns a state, which restarts a multistep
   * stepper's history when it fires (D-14). Absent: every firing event is treated as one that does.
   */
  readonly eventAssignsState?: readonly boolean[];
  readonly eventLogFields: readonly (readonly string[])[];
  readonly maxLogWidth: number;
  readonly hasStop: boolean;
  readonly runtimeLayout: readonly RuntimeFieldLayout[];
  makeRuntimeWorkspace(): RuntimeWorkspace;
  seedLagRings(ws: RuntimeWorkspace, y: ArrayLike<number>): void;
  advanceLagRings(ws: RuntimeWorkspace, y: ArrayLike<number>): void;
  initialState(): FloatVector;
  initialParams(): FloatVector;
  readonly kernels: SessionKernels;
  /** How the kernels were built; `"interpreter"` runs use a loop made without code generation. */
  readonly backend?: "js" | "interpreter";
}
