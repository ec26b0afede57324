import { describe, expect, it } from "vitest";
import { buildIterationMatrix } from "../src/builtins/iterationMatrix.ts";
import { newtonSolve } from "../src/builtins/newton.ts";
import { getStepper, type RhsFn, specializeStep } from "../src/index.ts";

const NO_PARAMS = new Float64Array(0);

function scalarsOf(tNew: number, cH: number, tol = 1e-12, jacEps = 1e-8): Float64Array {
  return Float64Array.from([tNew, cH, tol, jacEps]);
}

/** Runs newtonSolve for y − base − cH·f(tNew, y) = 0 from `guess`; returns the outcome and y. */
function solveImplicit(
  rhs: RhsFn,
  base: readonly number[],
  guess: readonly number[],
  opts: { tNew?: number; cH: number; tol?: number; maxIter?: number; frozen?: boolean; useJac?: boolean },
): { ok: boolean; y: Float64Array } {
  const n = base.length;
  const b = Float64Array.from(base);
  const y = Float64Array.from(guess);
  const v = () => new Float64Array(n);
  const ok = newtonSolve(
    rhs,
    NO_PARAMS,
    {},
    scalarsOf(opts.tNew ?? 0, opts.cH, opts.tol ?? 1e-12),
    b,
    b,
    b,
    y,
    v(),
    v(),
    v(),
    new Float64Array(n * n),
    opts.frozen === true ? new Float64Array(n * n) : null,
    opts.maxIter ?? 50,
    opts.useJac === true ? rhs.jacobian : undefined,
  );
  return { ok, y };
}

// y' = A·y with A = [[-2, 1], [1, -3]]: linear, so the backward-Euler root is (I − cH·A)⁻¹·base.
const linear: RhsFn = Object.assign(
  (_t: number, y: Float64Array, out: Float64Array) => {
    out[0] = -2 * y[0]! + y[1]!;
    out[1] = y[0]! - 3 * y[1]!;
  },
  {
    jacobian: (_t: number, _y: Float64Array, jOut: Float64Array) => {
      jOut.set([-2, 1, 1, -3]);
    },
  },
);

describe("buildIterationMatrix", () => {
  it("forms I − cH·J exactly from the model Jacobian", () => {
    const j = new Float64Array(4);
    const y = Float64Array.from([0.3, -0.7]);
    const ok = buildIterationMatrix(
      linear,
      NO_PARAMS,
      {},
      scalarsOf(1, 0.5),
      y,
      new Float64Array(2),
      new Float64Array(2),
      j,
      linear.jacobian,
    );
    expect(ok).toBe(true);
    expect(Array.from(j)).toEqual([1 + 0.5 * 2, -0.5, -0.5, 1 + 0.5 * 3]);
  });

  it("approximates I − cH·J by forward differences and restores y bit for bit", () => {
    // f(y) = [y0², y0·y1]: J = [[2y0, 0], [y1, y0]].
    const quad: RhsFn = (_t, y, out) => {
      out[0] = y[0]! * y[0]!;
      out[1] = y[0]! * y[1]!;
    };
    const y = Float64Array.from([1.7, -2.3]);
    const fAtY = new Float64Array(2);
    quad(0, y, fAtY, NO_PARAMS, {});
    const j = new Float64Array(4);
    expect(
      buildIterationMatrix(
        quad,
        NO_PARAMS,
        {},
        scalarsOf(0, 0.1),
        y,
        fAtY,
        new Float64Array(2),
        j,
        undefined,
      ),
    ).toBe(true);
    const expected = [1 - 0.1 * 2 * 1.7, 0, -0.1 * -2.3, 1 - 0.1 * 1.7];
    for (let k = 0; k < 4; k++) expect(Math.abs(j[k]! - expected[k]!)).toBeLessThan(1e-7);
    expect(Array.from(y)).toEqual([1.7, -2.3]);
  });

  it("evaluates f at tNew and scales the difference step by max(1, |y_j|)·jacEps", () => {
    const seen: number[] = [];
    const probe: RhsFn = (t, y, out) => {
      seen.push(t, y[0]!);
      out[0] = y[0]!;
    };
    const y = Float64Array.from([-4]);
    buildIterationMatrix(
      probe,
      NO_PARAMS,
      {},
      scalarsOf(2.5, 1, 1e-12, 1e-3),
      y,
      Float64Array.from([-4]),
      new Float64Array(1),
      new Float64Array(1),
      undefined,
    );
    expect(seen).toEqual([2.5, -4 + 4e-3]);
  });

  it("fails on a non-finite f or a non-finite model Jacobian", () => {
    const nanRhs: RhsFn = (_t, _y, out) => {
      out[0] = Number.NaN;
    };
    const one = () => new Float64Array(1);
    expect(
      buildIterationMatrix(nanRhs, NO_PARAMS, {}, scalarsOf(0, 1), one(), one(), one(), one(), undefined),
    ).toBe(false);
    const infJac = (_t: number, _y: Float64Array, jOut: Float64Array) => {
      jOut[0] = Number.POSITIVE_INFINITY;
    };
    expect(
      buildIterationMatrix(nanRhs, NO_PARAMS, {}, scalarsOf(0, 1), one(), one(), one(), one(), infJac),
    ).toBe(false);
  });
});

