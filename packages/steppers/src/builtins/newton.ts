import type { RhsFn, RuntimeWorkspaceLike } from "../types.ts";
import { buildIterationMatrix } from "./iterationMatrix.ts";
import { luSolveInPlace } from "./luSolve.ts";

// The scalars handed to buildIterationMatrix ([tNew, cH, unused, jacEps]), written right before each
// call so that a re-entrant solve started from `rhs` cannot change what this one passes on.
const matrixScalars = new Float64Array(4);

/** Residual `(y − base) − cH·f` (backward Euler, sdirk2 stages). */
export const RESIDUAL_BASE_FIRST = 0;
/** Residual `(y − cH·f) − base` (the tr-bdf2a stages). */
export const RESIDUAL_F_FIRST = 1;
/** Residual `((y − a·A) + b·B) − cH·f` with A = scaleA, B = scaleB, base unused (BDF2). */
export const RESIDUAL_TWO_STEP = 2;

/**
 * Newton iteration for y − base − cH·f(tNew, y) = 0, shared by the implicit built-in steppers
 * (`bdf2`, `sdirk2`, `bdf2a`, `tr-bdf2a`); starts from and updates `y`, returns whether it
 * converged.
 *
 * **Details:** the doubles come in `scalars` = `[tNew, cH, tol, jacEps, form, a, b]`, read on
 * entry (see Gotchas). `form` picks the residual's grouping, which is the reference's for each
 * formula so that the iterates round identically: {@link RESIDUAL_BASE_FIRST},
 * {@link RESIDUAL_F_FIRST} or {@link RESIDUAL_TWO_STEP} (which uses `a`, `b`). `jFrozen` non-null selects modified Newton (the iteration matrix is built once at
 * the initial guess and copied into `jWork` before every solve); `null` selects full Newton (the
 * matrix is rebuilt in `jWork` every iteration). Converged when
 * max|r| ≤ tol·max(1, max(|y before update|, |scaleA|, |scaleB|)) and
 * max|δ_i|/max(1, |y_i before update|) ≤ tol (§1.5). Any non-finite f, residual or update, a
 * singular iteration matrix or `maxIterations` (at least 1) iterations without convergence give
 * `false`. `fVal`, `fTmp`, `residual` and `jWork` are scratch.
 *
 * **Gotchas:** this runs once per implicit stage and must not allocate: positional arguments, not
 * an options object, and no double arguments, because V8 boxes a non-integral double passed to a
 * call it did not inline (this function is too large to inline) into a fresh 16-byte heap number.
 * The caller writes `scalars` right before the call and this reads it before calling anything,
 * so a re-entrant solve (an `rhs` that runs an implicit stepper) cannot disturb it. The slots are
 * literal indices, not imported constants: under dev-time transforms (tsx, vitest) an imported
 * binding is a getter call in the hot loop. It is a module function, not nested in each step, so
 * the steppers using it are not `selfContained` (`specializeStep` returns their step as is).
 *
 * @example
 * ```ts
 * import { newtonSolve } from "./newton.ts";
 * // Backward Euler for y' = −y from y = 1 with h = 0.1: y = 1/1.1.
 * const decay = (_t: number, y: Float64Array, out: Float64Array) => { out[0] = -y[0]!; };
 * const y0 = new Float64Array([1]);
 * const y = new Float64Array([1]);
 * const s = () => new Float64Array(1);
 * const scalars = new Float64Array([0.1, 0.1, 1e-12, 1e-8, 0, 0, 0]); // tNew, cH, tol, jacEps, form, a, b
 * newtonSolve(decay, new Float64Array(0), {}, scalars, y0, y0, y0, y, s(), s(), s(), s(), null, 50, undefined);
 * console.log(y[0]); // ≈ 0.9090909090909091
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function newtonSolve(
  rhs: RhsFn,
  params: Float64Array,
  rws: RuntimeWorkspaceLike,
  scalars: Float64Array,
  base: Float64Array,
  scaleA: Float64Array,
  scaleB: Float64Array,
  y: Float64Array,
  fVal: Float64Array,
  fTmp: Float64Array,
  residual: Float64Array,
  jWork: Float64Array,
  jFrozen: Float64Array | null,
  maxIterations: number,
  jac: RhsFn["jacobian"],
): boolean {
  // Positional arguments, not an options object, and doubles in `scalars`: this runs once per
  // implicit stage and must not allocate.
  const tNew = scalars[0]!;
  const cH = scalars[1]!;
  const tol = scalars[2]!;
  const jacEps = scalars[3]!;
  const form = scalars[4]!;
  const ca = scalars[5]!;
  const cb = scalars[6]!;
  const n = y.length;
  if (jFrozen !== null) {
    rhs(tNew, y, fVal, params, rws);
    for (let i = 0; i < n; i++) if (fVal[i]! - fVal[i]! !== 0) return false;
    matrixScalars[0] = tNew;
    matrixScalars[1] = cH;
    matrixScalars[3] = jacEps;
    if (!buildIterationMatrix(rhs, params, rws, matrixScalars, y, fVal, fTmp, jFrozen, jac)) return false;
  }
  const maxIter = maxIterations >= 1 ? maxIterations : 1;
  for (let iter = 0; iter < maxIter; iter++) {
    rhs(tNew, y, fVal, params, rws);
    let maxR = 0.0;
    let maxScale = 0.0;
    for (let i = 0; i < n; i++) {
      // The reference's grouping, per formula: rounding differs between them (see RESIDUAL_*).
      const yi = y[i]!;
      const r =
        form === 2
          ? yi - ca * scaleA[i]! + cb * scaleB[i]! - cH * fVal[i]!
          : form === 1
            ? yi - cH * fVal[i]! - base[i]!
            : yi - base[i]! - cH * fVal[i]!;
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
    } else {
      matrixScalars[0] = tNew;
      matrixScalars[1] = cH;
      matrixScalars[3] = jacEps;
      if (!buildIterationMatrix(rhs, params, rws, matrixScalars, y, fVal, fTmp, jWork, jac)) return false;
    }
    for (let i = 0; i < n; i++) residual[i] = -residual[i]!;
    if (!luSolveInPlace(jWork, residual, n)) return false;
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
