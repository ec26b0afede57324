import { defineStepper } from "../defineStepper.ts";
import { ab3Template } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { counter, vec } from "./shared.ts";

function ab3Step(
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
  const fNm2 = ws.f_nm2 as Float64Array;
  const fNm1 = ws.f_nm1 as Float64Array;
  const fN = ws.f_n as Float64Array;
  const fNext = ws.f_next as Float64Array;
  const yStage = ws.y_stage as Float64Array;
  const stepIndex = ws.step_index as BigInt64Array;
  const n = yCurr.length;
  const tNew = t + dt;
  const index = stepIndex[0];
  if (index === 0n) {
    // Heun start, as ab2's.
    rhs(t, yCurr, fNm1, params, runtimeWs);
    for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + dt * fNm1[i];
    rhs(tNew, yStage, fN, params, runtimeWs);
    const half = 0.5 * dt;
    for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + half * (fNm1[i] + fN[i]);
    rhs(tNew, yProp, fN, params, runtimeWs);
  } else {
    if (index === 1n) {
      for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + dt * (1.5 * fN[i] - 0.5 * fNm1[i]);
    } else {
      // Each coefficient is one rounded division, as in the reference.
      const c23 = 23.0 / 12.0;
      const c16 = 16.0 / 12.0;
      const c5 = 5.0 / 12.0;
      for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + dt * (c23 * fN[i] - c16 * fNm1[i] + c5 * fNm2[i]);
    }
    rhs(tNew, yProp, fNext, params, runtimeWs);
    for (let i = 0; i < n; i++) {
      fNm2[i] = fNm1[i];
      fNm1[i] = fN[i];
      fN[i] = fNext[i];
    }
  }
  stepIndex[0] = index + 1n;
  tProp[0] = tNew;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `ab3` (alias `adams_bashforth_3`): three-step Adams–Bashforth, started by one Heun step and
 * one AB2 step.
 *
 * **Details:** order 3, 1 evaluation per step after the start, fixed step, no dense output;
 * history (`f_nm2`, `f_nm1`, `f_n`) and `step_index` (int64) live in the workspace.
 * Reference: Hairer, Nørsett & Wanner, *Solving ODEs I*, §III.1, doi:10.1007/978-3-540-78862-1.
 *
 * @example
 * ```ts
 * import { ab3Stepper } from "@dyn/steppers";
 * console.log(ab3Stepper.meta.order); // 3
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const ab3Stepper = defineStepper({
  meta: {
    name: "ab3",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "adams-bashforth",
    order: 3,
    aliases: ["adams_bashforth_3"],
    caps: { variationalStepping: true },
  },
  workspace: [vec("f_nm2"), vec("f_nm1"), vec("f_n"), vec("f_next"), vec("y_stage"), counter("step_index")],
  step: ab3Step,
  historyCounter: "step_index",
  selfContained: true,
  template: ab3Template,
});
