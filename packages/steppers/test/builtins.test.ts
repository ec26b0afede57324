import { describe, expect, it } from "vitest";
import truth from "../../../fixtures/reference/truth-solutions.json" with { type: "json" };
import {
  checkKind,
  checkWorkspaceIdentity,
  estimateConvergenceOrder,
  runAdaptive,
  runFixedSteps,
} from "../src/authoring.ts";
import type { RhsFn } from "../src/index.ts";
import {
  allocateWorkspace,
  defaultConfig,
  getStepper,
  listSteppers,
  STEPFAIL,
  specializeStep,
} from "../src/index.ts";
import { ALL_BUILTINS } from "./registry.ts";

describe.each(ALL_BUILTINS)("built-in stepper %s", (name, stepper) => {
  it("is registered under its name and every alias", () => {
    expect(listSteppers()).toContain(name);
    for (const alias of stepper.meta.aliases) expect(getStepper(alias)).toBe(stepper);
  });

  it("behaves as its kind says", () => {
    const r = checkKind(stepper);
    expect(r.ok, r.message).toBe(true);
  });

  it("keeps its workspace buffers over 1000 steps and no hidden state", () => {
    const r = checkWorkspaceIdentity(stepper, 1000);
    expect(r.ok, r.message).toBe(true);
  });

  if (stepper.meta.kind === "ode" && stepper.meta.timeControl === "fixed") {
    it("converges with its declared order on a linear problem", () => {
      const slope = estimateConvergenceOrder(stepper);
      expect(Math.abs(slope - stepper.meta.order)).toBeLessThanOrEqual(0.3);
    });
  }

  it("specialised step gives bit-identical results", () => {
    const special = specializeStep(stepper, "test-model");
    if (stepper.selfContained) expect(special).not.toBe(stepper.step);
    const rhs: RhsFn =
      stepper.meta.kind === "map"
        ? (_t, y, out) => {
            out[0] = 3.9 * y[0]! * (1 - y[0]!);
            out[1] = Math.sin(y[1]!);
          }
        : (t, y, out) => {
            out[0] = y[1]!;
            out[1] = -Math.sin(y[0]!) + 0.1 * Math.cos(t);
          };
    const copy = { ...stepper, step: special };
    const y0 = new Float64Array([0.3, 0.2]);
    const a =
      stepper.meta.timeControl === "fixed"
        ? runFixedSteps(stepper, 0.05, 200, { rhs, y0 })
        : runAdaptive(stepper, 5, 10_000, {
            rhs,
            y0,
            config: defaultConfig(stepper, { atol: 1e-8, rtol: 1e-6 }),
          });
    const b =
      copy.meta.timeControl === "fixed"
        ? runFixedSteps(copy, 0.05, 200, { rhs, y0 })
        : runAdaptive(copy, 5, 10_000, {
            rhs,
            y0,
            config: defaultConfig(stepper, { atol: 1e-8, rtol: 1e-6 }),
          });
    expect(b.steps).toBe(a.steps);
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
  });
});

const lorenz: RhsFn = (_t, y, out, p) => {
  const x = y[0]!,
    yy = y[1]!,
    z = y[2]!;
  out[0] = p[0]! * (yy - x);
  out[1] = x * (p[1]! - z) - yy;
  out[2] = x * yy - p[2]! * z;
};
const lorenzParams = new Float64Array([10.0, 28.0, 8.0 / 3.0]);

