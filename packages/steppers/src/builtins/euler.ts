import { defineStepper } from "../defineStepper.ts";
import { eulerTemplate } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { vec } from "./shared.ts";

function eulerStep(
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
  const dy = ws.dy as Float64Array;
  const n = yCurr.length;
  rhs(t, yCurr, dy, params, runtimeWs);
  for (let i = 0; i < n; i++) yProp[i] = yCurr[i] + dt * dy[i];
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `euler` (aliases `fwd_euler`, `forward_euler`): explicit Euler, y' = y + dt·f(t, y).
 *
 * **Details:** order 1, 1 stage, fixed step, no dense output, not FSAL; variational stepping
 * capable (workspace `dy`, `kv`). Reference: Hairer, Nørsett & Wanner, *Solving Ordinary
 * Differential Equations I*, §I.7, doi:10.1007/978-3-540-78862-1.
 *
 * @example
 * ```ts
 * import { eulerStepper } from "@dyn/steppers";
 * console.log(eulerStepper.meta.order); // 1
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const eulerStepper = defineStepper({
  meta: {
    name: "euler",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "euler",
    order: 1,
    aliases: ["fwd_euler", "forward_euler"],
    caps: { variationalStepping: true },
  },
  workspace: [vec("dy"), vec("kv")],
  step: eulerStep,
  selfContained: true,
  template: eulerTemplate,
});
