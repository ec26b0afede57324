import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinModelTexts } from "../src/builtins/embedded.generated.ts";
import { specHash } from "../src/hash.ts";
import { loadModel, parseModel } from "../src/index.ts";

/** Spec hashes of model-dsl.md §6, produced by dynlib 0.40.3's spec code (acceptance item 7). */
const expectedHashes: Readonly<Record<string, string>> = {
  "map/henon": "b86248e49130f964c47643690e2d243e64f19aa4df97a9e5bc04a74b66496ad9",
  "map/henon2": "8144782b23b856eefc2a0a5c2f1fffb9052ea625b20ed6a4b251f43da6a32327",
  "map/ikeda": "7f25ad7d6b5f92f108cb2c65495e1034f0a17fefec16f834fd78e9ebb36ff7d9",
  "map/logistic": "4f54140f147125351ff656122614328a1adc53c3cb6dbd55a38f1629207c657f",
  "map/lozi": "1f491a80c8d1c56a643d48547b1a7c20530550c4b04b82e207252361527d4c17",
  "map/sine": "4c25760be4352f40d37548bc9c37400fb9a1fa8a84dd36124b4d30ace1456a81",
  "map/standard": "0e36cedae133fdbc69deb78858bef6c64641b996097e8c385998252c6f6a3739",
  "ode/duffing": "20303773319634a55d01e49ceee1e08d6ccd5c5ab3e3565a4506f99f92bc479f",
  "ode/eto-circular": "a3b68f31f82298bd9c4354fbf8fa499e93c94b393d5c7fcf85b73cfc5037a86e",
  "ode/exp-if": "968da20bfc2700f125433738e562385dbb8afabedfbd202e61546ab508544651",
  "ode/expdecay": "be93ca87ecd39a65acff506d219c427a44b5dda4d33af5cc1470ebcd07e7ff54",
  "ode/fitzhugh-nagumo": "1819b00a4fa4d2c50478d697c92681b8d03898e0b508bd506928a0bd3b82f151",
  "ode/hodgkin-huxley": "eb1e71a4e550fc5faf9ec27d46ca3ecd0494aceffc3899a843c9c70d0f226ea9",
  "ode/izhikevich": "46bdd69f0813cf492e091b2ef78d9c2094dfb6fbe14cd38e2d29532204591d0d",
  "ode/leaky-if": "3299d504219d7adeadb46737a15c5ca94317c3936961133970032baf9c82968b",
  "ode/lorenz": "a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd",
  "ode/quadratic-if": "8cc9d1a31a45b2dfb83a0e5f963f5c85d5268bfacb835f18d61928e38fe9f0c7",
  "ode/resonate-if": "aa7f4cbf6fc7aa7d19264bca4ea4bd275cc74a0550a65c2739d99910906c0382",
  "ode/vanderpol": "ef30495d231cb085907a08a3624d861af819f9fa5d8003aed32fbc33b2e141bc",
};

describe("builtin spec hashes (model-dsl.md §6, acceptance item 7)", () => {
  it("covers every embedded builtin", () => {
    expect(Object.keys(expectedHashes).sort()).toEqual(Object.keys(builtinModelTexts));
  });

  for (const [key, expected] of Object.entries(expectedHashes)) {
    it(`builtin://${key} loads and hashes like dynlib`, () => {
      const spec = loadModel(`builtin://${key}`);
      expect(spec.kind).toBe(key.split("/")[0]);
      expect(specHash(spec)).toBe(expected);
      // The shipped file itself (what Node users copy and edit) hashes the same.
      const fileText = readFileSync(new URL(`../models/${key}.toml`, import.meta.url), "utf8");
      expect(specHash(parseModel(fileText, { source: `model file '${key}.toml'` }))).toBe(expected);
    });
  }
});

/** States with ICs and params with values of the §6 table, in declaration order. */
const catalogueFacts: Readonly<
  Record<string, { states: Record<string, number>; params: Record<string, number> }>
