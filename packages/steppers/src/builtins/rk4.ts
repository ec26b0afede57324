import { defineStepper } from "../defineStepper.ts";
import { rk4Template } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { vec } from "./shared.ts";

function rk4Step(
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
  const yStage = ws.y_stage as Float64Array;
  const k1 = ws.k1 as Float64Array;
  const k2 = ws.k2 as Float64Array;
  const k3 = ws.k3 as Float64Array;
  const k4 = ws.k4 as Float64Array;
  const n = yCurr.length;
  const half = 0.5 * dt;
  rhs(t, yCurr, k1, params, runtimeWs);
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + half * k1[i];
  rhs(t + half, yStage, k2, params, runtimeWs);
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + half * k2[i];
  rhs(t + half, yStage, k3, params, runtimeWs);
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + dt * k3[i];
  rhs(t + dt, yStage, k4, params, runtimeWs);
  // One division dt/6 applied to the whole bracket: the reference's order (Appendix A).
  const sixth = dt / 6.0;
  for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + sixth * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `rk4` (aliases `rk4_classic`, `classical_rk4`): the classical fourth-order Runge–Kutta method.
 *
 * **Details:** order 4, 4 stages, fixed step, no dense output, not FSAL; variational stepping
 * capable. Reference: Kutta (1901); Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.1,
 * doi:10.1007/978-3-540-78862-1.
 *
 * @example
 * ```ts
 * import { rk4Stepper } from "@dyn/steppers";
 * console.log(rk4Stepper.meta.order); // 4
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const rk4Stepper = defineStepper({
  meta: {
    name: "rk4",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "runge-kutta",
    order: 4,
    aliases: ["rk4_classic", "classical_rk4"],
    caps: { variationalStepping: true },
  },
  workspace: [
    vec("y_stage"),
    vec("k1"),
    vec("k2"),
    vec("k3"),
    vec("k4"),
    vec("v_stage"),
    vec("kv1"),
    vec("kv2"),
    vec("kv3"),
    vec("kv4"),
  ],
  step: rk4Step,
  selfContained: true,
  template: rk4Template,
});
