import { defineStepper } from "../defineStepper.ts";
import { rk2Template } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { vec } from "./shared.ts";

function rk2Step(
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
  const n = yCurr.length;
  rhs(t, yCurr, k1, params, runtimeWs);
  const half = 0.5 * dt;
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + half * k1[i];
  rhs(t + half, yStage, k2, params, runtimeWs);
  for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + dt * k2[i];
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `rk2` (alias `rk2_midpoint`): the explicit midpoint Runge–Kutta method.
 *
 * **Details:** order 2, 2 stages, fixed step, no dense output, not FSAL; variational stepping
 * capable. Reference: Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.1,
 * doi:10.1007/978-3-540-78862-1.
 *
 * @example
 * ```ts
 * import { rk2Stepper } from "@dyn/steppers";
 * console.log(rk2Stepper.meta.aliases); // ["rk2_midpoint"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const rk2Stepper = defineStepper({
  meta: {
    name: "rk2",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "runge-kutta",
    order: 2,
    aliases: ["rk2_midpoint"],
    caps: { variationalStepping: true },
  },
  workspace: [vec("y_stage"), vec("k1"), vec("k2"), vec("v_stage"), vec("kv1"), vec("kv2")],
  step: rk2Step,
  selfContained: true,
  template: rk2Template,
});
