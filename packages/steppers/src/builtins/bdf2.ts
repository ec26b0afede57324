import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { NEWTON_CONFIG } from "./implicitConfig.ts";
import { counter, mat, vec } from "./shared.ts";

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
    ok = newtonSolve(
      rhs,
      params,
      runtimeWs,
      tNew,
      dt,
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
  } else {
    const c43 = 4.0 / 3.0;
    const c13 = 1.0 / 3.0;
    const c23 = 2.0 / 3.0;
    for (let i = 0; i < n; i++) {
      yTmp[i] = c43 * yCurr[i] - c13 * yNm1[i];
      yGuess[i] = yTmp[i] + c23 * dt * fVal[i];
    }
    ok = newtonSolve(
      rhs,
      params,
      runtimeWs,
      tNew,
      c23 * dt,
      yTmp,
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
  }
  if (!ok) return 2;
  for (let i = 0; i < n; i++) {
    yNm1[i] = yCurr[i];
    yProp[i] = yGuess[i];
  }
  stepIndex[0] = index + 1n;
  tProp[0] = tNew;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;

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
 * `bdf2` (alias `bdf2_jit`): fixed-step two-step backward differentiation formula with a
 * backward-Euler first step and full Newton iterations.
 *
 * **Details:** order 2, implicit, fixed step, stiff, `jacobian: "optional"` (finite differences,
 * or the model Jacobian with `jacobian_mode = 1`). Any Newton failure returns STEPFAIL. Config:
 * newton_tol (1e-8), newton_max_iter (50), jac_eps (1e-8), jacobian_mode (0).
 * Reference: Hairer & Wanner, *Solving ODEs II*, §V.1, doi:10.1007/978-3-642-05221-7.
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
  selfContained: true,
});
