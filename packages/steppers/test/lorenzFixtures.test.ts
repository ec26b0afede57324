import { describe, expect, it } from "vitest";
import fixture from "../../../fixtures/reference/lorenz-fixed-steps.json" with { type: "json" };
import { runFixedSteps } from "../src/authoring.ts";
import type { RhsFn } from "../src/index.ts";
import { getStepper } from "../src/index.ts";

// Lorenz in the reference model's exact expression order.
const lorenz: RhsFn = (_t, y, out, p) => {
  const x = y[0]!,
    yy = y[1]!,
    z = y[2]!;
  const sigma = p[0]!,
    rho = p[1]!,
    beta = p[2]!;
  out[0] = sigma * (yy - x);
  out[1] = x * (rho - z) - yy;
  out[2] = x * yy - beta * z;
};
const params = new Float64Array([10.0, 28.0, 8.0 / 3.0]);

describe("Lorenz fixed-step fixtures (bit for bit with the reference)", () => {
  it.each(fixture.cases.map((c) => [c.stepper, c] as const))(
    "%s reproduces every checkpoint state exactly",
    (_name, c) => {
      const stepper = getStepper(c.stepper);
      const dt = Number(c.dt);
      const checkpoints = Object.entries(c.checkpoints).map(
        ([k, v]) => [Number(k), v.y.map(Number)] as const,
      );
      const seen = new Map<number, number[]>();
      const last = Math.max(...checkpoints.map(([k]) => k));
      runFixedSteps(stepper, dt, last, {
        rhs: lorenz,
        y0: new Float64Array([1, 1, 1]),
        params,
        onStep: (k, y) => seen.set(k, Array.from(y)),
      });
      expect(checkpoints.length).toBeGreaterThan(0);
      for (const [k, expected] of checkpoints) expect(seen.get(k)).toEqual(expected);
    },
  );
});
