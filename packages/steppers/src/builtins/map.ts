import { defineStepper } from "../defineStepper.ts";
import { mapTemplate } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { vec } from "./shared.ts";

// Self-contained (no imports, no free variables): specializeStep recompiles this source per model.
function mapStep(
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
  const yNext = ws.y_next as Float64Array;
  const n = yCurr.length;
  rhs(t, yCurr, yNext, params, runtimeWs);
  for (let i = 0; i < n; i++) yProp[i] = yNext[i];
  // dt only spaces the time labels; finiteness of the proposal is the runner's check.
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `map` (aliases `iter`, `discrete`): one iteration y' = F(t, y) of a discrete map.
 *
 * **Details:** order 1 (nominal), 1 evaluation per step, fixed step, no dense output, not FSAL.
 * Workspace `y_next`. The runner labels iteration k as `tStart + k·dt`.
 *
 * Reference: Strogatz, *Nonlinear Dynamics and Chaos*, ch. 10, doi:10.1201/9780429492563.
 *
 * @example
 * ```ts
 * import { mapStepper } from "@dyn/steppers";
 * console.log(mapStepper.meta.kind); // "map"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const mapStepper = defineStepper({
  meta: {
    name: "map",
    kind: "map",
    timeControl: "fixed",
    scheme: "explicit",
    family: "iter",
    order: 1,
    aliases: ["iter", "discrete"],
  },
  workspace: [vec("y_next")],
  step: mapStep,
  selfContained: true,
  template: mapTemplate,
});
