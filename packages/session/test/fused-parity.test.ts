/**
 * Issue 9: the fused path (template unrolled over the model IR) and the plain path (the
 * stepper's `step`) give bit-identical trajectories, recordings, event logs and carried
 * workspaces, for every built-in template and several models.
 */
import { describe, expect, it } from "vitest";
import type { RunOptions } from "../src/runOptions.ts";
import { AUX_MODEL, FUNCS_MODEL, kernelUrls, LAG_MAP, LAG_MODEL, runOn } from "./fused-helpers.ts";

const ODE_STEPPERS = ["euler", "rk2", "rk4", "ab2", "ab3"] as const;

interface Case {
  readonly name: string;
  readonly source: string;
  readonly runs: readonly RunOptions[];
}

const ODE_CASES: readonly Case[] = [
  {
    name: "Lorenz",
    source: "builtin://ode/lorenz",
    runs: [
      { T: 5, dt: 0.01 },
      { T: 7.3, resume: true },
    ],
  },
  {
    name: "Van der Pol (record interval 3, record vars)",
    source: "builtin://ode/vanderpol",
    runs: [
      { T: 6, dt: 0.013, recordInterval: 3, recordVars: ["y"] },
      { T: 9, resume: true },
    ],
  },
  { name: "Izhikevich (reset event)", source: "builtin://ode/izhikevich", runs: [{ T: 120, dt: 0.01 }] },
  {
    name: "aux, events in both phases with logs and param actions, stop",
    source: AUX_MODEL,
    runs: [
      { T: 40, dt: 0.02, recordVars: ["x", "aux.energy", "power"], capEvt: 1, capRec: 2 },
      { T: 45, resume: true },
    ],
  },
  {
    name: "lag",
    source: LAG_MODEL,
    runs: [
      { T: 8, dt: 0.01, transient: 1.5 },
      { T: 12, resume: true },
    ],
  },
  { name: "no recording", source: "builtin://ode/lorenz", runs: [{ T: 3, dt: 0.005, record: false }] },
  { name: "reductions, functions, powers, selects", source: FUNCS_MODEL, runs: [{ T: 5, dt: 0.01 }] },
  { name: "Hodgkin–Huxley", source: "builtin://ode/hodgkin-huxley", runs: [{ T: 20, dt: 0.01 }] },
];

describe("fused and plain paths are bit-identical", () => {
  for (const stepper of ODE_STEPPERS) {
    for (const c of ODE_CASES) {
      it(`${stepper} on ${c.name}`, () => {
        const plain = runOn("plain", c.source, stepper, c.runs);
        const fused = runOn("fused", c.source, stepper, c.runs);
        expect(kernelUrls(fused.sim).fused.length).toBeGreaterThan(0);
        expect(fused.fp).toEqual(plain.fp);
      });
    }
  }

  const rk45Cases: readonly Case[] = [
    { name: "Lorenz", source: "builtin://ode/lorenz", runs: [{ T: 10 }, { T: 12, resume: true }] },
    {
      name: "Van der Pol, tight tolerances",
      source: "builtin://ode/vanderpol",
      runs: [{ T: 20, stepperConfig: { rtol: 1e-9, atol: 1e-11, max_factor: 3 } }],
    },
    { name: "Izhikevich", source: "builtin://ode/izhikevich", runs: [{ T: 60 }] },
    { name: "aux, events, stop", source: AUX_MODEL, runs: [{ T: 40, stepperConfig: { dt_max: 0.05 } }] },
    {
      name: "lag",
      source: LAG_MODEL,
      runs: [
        { T: 8, dt: 0.01 },
        { T: 10, resume: true },
      ],
    },
    {
      name: "rejections (max_factor 10, safety 0.99)",
      source: "builtin://ode/vanderpol",
      runs: [
        { T: 5, stepperConfig: { rtol: 1e-3, atol: 1e-6, safety: 0.99, max_factor: 10, min_factor: 0.5 } },
      ],
    },
  ];
  for (const c of rk45Cases) {
    it(`rk45 (session-owned controller) on ${c.name}`, () => {
      const plain = runOn("plain", c.source, "rk45", c.runs);
      const fused = runOn("fused", c.source, "rk45", c.runs);
      expect(kernelUrls(fused.sim).fused.length).toBeGreaterThan(0);
      expect(fused.fp).toEqual(plain.fp);
    });
  }

  const mapCases: readonly Case[] = [
    { name: "logistic", source: "builtin://map/logistic", runs: [{ N: 5000 }, { N: 7000, resume: true }] },
    {
      name: "Hénon, record interval 7",
      source: "builtin://map/henon",
      runs: [{ N: 3000, recordInterval: 7 }],
    },
    {
      name: "lagged map with an end event",
      source: LAG_MAP,
      runs: [
        { N: 400, transient: 5 },
        { N: 600, resume: true },
      ],
    },
    {
      name: "logistic without recording (no running time in the loop)",
      source: "builtin://map/logistic",
      runs: [
        { N: 70_000, record: false, transient: 3, t0: 0.5, dt: 0.25 },
        { N: 90_001, resume: true, record: false },
      ],
    },
  ];
  for (const c of mapCases) {
    it(`map on ${c.name}`, () => {
      const plain = runOn("plain", c.source, "map", c.runs);
      const fused = runOn("fused", c.source, "map", c.runs);
      expect(kernelUrls(fused.sim).fused.length).toBeGreaterThan(0);
      expect(fused.fp).toEqual(plain.fp);
    });
  }

  it("a failing rk45 run fails identically on both paths (same error, status, time, step)", () => {
    const runs = [
      { T: 2, stepperConfig: { rtol: 1e-3, atol: 1e-6, safety: 2.5, min_factor: 0.5, max_tries: 3 } },
    ];
    const failure = (path: "plain" | "fused"): unknown => {
      try {
        runOn(path, "builtin://ode/vanderpol", "rk45", runs);
      } catch (err) {
        const e = err as { code: string; message: string; details: unknown };
        return { code: e.code, message: e.message, details: e.details };
      }
      return null;
    };
    const plain = failure("plain");
    expect(plain).not.toBeNull();
    expect(failure("fused")).toEqual(plain);
  });

  it("a map whose time labels overflow fails identically on both paths", () => {
    // t + dt overflows after a few thousand iterations: NAN_DETECTED at the same step.
    const runs = [{ N: 100_000, record: false, t0: 1.79e308, dt: 1e304 }];
    const failure = (path: "plain" | "fused"): unknown => {
      try {
        runOn(path, "builtin://map/logistic", "map", runs);
      } catch (err) {
        const e = err as { message: string; details: unknown };
        return { message: e.message, details: e.details };
      }
      return null;
    };
    const plain = failure("plain") as { message: string } | null;
    expect(plain?.message).toMatch(/NAN_DETECTED/);
    expect(failure("fused")).toEqual(plain);
  });

  it("the plain switch really runs the plain loop (negative control)", () => {
    const plain = runOn("plain", "builtin://ode/vanderpol", "rk4", [{ T: 0.5, dt: 0.01 }]);
    expect(kernelUrls(plain.sim).plain.length).toBeGreaterThan(0);
  });
});