> = {
  "ode/duffing": {
    states: { x: 0.1, y: 0.1 },
    params: { delta: 0.2, alpha: -1, beta: 1, gamma: 0.3, omega: 1.2 },
  },
  "ode/eto-circular": { states: { x: 0.1, y: 0.1 }, params: { a: 2, mu: 0.8 } },
  "ode/exp-if": {
    states: { v: -70 },
    params: { tau: 15, v_rest: -72, v_th: -45, v_reset: -75, vt: -55, D: 2, I: 0 },
  },
  "ode/expdecay": { states: { x: 1 }, params: { a: 1 } },
  "ode/fitzhugh-nagumo": {
    states: { V: -1.74, w: -1.48 },
    params: { a: 0.7, b: 0.7, R: 0.1, I: 0, tau: 12.5 },
  },
  "ode/izhikevich": {
    states: { v: -65, u: -13 },
    params: { a: 0.02, b: 0.2, c: -65, d: 8, I: 10, v_th: 30 },
  },
  "ode/leaky-if": { states: { v: -65 }, params: { tau: 10, v_rest: -65, v_th: -50, v_reset: -65, I: 0 } },
  "ode/lorenz": { states: { x: 1, y: 1, z: 1 }, params: { sigma: 10, rho: 28, beta: 8 / 3 } },
  "ode/quadratic-if": {
    states: { v: -65 },
    params: { tau: 15, v_rest: -65, v_th: 5, v_reset: -70, I: 0, vt: -50, R: 10 },
  },
  "ode/resonate-if": {
    states: { x: 0, y: 0 },
    params: { I: 0, b: -0.05, w: 0.25, y_th: 1, x_reset: 0, y_reset: 1 },
  },
  "ode/vanderpol": { states: { x: 2, y: 0 }, params: { mu: 1 } },
  "map/henon": { states: { x: 0, y: 0 }, params: { a: 1.4, b: 0.3 } },
  "map/henon2": { states: { x: 0, y: 0 }, params: { a: 1.4, b: 0.3 } },
  "map/ikeda": { states: { x: 0.1, y: 0 }, params: { u: 0.9, a: 0.4, b: 6 } },
  "map/logistic": { states: { x: 0.1 }, params: { r: 4 } },
  "map/lozi": { states: { x: 0, y: 0 }, params: { a: 1.7, b: 0.5 } },
  "map/sine": { states: { x: 0.5 }, params: { r: 0.9 } },
  "map/standard": { states: { p: 0, theta: 0.1 }, params: { K: 0.971635 } },
};

describe("builtin contents through the loader", () => {
  it("declares the §6 states, ICs and params, in order, all as floats", () => {
    for (const [key, facts] of Object.entries(catalogueFacts)) {
      const spec = loadModel(`builtin://${key}`);
      expect(spec.states, key).toEqual(Object.keys(facts.states));
      expect(spec.stateIc, key).toEqual(Object.values(facts.states));
      expect(spec.params, key).toEqual(Object.keys(facts.params));
      expect(spec.paramVals, key).toEqual(Object.values(facts.params));
      expect(
        [...spec.stateIc, ...spec.paramVals].every((v) => typeof v === "number"),
        key,
      ).toBe(true);
    }
  });

  it("builds Hodgkin-Huxley's 26 params, two functions and six aux variables", () => {
    const spec = loadModel("builtin://ode/hodgkin-huxley");
    expect(spec.states).toEqual(["V", "n", "m", "h"]);
    expect(spec.stateIc).toEqual([-65, 0.31, 0.06, 0.61]);
    expect(spec.params).toHaveLength(26);
    expect(spec.functions.boltzmann?.args).toEqual(["Vmid", "k", "V"]);
    expect(spec.functions.gaussian?.args).toEqual(["Vmax", "sigma", "Camp", "Cbase", "V"]);
    expect(Object.keys(spec.aux).sort()).toEqual(["h_inf", "m_inf", "n_inf", "tau_h", "tau_m", "tau_n"]);
  });

  it("uses the default [sim] of its kind (no [sim] table anywhere)", () => {
    for (const uri of Object.keys(expectedHashes).map((key) => `builtin://${key}`)) {
      const { kind, sim } = loadModel(uri);
      expect(sim.stepper, uri).toBe(kind === "ode" ? "rk4" : "map");
      expect([sim.t0, sim.tEnd, sim.dt], uri).toEqual([0, 1, 0.01]);
      expect(sim.stepperDefaults, uri).toEqual({});
    }
  });

  it("keeps Izhikevich's unnamed model, end-phase reset and integer preset c, d", () => {
    const spec = loadModel("builtin://ode/izhikevich");
    expect(spec.name).toBeNull();
    expect(spec.events).toHaveLength(1);
    expect(spec.events[0]).toMatchObject({
      name: "reset",
      phase: "end",
      cond: "v >= v_th",
      actionBlock: "v = c\nu = u + d\n",
    });
    expect(spec.presets.map((p) => p.name)).toEqual([
      "regular_spiking",
      "intrinsic_bursting",
      "bursting",
      "fast_spiking",
      "low_threshold",
      "resonator",
    ]);
    expect(spec.presets[0]?.params).toEqual({ a: 0.02, b: 0.2, c: -65, d: 8 });
    expect(spec.presets[2]?.params).toEqual({ a: 0.02, b: 0.2, c: -50n, d: 2n });
    expect(spec.presets[5]?.params).toEqual({ a: 0.1, b: 0.26, c: -65n, d: 2n });
  });

  it("gives the sine map only `r` and the henon2 map its inverse", () => {
    expect(loadModel("builtin://map/sine").params).toEqual(["r"]);
    expect(loadModel("builtin://map/henon2").inverseRhs).toEqual({ x: "y", y: "(x - a + y**2) / b" });
  });
});