describe("newtonSolve", () => {
  it("solves a linear backward-Euler stage to rounding, in full and modified Newton, FD or model Jacobian", () => {
    // (I − 0.5·A)·y = [1, 2] with I − 0.5A = [[2, -0.5], [-0.5, 2.5]] → y = [3.5, 4.5] / 4.75.
    const exact = [3.5 / 4.75, 4.5 / 4.75];
    for (const frozen of [false, true]) {
      for (const useJac of [false, true]) {
        const r = solveImplicit(linear, [1, 2], [1, 2], { cH: 0.5, frozen, useJac });
        expect(r.ok).toBe(true);
        expect(Math.abs(r.y[0]! - exact[0]!)).toBeLessThan(1e-12);
        expect(Math.abs(r.y[1]! - exact[1]!)).toBeLessThan(1e-12);
      }
    }
  });

  it("solves a nonlinear stage: y' = −y² from 1 with cH = 0.5 → y = √3 − 1", () => {
    const square: RhsFn = (_t, y, out) => {
      out[0] = -y[0]! * y[0]!;
    };
    for (const frozen of [false, true]) {
      const r = solveImplicit(square, [1], [1], { cH: 0.5, frozen });
      expect(r.ok).toBe(true);
      expect(Math.abs(r.y[0]! - (Math.sqrt(3) - 1))).toBeLessThan(1e-12);
    }
  });

  it("evaluates f at tNew", () => {
    // y' = t: y = base + cH·tNew whatever the guess.
    const ramp: RhsFn = (t, _y, out) => {
      out[0] = t;
    };
    const r = solveImplicit(ramp, [1], [0], { tNew: 3, cH: 0.25 });
    expect(r.ok).toBe(true);
    expect(r.y[0]).toBe(1.75);
  });

  it("fails when it cannot converge within newton_max_iter (and treats < 1 as 1)", () => {
    const square: RhsFn = (_t, y, out) => {
      out[0] = -y[0]! * y[0]!;
    };
    expect(solveImplicit(square, [1], [1], { cH: 0.5, maxIter: 1 }).ok).toBe(false);
    expect(solveImplicit(square, [1], [1], { cH: 0.5, maxIter: 0 }).ok).toBe(false);
    expect(solveImplicit(square, [1], [1], { cH: 0.5, maxIter: 50 }).ok).toBe(true);
    // With the exact Jacobian a linear stage is solved by the first update and the second
    // iteration confirms it (the residual is measured before each update).
    expect(solveImplicit(linear, [1, 2], [1, 2], { cH: 0.5, maxIter: 1, useJac: true }).ok).toBe(false);
    expect(solveImplicit(linear, [1, 2], [1, 2], { cH: 0.5, maxIter: 2, useJac: true }).ok).toBe(true);
  });

  it("fails on a singular iteration matrix: y' = 2y with cH = 0.5 makes I − cH·J = 0", () => {
    const grow: RhsFn = Object.assign(
      (_t: number, y: Float64Array, out: Float64Array) => {
        out[0] = 2 * y[0]!;
      },
      {
        jacobian: (_t: number, _y: Float64Array, jOut: Float64Array) => {
          jOut[0] = 2;
        },
      },
    );
    expect(solveImplicit(grow, [1], [1], { cH: 0.5, useJac: true }).ok).toBe(false);
    expect(solveImplicit(grow, [1], [1], { cH: 0.5, useJac: true, frozen: true }).ok).toBe(false);
  });

  it("fails on a non-finite right-hand side", () => {
    const nanRhs: RhsFn = (_t, _y, out) => {
      out[0] = Number.NaN;
    };
    expect(solveImplicit(nanRhs, [1], [1], { cH: 0.1 }).ok).toBe(false);
    expect(solveImplicit(nanRhs, [1], [1], { cH: 0.1, frozen: true }).ok).toBe(false);
  });

  it("leaves the caller's scalars alone and is unaffected by an rhs that itself runs newtonSolve", () => {
    const square: RhsFn = (_t, y, out) => {
      out[0] = -y[0]! * y[0]!;
    };
    // Same stage, but every f evaluation first runs an unrelated nested solve with other scalars.
    const reentrant: RhsFn = (t, y, out, params, rws) => {
      solveImplicit(linear, [3, -1], [0, 0], { tNew: 99, cH: 7, tol: 1e-3 });
      square(t, y, out, params, rws);
    };
    for (const frozen of [false, true]) {
      const plain = solveImplicit(square, [1], [1], { cH: 0.5, frozen });
      const nested = solveImplicit(reentrant, [1], [1], { cH: 0.5, frozen });
      expect(nested.ok).toBe(true);
      expect(nested.y[0]).toBe(plain.y[0]);
    }
    const scalars = scalarsOf(1, 0.5, 1e-12, 1e-8);
    const before = Array.from(scalars);
    const y = Float64Array.from([1]);
    const v = () => new Float64Array(1);
    newtonSolve(
      square,
      NO_PARAMS,
      {},
      scalars,
      Float64Array.from([1]),
      y,
      y,
      y,
      v(),
      v(),
      v(),
      v(),
      null,
      50,
      undefined,
    );
    expect(Array.from(scalars)).toEqual(before);
  });
});

describe("the implicit built-ins share the Newton module", () => {
  it.each(["bdf2", "sdirk2", "bdf2a", "tr-bdf2a"])(
    "%s is not self-contained, so specializeStep returns its step",
    (name) => {
      const stepper = getStepper(name);
      expect(stepper.selfContained).toBe(false);
      expect(specializeStep(stepper, "m")).toBe(stepper.step);
      // No nested helpers left in the step (a closure per call is what this module replaced).
      const source = Function.prototype.toString.call(stepper.step);
      expect(source.match(/\bfunction\b/g)).toHaveLength(1);
    },
  );
});
