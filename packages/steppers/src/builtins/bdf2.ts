import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { NEWTON_CONFIG } from "./implicitConfig.ts";
import { newtonSolve, RESIDUAL_BASE_FIRST, RESIDUAL_TWO_STEP } from "./newton.ts";
import { counter, mat, vec } from "./shared.ts";

// The doubles newtonSolve takes, [tNew, cH, tol, jacEps, form, a, b], written right before each call: passed
// as plain arguments they would be boxed, and every step would allocate.
const newtonScalars = new Float64Array(7);

function bdf2Step(
  t: number,
  dt: number,
  yCurr: Float64Array,
  rhs: RhsFn,
  params: Float64Array,
  runtimeWs: RuntimeWorkspaceLike,
  ws: StepperWorkspace,
  config: Float64Array,
  yProp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
): number {
  const yNm1 = ws.y_nm1 as Float64Array;
  const stepIndex = ws.step_index as BigInt64Array;
  const yGuess = ws.y_guess as Float64Array;
  const yTmp = ws.y_tmp as Float64Array;
  const fVal = ws.f_val as Float64Array;
  const fTmp = ws.f_tmp as Float64Array;
  const residual = ws.residual as Float64Array;
  const jm = ws.J as Float64Array;
  const n = yCurr.length;
  const full = config.length >= 4;
  const tol = full ? config[0] : 1e-8;
  const maxIter = full ? Math.trunc(config[1]) : 50;
  const jacEps = full ? config[2] : 1e-8;
  const jac = full && config[3] === 1 ? rhs.jacobian : undefined;
  const tNew = t + dt;
  const index = stepIndex[0];

  rhs(t, yCurr, fVal, params, runtimeWs);
  for (let i = 0; i < n; i++) if (fVal[i] - fVal[i] !== 0) return 2;
  let ok: boolean;
  if (index === 0n) {
    // Backward Euler start with an explicit Euler predictor.
    for (let i = 0; i < n; i++) yGuess[i] = yCurr[i] + dt * fVal[i];
    newtonScalars[0] = tNew;
    newtonScalars[1] = dt;
    newtonScalars[2] = tol;
    newtonScalars[3] = jacEps;
    newtonScalars[4] = RESIDUAL_BASE_FIRST;
    ok = newtonSolve(
      rhs,
      params,
      runtimeWs,
      newtonScalars,
      yCurr,
      yCurr,
      yCurr,
      yGuess,
      fVal,
      fTmp,
      residual,
      jm,
      null,
      maxIter,
      jac,
    );
  } else {
    const c43 = 4.0 / 3.0;
    const c13 = 1.0 / 3.0;
    const c23 = 2.0 / 3.0;
    for (let i = 0; i < n; i++) {
      yTmp[i] = c43 * yCurr[i] - c13 * yNm1[i];
      yGuess[i] = yTmp[i] + c23 * dt * fVal[i];
    }
    newtonScalars[0] = tNew;
    newtonScalars[1] = c23 * dt;
    newtonScalars[2] = tol;
    newtonScalars[3] = jacEps;
    newtonScalars[4] = RESIDUAL_TWO_STEP;
    newtonScalars[5] = c43;
    newtonScalars[6] = c13;
    ok = newtonSolve(
      rhs,
      params,
      runtimeWs,
      newtonScalars,
      yTmp,
      yCurr,
      yNm1,
      yGuess,
      fVal,
      fTmp,
      residual,
      jm,
      null,
      maxIter,
      jac,
    );
  }
  if (!ok) return 2;
  for (let i = 0; i < n; i++) {
    yNm1[i] = yCurr[i];
    yProp[i] = yGuess[i];
  }
  // Allocates no BigInt once optimised: TurboFan (Node 20) turns this int64 load, add and store into
  // machine arithmetic (test/allocation.test.ts watches it).
  stepIndex[0] = index + 1n;
  tProp[0] = tNew;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `bdf2` (alias `bdf2_jit`): fixed-step two-step backward differentiation formula with a
 * backward-Euler first step and full Newton iterations.
 *
 * **Details:** order 2, implicit, fixed step, stiff, `jacobian: "optional"` (finite differences,
 * or the model Jacobian with `jacobian_mode = 1`). Any Newton failure returns STEPFAIL. Config:
 * newton_tol (1e-8), newton_max_iter (50), jac_eps (1e-8), jacobian_mode (0).
 * Reference: Hairer & Wanner, *Solving ODEs II*, §V.1, doi:10.1007/978-3-642-05221-7.
 *
 * **Performance:** not `selfContained`: the step calls the shared Newton/LU module
 * (`newtonSolve`), so `specializeStep` returns it unchanged and the session calls it rather than
 * pasting it into its loop. That costs little: implicit steps are dominated by Newton
 * iterations, finite-difference Jacobian columns and LU solves, and the shared code allocates
 * nothing per step (the per-step helper copies it replaced allocated closures on every call).
 *
 * @example
 * ```ts
 * import { bdf2Stepper } from "@dyn/steppers";
 * console.log(bdf2Stepper.meta.stiff); // true
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const bdf2Stepper = defineStepper({
  meta: {
    name: "bdf2",
    kind: "ode",
    timeControl: "fixed",
    scheme: "implicit",
    family: "bdf",
    order: 2,
    stiff: true,
    aliases: ["bdf2_jit"],
    caps: { jacobian: "optional" },
  },
  config: NEWTON_CONFIG,
  workspace: [
    vec("y_nm1"),
    counter("step_index"),
    vec("y_guess"),
    vec("y_tmp"),
    vec("f_val"),
    vec("f_tmp"),
    vec("residual"),
    mat("J"),
  ],
  step: bdf2Step,
  historyCounter: "step_index",
  selfContained: false,
});
