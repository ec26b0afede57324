import { readFileSync } from "node:fs";
import { compileModel, loadModel, parseModel } from "@dyn/model";
import { describe, expect, it } from "vitest";
import { setup } from "../src/setup.ts";
import { Sim } from "../src/sim.ts";

const fixture = JSON.parse(
  readFileSync(new URL("../../../fixtures/reference/lorenz-fixed-steps.json", import.meta.url), "utf8"),
) as {
  model_toml: string;
  cases: { stepper: string; dt: string; checkpoints: Record<string, { y: string[] }> }[];
};

function bits(a: ArrayLike<number>): string[] {
  return Array.from(a, (v) => {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, v);
    return b.getBigUint64(0).toString(16);
  });
}

describe("compiled models from @dyn/model through Sim.run", () => {
  for (const c of fixture.cases) {
    it(`fixture Lorenz (model_toml) with ${c.stepper} at dt=${c.dt} matches the reference bit for bit`, () => {
      const sim = setup(`inline:${fixture.model_toml}`, { stepper: c.stepper });
      const steps = Object.keys(c.checkpoints).map(Number);
      const last = Math.max(...steps);
      sim.run({ T: last * Number(c.dt), dt: Number(c.dt) });
      const raw = sim.rawResults();
      for (const k of steps) {
        const got = ["x", "y", "z"].map((v) => raw.getVar(v)[k]!);
        expect(bits(got)).toEqual(bits(c.checkpoints[String(k)]!.y.map(Number)));
      }
    });
  }

  it("Izhikevich (builtin, rk4, dt 0.01, T=1000) resets 23 times, first at t ≈ 3.13", () => {
    const sim = new Sim(compileModel(loadModel("builtin://ode/izhikevich")), { stepper: "rk4" });
    sim.run({ T: 1000, dt: 0.01 });
    const raw = sim.rawResults();
    const v = raw.getVar("v");
    const drops: number[] = [];
    for (let i = 1; i < v.length; i++) if (v[i]! < v[i - 1]! - 50) drops.push(raw.T[i]!);
    expect(drops).toHaveLength(23);
    expect(drops[0]).toBeCloseTo(3.13, 10);
  });

  it("the same Izhikevich with log = ['t'] logs 23 reset rows with global code 0", () => {
    const text = readFileSync(
      new URL("../../model/models/ode/izhikevich.toml", import.meta.url),
      "utf8",
    ).replace('cond = "v >= v_th"', 'cond = "v >= v_th"\nlog = ["t"]');
    const sim = new Sim(compileModel(parseModel(text)), { stepper: "rk4" });
    sim.run({ T: 1000, dt: 0.01 });
    const reset = sim.results().event("reset") as import("@dyn/results").EventView;
    expect(reset.count).toBe(23);
    expect(reset.t[0]).toBeCloseTo(3.13, 10);
    expect(Array.from(sim.rawResults().EVT_CODE).every((c) => c === 0)).toBe(true);
    // Each row is owned by the record just before the resetting step.
    const raw = sim.rawResults();
    for (let j = 0; j < reset.count; j++) expect(raw.T[raw.EVT_INDEX[j]!]).toBeCloseTo(reset.t[j]! - 0.01, 9);
  });

  it("setup accepts builtin URIs, inline TOML, specs and compiled models", () => {
    const spec = loadModel("builtin://ode/expdecay");
    for (const source of ["builtin://ode/expdecay", spec, compileModel(spec)]) {
      const sim = setup(source, { stepper: "rk4" });
      sim.run({ T: 1, dt: 0.1 });
      expect(sim.rawResults().getVar("x").at(-1)).toBeCloseTo(Math.exp(-1), 6);
      expect(sim.pins.specHash).toBe("be93ca87ecd39a65acff506d219c427a44b5dda4d33af5cc1470ebcd07e7ff54");
    }
  });

  it("53 (compiled): decay + euler workspace signature equals the §3.2 example", () => {
    const sim = setup(
      'inline:[model]\ntype = "ode"\nname = "Exponential Decay"\n[states]\nx = 1.0\n[params]\na = 1.0\n[equations.rhs]\nx = "-a * x"\n',
      { stepper: "euler" },
    );
    expect(sim.pins.specHash).toBe("78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce");
    expect(sim.pins.workspaceSig).toEqual([
      1771140548, 1, 1, 12, 2125886618, 1, 1, 12, 3465371742, 1, 0, 12, 3869402036, 1, 0, 5, 2329453695, 2, 0,
      3, 5, 1188462492, 1, 0, 12, 991046021, 1, 0, 5, 3118218873, 1, 0, 5,
    ]);
  });

  it("a compiled map with a stop condition and aux: logistic r=3.5 stop x > 0.8", () => {
    const sim = setup(
      'inline:[model]\ntype = "map"\n[states]\nx = 0.1\n[params]\nr = 3.5\n[equations.rhs]\nx = "r * x * (1 - x)"\n[aux]\nsq = "x * x"\n[sim]\nstop = "x > 0.8"\n',
    );
    sim.run({ N: 100, recordVars: ["x", "sq"] });
    const raw = sim.rawResults();
    expect(raw.exitedEarly).toBe(true);
    expect(raw.n).toBe(7);
    expect(sim.sessionStateSummary().step).toBe(6);
    const x = raw.getVar("x");
    const sq = raw.getVar("sq");
    for (let i = 0; i < raw.n; i++) expect(sq[i]).toBe(x[i]! * x[i]!);
  });

  it("float32 models run in their dtype", () => {
    const sim = setup("builtin://ode/expdecay", { stepper: "rk4", dtype: "float32" });
    sim.run({ T: 1, dt: 0.1 });
    expect(sim.stateVector()).toBeInstanceOf(Float32Array);
    expect(sim.pins.dtypeToken).toBe("float32");
    expect(sim.rawResults().getVar("x").at(-1)).toBeCloseTo(Math.exp(-1), 5);
  });
});
