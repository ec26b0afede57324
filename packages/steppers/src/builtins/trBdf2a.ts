import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { ADAPTIVE_IMPLICIT_CONFIG } from "./implicitConfig.ts";
import { newtonSolve, RESIDUAL_F_FIRST } from "./newton.ts";
import { counter, mat, vec } from "./shared.ts";

// The doubles newtonSolve takes, [tNew, cH, tol, jacEps, form, a, b], written right before each call: passed
// as plain arguments they would be boxed, and every step would allocate.
const newtonScalars = new Float64Array(7);

function trBdf2aStep(
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
  const stepIndex = ws.step_index as BigInt64Array;
  const yGuess = ws.y_guess as Float64Array;
  const yStage = ws.y_stage as Float64Array;
  const yTrbdf2 = ws.y_trbdf2 as Float64Array;
  const yBe = ws.y_be as Float64Array;
  const fN = ws.f_n as Float64Array;
  const fVal = ws.f_val as Float64Array;
  const fTmp = ws.f_tmp as Float64Array;
  const residual = ws.residual as Float64Array;
  const jFrozen = ws.J as Float64Array;
  const jWork = ws.J_work as Float64Array;
  const n = yCurr.length;

  const full = config.length >= 12;
  const atol = full ? config[0] : 1e-6;
  const rtol = full ? config[1] : 1e-3;
  const safety = full ? config[2] : 0.9;
  const minFactor = full ? config[3] : 0.2;
  const maxFactor = full ? config[4] : 5.0;
  let maxTries = full ? Math.trunc(config[5]) : 10;
  const minStep = full ? config[6] : 1e-12;
  const tol = full ? config[7] : 1e-8;
  const maxIter = full ? Math.trunc(config[8]) : 50;
  const jacEps = full ? config[9] : 1e-8;
  const dtMax = full ? config[10] : Infinity;
  const jac = full && config[11] === 1 ? rhs.jacobian : undefined;
  if (!(maxTries >= 1)) maxTries = 1;

  const gamma = 2.0 - Math.SQRT2;
  const gamma2 = (1.0 - gamma) / (2.0 - gamma);
  const gamma3 = 1.0 / (gamma * (2.0 - gamma));
  const theta = 0.5 * gamma;

  let h = dt < dtMax ? dt : dtMax;
  let error = Infinity;
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const tNew = t + h;
    const tStage = t + gamma * h;
    rhs(t, yCurr, fN, params, runtimeWs);
    for (let i = 0; i < n; i++) {
      if (fN[i] - fN[i] !== 0) {
        errEst[0] = Infinity;
        return 2;
      }
    }
    // Trapezoidal stage to t + γh: base y_n + θh·f_n (in y_trbdf2 while it is free).
    for (let i = 0; i < n; i++) {
      yGuess[i] = yCurr[i] + gamma * h * fN[i];
      yTrbdf2[i] = yCurr[i] + theta * h * fN[i];
    }
    newtonScalars[0] = tStage;
    newtonScalars[1] = theta * h;
    newtonScalars[2] = tol;
    newtonScalars[3] = jacEps;
    newtonScalars[4] = RESIDUAL_F_FIRST;
    let solved = newtonSolve(
      rhs,
      params,
      runtimeWs,
      newtonScalars,
      yTrbdf2,
      yCurr,
      fN,
      yGuess,
      fVal,
      fTmp,
      residual,
      jWork,
      jFrozen,
      maxIter,
      jac,
    );
    if (solved) {
      // BDF2 stage to t + h: base (1 − γ3)·y_n + γ3·y_stage (in y_be while it is free).
      for (let i = 0; i < n; i++) {
        yStage[i] = yGuess[i];
        yBe[i] = (1.0 - gamma3) * yCurr[i] + gamma3 * yStage[i];
      }
      newtonScalars[0] = tNew;
      newtonScalars[1] = gamma2 * h;
      newtonScalars[2] = tol;
      newtonScalars[3] = jacEps;
      newtonScalars[4] = RESIDUAL_F_FIRST;
      solved = newtonSolve(
        rhs,
        params,
        runtimeWs,
        newtonScalars,
        yBe,
        yCurr,
        yStage,
        yGuess,
        fVal,
        fTmp,
        residual,
        jWork,
        jFrozen,
        maxIter,
        jac,
      );
    }
    if (solved) {
      for (let i = 0; i < n; i++) yTrbdf2[i] = yGuess[i];
      newtonScalars[0] = tNew;
      newtonScalars[1] = h;
      newtonScalars[2] = tol;
      newtonScalars[3] = jacEps;
      newtonScalars[4] = RESIDUAL_F_FIRST;
      solved = newtonSolve(
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
        jWork,
        jFrozen,
        maxIter,
        jac,
      );
    }
    if (!solved) {
      if (h <= minStep) {
        errEst[0] = Infinity;
        return 2;
      }
      h = h * minFactor;
      if (h < minStep) h = minStep;
      continue;
    }
    let acc = 0.0;
    for (let i = 0; i < n; i++) {
      yBe[i] = yGuess[i];
      const diff = Math.abs(yTrbdf2[i] - yBe[i]);
      const a0 = Math.abs(yCurr[i]);
      const a1 = Math.abs(yTrbdf2[i]);
      const ratio = diff / (atol + rtol * (a1 > a0 ? a1 : a0));
      acc = acc + ratio * ratio;
    }
    error = Math.sqrt(acc / n);
    if (error - error !== 0) error = Infinity;
    if (error <= 1.0 || h <= minStep) {
      for (let i = 0; i < n; i++) yProp[i] = yTrbdf2[i];
      tProp[0] = tNew;
      errEst[0] = error;
      let next: number;
      if (error > 0.0) {
        let factor = safety * Math.sqrt(1.0 / error);
        if (factor < minFactor) factor = minFactor;
        if (factor > maxFactor) factor = maxFactor;
        next = h * factor;
      } else {
        next = h * maxFactor;
      }
      dtNext[0] = next < dtMax ? next : dtMax;
      // Allocates no BigInt once optimised: TurboFan (Node 20) turns this int64 load, add and store into
      // machine arithmetic (test/allocation.test.ts watches it).
      stepIndex[0] = stepIndex[0] + 1n;
      return 0;
    }
    let shrink = safety * Math.sqrt(1.0 / error);
    if (shrink < minFactor) shrink = minFactor;
    h = h * shrink;
    if (h < minStep) {
      dtNext[0] = h;
      errEst[0] = error;
      return 2;
    }
  }
  errEst[0] = error;
  return 2;
}

