import type { DynWarning } from "@dyn/core";
import { describe, expect, it } from "vitest";
import { setup } from "../src/index.ts";
import type { Sim } from "../src/sim.ts";

function lorenz(
  stepper = "rk4",
  extra: { dtype?: "float32" | "float64" } = {},
): { sim: Sim; warnings: DynWarning[] } {
  const warnings: DynWarning[] = [];
  const sim = setup("builtin://ode/lorenz", { stepper, onWarning: (w) => warnings.push(w), ...extra });
  return { sim, warnings };
}

const PRESETS = `# presets for lorenz
[__presets__]
schema = "dynlib-presets-v1"

[presets.classic.params]
rho = 28.0
sigma = 10

[presets.hot.params]
rho = 99.96

[presets.hot.states]
x = 0.5
z = 2.0

[presets.cold.states]
y = -1.5
`;

describe("assign (§6)", () => {
  it("39: mapping and keywords, later keys win, empty no-op, unknown names suggest, non-mapping TypeError", () => {
    const { sim } = lorenz();
    sim.assign({ x: 2, rho: 30 });
    expect(sim.stateDict()).toEqual({ x: 2, y: 1, z: 1 });
    expect(sim.param("rho")).toBe(30);
    sim.assign(new Map([["y", 7]]), { y: 8, beta: 2, clearHistory: false });
    expect(sim.state("y")).toBe(8);
    expect(sim.param("beta")).toBe(2);
    sim.assign({ z: 1 }, { z: 3 });
    expect(sim.state("z")).toBe(3);
    const before = JSON.stringify([sim.stateDict(), sim.paramDict()]);
    sim.assign();
    sim.assign({});
    expect(JSON.stringify([sim.stateDict(), sim.paramDict()])).toBe(before);
    expect(() => sim.assign({ rhoo: 1 })).toThrow(
      "Unknown state/param name(s): 'rhoo' (did you mean 'rho'?). Valid states: ['x', 'y', 'z'], params: ['sigma', 'rho', 'beta']",
    );
    expect(() => sim.assign({ x: 5, qqqq: 1 })).toThrow("Unknown state/param name(s): 'qqqq'.");
    expect(sim.state("x")).toBe(2); // the failed assign wrote nothing
    expect(() => sim.assign([1, 2] as never)).toThrow(TypeError);
    expect(() => sim.assign(5 as never)).toThrow("must be a Mapping");
    expect(() => sim.assign({ x: "a" } as never)).toThrow(TypeError);
  });

  it("40: clearHistory false keeps results; true clears results/segments but keeps t, step, dt and the selection", () => {
    const { sim } = lorenz();
    sim.run({ T: 0.2, dt: 0.01, recordVars: ["x"] });
    sim.assign({ x: 3 });
    expect(sim.rawResults().n).toBe(21);
    const s = sim.sessionStateSummary();
    sim.assign({ y: 4 }, { clearHistory: true });
    expect(() => sim.rawResults()).toThrow("No simulation results available");
    expect(sim.segments()).toHaveLength(0);
    expect(sim.sessionStateSummary()).toMatchObject({ t: s.t, step: s.step, dt: s.dt });
    sim.run({ T: 0.3, resume: true });
    expect(sim.results().stateNames).toEqual(["x"]);
    expect(sim.results().get("x")[0]).toBe(3);
  });

  it("41: explicit ic/params override assigned values; assign never changes snapshots; reset('initial') restores model ICs", () => {
    const { sim } = lorenz();
    sim.run({ T: 0.1 });
    sim.createSnapshot("s");
    sim.assign({ x: 9, rho: 5 });
    sim.run({ T: 0.1, ic: [1, 2, 3], params: [10, 28, 1] });
    expect(sim.results().get("x")[0]).toBe(1);
    expect(sim.rawResults().finalParams[1]).toBe(28);
    expect(sim.getSnapshot("s")?.state.paramsCurr[1]).toBe(28);
    sim.assign({ x: 9 });
    sim.reset("initial");
    expect(Array.from(sim.stateVector())).toEqual([1, 1, 1]);
    expect(sim.paramDict()).toEqual(sim.paramDict({ source: "model" }));
  });

  it("assign casts to float32: overflow throws, precision loss warns", () => {
    const { sim, warnings } = lorenz("rk4", { dtype: "float32" });
    expect(() => sim.assign({ rho: 1e39 })).toThrow("param 'rho' value 1e+39 overflows float32");
    sim.assign({ rho: 0.1 });
    expect(sim.param("rho")).toBe(Math.fround(0.1));
    expect(warnings.map((w) => w.message)).toEqual([
      "param 'rho' may lose precision when casting 0.1 to float32 (relative error: 1.49e-08)",
    ]);
    sim.assign({ x: 0.5 }); // exact in float32: no warning
    expect(warnings).toHaveLength(1);
  });
});

