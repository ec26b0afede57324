import type { StepperTemplate } from "./templates/types.ts";

/**
 * The runtime workspace the session owns (lag rings, aux values, stop flags). Steppers never look
 * inside it: they only pass it through to the right-hand side.
 * @category steppers
 * @since 0.1.0
 */
export type RuntimeWorkspaceLike = Readonly<Record<string, ArrayBufferView>>;

/**
 * A model Jacobian ∂f/∂y: fills `out` (length n·n, row-major, `out[i*n + j] = ∂f_i/∂y_j`).
 * @category steppers
 * @since 0.1.0
 */
export type JacobianFn = (
  t: number,
  y: Float64Array,
  out: Float64Array,
  params: Float64Array,
  runtimeWs: RuntimeWorkspaceLike,
) => void;

/**
 * The model's right-hand side as steppers see it: `rhs(t, y, out, params, runtimeWs)` writes
 * f(t, y) into `out` (ODE) or the next state (map). It must not keep references to `y` or `out`.
 *
 * **Details:** a function may carry an optional `jacobian` property (a {@link JacobianFn});
 * the implicit built-ins use it when their `jacobian_mode` config is 1 (`external`) and fall back
 * to finite differences when it is absent.
 *
 * @example
 * ```ts
 * import type { RhsFn } from "@dyn/steppers";
 * const decay: RhsFn = (_t, y, out) => { out[0] = -y[0]; };
 * ```
 * @category steppers
 * @since 0.1.0
 */
export interface RhsFn {
  (
    t: number,
    y: Float64Array,
    out: Float64Array,
    params: Float64Array,
    runtimeWs: RuntimeWorkspaceLike,
  ): void;
  /** Optional analytic Jacobian used by implicit steppers in `external` Jacobian mode. */
  readonly jacobian?: JacobianFn;
}

/**
 * Numpy dtype names a workspace field may use.
 * @category steppers
 * @since 0.1.0
 */
export type WorkspaceDtype = "float64" | "int64" | "int32";

/**
 * The typed array a {@link WorkspaceDtype} is allocated as: `float64` → `Float64Array`,
 * `int64` → `BigInt64Array` (same bytes as numpy `<i8`), `int32` → `Int32Array`.
 * @category steppers
 * @since 0.1.0
 */
export type WorkspaceArray = Float64Array | BigInt64Array | Int32Array;

/**
 * One declared workspace buffer: its stable name (a snapshot entry name), dtype and shape as a
 * function of the state size `n`. Arrays are flat and row-major; `shape` is what snapshots record.
 * @category steppers
 * @since 0.1.0
 */
export interface WorkspaceField {
  readonly name: string;
  readonly dtype: WorkspaceDtype;
  readonly shape: (n: number) => readonly number[];
}

/**
 * A stepper's allocated workspace: one typed array per declared field, keys in declaration order.
 * @category steppers
 * @since 0.1.0
 */
export type StepperWorkspace = Readonly<Record<string, WorkspaceArray>>;

/**
 * One numeric config field. `type: "int"` fields hold integers (stored as float64 in the packed
 * array); `enum` maps accepted strings to codes (e.g. `{ internal: 0, external: 1 }`).
 * @category steppers
 * @since 0.1.0
 */
export interface ConfigField {
  readonly name: string;
  readonly type: "float" | "int";
  readonly default: number;
  readonly enum?: Readonly<Record<string, number>>;
}

/**
 * The step function of §1.2:
 * `step(t, dt, yCurr, rhs, params, runtimeWs, stepperWs, config, yProp, tProp, dtNext, errEst)`.
 *
 * **Details:** writes the proposal into `yProp`, its time into `tProp[0]`, the suggested next
 * step into `dtNext[0]` and the normalised error into `errEst[0]`; returns {@link OK} or
 * {@link STEPFAIL}. It never commits, tolerates `yProp === yCurr`, and keeps state only in
 * `stepperWs`. `config` shorter than the field count means "use the baked defaults".
 * @category steppers
 * @since 0.1.0
 */
export type StepFn = (
  t: number,
  dt: number,
  yCurr: Float64Array,
  rhs: RhsFn,
  params: Float64Array,
  runtimeWs: RuntimeWorkspaceLike,
  stepperWs: StepperWorkspace,
  config: Float64Array,
  yProp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
) => number;

/**
 * Capabilities of a stepper (§1.1), with the reference's defaults.
 * @category steppers
 * @since 0.1.0
 */
export interface StepperCaps {
  readonly denseOutput: boolean;
  readonly jacobian: "none" | "internal" | "optional" | "required";
  readonly jitCapable: boolean;
  readonly requiresScipy: boolean;
  readonly variationalStepping: boolean;
}

/**
 * Stepper metadata (§1.1). Tests read it: the convergence test asserts against `order`.
 * @category steppers
 * @since 0.1.0
 */
export interface StepperMeta {
  readonly name: string;
  readonly kind: "ode" | "map";
  readonly timeControl: "fixed" | "adaptive";
  readonly scheme: "explicit" | "implicit" | "splitting";
  readonly geometry: readonly string[];
  readonly family: string;
  readonly order: number;
  readonly embeddedOrder: number | null;
  readonly stiff: boolean;
  readonly aliases: readonly string[];
  readonly caps: StepperCaps;
}

/**
 * A stepper: a frozen plain object shared by every session that uses it.
 *
 * **Required members:** `meta`, `config` (may be empty), `workspace` (may be empty), `step`.
 *
 * **Optional members:** `selfContained` — `true` promises that `step`'s source text uses no
 * imports, free variables or `this`, so {@link specializeStep} may recompile it once per model;
 * `template` — a {@link StepperTemplate} from `defineTemplate`: the session fuses it with the
 * model's IR into one generated kernel (much faster than calling `step`); `step` stays the
 * reference and the fallback.
 *
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * const rk4 = getStepper("rk4");
 * console.log(rk4.meta.order, rk4.workspace.map((f) => f.name).join(","));
 * ```
 * @category steppers
 * @since 0.1.0
 */
export interface Stepper {
  readonly meta: StepperMeta;
  readonly config: readonly ConfigField[];
  readonly workspace: readonly WorkspaceField[];
  readonly step: StepFn;
  readonly selfContained: boolean;
  /** A template over the model IR (a {@link StepperTemplate}), or undefined: see `defineTemplate`. */
  readonly template?: unknown;
  /**
   * The int64 counter field (shape [1]) whose value 0 means "first step of a run" for a stepper
   * that carries history between steps (multistep or start-up state); undefined for one-step
   * steppers. Zeroing it restarts the history exactly as a run's first step does (D-14): see
   * {@link restartHistory}.
   */
  readonly historyCounter?: string;
}
