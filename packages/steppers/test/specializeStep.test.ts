import { describe, expect, it } from "vitest";
import { runFixedSteps } from "../src/authoring.ts";
import { defineStepper, getStepper, OK, type RhsFn, specializeStep } from "../src/index.ts";

const meta = {
  name: "toy",
  kind: "map",
  timeControl: "fixed",
  scheme: "explicit",
  family: "iter",
  order: 1,
} as const;
const SCALE = 3;

describe("specializeStep", () => {
  it("compiles a fresh function per call, each bit-identical to the original", () => {
    const rk4 = getStepper("rk4");
    const a = specializeStep(rk4, "model-a");
    const b = specializeStep(rk4, "model-a");
    expect(a).not.toBe(b);
    const rhs: RhsFn = (t, y, out) => {
      out[0] = Math.cos(t) * y[0]!;
    };
    const ref = runFixedSteps(rk4, 0.01, 500, { rhs, y0: new Float64Array([1]) });
    for (const step of [a, b]) {
      expect(runFixedSteps({ ...rk4, step }, 0.01, 500, { rhs, y0: new Float64Array([1]) }).y[0]).toBe(
        ref.y[0],
      );
    }
  });

  it("recompiles method-shorthand and arrow steps declared self-contained", () => {
    const method = defineStepper({
      meta,
      selfContained: true,
      step(t, dt, y, rhs, p, rws, ws, _c, yProp, tProp, dtNext, errEst) {
        rhs(t, y, ws.y_next as Float64Array, p, rws);
        for (let i = 0; i < y.length; i++) yProp[i] = (ws.y_next as Float64Array)[i]!;
        tProp[0] = t + dt;
        dtNext[0] = dt;
        errEst[0] = 0;
        return 0;
      },
      workspace: [{ name: "y_next", dtype: "float64", shape: (n) => [n] }],
    });
    const arrow = defineStepper({
      meta: { ...meta, name: "toy2" },
      selfContained: true,
      step: (t, dt, y, _r, _p, _w, _s, _c, yProp, tProp, dtNext, errEst) => {
        yProp.set(y);
        tProp[0] = t + dt;
        dtNext[0] = dt;
        errEst[0] = 0;
        return 0;
      },
    });
    for (const s of [method, arrow]) {
      const special = specializeStep(s, "m");
      expect(special).not.toBe(s.step);
      const rhs: RhsFn = (_t, y, out) => {
        out[0] = 0.5 * y[0]!;
      };
      expect(runFixedSteps({ ...s, step: special }, 1, 3, { rhs, y0: new Float64Array([8]) }).y[0]).toBe(
        runFixedSteps(s, 1, 3, { rhs, y0: new Float64Array([8]) }).y[0],
      );
    }
  });

  it("returns the original step when the stepper is not declared self-contained", () => {
    const closureStep = defineStepper({
      meta,
      step: (t, dt, y, _r, _p, _w, _s, _c, yProp, tProp, dtNext, errEst) => {
        for (let i = 0; i < y.length; i++) yProp[i] = SCALE * y[i]!; // free variable SCALE
        tProp[0] = t + dt;
        dtNext[0] = dt;
        errEst[0] = 0;
        return OK;
      },
    });
    expect(specializeStep(closureStep, "m")).toBe(closureStep.step);
  });

  it("falls back when the source is not recompilable (native or bound functions)", () => {
    const bound = defineStepper({
      meta,
      selfContained: true,
      step: function (this: unknown) {
        return 0;
      }.bind(null) as never,
    });
    expect(specializeStep(bound, "m")).toBe(bound.step);
  });
});
