import { describe, expect, it } from "vitest";
import { setup } from "../src/index.ts";
import type { Sim } from "../src/sim.ts";

const lorenz = (stepper = "rk4"): Sim => setup("builtin://ode/lorenz", { stepper, onWarning: () => {} });

function bits(a: ArrayLike<number>): string {
  return Array.from(a, (v) => Buffer.from(new Float64Array([v]).buffer).toString("hex")).join(",");
}

describe("snapshots and reset (§5)", () => {
  it("3: snapshot at t=0.5, resume, reset(snapshot): summary t = 0.5 and rawResults() throws", () => {
    const sim = lorenz();
    sim.run({ T: 0.5, dt: 0.01 });
    sim.createSnapshot("half", "at t = 0.5");
    sim.run({ T: 1, resume: true });
    expect(sim.sessionStateSummary().t).toBeCloseTo(1, 12);
    sim.reset("half");
    expect(sim.sessionStateSummary().t).toBe(0.5);
    expect(() => sim.rawResults()).toThrow("No simulation results available; call run() first");
    expect(sim.segments()).toHaveLength(0);
  });

  it("7: reset() after two segments, then run → one segment run#0", () => {
    const sim = lorenz();
    sim.run({ T: 0.2, dt: 0.01 });
    sim.run({ T: 0.4, resume: true });
    expect(sim.segments()).toHaveLength(2);
    sim.reset();
    expect(sim.sessionStateSummary()).toMatchObject({ t: 0, step: 0 });
    sim.run({ T: 0.2 });
    expect(sim.results().segment.names()).toEqual(["run#0"]);
  });

  it("reset restores timeShift and nominalDt of the snapshot; the next non-resume run chooses the selection", () => {
    const sim = lorenz();
    sim.run({ T: 0.5, dt: 0.1, transient: 0.3, recordVars: ["x"] });
    expect(sim.timeShift).toBeCloseTo(0.3, 12);
    sim.createSnapshot("warm");
    sim.run({ T: 1, dt: 0.05 });
    expect(sim.timeShift).toBe(0);
    expect(sim.nominalDt).toBe(0.05);
    sim.reset("warm");
    expect(sim.timeShift).toBeCloseTo(0.3, 12);
    expect(sim.nominalDt).toBe(0.1);
    // selection cleared by reset: a resume records all states again
    sim.run({ T: 0.8, resume: true });
    expect(sim.results().stateNames).toEqual(["x", "y", "z"]);
    expect(sim.sessionStateSummary().t).toBeCloseTo(1.1, 12);
  });

  it("10: a non-resume run after assign starts from the assigned values; after a plain run from the final state", () => {
    const sim = lorenz();
    sim.assign({ x: 2, y: 3, z: 4 });
    sim.run({ T: 0.1, dt: 0.01 });
    expect(sim.results().get("y")[0]).toBe(3);
    expect(sim.results().get("x")[0]).toBe(2);
    expect(sim.results().get("z")[0]).toBe(4);
    const final = sim.stateVector();
    sim.run({ T: 0.1 });
    expect(sim.results().get("x")[0]).toBe(final[0]);
    expect(sim.results().t[0]).toBe(0);
  });

  it("23: empty or duplicate names throw; listSnapshots lists initial first, with parent", () => {
    const sim = lorenz();
    expect(() => sim.createSnapshot("")).toThrow("snapshot name cannot be empty");
    sim.createSnapshot("a", "first");
    expect(() => sim.createSnapshot("a")).toThrow("Snapshot 'a' already exists");
    const list = sim.listSnapshots();
    expect(list.map((s) => s.name)).toEqual(["initial", "a"]);
    expect(list[0]).toMatchObject({
      description: "auto-created before first run",
      t: 0,
      step: 0,
      parent: null,
    });
    expect(list[1]).toMatchObject({ description: "first", parent: null });
    expect(list[1]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it("24: reset to an unknown snapshot throws; snapshots survive reset", () => {
    const sim = lorenz();
    sim.run({ T: 0.1 });
    sim.createSnapshot("s1");
    expect(() => sim.reset("nope")).toThrow("Unknown snapshot 'nope'");
    sim.reset("s1");
    sim.reset();
    expect(sim.listSnapshots().map((s) => s.name)).toEqual(["initial", "s1"]);
    expect(() => sim.compatCheck("nope")).toThrow("Unknown snapshot 'nope'");
  });

  it("12/initial rules: initial is created once, by the first run from its seed", () => {
    const sim = lorenz();
    sim.run({ T: 0.1, t0: 0, ic: [5, 6, 7], params: [10, 20, 3] });
    sim.run({ T: 0.2, ic: [1, 1, 1] });
    expect(Array.from(sim.stateVector({ source: "snapshot" }))).toEqual([5, 6, 7]);
    expect(Array.from(sim.paramVector({ source: "snapshot" }))).toEqual([10, 20, 3]);
    expect(sim.listSnapshots().filter((s) => s.name === "initial")).toHaveLength(1);
  });

  it("snapshots never change afterwards, except initial's stepper config", () => {
    const sim = lorenz("rk45");
    sim.run({ T: 0.1 });
    sim.createSnapshot("s");
    const before = sim.getSnapshot("s")?.state.yCurr.slice();
    sim.run({ T: 0.3, resume: true });
    sim.assign({ x: 100 });
    expect(Array.from(sim.getSnapshot("s")?.state.yCurr ?? [])).toEqual(Array.from(before ?? []));
    sim.stepperConfig({ atol: 1e-10 });
    expect(sim.getSnapshot("initial")?.state.stepperCfg[0]).toBe(1e-10);
    expect(sim.getSnapshot("s")?.state.stepperCfg[0]).toBe(1e-8);
  });

  it("compatCheck and canResume: a snapshot from another stepper is incompatible and reset refuses it", () => {
    const a = lorenz("rk4");
    const b = lorenz("euler");
    a.run({ T: 0.1 });
    a.createSnapshot("x");
    const foreign = a.getSnapshot("x");
    if (foreign === undefined) throw new Error("missing");
    const [ok, diff] = b.compatCheck(foreign);
    expect(ok).toBe(false);
    expect(diff["stepper_name"]).toEqual(["euler", "rk4"]);
    expect(Object.keys(diff)).toEqual(["stepper_name", "workspace_sig"]);
    expect(b.compatCheck("initial")).toEqual([true, {}]);
    expect(b.canResume()).toEqual([true, null]);
  });

  it("D-13 lineage: snapshots record the snapshot the session was reset to or imported from", () => {
    const sim = lorenz();
    sim.run({ T: 0.1 });
    sim.createSnapshot("trunk");
    sim.reset("trunk");
    sim.run({ T: 0.2, resume: true });
    sim.createSnapshot("branch-a");
    sim.reset("trunk");
    sim.assign({ rho: 20 });
    sim.run({ T: 0.2, resume: true });
    sim.createSnapshot("branch-b");
    sim.reset("branch-a");
    sim.createSnapshot("leaf");
    const parents = Object.fromEntries(sim.listSnapshots().map((s) => [s.name, s.parent]));
    expect(parents).toEqual({
      initial: null,
      trunk: null,
      "branch-a": "trunk",
      "branch-b": "trunk",
      leaf: "branch-a",
    });
    expect(sim.snapshotTree()).toBe(
      ["initial", "trunk", "├─ branch-a", "│  └─ leaf", "└─ branch-b"].join("\n"),
    );
    const fresh = lorenz();
    fresh.importSnapshot(sim.exportSnapshot({ source: "snapshot", name: "leaf" }));
    fresh.createSnapshot("imported-child");
    expect(fresh.listSnapshots().at(-1)?.parent).toBe("leaf");
    expect(fresh.inspectSnapshot(fresh.exportSnapshot())["parent"]).toBe("leaf");
  });

  it("resume after reset keeps multistep history: reset to a mid-run snapshot and resume is bit-identical", () => {
    const one = lorenz("ab3");
    one.run({ T: 2, dt: 0.01 });
    const sim = lorenz("ab3");
    sim.run({ T: 1, dt: 0.01 });
    sim.createSnapshot("mid");
    sim.run({ T: 1.5, resume: true });
    sim.reset("mid");
    sim.run({ T: 2, resume: true });
    expect(bits(sim.stateVector())).toBe(bits(one.stateVector()));
  });

  it("resume is allowed directly after reset, importSnapshot and assign, each recording a resume segment", () => {
    const sim = lorenz();
    sim.run({ T: 0.2, dt: 0.01 });
    sim.createSnapshot("s");
    const bytes = sim.exportSnapshot();
    sim.reset("s");
    sim.run({ T: 0.3, resume: true });
    expect(sim.segments().map((g) => g.resume)).toEqual([true]);
    sim.importSnapshot(bytes);
    sim.run({ T: 0.3, resume: true });
    expect(sim.segments().map((g) => g.resume)).toEqual([true]);
    sim.assign({ rho: 10 });
    sim.run({ T: 0.4, resume: true });
    expect(sim.segments().map((g) => g.resume)).toEqual([true, true]);
    expect(sim.results().t.at(-1)).toBeCloseTo(0.4, 12);
  });

  it("a resume after reset to a snapshot taken before any run starts from fresh workspaces (= a fresh run)", () => {
    const sim = lorenz("ab2");
    sim.run({ T: 0.5, dt: 0.01 });
    sim.reset("initial");
    expect(Object.keys(sim.sessionState().workspace.stepper)).toEqual([]);
    sim.run({ T: 0.5, resume: true });
    const fresh = lorenz("ab2");
    fresh.run({ T: 0.5, dt: 0.01 });
    expect(bits(sim.stateVector())).toBe(bits(fresh.stateVector()));
    expect(sim.sessionStateSummary().step).toBe(50);
  });

  it("a transient-shifted session keeps its recorded frame through a file: resume horizons use the recorded frame", () => {
    const sim = lorenz();
    sim.run({ T: 0.5, dt: 0.1, transient: 0.3 });
    const fresh = lorenz();
    fresh.importSnapshot(sim.exportSnapshot());
    fresh.run({ T: 0.8, resume: true });
    sim.run({ T: 0.8, resume: true });
    expect(fresh.sessionStateSummary().t).toBe(sim.sessionStateSummary().t);
    expect(bits(fresh.results().t)).toBe(
      bits(sim.results().t.subarray(sim.results().t.length - fresh.results().t.length)),
    );
    expect(bits(fresh.stateVector())).toBe(bits(sim.stateVector()));
  });
});
