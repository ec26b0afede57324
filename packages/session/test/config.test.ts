import { describe, expect, it } from "vitest";
import { Sim } from "../src/sim.ts";
import { decay, logistic, lorenz } from "./helpers/models.ts";

describe("pins, summary, accessors", () => {
  it("53: workspace signature of decay + euler equals the §3.2 example", () => {
    const sim = new Sim(decay(), { stepper: "euler" });
    expect(sim.pins.workspaceSig).toEqual([
      1771140548, 1, 1, 12, 2125886618, 1, 1, 12, 3465371742, 1, 0, 12, 3869402036, 1, 0, 5, 2329453695, 2, 0,
      3, 5, 1188462492, 1, 0, 12, 991046021, 1, 0, 5, 3118218873, 1, 0, 5,
    ]);
    expect(sim.pins.stepperName).toBe("euler");
    expect(sim.pins.dtypeToken).toBe("float64");
  });

  it("pins canonicalise stepper aliases (D-9)", () => {
    const sim = new Sim(lorenz(), { stepper: "dopri5" });
    expect(sim.pins.stepperName).toBe("rk45");
    expect(sim.stepperName).toBe("rk45");
  });

  it("a dtype that differs from the compiled model's is rejected", () => {
    expect(() => new Sim(decay(), { stepper: "rk4", dtype: "float32" })).toThrow(
      "dtype 'float32' differs from the compiled model's dtype 'float64'",
    );
    expect(new Sim(decay(), { stepper: "rk4", dtype: "float64" }).pins.dtypeToken).toBe("float64");
  });

  it("a map stepper on an ODE (and vice versa) is rejected at construction", () => {
    expect(() => new Sim(decay(), { stepper: "map" })).toThrow(
      "Stepper 'map' is for maps but the model is an ODE",
    );
    expect(() => new Sim(logistic(), { stepper: "rk4" })).toThrow("is for ODEs but the model is a map");
  });

  it("construction: t = [sim].t0, model ICs, dt = [sim].dt, step 0, DONE, can resume", () => {
    const sim = new Sim(decay({ sim: { t0: 2, dt: 0.05 } }), { stepper: "rk4" });
    const s = sim.sessionStateSummary();
    expect(s).toEqual({
      t: 2,
      step: 0,
      dt: 0.05,
      status: "DONE",
      stepperName: "rk4",
      canResume: true,
      reason: null,
      stepperConfig: { size: 0, hash: "empty", preview: {} },
    });
    expect(sim.nominalDt).toBe(0.05);
    expect(sim.canResume()).toEqual([true, null]);
  });

  it("accessors: state/param by name with did-you-mean, vectors and dicts by source", () => {
    const sim = new Sim(lorenz(), { stepper: "rk4" });
    sim.run({ T: 0.1, dt: 0.01 });
    const y = sim.stateVector();
    expect(sim.state("x")).toBe(y[0]);
    expect(sim.param("rho")).toBe(28);
    expect(() => sim.state("xx")).toThrow("Unknown state 'xx'. Did you mean 'x'? Valid states: x, y, z");
    expect(() => sim.param("rh")).toThrow(
      "Unknown param 'rh'. Did you mean 'rho'? Valid params: sigma, rho, beta",
    );
    expect(Array.from(sim.stateVector({ source: "model" }))).toEqual([1, 1, 1]);
    expect(Array.from(sim.stateVector({ source: "snapshot", snapshot: "initial" }))).toEqual([1, 1, 1]);
    expect(sim.paramDict()).toEqual({ sigma: 10, rho: 28, beta: 8 / 3 });
    expect(Object.keys(sim.stateDict())).toEqual(["x", "y", "z"]);
    expect(() => sim.stateVector({ source: "snapshot", snapshot: "nope" })).toThrow(
      "Unknown snapshot 'nope'",
    );
    // Copies by default: mutating them does not touch the session.
    y[0] = 123;
    expect(sim.state("x")).not.toBe(123);
  });

  it("a non-resume run restarts the clock but continues from the session's current values", () => {
    const sim = new Sim(decay(), { stepper: "euler" });
    sim.run({ T: 1, dt: 0.5 });
    const x1 = sim.state("x");
    expect(x1).toBe(0.25);
    sim.run({ T: 1 });
    expect(sim.rawResults().T[0]).toBe(0);
    expect(sim.rawResults().getVar("x")[0]).toBe(0.25);
    expect(sim.state("x")).toBe(0.0625);
  });
});

