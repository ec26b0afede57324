import { describe, expect, it } from "vitest";
import { runAdaptive } from "../src/authoring.ts";
import { allocateWorkspace, defaultConfig, getStepper, type RhsFn, STEPFAIL } from "../src/index.ts";
import { ALL_BUILTINS } from "./registry.ts";

describe("step contract", () => {
  it.each(ALL_BUILTINS)("%s lets errors thrown by the rhs out unchanged", (_name, stepper) => {
    const boom = new Error("model failed");
    const rhs: RhsFn = () => {
      throw boom;
    };
    const ws = allocateWorkspace(stepper, 2);
    const y = new Float64Array([1, 2]);
    const one = () => new Float64Array(1);
    expect(() =>
      stepper.step(
        0,
        0.1,
        y,
        rhs,
        new Float64Array(0),
        {},
        ws,
        defaultConfig(stepper),
        new Float64Array(2),
        one(),
        one(),
        one(),
      ),
    ).toThrow(boom);
  });

  it("rk45 fails with an infinite error estimate when f(t, y) is not finite", () => {
    const rk45 = getStepper("rk45");
    const errEst = new Float64Array(1);
    const rhs: RhsFn = (_t, _y, out) => {
      out[0] = NaN;
    };
    const status = rk45.step(
      0,
      0.1,
      new Float64Array([1]),
      rhs,
      new Float64Array(0),
      {},
      allocateWorkspace(rk45, 1),
      defaultConfig(rk45),
      new Float64Array(1),
      new Float64Array(1),
      new Float64Array(1),
      errEst,
    );
    expect(status).toBe(STEPFAIL);
    expect(errEst[0]).toBe(Infinity);
  });

  it("rk45 caps its step and the suggested next step by dt_max", () => {
    const rk45 = getStepper("rk45");
    const tProp = new Float64Array(1),
      dtNext = new Float64Array(1);
    const rhs: RhsFn = (_t, y, out) => {
      out[0] = -y[0]!;
    };
    const cfg = defaultConfig(rk45, { atol: 1e-6, rtol: 1e-6, dt_max: 0.05 });
    rk45.step(
      0,
      1,
      new Float64Array([1]),
      rhs,
      new Float64Array(0),
      {},
      allocateWorkspace(rk45, 1),
      cfg,
      new Float64Array(1),
      tProp,
      dtNext,
      new Float64Array(1),
    );
    expect(tProp[0]).toBe(0.05);
    expect(dtNext[0]).toBe(0.05);
  });

  it.each(["bdf2a", "tr-bdf2a"])("%s uses the model Jacobian in jacobian_mode 1", (name) => {
    const stepper = getStepper(name);
    const mu = 1000;
    let jacobianCalls = 0;
    const rhs = Object.assign(
      (_t: number, y: Float64Array, out: Float64Array) => {
        out[0] = y[1]!;
        out[1] = mu * (1 - y[0]! ** 2) * y[1]! - y[0]!;
      },
      {
        jacobian: (_t: number, y: Float64Array, out: Float64Array) => {
          jacobianCalls++;
          out[0] = 0;
          out[1] = 1;
          out[2] = -2 * mu * y[0]! * y[1]! - 1;
          out[3] = mu * (1 - y[0]! ** 2);
        },
      },
    ) as RhsFn;
    const r = runAdaptive(stepper, 3000, 500_000, {
      rhs,
      y0: new Float64Array([2, 0]),
      config: defaultConfig(stepper, { atol: 1e-6, rtol: 1e-6, jacobian_mode: 1 }),
    });
    expect(jacobianCalls).toBeGreaterThan(100);
    expect(Math.abs(r.y[0]! - -1.5106069367597867)).toBeLessThan(1e-3);
  });
});
