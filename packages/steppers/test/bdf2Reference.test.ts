/**
 * bdf2 bit for bit with the reference's operation order. The fixture comes from
 * test/data/generate-bdf2-reference.py, an independent Python transcription of the reference
 * stepper's arithmetic (dynlib itself cannot be installed here): what is proved is parity with
 * that order of operations (residual grouping, predictor, Jacobian, elimination, convergence
 * test), not a comparison with dynlib's own output.
 */
import { describe, expect, it } from "vitest";
import { runFixedSteps } from "../src/authoring.ts";
import type { RhsFn } from "../src/index.ts";
import { getStepper } from "../src/index.ts";
import fixture from "./data/bdf2-lorenz.json" with { type: "json" };
import { fromHex } from "./hexFloat.ts";

const lorenz: RhsFn = (_t, y, out, p) => {
  const x = y[0]!,
    yy = y[1]!,
    z = y[2]!;
  out[0] = p[0]! * (yy - x);
  out[1] = x * (p[1]! - z) - yy;
  out[2] = x * yy - p[2]! * z;
};
const params = new Float64Array([10.0, 28.0, 8.0 / 3.0]);

describe("bdf2 follows the reference's operation order bit for bit", () => {
  it.each(fixture.cases.map((c) => [c.dt, c] as const))(
    "Lorenz at dt = %s, every state of 200 steps",
    (_dt, c) => {
      const seen: number[][] = [];
      runFixedSteps(getStepper("bdf2"), Number(c.dt), c.states.length, {
        rhs: lorenz,
        y0: new Float64Array([1, 1, 1]),
        params,
        onStep: (_k, y) => seen.push(Array.from(y)),
      });
      const expected = c.states.map((s) => s.map(fromHex));
      const firstDiff = seen.findIndex((y, k) => y.some((v, i) => !Object.is(v, expected[k]?.[i])));
      expect(firstDiff).toBe(-1);
      expect(seen.length).toBe(expected.length);
    },
  );
});
