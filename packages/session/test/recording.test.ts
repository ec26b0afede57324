import { describe, expect, it } from "vitest";
import { Sim } from "../src/sim.ts";
import { sawtooth, tickEveryStep, withAux } from "./helpers/eventModels.ts";
import { decay, forced, logistic } from "./helpers/models.ts";

const quiet = { onWarning: () => {} };

describe("results and recording", () => {
  it("25: results()/rawResults() throw before the first run; results() is cached; view length = raw n", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    expect(() => sim.rawResults()).toThrow(
      "No simulation results available; call run() first (reset() clears history).",
    );
    expect(() => sim.results()).toThrow("No simulation results available");
    sim.run({ T: 1, dt: 0.1 });
    const v1 = sim.results();
    expect(sim.results()).toBe(v1);
    expect(v1.length).toBe(sim.rawResults().n);
    sim.run({ T: 2, resume: true });
    expect(sim.results()).not.toBe(v1); // a run invalidates the cached view
  });

  it("26: default recording is all states in declaration order and no aux", () => {
    const sim = new Sim(withAux(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1 });
    const raw = sim.rawResults();
    expect(raw.stateNames).toEqual(["x", "y"]);
    expect(raw.auxNames).toEqual([]);
    expect(raw.AUX).toBeNull();
  });

  it("27: recordVars subsets, aux with/without prefix, mixed order, [] and unknown names", () => {
    const sim = new Sim(withAux(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1, recordVars: ["K", "y", "aux.E", "x"] });
    const raw = sim.rawResults();
    expect(raw.stateNames).toEqual(["y", "x"]);
    expect(raw.auxNames).toEqual(["K", "E"]);
    const x = raw.getVar("x");
    const e = raw.getVar("E");
    const k = raw.getVar("aux.K");
    const y = raw.getVar("y");
    for (let i = 0; i < raw.n; i++) {
      expect(e[i]).toBe(x[i]! * x[i]!);
      expect(k[i]).toBe(x[i]! + y[i]!);
    }
    sim.run({ T: 1, dt: 0.1, recordVars: [] });
    const empty = sim.rawResults();
    expect(empty.n).toBe(11);
    expect(empty.stateNames).toEqual([]);
    expect(empty.T[10]).toBe(10 * 0.1);
    expect(() => sim.run({ T: 1, recordVars: ["aux.Q"] })).toThrow("Unknown aux variable: Q");
    expect(() => sim.run({ T: 1, recordVars: ["q"] })).toThrow(
      "Unknown variable: 'q'. Available states: ['x', 'y']. Available aux: ['E', 'K'].",
    );
  });

  it("29: a tiny capRec still records everything (growth is invisible)", () => {
    const a = new Sim(forced(), { stepper: "rk4" });
    a.run({ T: 5, dt: 0.01 });
    const b = new Sim(forced(), { stepper: "rk4" });
    b.run({ T: 5, dt: 0.01, capRec: 1, capEvt: 1 });
    const ra = a.rawResults();
    const rb = b.rawResults();
    expect(rb.n).toBe(ra.n);
    expect(Array.from(rb.T)).toEqual(Array.from(ra.T));
    expect(Array.from(rb.STEP)).toEqual(Array.from(ra.STEP));
    expect(Array.from(rb.getVar("v"))).toEqual(Array.from(ra.getVar("v")));
  });

  it("event buffers grow without losing or repeating an event (D-4)", () => {
    const sim = new Sim(tickEveryStep(), { stepper: "euler" });
    sim.run({ T: 10, dt: 0.125, capEvt: 1 });
    const raw = sim.rawResults();
    expect(raw.EVT_CODE.length).toBe(80);
    const t = Array.from({ length: 80 }, (_, i) => raw.EVT_LOG_DATA.at(i, 0));
    expect(t).toEqual(Array.from({ length: 80 }, (_, i) => (i + 1) * 0.125));
    // Owner = the latest row at the moment the event fired: the row before its step.
    expect(Array.from(raw.EVT_INDEX)).toEqual(Array.from({ length: 80 }, (_, i) => i));
  });

  it("recordInterval records every k-th step with STEP labels k, 2k, …", () => {
    const sim = new Sim(decay(), { stepper: "euler" });
    sim.run({ T: 1, dt: 0.01, recordInterval: 10 });
    const raw = sim.rawResults();
    expect(Array.from(raw.STEP)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(raw.T[3]).toBe(30 * 0.01);
  });

  it("4: one recorded run gives one segment run#0 equal to the full view", () => {
    const sim = new Sim(forced(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1 });
    const res = sim.results();
    expect(res.segment.length).toBe(1);
    const seg = res.segment.get("run#0");
    expect(seg.name).toBe("run#0");
    expect(Array.from(seg.t)).toEqual(Array.from(res.t));
    expect(Array.from(seg.get("x") as Float64Array)).toEqual(Array.from(res.get("x") as Float64Array));
  });

  it("8: record=false leaves readable results with zero segments", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1, record: false });
    const res = sim.results();
    expect(res.n).toBe(0);
    expect(res.segment.length).toBe(0);
    expect(sim.rawResults().stepCountFinal).toBe(10);
    expect(sim.sessionStateSummary().t).toBe(10 * 0.1);
  });

  it("1, 5: run + resume: time and STEP strictly increasing, owners non-decreasing, segment lengths sum", () => {
    const sim = new Sim(sawtooth(), { stepper: "euler" });
    sim.run({ T: 1, dt: 0.125 });
    sim.run({ T: 2, resume: true });
    const raw = sim.rawResults();
    for (let i = 1; i < raw.n; i++) {
      expect(raw.T[i]!).toBeGreaterThan(raw.T[i - 1]!);
      expect(raw.STEP[i]!).toBeGreaterThan(raw.STEP[i - 1]!);
    }
    const owners = Array.from(raw.EVT_INDEX).filter((o) => o >= 0);
    for (let i = 1; i < owners.length; i++) expect(owners[i]!).toBeGreaterThanOrEqual(owners[i - 1]!);
    const segs = sim.results().segment;
    expect(segs.length).toBe(2);
    expect(segs.get(0).length + segs.get(1).length).toBe(raw.n);
    expect(segs.get(1).meta.resume).toBe(true);
    expect(raw.n).toBe(17);
  });

  it("2: unrecorded run then recorded resume: rows exist, last STEP exceeds the earlier step count", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1, record: false });
    const before = sim.sessionStateSummary().step;
    sim.run({ T: 2, resume: true, record: true });
    const raw = sim.rawResults();
    expect(raw.n).toBeGreaterThan(0);
    expect(raw.STEP[raw.n - 1]!).toBeGreaterThan(before);
    expect(raw.STEP[0]).toBe(before);
  });

  it("6: tags resolve as names and run#i aliases; segment events are the slice of the log", () => {
    const sim = new Sim(sawtooth(), { stepper: "euler" });
    sim.run({ T: 2, dt: 0.125, tag: "baseline" });
    sim.run({ T: 4, resume: true, tag: "I=12" });
    const res = sim.results();
    const raw = sim.rawResults();
    expect(res.segment.get("baseline").name).toBe("baseline");
    expect(res.segment.get("I=12").name).toBe("I=12");
    expect(res.segment.get("run#0").name).toBe("baseline");
    expect(res.segment.get("run#1").name).toBe("I=12");
    for (const name of ["baseline", "I=12"]) {
      const seg = res.segment.get(name);
      const [codes, owners] = seg.events();
      const { evtStart, evtLen } = seg.meta;
      expect(codes.length).toBe(evtLen);
      expect(Array.from(codes)).toEqual(Array.from(raw.EVT_CODE.subarray(evtStart, evtStart + evtLen)));
      expect(Array.from(owners)).toEqual(Array.from(raw.EVT_INDEX.subarray(evtStart, evtStart + evtLen)));
    }
    expect(res.segment.get("I=12").meta.evtLen).toBeGreaterThan(0);
  });

  it("6a: an end event every step, run to 0.5 then resume to 1.0: 8 rows, each owned by the row before its step", () => {
    const sim = new Sim(tickEveryStep(), { stepper: "euler" });
    sim.run({ T: 0.5, dt: 0.125 });
    sim.run({ T: 1.0, resume: true });
    const raw = sim.rawResults();
    expect(raw.EVT_CODE.length).toBe(8);
    for (let j = 0; j < 8; j++) {
      const t = raw.EVT_LOG_DATA.at(j, 0);
      expect(t).toBe((j + 1) * 0.125);
      const owner = raw.EVT_INDEX[j]!;
      expect(raw.T[owner]).toBe(j * 0.125);
    }
  });

  it("9: renaming segments uniquifies; run#1 still resolves; selecting two variables on a segment", () => {
    const sim = new Sim(forced(), { stepper: "rk4" });
    expect(() => sim.nameSegment(0, "x")).toThrow("No recorded segments available to rename");
    sim.run({ T: 1, dt: 0.1 });
    sim.run({ T: 2, resume: true });
    const v0 = sim.results();
    sim.nameSegment("run#0", "baseline");
    expect(sim.results()).not.toBe(v0);
    sim.nameLastSegment("baseline");
    const res = sim.results();
    expect(res.segment.names()).toEqual(["baseline", "baseline-2"]);
    expect(res.segment.get("run#1").name).toBe("baseline-2");
    const seg = res.segment.get("baseline-2");
    const m = seg.get(["x", "v"]) as { rows: number };
    expect(m.rows).toBe(seg.length);
  });

  it("11: a fresh session accepts resume and records a segment flagged resume", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 1, resume: true });
    const seg = sim.results().segment.get(0);
    expect(seg.meta.resume).toBe(true);
    expect(sim.rawResults().T[0]).toBe(0);
    expect(sim.sessionStateSummary().t).toBe(1);
  });

  it("12: `initial` captures the first run's explicit ic/params/t0", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 3, t0: 2, ic: [5], params: [0.5], dt: 0.1 });
    const snap = sim.getSnapshot("initial")!;
    expect(snap.state.tCurr).toBe(2);
    expect(Array.from(snap.state.yCurr)).toEqual([5]);
    expect(Array.from(snap.state.paramsCurr)).toEqual([0.5]);
    expect(snap.description).toBe("auto-created before first run");
    expect(Array.from(sim.stateVector({ source: "snapshot" }))).toEqual([5]);
    sim.run({ T: 4, t0: 3, ic: [7] });
    expect(Array.from(sim.getSnapshot("initial")!.state.yCurr)).toEqual([5]);
  });

  it("28: resume reuses the selection and rejects recordVars", () => {
    const sim = new Sim(withAux(), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.1, recordVars: ["y", "E"] });
    sim.run({ T: 2, resume: true });
    const raw = sim.rawResults();
    expect(raw.stateNames).toEqual(["y"]);
    expect(raw.auxNames).toEqual(["E"]);
    expect(raw.n).toBe(21);
    expect(() => sim.run({ T: 3, resume: true, recordVars: ["x"] })).toThrow(
      "record_vars cannot be changed during resume",
    );
    sim.run({ T: 1, recordVars: ["x"] });
    expect(sim.rawResults().stateNames).toEqual(["x"]);
  });

  it("30: event views, time filters, tag groups through results()", () => {
    const sim = new Sim(sawtooth(), { stepper: "euler", ...quiet });
    sim.run({ T: 3, dt: 0.125 });
    const res = sim.results();
    expect(res.eventNames()).toEqual(["spike", "reset"]);
    const resets = res.event("reset") as import("@dyn/results").EventView;
    expect(resets.count).toBe(3);
    expect(Array.from(resets.t)).toEqual([1, 2, 3]);
    expect(resets.time(1, 2).count).toBe(2);
    expect(Array.from(resets.tail(1).t)).toEqual([3]);
    const spikes = res.event("spike") as import("@dyn/results").EventView;
    expect(Array.from(spikes.get("x") as Float64Array)).toEqual([0.5, 0.5, 0.5]);
    expect(res.summary()).toEqual({ spike: 3, reset: 3 });
    expect(res.eventsByTag("edge")).toEqual(["spike", "reset"]);
    const edge = res.event({ tag: "edge" }) as import("@dyn/results").EventGroupView;
    expect(edge.counts()).toEqual({ spike: 3, reset: 3 });
    expect(edge.fields("intersection")).toEqual(["t"]);
    expect(edge.fields("union")).toEqual(["t", "x"]);
    const byTime = edge.sort("t");
    expect(Array.from(byTime.t)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    const xs = byTime.select("x", { mode: "union", fillValue: -1 }) as Float64Array;
    expect(Array.from(xs)).toEqual([0.5, -1, 0.5, -1, 0.5, -1]);
    expect(Array.from((resets.sort("t") as import("@dyn/results").EventView).t)).toEqual([1, 2, 3]);
    // The start event's action changed a parameter, and parameter changes persist.
    expect(sim.param("count")).toBe(3);
  });

  it("49: logistic with stop x > 0.8 exits early after 6 steps with 7 rows", () => {
    const sim = new Sim(logistic({ params: { r: 3.5 }, stop: (_t, y) => y[0]! > 0.8 }), { stepper: "map" });
    sim.run({ N: 100 });
    const raw = sim.rawResults();
    expect(raw.status).toBe(7);
    expect(raw.ok).toBe(true);
    expect(raw.exitedEarly).toBe(true);
    expect(raw.n).toBe(7);
    expect(sim.sessionStateSummary().step).toBe(6);
    expect(sim.sessionStateSummary().status).toBe("EARLY_EXIT");
    expect(raw.getVar("x")[6]!).toBeGreaterThan(0.8);
    expect(raw.getVar("x")[5]!).toBeLessThanOrEqual(0.8);
  });
});
