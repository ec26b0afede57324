import { defineStepper, type RhsFn, type RuntimeWorkspaceLike, type StepperWorkspace } from "@dyn/steppers";

// Self-contained on purpose (no imports or free variables inside the body), so the session can
// recompile it once per model with specializeStep and keep the rhs call site monomorphic.
function heunStep(
  t: number,
  dt: number,
  yCurr: Float64Array,
  rhs: RhsFn,
  params: Float64Array,
  runtimeWs: RuntimeWorkspaceLike,
  ws: StepperWorkspace,
  _config: Float64Array,
  yProp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
): number {
  const k1 = ws.k1 as Float64Array;
  const k2 = ws.k2 as Float64Array;
  const yStage = ws.y_stage as Float64Array;
  const n = yCurr.length;
  rhs(t, yCurr, k1, params, runtimeWs);
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i]! + dt * k1[i]!;
  rhs(t + dt, yStage, k2, params, runtimeWs);
  const half = 0.5 * dt;
  // Writes yProp only after every read of yCurr[i]: safe when yProp aliases yCurr.
  for (let i = 0; i < n; i++) yProp[i] = yCurr[i]! + half * (k1[i]! + k2[i]!);
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0; // OK
}

/**
 * Heun's method (explicit trapezoidal rule): an Euler predictor followed by a trapezoidal
 * corrector, y' = y + (dt/2)·(f(t, y) + f(t + dt, y + dt·f(t, y))).
 *
 * **Details:** order 2, 2 stages, fixed step, explicit, no dense output, not FSAL. Workspace:
 * `k1`, `k2`, `y_stage` (float64, length n). No config.
 * Reference: Süli & Mayers, *An Introduction to Numerical Analysis* (2003), §12.5,
 * doi:10.1017/CBO9780511801181.
 *
 * @example
 * ```ts
 * import { heunStepper } from "dyn-stepper-heun";
 * console.log(heunStepper.meta.name, heunStepper.meta.order); // "heun" 2
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const heunStepper = defineStepper({
  meta: {
    name: "heun",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "runge-kutta",
    order: 2,
    aliases: ["explicit_trapezoid", "improved_euler"],
  },
  workspace: [
    { name: "k1", dtype: "float64", shape: (n) => [n] },
    { name: "k2", dtype: "float64", shape: (n) => [n] },
    { name: "y_stage", dtype: "float64", shape: (n) => [n] },
  ],
  step: heunStep,
  selfContained: true,
});
