import { describe, expect, it } from "vitest";
import { SESSION_ERROR_CODES } from "../src/errors.ts";
import { Sim } from "../src/sim.ts";
import { fakeModel } from "./helpers/fakeModel.ts";
import { decay, forced, logistic } from "./helpers/models.ts";

/** A map with a lagged state: x_{n+1} = 0.5·x_n + 0.25·lag_x(2) + 0.1·sin(n). */
function laggedMap() {
  return fakeModel({
    kind: "map",
    states: { x: 0.3 },
    params: { a: 0.5 },
    lag: [{ state: "x", len: 3 }],
    rhs: (t, y, out, p, ws) => {
      const info = ws["lag_info"] as Int32Array;
      const ring = ws["lag_ring"] as Float64Array;
      const head = (ws["lag_head"] as Int32Array)[0]!;
      const len = info[1]!;
      let idx = head - 2;
      if (idx < 0) idx += len;
      out[0] = p[0]! * y[0]! + 0.25 * ring[idx]! + 0.1 * Math.sin(t);
    },
  });
}

describe("order and messages of run's checks (§4)", () => {
  it("1: tag must be a non-empty string", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    expect(() => sim.run({ tag: 3 as unknown as string })).toThrow(TypeError);
    expect(() => sim.run({ tag: 3 as unknown as string })).toThrow("tag must be a string or None");
    expect(() => sim.run({ tag: "" })).toThrow("tag cannot be empty");
    // tag is checked before everything else: before the resume/override and dt checks.
    expect(() => sim.run({ tag: "", resume: true, dt: -1 })).toThrow("tag cannot be empty");
  });

  it("31: resume with ic/params/t0/dt throws; transient < 0 and transient with resume throw", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    const msg = "resume=True ignores ic/params/t0/dt overrides; omit them for clarity";
    expect(() => sim.run({ resume: true, ic: [1] })).toThrow(msg);
    expect(() => sim.run({ resume: true, params: [1] })).toThrow(msg);
    expect(() => sim.run({ resume: true, t0: 0 })).toThrow(msg);
    expect(() => sim.run({ resume: true, dt: 0.1 })).toThrow(msg);
    expect(() => sim.run({ transient: -1 })).toThrow("transient must be non-negative");
    expect(() => sim.run({ transient: 1, resume: true })).toThrow(
      "transient warm-up is not allowed during resume",
    );
    // Nothing ran: no results, session untouched.
    expect(() => sim.rawResults()).toThrow("No simulation results available");
    expect(sim.sessionStateSummary().step).toBe(0);
  });

  it("32: dt <= 0 throws; an explicit dt persists as nominal dt, even when a later check fails", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    expect(() => sim.run({ dt: 0 })).toThrow("dt must be positive");
    expect(() => sim.run({ dt: -0.5 })).toThrow("dt must be positive");
    sim.run({ T: 1, dt: 0.25 });
    expect(sim.nominalDt).toBe(0.25);
    sim.run({ T: 1 });
    expect(sim.rawResults().n).toBe(5);
    expect(() => sim.run({ dt: 0.5, transient: -1 })).toThrow("transient must be non-negative");
    expect(sim.nominalDt).toBe(0.5);
  });

  it("33: maps reject T and N together and T < t0; ODEs reject N", () => {
    const map = new Sim(logistic(), { stepper: "map" });
    expect(() => map.run({ N: 5, T: 5 })).toThrow(
      "For discrete systems, specify either N (iterations) or T (inferred), not both",
    );
    expect(() => map.run({ T: -3, dt: 1 })).toThrow("T (-3.0) must be >= t0 (0.0) for discrete systems");
    const ode = new Sim(decay(), { stepper: "rk4" });
    expect(() => ode.run({ N: 10 })).toThrow(
      "For continuous systems, use 'T' (end time), not 'N' (iterations)",
    );
  });

  it("34: resume horizon must extend beyond the current time; map resume with nothing left throws", () => {
    const ode = new Sim(decay(), { stepper: "rk4" });
    ode.run({ T: 1, dt: 0.1 });
    expect(() => ode.run({ T: 1, resume: true })).toThrow(
      "Resume target T (1.0) must exceed current time (1.0)",
    );
    expect(() => ode.run({ T: 0.5, resume: true })).toThrow("must exceed current time");
    const map = new Sim(logistic(), { stepper: "map" });
    map.run({ N: 5, dt: 1 });
    expect(() => map.run({ N: 5, resume: true })).toThrow(
      "Resume target T (from N) (5.0) must exceed current time (5.0)",
    );
    // The results of the successful run are kept after a failed resume.
    expect(map.rawResults().n).toBe(6);
  });

  it("35: transient warm-up: recorded times start at t0, session time is absolute, resume horizons use the recorded frame", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    sim.run({ T: 0.5, dt: 0.1, transient: 0.3 });
    const raw = sim.rawResults();
    expect(raw.T[0]).toBeCloseTo(0, 15);
    expect(raw.T[raw.n - 1]).toBeCloseTo(0.5, 12);
    expect(raw.n).toBe(6);
    expect(raw.STEP[0]).toBe(0);
    expect(sim.sessionStateSummary().t).toBeCloseTo(0.8, 12);
    expect(sim.timeShift).toBeCloseTo(0.3, 12);
    sim.run({ T: 0.8, resume: true });
    expect(sim.sessionStateSummary().t).toBeCloseTo(1.1, 12);
    expect(sim.rawResults().T.at(-1)).toBeCloseTo(0.8, 12);
    // The warm-up moved the state: the recorded start is the warm state, not the IC.
    expect(raw.getVar("x")[0]).toBeCloseTo(Math.exp(-0.3), 6);
    expect(() => sim.run({ T: 0.2, transient: 0.5 })).not.toThrow();
    expect(() => sim.run({ T: 0, transient: 0.5 })).toThrow(
      "transient exceeds or equals requested horizon; nothing left to record",
    );
  });

  it("35b: a warm-up is the first part of the same time grid; the recorded part continues it", () => {
    const a = new Sim(forced(), { stepper: "rk4" });
    a.run({ T: 1, dt: 0.125, transient: 0.5 });
    const b = new Sim(forced(), { stepper: "rk4" });
    b.run({ T: 1.5, dt: 0.125 });
    expect(Array.from(a.sessionState().yCurr)).toEqual(Array.from(b.sessionState().yCurr));
    expect(a.sessionState().tCurr).toBe(b.sessionState().tCurr);
  });

  it("36: map horizons, labels and warm-up", () => {
    const m = new Sim(logistic(), { stepper: "map" });
    m.run({ N: 100, dt: 1 });
    expect(Array.from(m.rawResults().T)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    m.run({ T: 50, dt: 1 });
    expect(m.rawResults().n).toBe(51);
    expect(m.sessionStateSummary().step).toBe(50);
    m.run({ N: 8, dt: 0.25 });
    expect(m.rawResults().n).toBe(9);
    expect(m.rawResults().T[8]).toBe(2.0);
    m.run({ N: 10, dt: 1, transient: 5 });
    expect(m.rawResults().n).toBe(11);
    expect(m.sessionStateSummary().step).toBe(15);
    expect(m.rawResults().T[10]).toBe(10);
    m.run({ N: 5 });
    m.run({ N: 12, resume: true });
    expect(m.rawResults().n).toBe(13);
    m.run({ N: 4 });
    m.run({ T: 10, resume: true });
    expect(m.rawResults().T.at(-1)).toBe(10);
    // On resume t0 is [sim].t0: a run with t0=5, N=5 resumed with T=12 iterates 7 more.
    m.run({ t0: 5, N: 5, dt: 1 });
    m.run({ T: 12, resume: true });
    expect(m.sessionStateSummary().t).toBe(17);
    expect(m.sessionStateSummary().step).toBe(12);
  });

  it("map labels stay tStart + k·dt across buffer growth (D-3)", () => {
    const m = new Sim(logistic(), { stepper: "map" });
    m.run({ N: 5000, dt: 0.1, t0: 0.3, capRec: 1 });
    const t = m.rawResults().T;
    for (let k = 0; k < t.length; k++) expect(t[k]).toBe(0.3 + k * 0.1);
  });

  it("37: lag buffers: N=5 then resume to N=8 equals a fresh N=8 run", () => {
    const a = new Sim(laggedMap(), { stepper: "map" });
    a.run({ N: 5 });
    a.run({ N: 8, resume: true });
    const b = new Sim(laggedMap(), { stepper: "map" });
    b.run({ N: 8 });
    expect(Array.from(a.rawResults().getVar("x"))).toEqual(Array.from(b.rawResults().getVar("x")));
    expect(Array.from(a.sessionState().workspace.runtime?.["lag_ring"] as ArrayLike<number>)).toEqual(
      Array.from(b.sessionState().workspace.runtime?.["lag_ring"] as ArrayLike<number>),
    );
    // A non-resume run re-seeds the rings from its start state, so it is not the continuation.
    const c = new Sim(laggedMap(), { stepper: "map" });
    c.run({ N: 5 });
    c.run({ N: 3, ic: c.stateVector() });
    expect(c.sessionState().yCurr[0]).not.toBe(b.sessionState().yCurr[0]);
  });

  it("run options are validated with coded errors", () => {
    const sim = new Sim(decay(), { stepper: "rk4" });
    try {
      sim.run({ recordInterval: 0 });
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe(SESSION_ERROR_CODES.INVALID_ARGUMENT);
      expect((err as Error).message).toContain("record_interval must be >= 1");
    }
    expect(() => sim.run({ ic: [1, 2] })).toThrow("ic has length 2, expected 1");
    expect(() => sim.run({ maxSteps: 0 })).toThrow("max_steps must be positive");
  });
});
