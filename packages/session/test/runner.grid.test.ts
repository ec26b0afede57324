import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planGrid } from "../src/internal/timeGrid.ts";
import { Sim } from "../src/sim.ts";
import { decay, forced, lorenz } from "./helpers/models.ts";

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

describe("Lorenz through Sim.run reproduces the reference bit for bit", () => {
  for (const c of fixture.cases) {
    it(`${c.stepper} dt=${c.dt}`, () => {
      const sim = new Sim(lorenz(), { stepper: c.stepper });
      const steps = Object.keys(c.checkpoints).map(Number);
      const last = Math.max(...steps);
      sim.run({ T: last * Number(c.dt), dt: Number(c.dt) });
      const raw = sim.rawResults();
      expect(raw.n).toBe(last + 1);
      for (const k of steps) {
        const expected = c.checkpoints[String(k)]!.y.map(Number);
        const got = ["x", "y", "z"].map((v) => raw.getVar(v)[k]!);
        expect(bits(got)).toEqual(bits(expected));
        expect(raw.STEP[k]).toBe(k);
      }
    });
  }
});

describe("fixed-step time grid (D-10)", () => {
  it("plans on-grid and off-grid horizons", () => {
    expect(planGrid(0, 0, 0.1, 1)).toEqual({ fullSteps: 10, clip: false });
    expect(planGrid(0, 0, 0.1, 1.05)).toEqual({ fullSteps: 10, clip: true });
    expect(planGrid(0, 4, 0.25, 2)).toEqual({ fullSteps: 4, clip: false });
    expect(planGrid(0, 0, 0.1, 0)).toEqual({ fullSteps: 0, clip: false });
    expect(planGrid(0, 0, 0.1, -1)).toEqual({ fullSteps: 0, clip: false });
    // Within 1e-9·dt of a grid point counts as on the grid: no sliver step.
    expect(planGrid(0, 0, 0.1, 1 + 1e-12)).toEqual({ fullSteps: 10, clip: false });
  });

  it("times are tOrigin + k·dt by multiplication, never a running sum", () => {
    const sim = new Sim(decay(), { stepper: "euler" });
    sim.run({ T: 10, dt: 0.1 });
    const t = sim.rawResults().T;
    expect(t.length).toBe(101);
    for (let k = 0; k < t.length; k++) expect(t[k]).toBe(0 + k * 0.1);
    expect(sim.sessionStateSummary().t).toBe(100 * 0.1);
  });

  it("an off-grid T is reached exactly with one clipped step, and the next run starts a new grid", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 1.05, dt: 0.1 });
    const raw = sim.rawResults();
    expect(raw.n).toBe(12);
    expect(raw.T[11]).toBe(1.05);
    expect(raw.T[10]).toBe(10 * 0.1);
    const st = sim.sessionState();
    expect(st.gridOrigin).toBe(1.05);
    expect(st.gridStep).toBe(0);
    sim.run({ T: 1.35, resume: true });
    const t2 = sim.rawResults().T;
    expect(t2.at(-1)).toBe(1.05 + 3 * 0.1);
  });

  it("ODE T <= t0 takes no step and records only the start row", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 0, dt: 0.1 });
    expect(sim.rawResults().n).toBe(1);
    expect(sim.sessionStateSummary().step).toBe(0);
  });
});

describe("resume is bit-identical to one run on the grid (item 38)", () => {
  for (const stepper of ["ab2", "ab3", "bdf2", "sdirk2", "rk4", "euler", "rk2"]) {
    it(stepper, () => {
      const one = new Sim(forced(), { stepper });
      one.run({ T: 2, dt: 0.125 });
      const two = new Sim(forced(), { stepper });
      two.run({ T: 1, dt: 0.125 });
      two.run({ T: 2, resume: true });
      const a = one.rawResults();
      const b = two.rawResults();
      expect(b.n).toBe(a.n);
      expect(bits(b.T)).toEqual(bits(a.T));
      expect(Array.from(b.STEP)).toEqual(Array.from(a.STEP));
      for (const v of ["x", "v"]) expect(bits(b.getVar(v))).toEqual(bits(a.getVar(v)));
      const sa = one.sessionState();
      const sb = two.sessionState();
      expect(bits(sb.yCurr)).toEqual(bits(sa.yCurr));
      expect(sb.tCurr).toBe(sa.tCurr);
      expect(sb.stepCount).toBe(sa.stepCount);
      // History carried over: the multistep/persistent workspace fields agree too.
      for (const name of ["f_prev", "f_curr", "f_nm2", "f_nm1", "f_n", "step_index", "y_nm1"]) {
        const wa = sa.workspace.stepper[name];
        const wb = sb.workspace.stepper[name];
        if (wa === undefined) continue;
        expect(Array.from(wb as ArrayLike<number | bigint>)).toEqual(
          Array.from(wa as ArrayLike<number | bigint>),
        );
      }
    });
  }
});

describe("grid restarts when the step changes", () => {
  it("config({dt}) between a run and its resume starts a new grid at the current time", () => {
    const sim = new Sim(forced(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1 });
    sim.config({ dt: 0.05 });
    sim.run({ T: 2, resume: true });
    const t = sim.rawResults().T;
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    expect(t.at(-1)).toBe(10 * 0.1 + 20 * 0.05);
    expect(sim.sessionStateSummary().step).toBe(30);
    expect(sim.sessionState().gridOrigin).toBe(10 * 0.1);
    expect(sim.sessionState().gridStep).toBe(20);
  });
});
