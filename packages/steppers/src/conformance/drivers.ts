import { classDefaultConfig } from "../config.ts";
import { initialStep } from "../initialStep.ts";
import type { RhsFn, Stepper, StepperWorkspace } from "../types.ts";
import { allocateWorkspace } from "../workspace.ts";

/**
 * A test problem with a known exact solution.
 * @category testing
 * @since 0.1.0
 */
export interface ExactProblem {
  readonly rhs: RhsFn;
  readonly y0: Float64Array;
  readonly exact: (t: number) => Float64Array;
}

/**
 * The linear problem y' = A·y, A = [[−0.5, 2], [−2, −0.5]], y(0) = (1, 0), whose solution is
 * e^(−t/2)·(cos 2t, −sin 2t): smooth, non-trivial in both components, not stiff.
 * @example
 * ```ts
 * import { linearTestProblem } from "@dyn/steppers/authoring";
 * console.log(linearTestProblem.exact(0)); // Float64Array [1, -0]
 * ```
 * @category testing
 * @since 0.1.0
 */
export const linearTestProblem: ExactProblem = Object.freeze({
  rhs: ((_t: number, y: Float64Array, out: Float64Array) => {
    out[0] = -0.5 * y[0]! + 2.0 * y[1]!;
    out[1] = -2.0 * y[0]! - 0.5 * y[1]!;
  }) as RhsFn,
  y0: new Float64Array([1, 0]),
  exact: (t: number) =>
    new Float64Array([Math.exp(-0.5 * t) * Math.cos(2 * t), -Math.exp(-0.5 * t) * Math.sin(2 * t)]),
});

/**
 * Options of the small test drivers. `config` defaults to the stepper's class defaults.
 * @category testing
 * @since 0.1.0
 */
export interface DriverOptions {
  readonly rhs: RhsFn;
  readonly y0: Float64Array;
  readonly t0?: number;
  readonly params?: Float64Array;
  readonly config?: Float64Array;
  readonly workspace?: StepperWorkspace;
  /** Called after every committed step with the step count so far. */
  readonly onStep?: (k: number, y: Float64Array, ws: StepperWorkspace) => void;
}

/**
 * Result of a driver run: final state and time, accepted steps, the last status, the workspace.
 * @category testing
 * @since 0.1.0
 */
export interface DriverResult {
  readonly y: Float64Array;
  readonly t: number;
  readonly steps: number;
  readonly status: number;
  readonly workspace: StepperWorkspace;
}

/**
 * Runs `steps` fixed steps of size `dt` (time on the grid t0 + k·dt) and stops at the first
 * non-OK status. A test helper, not the session runner: no events, recording or finiteness checks.
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { runFixedSteps, linearTestProblem } from "@dyn/steppers/authoring";
 * const r = runFixedSteps(getStepper("rk4"), 0.01, 100, linearTestProblem);
 * console.log(r.status, r.steps); // 0 100
 * ```
 * @category testing
 * @since 0.1.0
 */
export function runFixedSteps(
  stepper: Stepper,
  dt: number,
  steps: number,
  options: DriverOptions,
): DriverResult {
  const n = options.y0.length;
  const ws = options.workspace ?? allocateWorkspace(stepper, n);
  const config = options.config ?? classDefaultConfig(stepper);
  const params = options.params ?? new Float64Array(0);
  const t0 = options.t0 ?? 0;
  const y = Float64Array.from(options.y0);
  const yProp = new Float64Array(n);
  const tProp = new Float64Array(1);
  const dtNext = new Float64Array(1);
  const errEst = new Float64Array(1);
  let status = 0;
  let k = 0;
  for (; k < steps; k++) {
    status = stepper.step(
      t0 + k * dt,
      dt,
      y,
      options.rhs,
      params,
      {},
      ws,
      config,
      yProp,
      tProp,
      dtNext,
      errEst,
    );
    if (status !== 0) break;
    y.set(yProp);
    options.onStep?.(k + 1, y, ws);
  }
  return { y, t: t0 + k * dt, steps: k, status, workspace: ws };
}

/**
 * Runs an adaptive stepper from t0 to `tEnd` (initial step by {@link initialStep}, last step
 * clipped to land on `tEnd`), giving up after `maxSteps` accepted steps or a non-OK status.
 * @example
 * ```ts
 * import { defaultConfig, getStepper } from "@dyn/steppers";
 * import { runAdaptive, linearTestProblem } from "@dyn/steppers/authoring";
 * const rk45 = getStepper("rk45");
 * const r = runAdaptive(rk45, 1, 10_000, { ...linearTestProblem, config: defaultConfig(rk45, { atol: 1e-10, rtol: 1e-10 }) });
 * console.log(r.t); // 1
 * ```
 * @category testing
 * @since 0.1.0
 */
export function runAdaptive(
  stepper: Stepper,
  tEnd: number,
  maxSteps: number,
  options: DriverOptions,
): DriverResult {
  const n = options.y0.length;
  const ws = options.workspace ?? allocateWorkspace(stepper, n);
  const config = options.config ?? classDefaultConfig(stepper);
  const params = options.params ?? new Float64Array(0);
  const names = stepper.config.map((f) => f.name);
  const pick = (name: string, fallback: number): number => {
    const i = names.indexOf(name);
    return i >= 0 && i < config.length ? config[i]! : fallback;
  };
  let t = options.t0 ?? 0;
  const y = Float64Array.from(options.y0);
  let dt = initialStep({
    rhs: options.rhs,
    t0: t,
    tEnd,
    y0: y,
    params,
    runtimeWs: {},
    order: stepper.meta.order,
    atol: pick("atol", 1e-8),
    rtol: pick("rtol", 1e-5),
    dtMax: pick("dt_max", Infinity),
  });
  const yProp = new Float64Array(n);
  const tProp = new Float64Array(1);
  const dtNext = new Float64Array(1);
  const errEst = new Float64Array(1);
  let status = 0;
  let k = 0;
  while (k < maxSteps && t < tEnd) {
    const h = Math.min(dt, tEnd - t);
    status = stepper.step(t, h, y, options.rhs, params, {}, ws, config, yProp, tProp, dtNext, errEst);
    if (status !== 0) break;
    y.set(yProp);
    t = tProp[0]!;
    if (Math.abs(tEnd - t) <= 1e-12 * Math.max(1, Math.abs(tEnd))) t = tEnd;
    dt = dtNext[0]!;
    k++;
    options.onStep?.(k, y, ws);
  }
  return { y, t, steps: k, status, workspace: ws };
}