describe("presets (§6)", () => {
  it("45: glob listing sorted; apply touches only listed values (params then states)", () => {
    const { sim } = lorenz();
    expect(sim.loadPreset("*", { text: PRESETS })).toBe(3);
    expect(sim.listPresets()).toEqual(["classic", "cold", "hot"]);
    expect(sim.listPresets("c*")).toEqual(["classic", "cold"]);
    expect(sim.listPresets("?ot")).toEqual(["hot"]);
    expect(sim.listPresets("[ch]o*")).toEqual(["cold", "hot"]);
    sim.run({ T: 0.1 });
    const before = sim.sessionStateSummary();
    const y = sim.stateDict();
    sim.applyPreset("hot");
    expect(sim.param("rho")).toBe(99.96);
    expect(sim.param("sigma")).toBe(10);
    expect(sim.stateDict()).toEqual({ x: 0.5, y: y["y"], z: 2 });
    expect(sim.sessionStateSummary()).toEqual(before);
    expect(sim.rawResults().n).toBe(11);
    expect(() => sim.applyPreset("warm")).toThrow(
      "Preset 'warm' not found in bank. Available: ['classic', 'cold', 'hot']",
    );
  });

  it("45: load/save round trip with conflict policies", () => {
    const { sim, warnings } = lorenz();
    expect(sim.loadPreset("hot", { text: PRESETS })).toBe(1);
    expect(() => sim.loadPreset("h*", { text: PRESETS })).toThrow("Preset 'hot' already exists in bank.");
    expect(sim.loadPreset("*", { text: PRESETS }, { onConflict: "keep" })).toBe(2);
    expect(warnings.at(-1)?.message).toBe("Skipping file preset 'hot' (already in bank, on_conflict='keep')");
    expect(sim.loadPreset("hot", { text: PRESETS }, { onConflict: "replace" })).toBe(1);
    expect(warnings.at(-1)?.message).toBe(
      "Replacing bank preset 'hot' with file preset (on_conflict='replace')",
    );
    expect(() => sim.loadPreset("nope", { text: PRESETS })).toThrow(
      "No presets matching 'nope' found in <text>. Available: ['classic', 'cold', 'hot']",
    );
    sim.addPreset("mine", { params: [1, 2, 3], states: { y: 0.25 } });
    const text = sim.savePreset("mine", { text: PRESETS });
    expect(text).toContain("[presets.mine.params]\nsigma = 1.0\nrho = 2.0\nbeta = 3.0\n");
    expect(text).toContain("[presets.mine.states]\ny = 0.25\n");
    expect(() => sim.savePreset("mine", { text })).toThrow(
      "Preset 'mine' already exists in <text>. Use overwrite: true to replace.",
    );
    expect(() => sim.addPreset("mine", { params: { rho: 6 } })).toThrow("already exists in bank");
    sim.addPreset("mine", { params: { rho: 6 }, overwrite: true });
    const text2 = sim.savePreset("mine", { text }, { overwrite: true });
    const { sim: other } = lorenz();
    expect(other.loadPreset("*", { text: text2 })).toBe(4);
    other.applyPreset("mine");
    expect(other.param("rho")).toBe(6);
    other.applyPreset("classic");
    expect(other.param("rho")).toBe(28);
    expect(other.listPresets()).toEqual(["classic", "cold", "hot", "mine"]);
  });

  it("45: addPreset with nothing captures the session; arrays must be full length", () => {
    const { sim } = lorenz();
    sim.assign({ x: 4, rho: 3 });
    sim.addPreset("here");
    sim.assign({ x: 0, rho: 0 });
    sim.applyPreset("here");
    expect(sim.state("x")).toBe(4);
    expect(sim.param("rho")).toBe(3);
    expect(() => sim.addPreset("bad", { states: [1, 2] })).toThrow(
      "addPreset states has length 2, expected 3",
    );
    expect(() => sim.addPreset("bad", { params: { rhoo: 1 } })).toThrow(
      "Preset 'bad' has unknown param(s): 'rhoo' (did you mean 'rho'?)",
    );
  });

  it("45: overflow on float32 throws at apply, and nothing is written", () => {
    const { sim } = lorenz("rk4", { dtype: "float32" });
    sim.addPreset("huge", { params: { rho: 1e39 }, states: { x: 2 } });
    expect(() => sim.applyPreset("huge")).toThrow("Preset 'huge': param 'rho' value 1e+39 overflows float32");
    expect(sim.state("x")).toBe(1);
    expect(sim.param("rho")).toBe(28);
  });

  it("file schema: header required, numeric tables, at least one value, unknown names rejected", () => {
    const { sim } = lorenz();
    expect(() => sim.loadPreset("*", { text: "[presets.a.params]\nrho = 1.0\n" })).toThrow(
      "Invalid or missing schema in <text>. Expected [__presets__].schema = 'dynlib-presets-v1'",
    );
    const head = '[__presets__]\nschema = "dynlib-presets-v1"\n';
    expect(() => sim.loadPreset("*", { text: `${head}[presets.a.params]\nrho = "x"\n` })).toThrow(
      "[presets.a].params.rho must be a number",
    );
    expect(() => sim.loadPreset("*", { text: `${head}[presets.a]\n` })).toThrow(
      "[presets.a] must set at least one param or state value",
    );
    expect(() => sim.loadPreset("*", { text: `${head}[presets.a.params]\nroh = 1.0\n` })).toThrow(
      "Preset 'a' has unknown param(s): 'roh' (did you mean 'rho'?)",
    );
    expect(() => sim.loadPreset("*", { text: `${head}[presets.a.params]\nrho = [1, 2]\n` })).toThrow(
      "[presets.a].params.rho must be a number in <text> (got list: [1, 2])",
    );
    expect(sim.listPresets()).toEqual([]);
    expect(sim.loadPreset("*", { text: `${head}[presets.n.params]\nrho = nan\nsigma = "+inf"\n` })).toBe(1);
    sim.applyPreset("n");
    expect(sim.param("rho")).toBeNaN();
    expect(sim.param("sigma")).toBe(Infinity);
    expect(sim.savePreset("n")).toContain("rho = nan\nsigma = inf\n");
  });

  it("inline presets seed the bank", () => {
    const sim = setup(
      "inline:[model]\ntype='ode'\n[states]\nx=1.0\n[params]\na=1.0\n[equations.rhs]\nx='-a*x'\n" +
        "[presets.fast.params]\na=3.0\n",
      { onWarning: () => {} },
    );
    expect(sim.listPresets()).toEqual(["fast"]);
    sim.applyPreset("fast");
    expect(sim.param("a")).toBe(3);
  });
});

