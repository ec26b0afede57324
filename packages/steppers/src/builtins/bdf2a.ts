import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { ADAPTIVE_IMPLICIT_CONFIG } from "./implicitConfig.ts";
import { newtonSolve, RESIDUAL_BASE_FIRST, RESIDUAL_TWO_STEP } from "./newton.ts";
import { counter, mat, scalar, vec } from "./shared.ts";

// The doubles newtonSolve takes, [tNew, cH, tol, jacEps, form, a, b], written right before each call: passed
// as plain arguments they would be boxed, and every step would allocate.
const newtonScalars = new Float64Array(7);

function bdf2aStep(
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
  const dtNm1 = ws.dt_nm1 as Float64Array;
  const yGuess = ws.y_guess as Float64Array;
  const yBdf2 = ws.y_bdf2 as Float64Array;
  const fVal = ws.f_val as Float64Array;
  const fTmp = ws.f_tmp as Float64Array;
  const residual = ws.residual as Float64Array;
  const jm = ws.J as Float64Array;
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

  const index = stepIndex[0];
  let h = dt < dtMax ? dt : dtMax;
  let error = Infinity;

  for (let attempt = 0; attempt < maxTries; attempt++) {
    const tNew = t + h;
    let solved: boolean;
    // result: the accepted candidate; partner: the lower-order solution it is compared with.
    let result: Float64Array;
    let partner: Float64Array;
    if (index === 0n) {
      // Richardson-checked backward Euler start: one step of h (coarse, kept in y_bdf2) versus
      // two steps of h/2 (fine, in y_guess; the midpoint is kept in y_nm1).
      rhs(t, yCurr, fTmp, params, runtimeWs);
      for (let i = 0; i < n; i++) {
        if (fTmp[i] - fTmp[i] !== 0) {
          errEst[0] = Infinity;
          return 2;
        }
      }
      for (let i = 0; i < n; i++) yGuess[i] = yCurr[i] + h * fTmp[i];
      newtonScalars[0] = tNew;
      newtonScalars[1] = h;
      newtonScalars[2] = tol;
      newtonScalars[3] = jacEps;
      newtonScalars[4] = RESIDUAL_BASE_FIRST;
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
        jm,
        null,
        maxIter,
        jac,
      );
      if (solved) {
        for (let i = 0; i < n; i++) yBdf2[i] = yGuess[i];
        const hHalf = 0.5 * h;
        const tHalf = t + hHalf;
        rhs(t, yCurr, fTmp, params, runtimeWs);
        for (let i = 0; i < n; i++) yGuess[i] = yCurr[i] + hHalf * fTmp[i];
        newtonScalars[0] = tHalf;
        newtonScalars[1] = hHalf;
        newtonScalars[2] = tol;
        newtonScalars[3] = jacEps;
        newtonScalars[4] = RESIDUAL_BASE_FIRST;
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
          jm,
          null,
          maxIter,
          jac,
        );
        if (solved) {
          for (let i = 0; i < n; i++) yNm1[i] = yGuess[i];
          rhs(tHalf, yNm1, fTmp, params, runtimeWs);
          for (let i = 0; i < n; i++) yGuess[i] = yNm1[i] + hHalf * fTmp[i];
          newtonScalars[0] = tNew;
          newtonScalars[1] = hHalf;
          newtonScalars[2] = tol;
          newtonScalars[3] = jacEps;
          newtonScalars[4] = RESIDUAL_BASE_FIRST;
          solved = newtonSolve(
            rhs,
            params,
            runtimeWs,
            newtonScalars,
            yNm1,
            yNm1,
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
      }
      result = yGuess;
      partner = yBdf2;
    } else {
      // Variable-coefficient BDF2 with ρ = h / dt_{n−1}, then a backward-Euler partner.
      const dtOld = dtNm1[0];
      const rho = dtOld <= 0.0 ? 1.0 : h / dtOld;
      const invDenom = 1.0 / (1.0 + 2.0 * rho);
      const onePlusRho = 1.0 + rho;
      const cCurr = onePlusRho * onePlusRho * invDenom;
      const cPrev = rho * rho * invDenom;
      const cBeta = onePlusRho * invDenom;
      for (let i = 0; i < n; i++) {
        yGuess[i] = onePlusRho * yCurr[i] - rho * yNm1[i];
        yBdf2[i] = cCurr * yCurr[i] - cPrev * yNm1[i];
      }
      newtonScalars[0] = tNew;
      newtonScalars[1] = cBeta * h;
      newtonScalars[2] = tol;
      newtonScalars[3] = jacEps;
      newtonScalars[4] = RESIDUAL_TWO_STEP;
      newtonScalars[5] = cCurr;
      newtonScalars[6] = cPrev;
      solved = newtonSolve(
        rhs,
        params,
        runtimeWs,
        newtonScalars,
        yBdf2,
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
      if (solved) {
        for (let i = 0; i < n; i++) yBdf2[i] = yGuess[i];
        newtonScalars[0] = tNew;
        newtonScalars[1] = h;
        newtonScalars[2] = tol;
        newtonScalars[3] = jacEps;
        newtonScalars[4] = RESIDUAL_BASE_FIRST;
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
          jm,
          null,
          maxIter,
          jac,
        );
      }
      result = yBdf2;
      partner = yGuess;
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
      const diff = Math.abs(result[i] - partner[i]);
      const a0 = Math.abs(yCurr[i]);
      const a1 = Math.abs(result[i]);
      const ratio = diff / (atol + rtol * (a1 > a0 ? a1 : a0));
      acc = acc + ratio * ratio;
    }
    error = Math.sqrt(acc / n);
    if (error - error !== 0) error = Infinity;
    if (error <= 1.0 || h <= minStep) {
      for (let i = 0; i < n; i++) {
        yNm1[i] = yCurr[i];
        yProp[i] = result[i];
      }
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
      stepIndex[0] = index + 1n;
      dtNm1[0] = h;
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
 * `bdf2a` (alias `bdf2a_jit`): adaptive variable-coefficient BDF2 with a Richardson-checked
 * backward-Euler start and a backward-Euler error partner.
 *
 * **Details:** order 2, embedded order 1, implicit, adaptive, stiff, full Newton with a
 * finite-difference (or model) Jacobian, no dense output. Controller: accept if err ≤ 1,
 * `dtNext = h·clamp(safety·√(1/err), min_factor, max_factor)` capped by `dt_max`.
 * Workspace keeps `y_nm1`, `step_index` and `dt_nm1`, so resume continues the BDF2 sequence.
 * Reference: Hairer & Wanner, *Solving ODEs II*, §III.5, doi:10.1007/978-3-642-05221-7.
 *
 * **Performance:** not `selfContained`: the step calls the shared Newton/LU module
 * (`newtonSolve`), so `specializeStep` returns it unchanged and the session calls it rather than
 * pasting it into its loop. That costs little: implicit steps are dominated by Newton
 * iterations, finite-difference Jacobian columns and LU solves, and the shared code allocates
 * nothing per step (the per-step helper copies it replaced allocated closures on every call).
 *
 * @example
 * ```ts
 * import { bdf2aStepper } from "@dyn/steppers";
 * console.log(bdf2aStepper.meta.embeddedOrder); // 1
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const bdf2aStepper = defineStepper({
  meta: {
    name: "bdf2a",
    kind: "ode",
    timeControl: "adaptive",
    scheme: "implicit",
    family: "bdf",
    order: 2,
    embeddedOrder: 1,
    stiff: true,
    aliases: ["bdf2a_jit"],
    caps: { jacobian: "optional" },
  },
  config: ADAPTIVE_IMPLICIT_CONFIG,
  workspace: [
    vec("y_nm1"),
    counter("step_index"),
    scalar("dt_nm1"),
    vec("y_guess"),
    vec("y_bdf2"),
    vec("f_val"),
    vec("f_tmp"),
    vec("residual"),
    mat("J"),
  ],
  step: bdf2aStep,
  historyCounter: "step_index",
  selfContained: false,
});
