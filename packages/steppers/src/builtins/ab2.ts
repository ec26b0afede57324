import { defineStepper } from "../defineStepper.ts";
import { ab2Template } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { counter, vec } from "./shared.ts";

function ab2Step(
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
  const fPrev = ws.f_prev as Float64Array;
  const fCurr = ws.f_curr as Float64Array;
  const fNext = ws.f_next as Float64Array;
  const yStage = ws.y_stage as Float64Array;
  const stepIndex = ws.step_index as BigInt64Array;
  const n = yCurr.length;
  const tNew = t + dt;
  const index = stepIndex[0];
  if (index === 0n) {
    // Heun start; the history is seeded with f at the accepted point, not at the predictor.
    rhs(t, yCurr, fPrev, params, runtimeWs);
    for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + dt * fPrev[i];
    rhs(tNew, yStage, fCurr, params, runtimeWs);
    const half = 0.5 * dt;
    for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + half * (fPrev[i] + fCurr[i]);
    rhs(tNew, yProp, fCurr, params, runtimeWs);
  } else {
    for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + dt * (1.5 * fCurr[i] - 0.5 * fPrev[i]);
    rhs(tNew, yProp, fNext, params, runtimeWs);
    for (let i = 0; i < n; i++) {
      fPrev[i] = fCurr[i];
      fCurr[i] = fNext[i];
    }
  }
  stepIndex[0] = index + 1n;
  tProp[0] = tNew;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `ab2` (alias `adams_bashforth_2`): two-step Adams–Bashforth with a Heun start.
 *
 * **Details:** order 2, 1 evaluation per step after the start (3 on the first), fixed step, no
 * dense output. The history (`f_prev`, `f_curr`) and `step_index` (int64) live in the
 * workspace, so resume continues the multistep sequence; the history is rotated inside the step
 * and the fixed coefficients are used even for a clipped final step.
 * Reference: Hairer, Nørsett & Wanner, *Solving ODEs I*, §III.1, doi:10.1007/978-3-540-78862-1.
 *
 * @example
 * ```ts
 * import { ab2Stepper } from "@dyn/steppers";
 * console.log(ab2Stepper.workspace.map((f) => f.name)); // ["f_prev","f_curr","f_next","y_stage","step_index"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const ab2Stepper = defineStepper({
  meta: {
    name: "ab2",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "adams-bashforth",
    order: 2,
    aliases: ["adams_bashforth_2"],
    caps: { variationalStepping: true },
  },
  workspace: [vec("f_prev"), vec("f_curr"), vec("f_next"), vec("y_stage"), counter("step_index")],
  step: ab2Step,
  historyCounter: "step_index",
  selfContained: true,
  template: ab2Template,
});