describe("adaptive steppers", () => {
  const lorenzTruth = truth.cases.filter((c) => c.model.startsWith("lorenz"));
  it.each(["rk45", "bdf2a", "tr-bdf2a"])(
    "%s: global error shrinks with the tolerance (Lorenz T=1, Van der Pol μ=1 T=10)",
    (name) => {
      const stepper = getStepper(name);
      const tols = name === "rk45" ? [1e-6, 1e-8, 1e-10] : [1e-4, 1e-5, 1e-6];
      const vdp: RhsFn = (_t, y, out) => {
        out[0] = y[1]!;
        out[1] = 1 * (1 - y[0]! ** 2) * y[1]! - y[0]!;
      };
      const cases = [
        {
          rhs: lorenz,
          y0: new Float64Array([1, 1, 1]),
          params: lorenzParams,
          T: 1,
          final: lorenzTruth[0]!.final.map(Number),
        },
        {
          rhs: vdp,
          y0: new Float64Array([2, 0]),
          params: new Float64Array(0),
          T: 10,
          final: truth.cases[2]!.final.map(Number),
        },
      ];
      for (const c of cases) {
        const errors = tols.map((tol) => {
          const r = runAdaptive(stepper, c.T, 200_000, {
            rhs: c.rhs,
            y0: c.y0,
            params: c.params,
            config: defaultConfig(stepper, { atol: tol, rtol: tol }),
          });
          expect(r.t).toBe(c.T);
          return Math.max(...c.final.map((v, i) => Math.abs(r.y[i]! - v)));
        });
        expect(errors[1]!).toBeLessThan(errors[0]!);
        expect(errors[2]!).toBeLessThan(errors[1]!);
      }
    },
  );

  it("rk45 on Lorenz T=10 agrees with a cross-checked high-accuracy solution within its tolerance", () => {
    const rk45 = getStepper("rk45");
    const tight = defaultConfig(rk45, { atol: 1e-12, rtol: 1e-12 });
    // Cross-check the high-accuracy run against the independent truth values at T = 1 and 2.
    for (const c of lorenzTruth) {
      const r = runAdaptive(rk45, Number(c.T), 1_000_000, {
        rhs: lorenz,
        y0: new Float64Array([1, 1, 1]),
        params: lorenzParams,
        config: tight,
      });
      c.final.forEach((v, i) => expect(Math.abs(r.y[i]! - Number(v))).toBeLessThan(1e-8));
    }
    const reference = runAdaptive(rk45, 10, 1_000_000, {
      rhs: lorenz,
      y0: new Float64Array([1, 1, 1]),
      params: lorenzParams,
      config: tight,
    });
    expect(reference.t).toBe(10);
    // Local errors grow like e^(λ·t) with Lorenz's largest Lyapunov exponent λ ≈ 0.906, so at
    // T = 10 the global error may be up to e^9.06 ≈ 8.6e3 times the tolerance — and no more.
    for (const tol of [1e-6, 1e-8, 1e-10]) {
      const run = runAdaptive(rk45, 10, 1_000_000, {
        rhs: lorenz,
        y0: new Float64Array([1, 1, 1]),
        params: lorenzParams,
        config: defaultConfig(rk45, { atol: tol, rtol: tol }),
      });
      expect(run.t).toBe(10);
      const err = Math.max(...[0, 1, 2].map((i) => Math.abs(run.y[i]! - reference.y[i]!)));
      expect(err).toBeLessThan(8.6e3 * tol);
    }
  });
});

describe("stiff Van der Pol μ = 1000 to T = 3000", () => {
  const mu = 1000;
  const vdp: RhsFn = (_t, y, out) => {
    out[0] = y[1]!;
    out[1] = mu * (1 - y[0]! ** 2) * y[1]! - y[0]!;
  };
  it.each(["bdf2a", "tr-bdf2a"])("%s reaches x(3000) ≈ -1.5106069367597867 at rtol = atol = 1e-6", (name) => {
    const stepper = getStepper(name);
    const r = runAdaptive(stepper, 3000, 500_000, {
      rhs: vdp,
      y0: new Float64Array([2, 0]),
      config: defaultConfig(stepper, { atol: 1e-6, rtol: 1e-6 }),
    });
    expect(r.status).toBe(0);
    expect(r.t).toBe(3000);
    expect(Math.abs(r.y[0]! - -1.5106069367597867)).toBeLessThan(1e-3);
  });

  it("rk45 gives up (STEPFAIL or an exhausted step budget)", () => {
    const rk45 = getStepper("rk45");
    const r = runAdaptive(rk45, 3000, 20_000, {
      rhs: vdp,
      y0: new Float64Array([2, 0]),
      config: defaultConfig(rk45, { atol: 1e-6, rtol: 1e-6 }),
    });
    expect(r.status === STEPFAIL || r.t < 3000).toBe(true);
  });
});

describe("workspace layout", () => {
  it("allocates int64 step_index as BigInt64Array and matrices as n×n", () => {
    const ws = allocateWorkspace(getStepper("bdf2a"), 3);
    expect(ws.step_index).toBeInstanceOf(BigInt64Array);
    expect(ws.J!.length).toBe(9);
    expect(ws.dt_nm1!.length).toBe(1);
  });
});

describe("resume from a copied workspace", () => {
  it.each(["ab2", "ab3", "bdf2", "bdf2a"])("%s continues its multistep sequence bit-identically", (name) => {
    const stepper = getStepper(name);
    const rhs: RhsFn = (t, y, out) => {
      out[0] = y[1]!;
      out[1] = -y[0]! + 0.3 * Math.cos(t);
    };
    const y0 = new Float64Array([1, 0]);
    const cfg = defaultConfig(stepper, { atol: 1e-8, rtol: 1e-6 });
    const whole = runFixedSteps(stepper, 0.01, 40, { rhs, y0, config: cfg });
    const first = runFixedSteps(stepper, 0.01, 15, { rhs, y0, config: cfg });
    // A snapshot is a deep copy of every declared field into a fresh workspace.
    const fresh = allocateWorkspace(stepper, 2);
    for (const f of stepper.workspace)
      (fresh[f.name] as Float64Array | BigInt64Array).set(first.workspace[f.name] as never);
    const rest = runFixedSteps(stepper, 0.01, 25, {
      rhs,
      y0: first.y,
      t0: 0.15,
      config: cfg,
      workspace: fresh,
    });
    expect(Array.from(rest.y)).toEqual(Array.from(whole.y));
  });
});
