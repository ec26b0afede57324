/**
 * Solves J·x = b in place for the implicit built-in steppers: Gaussian elimination with partial
 * pivoting (an LU factorisation applied on the fly), `x` overwrites `b` and `jm` is destroyed.
 *
 * **Details:** `jm` is n×n row-major. Returns `false`, leaving `b` and `jm` partly reduced, when a
 * pivot's magnitude is not above 1e-14 (singular or nearly singular, or NaN), so the caller can
 * report a Newton failure. Allocates nothing.
 *
 * @example
 * ```ts
 * import { luSolveInPlace } from "./luSolve.ts";
 * const b = new Float64Array([3, 7]);
 * luSolveInPlace(new Float64Array([2, 1, 4, 3]), b, 2); // [[2, 1], [4, 3]]·x = [3, 7]
 * console.log(b); // Float64Array [1, 1]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function luSolveInPlace(jm: Float64Array, b: Float64Array, n: number): boolean {
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
