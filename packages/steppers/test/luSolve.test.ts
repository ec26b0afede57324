import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luSolveInPlace } from "../src/builtins/luSolve.ts";

/** Solves a·x = b on copies, returning x (or null when the solver reports failure). */
function solve(a: readonly number[], b: readonly number[]): Float64Array | null {
  const x = Float64Array.from(b);
  return luSolveInPlace(Float64Array.from(a), x, b.length) ? x : null;
}

describe("luSolveInPlace (Gaussian elimination with partial pivoting)", () => {
  it("solves [[1, 2], [3, 4]]·x = [5, 6] → x = [-4, 4.5] to rounding", () => {
    const x = solve([1, 2, 3, 4], [5, 6])!;
    expect(x[0]).toBeCloseTo(-4, 14);
    expect(x[1]).toBeCloseTo(4.5, 14);
  });

  it("solves a 3×3 system with a known integer solution", () => {
    // A·[1, -2, 3] = b for A = [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]].
    const x = solve([2, 1, -1, -3, -1, 2, -2, 1, 2], [-3, 5, 2])!;
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(-2, 14);
    expect(x[2]).toBeCloseTo(3, 14);
  });

  it("pivots past a zero on the diagonal", () => {
    // [[0, 1], [1, 0]] swaps the components; without pivoting the first pivot is 0.
    expect(Array.from(solve([0, 1, 1, 0], [7, -3])!)).toEqual([-3, 7]);
  });

  it("picks the largest pivot, so a tiny leading entry costs no accuracy", () => {
    // [[1e-17, 1], [1, 1]]·x = [1, 2]: x ≈ [1, 1]. Without a row exchange the first pivot (1e-17)
    // is below the singularity threshold, and eliminating with it anyway would give x0 = 0.
    const x = solve([1e-17, 1, 1, 1], [1, 2])!;
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(1);
  });

  it("solves a 1×1 system and the empty system", () => {
    expect(Array.from(solve([4], [2])!)).toEqual([0.5]);
    expect(luSolveInPlace(new Float64Array(0), new Float64Array(0), 0)).toBe(true);
  });

  it("reports a singular matrix (exactly dependent rows) as failure", () => {
    expect(solve([1, 2, 2, 4], [1, 1])).toBeNull();
    expect(solve([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3])).toBeNull();
    expect(solve([0, 0, 0, 0], [0, 0])).toBeNull();
  });

  it("treats a pivot of magnitude 1e-14 or less as singular, and a larger one as usable", () => {
    expect(solve([1e-14], [1])).toBeNull();
    expect(solve([-1e-15, 0, 0, 1], [1, 1])).toBeNull();
    expect(Array.from(solve([2e-14], [1])!)).toEqual([1 / 2e-14]);
  });

  it("reports NaN in the matrix as failure instead of returning NaN", () => {
    expect(solve([Number.NaN, 1, 1, 1], [1, 1])).toBeNull();
    expect(solve([Number.NaN], [1])).toBeNull();
  });

  it("overwrites b with x and destroys the matrix (upper-triangular factor left behind)", () => {
    const a = Float64Array.from([2, 1, 4, 3]);
    const b = Float64Array.from([3, 7]);
    expect(luSolveInPlace(a, b, 2)).toBe(true);
    expect(Array.from(b)).toEqual([1, 1]);
    // Row exchange puts [4, 3] first; eliminating gives [[4, 3], [0, -0.5]].
    expect(Array.from(a)).toEqual([4, 3, 0, -0.5]);
  });

  it("recovers x from b = A·x for random diagonally dominant systems (property)", () => {
    const entry = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(entry, { minLength: n * n, maxLength: n * n }),
              fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, raw, x]) => {
          // Row i gets a diagonal of n + 1 + |row|: strictly dominant, so well conditioned.
          const a = raw.slice();
          for (let i = 0; i < n; i++) a[i * n + i] = (raw[i * n + i]! >= 0 ? 1 : -1) * (n + 1);
          const b = new Array<number>(n).fill(0);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i]! += a[i * n + j]! * x[j]!;
          const got = solve(a, b);
          expect(got).not.toBeNull();
          for (let i = 0; i < n; i++)
            expect(Math.abs(got![i]! - x[i]!)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(x[i]!)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
