import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planGrid } from "../src/internal/timeGrid.ts";
import { Sim } from "../src/sim.ts";
import { forced, logistic } from "./helpers/models.ts";

describe("properties", () => {
  it("planGrid: the run ends exactly at T (or its grid point) and never takes a sliver step", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (origin, k, dt, span) => {
          const t = origin + k * dt;
          const T = t + span;
          const { fullSteps, clip } = planGrid(origin, k, dt, T);
          const tol = 1e-9 * dt;
          const tFull = origin + (k + fullSteps) * dt;
          if (clip) {
            // The clipped step is longer than 1e-9·dt and no longer than dt (+ tolerance).
            expect(T - tFull).toBeGreaterThan(tol);
            expect(T - tFull).toBeLessThanOrEqual(dt * (1 + 1e-6));
          } else if (fullSteps > 0) {
            expect(Math.abs(tFull - T)).toBeLessThanOrEqual(tol * 4 + Math.abs(T) * 4e-16);
          } else {
            expect(T - t).toBeLessThanOrEqual(tol * 4 + Math.abs(T) * 4e-16);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("resume at any grid point is bit-identical to one run (fixed-step ODE steppers)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("euler", "rk2", "rk4", "ab2", "ab3", "bdf2", "sdirk2"),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(0.125, 0.1, 0.05),
        (stepper, k1, k2, dt) => {
          const one = new Sim(forced(), { stepper });
          one.run({ T: (k1 + k2) * dt, dt });
          const two = new Sim(forced(), { stepper });
          two.run({ T: k1 * dt, dt });
          two.run({ T: (k1 + k2) * dt, resume: true });
          expect(Array.from(two.rawResults().getVar("x"))).toEqual(Array.from(one.rawResults().getVar("x")));
          expect(Array.from(two.sessionState().yCurr)).toEqual(Array.from(one.sessionState().yCurr));
          expect(two.sessionState().tCurr).toBe(one.sessionState().tCurr);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("map resume in pieces equals one run, labels tStart + k·dt", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), (pieces) => {
        const total = pieces.reduce((a, b) => a + b, 0);
        const one = new Sim(logistic({ params: { r: 3.9 } }), { stepper: "map" });
        one.run({ N: total, dt: 0.5 });
        const many = new Sim(logistic({ params: { r: 3.9 } }), { stepper: "map" });
        let n = 0;
        pieces.forEach((p, i) => {
          n += p;
          if (i === 0) many.run({ N: n, dt: 0.5 });
          else many.run({ N: n, resume: true });
        });
        expect(Array.from(many.rawResults().T)).toEqual(Array.from(one.rawResults().T));
        expect(Array.from(many.rawResults().STEP)).toEqual(Array.from(one.rawResults().STEP));
        expect(Array.from(many.rawResults().getVar("x"))).toEqual(Array.from(one.rawResults().getVar("x")));
        expect(many.results().segment.length).toBe(pieces.length);
      }),
      { numRuns: 100 },
    );
  });
});