describe("stepper config and hashing (42–44, 51, 52)", () => {
  it("43 (D-8): stepperConfig overrides merge onto the stored config and persist; unknown fields throw", () => {
    const { sim } = lorenz("rk45");
    sim.stepperConfig({ atol: 1e-9 });
    const cfg = sim.stepperConfig({ rtol: 1e-7 });
    expect(cfg[0]).toBe(1e-9);
    expect(cfg[1]).toBe(1e-7);
    expect(() => sim.stepperConfig({ atoll: 1 })).toThrow(/atoll/);
    sim.run({ T: 0.1, stepperConfig: { safety: 0.8 } });
    expect(Array.from(sim.stepperConfig().subarray(0, 3))).toEqual([1e-9, 1e-7, 0.8]);
    const { sim: euler } = lorenz("euler");
    expect(() => euler.stepperConfig({ atol: 1 })).toThrow();
  });

  it("52: cfgHash vectors empty / ada93cd41e / b8e94fff17 / 6d72150591", () => {
    const hash = (st: string): string => lorenz(st).sim.sessionStateSummary().stepperConfig.hash;
    expect(hash("rk4")).toBe("empty");
    expect(hash("rk45")).toBe("ada93cd41e");
    expect(hash("bdf2")).toBe("b8e94fff17");
    expect(hash("sdirk2")).toBe("b8e94fff17");
    expect(hash("bdf2a")).toBe("6d72150591");
    expect(hash("tr-bdf2a")).toBe("6d72150591");
  });

  it("51: spec hash reproduces the §3.2 vector and is not sensitive to the build-time stepper", () => {
    const decay =
      "inline:[model]\ntype='ode'\nname='Exponential Decay'\n[states]\nx=1.0\n[params]\na=1.0\n[equations.rhs]\nx='-a * x'\n";
    const a = setup(decay, { stepper: "rk4" });
    const b = setup(decay, { stepper: "euler" });
    expect(a.pins.specHash).toBe("78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce");
    expect(b.pins.specHash).toBe(a.pins.specHash);
    const c = setup(decay.replace("a=1.0", "a=2.0"));
    expect(c.pins.specHash).not.toBe(a.pins.specHash);
    // a snapshot of a model with other values is incompatible
    expect(() => c.importSnapshot(a.exportSnapshot())).toThrow(/^Snapshot incompatible: \{'spec_hash'/);
  });
});