/**
 * `tr-bdf2a` (alias `trbdf2a`): adaptive TR-BDF2 (trapezoidal stage to t + γh, γ = 2 − √2, then
 * a BDF2 stage) with a backward-Euler error partner and modified Newton.
 *
 * **Details:** order 2, embedded order 1, implicit, adaptive, stiff, L-stable, one-step (no
 * history besides `step_index`), no dense output; same controller and config as bdf2a.
 * Reference: Bank et al. (1985), doi:10.1109/T-ED.1985.22232; Hosea & Shampine (1996),
 * doi:10.1016/0168-9274(95)00115-8.
 *
 * **Performance:** not `selfContained`: the step calls the shared Newton/LU module
 * (`newtonSolve`), so `specializeStep` returns it unchanged and the session calls it rather than
 * pasting it into its loop. That costs little: implicit steps are dominated by Newton
 * iterations, finite-difference Jacobian columns and LU solves, and the shared code allocates
 * nothing per step (the per-step helper copies it replaced allocated closures on every call).
 *
 * @example
 * ```ts
 * import { trBdf2aStepper } from "@dyn/steppers";
 * console.log(trBdf2aStepper.meta.name); // "tr-bdf2a"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const trBdf2aStepper = defineStepper({
  meta: {
    name: "tr-bdf2a",
    kind: "ode",
    timeControl: "adaptive",
    scheme: "implicit",
    family: "tr-bdf2",
    order: 2,
    embeddedOrder: 1,
    stiff: true,
    aliases: ["trbdf2a"],
    caps: { jacobian: "optional" },
  },
  config: ADAPTIVE_IMPLICIT_CONFIG,
  workspace: [
    counter("step_index"),
    vec("y_guess"),
    vec("y_stage"),
    vec("y_trbdf2"),
    vec("y_be"),
    vec("f_n"),
    vec("f_val"),
    vec("f_tmp"),
    vec("residual"),
    mat("J"),
    mat("J_work"),
  ],
  step: trBdf2aStep,
  historyCounter: "step_index",
  selfContained: false,
});
