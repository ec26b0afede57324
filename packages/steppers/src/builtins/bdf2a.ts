import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { ADAPTIVE_IMPLICIT_CONFIG } from "./implicitConfig.ts";
import { counter, mat, scalar, vec } from "./shared.ts";

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
      solved = newtonSolve(
        rhs,
        params,
        runtimeWs,
        tNew,
        h,
        yCurr,
        yCurr,
        yCurr,
        yGuess,
        fVal,
        fTmp,
        residual,
        jm,
        null,
        tol,
        maxIter,
        jacEps,
        jac,
      );
      if (solved) {
        for (let i = 0; i < n; i++) yBdf2[i] = yGuess[i];
        const hHalf = 0.5 * h;
        const tHalf = t + hHalf;
        rhs(t, yCurr, fTmp, params, runtimeWs);
        for (let i = 0; i < n; i++) yGuess[i] = yCurr[i] + hHalf * fTmp[i];
        solved = newtonSolve(
          rhs,
          params,
          runtimeWs,
          tHalf,
          hHalf,
          yCurr,
          yCurr,
          yCurr,
          yGuess,
          fVal,
          fTmp,
          residual,
          jm,
          null,
          tol,
          maxIter,
          jacEps,
          jac,
        );
        if (solved) {
          for (let i = 0; i < n; i++) yNm1[i] = yGuess[i];
          rhs(tHalf, yNm1, fTmp, params, runtimeWs);
          for (let i = 0; i < n; i++) yGuess[i] = yNm1[i] + hHalf * fTmp[i];
          solved = newtonSolve(
            rhs,
            params,
            runtimeWs,
            tNew,
            hHalf,
            yNm1,
            yNm1,
            yNm1,
            yGuess,
            fVal,
            fTmp,
            residual,
            jm,
            null,
            tol,
            maxIter,
            jacEps,
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
      solved = newtonSolve(
        rhs,
        params,
        runtimeWs,
        tNew,
        cBeta * h,
        yBdf2,
        yCurr,
        yNm1,
        yGuess,
        fVal,
        fTmp,
        residual,
        jm,
        null,
        tol,
        maxIter,
        jacEps,
        jac,
      );
      if (solved) {
        for (let i = 0; i < n; i++) yBdf2[i] = yGuess[i];
        solved = newtonSolve(
          rhs,
          params,
          runtimeWs,
          tNew,
          h,
          yCurr,
          yCurr,
          yCurr,
          yGuess,
          fVal,
          fTmp,
          residual,
          jm,
          null,
          tol,
          maxIter,
          jacEps,
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

  // Newton machinery, nested so this step stays self-contained (specializeStep recompiles it per
  // model). The same text appears in every implicit built-in; test/implicitHelpers.test.ts keeps
  // the copies identical.
  /** Builds J = I − cH·∂f/∂y at (tNew, y) into `jOut` (n×n row-major); `fAtY` must hold f(tNew, y). */
  function buildIterationMatrix(
    rhs: RhsFn,
    params: Float64Array,
    rws: RuntimeWorkspaceLike,
    tNew: number,
    cH: number,
    y: Float64Array,
    fAtY: Float64Array,
    fTmp: Float64Array,
    jOut: Float64Array,
    jacEps: number,
    jac: RhsFn["jacobian"],
  ): boolean {
    const n = y.length;
    if (jac !== undefined) {
      jac(tNew, y, jOut, params, rws);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const df = jOut[i * n + j]!;
          jOut[i * n + j] = i === j ? 1.0 - cH * df : -cH * df;
        }
      }
      for (let k = 0; k < n * n; k++) if (jOut[k]! - jOut[k]! !== 0) return false;
      return true;
    }
    for (let j = 0; j < n; j++) {
      const orig = y[j]!;
      const absOrig = orig >= 0.0 ? orig : -orig;
      const eps = jacEps * (absOrig > 1.0 ? absOrig : 1.0);
      y[j] = orig + eps;
      rhs(tNew, y, fTmp, params, rws);
      y[j] = orig;
      for (let i = 0; i < n; i++) if (fTmp[i]! - fTmp[i]! !== 0) return false;
      const invEps = 1.0 / eps;
      for (let i = 0; i < n; i++) {
        const df = (fTmp[i]! - fAtY[i]!) * invEps;
        jOut[i * n + j] = i === j ? 1.0 - cH * df : -cH * df;
      }
    }
    return true;
  }

  /** Solves J·x = b in place (x overwrites b) by Gaussian elimination with partial pivoting. */
  function solveInPlace(jm: Float64Array, b: Float64Array, n: number): boolean {
    for (let k = 0; k < n; k++) {
      let pivotRow = k;
      let pivotAbs = Math.abs(jm[k * n + k]!);
      for (let i = k + 1; i < n; i++) {
        const a = Math.abs(jm[i * n + k]!);
        if (a > pivotAbs) {
          pivotAbs = a;
          pivotRow = i;
        }
      }
      if (!(pivotAbs > 1e-14)) return false;
      if (pivotRow !== k) {
        for (let j = 0; j < n; j++) {
          const tmp = jm[k * n + j]!;
          jm[k * n + j] = jm[pivotRow * n + j]!;
          jm[pivotRow * n + j] = tmp;
        }
        const tb = b[k]!;
        b[k] = b[pivotRow]!;
        b[pivotRow] = tb;
      }
      const invDiag = 1.0 / jm[k * n + k]!;
      for (let i = k + 1; i < n; i++) {
        const factor = jm[i * n + k]! * invDiag;
        jm[i * n + k] = 0.0;
        for (let j = k + 1; j < n; j++) jm[i * n + j] = jm[i * n + j]! - factor * jm[k * n + j]!;
        b[i] = b[i]! - factor * b[k]!;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = b[i]!;
      for (let j = i + 1; j < n; j++) sum = sum - jm[i * n + j]! * b[j]!;
      b[i] = sum / jm[i * n + i]!;
    }
    return true;
  }

  /**
   * Newton iteration for y − base − cH·f(tNew, y) = 0 starting from `y`;
   * `jWork` is destroyed by each linear solve, `jFrozen` (modified Newton) is built once at the
   * initial guess, or null for full Newton (matrix rebuilt every iteration). Converged when
   * max|r| ≤ tol·max(1, max(|y before update|, |scaleA|, |scaleB|)) and
   * max|δ_i|/max(1, |y_i before update|) ≤ tol (§1.5).
   */
  function newtonSolve(
    rhs: RhsFn,
    params: Float64Array,
    rws: RuntimeWorkspaceLike,
    tNew: number,
    cH: number,
    base: Float64Array,
    scaleA: Float64Array,
    scaleB: Float64Array,
    y: Float64Array,
    fVal: Float64Array,
    fTmp: Float64Array,
    residual: Float64Array,
    jWork: Float64Array,
    jFrozen: Float64Array | null,
    tol: number,
    maxIterations: number,
    jacEps: number,
    jac: RhsFn["jacobian"],
  ): boolean {
    // Positional arguments, not an options object: this runs once per implicit stage and must not allocate.
    const n = y.length;
    if (jFrozen !== null) {
      rhs(tNew, y, fVal, params, rws);
      for (let i = 0; i < n; i++) if (fVal[i]! - fVal[i]! !== 0) return false;
      if (!buildIterationMatrix(rhs, params, rws, tNew, cH, y, fVal, fTmp, jFrozen, jacEps, jac))
        return false;
    }
    const maxIter = maxIterations >= 1 ? maxIterations : 1;
    for (let iter = 0; iter < maxIter; iter++) {
      rhs(tNew, y, fVal, params, rws);
      let maxR = 0.0;
      let maxScale = 0.0;
      for (let i = 0; i < n; i++) {
        const r = y[i]! - base[i]! - cH * fVal[i]!;
        residual[i] = r;
        const ar = Math.abs(r);
        if (ar > maxR) maxR = ar;
        const ay = Math.abs(y[i]!);
        if (ay > maxScale) maxScale = ay;
        const aa = Math.abs(scaleA[i]!);
        if (aa > maxScale) maxScale = aa;
        const ab = Math.abs(scaleB[i]!);
        if (ab > maxScale) maxScale = ab;
      }
      for (let i = 0; i < n; i++) if (residual[i]! - residual[i]! !== 0) return false;
      if (jFrozen !== null) {
        jWork.set(jFrozen);
      } else if (!buildIterationMatrix(rhs, params, rws, tNew, cH, y, fVal, fTmp, jWork, jacEps, jac)) {
        return false;
      }
      for (let i = 0; i < n; i++) residual[i] = -residual[i]!;
      if (!solveInPlace(jWork, residual, n)) return false;
      let maxDelta = 0.0;
      for (let i = 0; i < n; i++) {
        const delta = residual[i]!;
        const old = y[i]!;
        y[i] = old + delta;
        const aOld = Math.abs(old);
        const scaled = Math.abs(delta) / (aOld < 1.0 ? 1.0 : aOld);
        if (scaled > maxDelta) maxDelta = scaled;
      }
      if (maxDelta - maxDelta !== 0) return false;
      if (maxR <= tol * (maxScale > 1.0 ? maxScale : 1.0) && maxDelta <= tol) return true;
    }
    return false;
  }
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
  selfContained: true,
});
