import { classDefaultConfig } from "../config.ts";
import type { RhsFn, Stepper } from "../types.ts";
import { allocateWorkspace } from "../workspace.ts";
import { type ExactProblem, linearTestProblem, runFixedSteps } from "./drivers.ts";
import { checkTemplate } from "./templateCheck.ts";

/**
 * Fits the slope of log2(global error) against log2(dt) at `tEnd` for a fixed-step ODE stepper
 * (error = max-norm difference from the exact solution), over dt = tEnd/n for each n in `steps`.
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { estimateConvergenceOrder } from "@dyn/steppers/authoring";
 * console.log(Math.round(estimateConvergenceOrder(getStepper("rk4")))); // 4
 * ```
 * @category testing
 * @since 0.1.0
 */
export function estimateConvergenceOrder(
  stepper: Stepper,
  problem: ExactProblem = linearTestProblem,
  tEnd = 1,
  steps: readonly number[] = [10, 20, 40, 80],
): number {
  const exact = problem.exact(tEnd);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const count of steps) {
    const dt = tEnd / count;
    const r = runFixedSteps(stepper, dt, count, { rhs: problem.rhs, y0: problem.y0 });
    let err = 0;
    for (let i = 0; i < exact.length; i++) err = Math.max(err, Math.abs(r.y[i]! - exact[i]!));
    xs.push(Math.log2(dt));
    ys.push(Math.log2(err));
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

/**
 * Outcome of one conformance check.
 * @category testing
 * @since 0.1.0
 */
export interface ConformanceResult {
  readonly check: string;
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Runs `steps` steps and confirms that every workspace buffer is the same object with the same
 * length afterwards, and that the stepper keeps no hidden state: two interleaved runs on separate
 * workspaces give exactly the results of two separate runs.
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { checkWorkspaceIdentity } from "@dyn/steppers/authoring";
 * console.log(checkWorkspaceIdentity(getStepper("ab3")).ok); // true
 * ```
 * @category testing
 * @since 0.1.0
 */
export function checkWorkspaceIdentity(stepper: Stepper, steps = 1000): ConformanceResult {
  const check = "workspace-identity";
  const { rhs, y0 } = kindProblem(stepper);
  const dt = stepper.meta.kind === "map" ? 1 : 1e-3;
  const ws = allocateWorkspace(stepper, y0.length);
  const before = stepper.workspace.map((f) => [f.name, ws[f.name]!, ws[f.name]!.length] as const);
  const solo = runFixedSteps(stepper, dt, steps, { rhs, y0, workspace: ws });
  for (const [name, buffer, length] of before) {
    if (ws[name] !== buffer || buffer.length !== length)
      return { check, ok: false, message: `buffer '${name}' was replaced or resized` };
  }
  if (solo.status !== 0)
    return { check, ok: false, message: `step returned status ${solo.status} at step ${solo.steps}` };
  // Interleave two runs (different initial states) and compare with separate runs.
  const yB = Float64Array.from(y0, (v) => v * 0.5 + 0.25);
  const soloB = runFixedSteps(stepper, dt, 50, { rhs, y0: yB });
  const soloA = runFixedSteps(stepper, dt, 50, { rhs, y0 });
  const cfg = classDefaultConfig(stepper);
  const wsA = allocateWorkspace(stepper, y0.length);
  const wsB = allocateWorkspace(stepper, y0.length);
  const a = Float64Array.from(y0);
  const b = Float64Array.from(yB);
  const p = new Float64Array(0);
  const tp = new Float64Array(1);
  const dn = new Float64Array(1);
  const ee = new Float64Array(1);
  for (let k = 0; k < 50; k++) {
    stepper.step(k * dt, dt, a, rhs, p, {}, wsA, cfg, a, tp, dn, ee);
    stepper.step(k * dt, dt, b, rhs, p, {}, wsB, cfg, b, tp, dn, ee);
  }
  const same = a.every((v, i) => Object.is(v, soloA.y[i])) && b.every((v, i) => Object.is(v, soloB.y[i]));
  if (!same)
    return {
      check,
      ok: false,
      message:
        "interleaved runs differ from separate runs: the stepper keeps state outside its workspace (or mishandles yProp aliasing yCurr)",
    };
  return { check, ok: true, message: `${steps} steps, buffers kept their identity; no hidden state` };
}

/**
 * Checks that a stepper behaves as its `meta.kind` says: a map writes exactly F(t, y); an ODE
 * stepper leaves y unchanged under f ≡ 0 and integrates a constant field exactly (to rounding).
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { checkKind } from "@dyn/steppers/authoring";
 * console.log(checkKind(getStepper("map")).ok); // true
 * ```
 * @category testing
 * @since 0.1.0
 */
export function checkKind(stepper: Stepper): ConformanceResult {
  const check = "kind";
  const y0 = new Float64Array([0.5, -2]);
  if (stepper.meta.kind === "map") {
    const affine: RhsFn = (_t, y, out) => {
      out[0] = 2 * y[0]! + 1;
      out[1] = 0.5 * y[1]! - 3;
    };
    const r = runFixedSteps(stepper, 1, 3, { rhs: affine, y0 });
    const expected = [2 * (2 * (2 * 0.5 + 1) + 1) + 1, 0.5 * (0.5 * (0.5 * -2 - 3) - 3) - 3];
    const ok = r.status === 0 && r.y[0] === expected[0] && r.y[1] === expected[1];
    return {
      check,
      ok,
      message: ok ? "map iterates F exactly" : `map gave ${Array.from(r.y)}, expected ${expected}`,
    };
  }
  const zero: RhsFn = (_t, _y, out) => out.fill(0);
  const r0 = runFixedSteps(stepper, 0.1, 5, { rhs: zero, y0 });
  if (r0.status !== 0 || r0.y[0] !== y0[0] || r0.y[1] !== y0[1])
    return { check, ok: false, message: "an ODE step under f ≡ 0 changed the state" };
  const constant: RhsFn = (_t, _y, out) => {
    out[0] = 1.5;
    out[1] = -0.25;
  };
  const r1 = runFixedSteps(stepper, 0.125, 8, { rhs: constant, y0 });
  const ok =
    r1.status === 0 && Math.abs(r1.y[0]! - (0.5 + 1.5)) < 1e-9 && Math.abs(r1.y[1]! - (-2 - 0.25)) < 1e-9;
  return {
    check,
    ok,
    message: ok ? "ODE step integrates f ≡ c exactly" : `ODE step on f ≡ c gave ${Array.from(r1.y)}`,
  };
}

/**
 * Checks a fixed-step ODE stepper's fitted convergence order against `meta.order` (±0.3).
 * Adaptive steppers and maps are skipped (reported ok with a note).
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { checkOrder } from "@dyn/steppers/authoring";
 * console.log(checkOrder(getStepper("rk2")).ok); // true
 * ```
 * @category testing
 * @since 0.1.0
 */
export function checkOrder(stepper: Stepper): ConformanceResult {
  const check = "order";
  if (stepper.meta.kind !== "ode" || stepper.meta.timeControl !== "fixed") {
    return { check, ok: true, message: "skipped: the order check applies to fixed-step ODE steppers" };
  }
  const slope = estimateConvergenceOrder(stepper);
  const ok = Math.abs(slope - stepper.meta.order) <= 0.3;
  return { check, ok, message: `fitted order ${slope.toFixed(3)} vs meta.order ${stepper.meta.order}` };
}

/**
 * Runs every conformance check ({@link checkKind}, {@link checkWorkspaceIdentity},
 * {@link checkOrder}, and `checkTemplate` for a stepper with a template) and returns their
 * results; plugin authors call it from their tests. A failing template check carries a coded
 * `error` (`STEPPER_TEMPLATE_MISMATCH`) naming the stepper and the first differing value.
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { runConformance } from "@dyn/steppers/authoring";
 * console.log(runConformance(getStepper("euler")).every((r) => r.ok)); // true
 * ```
 * @category testing
 * @since 0.1.0
 */
export function runConformance(stepper: Stepper): ConformanceResult[] {
  return [checkKind(stepper), checkWorkspaceIdentity(stepper), checkOrder(stepper), checkTemplate(stepper)];
}

function kindProblem(stepper: Stepper): { rhs: RhsFn; y0: Float64Array } {
  if (stepper.meta.kind === "map") {
    const logistic: RhsFn = (_t, y, out) => {
      out[0] = 3.7 * y[0]! * (1 - y[0]!);
      out[1] = 0.5 * y[1]!;
    };
    return { rhs: logistic, y0: new Float64Array([0.3, 1]) };
  }
  return { rhs: linearTestProblem.rhs, y0: linearTestProblem.y0 };
}