describe("stepper config and config()", () => {
  it("42: [sim] atol overrides the stepper default; rtol falls back to 1e-5; extras feed the config", () => {
    const sim = new Sim(
      lorenz({ sim: { atol: 1e-10, rtol: 1e-5, stepperDefaults: { safety: 0.8, max_factor: 3 } } }),
      {
        stepper: "rk45",
      },
    );
    const cfg = sim.stepperConfig();
    expect(cfg[0]).toBe(1e-10);
    expect(cfg[1]).toBe(1e-5);
    expect(cfg[2]).toBe(0.8);
    expect(cfg[4]).toBe(3);
    const plain = new Sim(lorenz(), { stepper: "rk45" });
    expect(plain.sessionStateSummary().stepperConfig.hash).toBe("ada93cd41e");
    expect(new Sim(lorenz(), { stepper: "rk4" }).stepperConfig().length).toBe(0);
  });

  it("43: stepperConfig({atol}) changes only atol and persists; a later rtol override keeps it (D-8)", () => {
    const sim = new Sim(lorenz(), { stepper: "rk45" });
    const base = sim.stepperConfig();
    const a = sim.stepperConfig({ atol: 1e-9 });
    expect(a[0]).toBe(1e-9);
    expect(Array.from(a.subarray(1))).toEqual(Array.from(base.subarray(1)));
    const b = sim.stepperConfig({ rtol: 1e-7 });
    expect(b[0]).toBe(1e-9);
    expect(b[1]).toBe(1e-7);
    expect(sim.sessionStateSummary().stepperConfig.preview).toEqual({ atol: 1e-9, rtol: 1e-7, safety: 0.9 });
    // Copied into the `initial` snapshot.
    expect(sim.getSnapshot("initial")!.state.stepperCfg[1]).toBe(1e-7);
    expect(() => sim.stepperConfig({ atoll: 1 })).toThrow("atol");
    expect(() => new Sim(lorenz(), { stepper: "rk4" }).stepperConfig({ atol: 1 })).toThrow();
    // Run-level overrides become the stored config when the run succeeds.
    sim.run({ T: 0.1, stepperConfig: { atol: 1e-11 } });
    expect(sim.stepperConfig()[0]).toBe(1e-11);
    expect(sim.stepperConfig()[1]).toBe(1e-7);
  });

  it("44: config() validation messages; config(dt) changes nominal dt and session dt; defaults apply to runs", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    expect(() => sim.config({ dt: 0 })).toThrow("dt must be positive");
    expect(() => sim.config({ maxSteps: 0 })).toThrow("max_steps must be positive");
    expect(() => sim.config({ recordInterval: 0 })).toThrow("record_interval must be >= 1");
    expect(() => sim.config({ capRec: 0 })).toThrow("cap_rec must be positive");
    expect(() => sim.config({ capEvt: 0 })).toThrow("cap_evt must be positive");
    sim.config({ dt: 0.25, recordInterval: 2 });
    expect(sim.nominalDt).toBe(0.25);
    expect(sim.sessionStateSummary().dt).toBe(0.25);
    sim.run({ T: 1 });
    expect(Array.from(sim.rawResults().STEP)).toEqual([0, 2, 4]);
    sim.config({ record: false });
    sim.run({ T: 1 });
    expect(sim.rawResults().n).toBe(0);
    sim.run({ T: 1, record: true, recordInterval: 1 });
    expect(sim.rawResults().n).toBe(5);
  });

  it("adaptive runs start from the initial-step heuristic and resume from the stored dt", () => {
    const sim = new Sim(lorenz(), { stepper: "rk45" });
    sim.run({ T: 1 });
    const raw = sim.rawResults();
    expect(raw.T.at(-1)).toBe(1);
    const truth = [-9.378570010925372, -8.357033788427001, 29.362325337363743];
    ["x", "y", "z"].forEach((v, i) => expect(Math.abs(raw.getVar(v).at(-1)! - truth[i]!)).toBeLessThan(1e-2));
    const dt = sim.sessionStateSummary().dt;
    expect(dt).toBeGreaterThan(0);
    sim.run({ T: 2, resume: true });
    expect(sim.rawResults().T.at(-1)).toBe(2);
  });
});
