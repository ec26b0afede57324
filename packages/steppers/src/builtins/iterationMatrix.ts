import type { RhsFn, RuntimeWorkspaceLike } from "../types.ts";

/**
 * Builds the Newton iteration matrix J = I − cH·∂f/∂y at (tNew, y) into `jOut` (n×n, row-major)
 * for the implicit built-in steppers; returns `false` when f or ∂f/∂y is not finite.
 *
 * **Details:** tNew, cH and jacEps come in `scalars` = `[tNew, cH, (unused), jacEps]`, read on
 * entry (why: see `newtonSolve`). With `jac` (the model Jacobian, `jacobian_mode = 1`) ∂f/∂y is evaluated once;
 * otherwise column j is a forward difference with step `jacEps·max(1, |y_j|)`, which costs n
 * extra `rhs` calls into `fTmp`. `fAtY` must already hold f(tNew, y). `y` is perturbed in place
 * and restored exactly. Allocates nothing.
 *
 * @example
 * ```ts
 * import { buildIterationMatrix } from "./iterationMatrix.ts";
 * const decay = (_t: number, y: Float64Array, out: Float64Array) => { out[0] = -2 * y[0]!; };
 * const j = new Float64Array(1);
 * const y = new Float64Array([1]);
 * const scalars = new Float64Array([0, 0.5, 1e-8, 1e-8]); // tNew, cH, tol, jacEps
 * buildIterationMatrix(decay, new Float64Array(0), {}, scalars, y, new Float64Array([-2]), new Float64Array(1), j, undefined);
 * console.log(j[0]); // ≈ 2 (1 − 0.5·(−2))
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function buildIterationMatrix(
  rhs: RhsFn,
  params: Float64Array,
  rws: RuntimeWorkspaceLike,
  scalars: Float64Array,
  y: Float64Array,
  fAtY: Float64Array,
  fTmp: Float64Array,
  jOut: Float64Array,
  jac: RhsFn["jacobian"],
): boolean {
  const tNew = scalars[0]!;
  const cH = scalars[1]!;
  const jacEps = scalars[3]!;
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
