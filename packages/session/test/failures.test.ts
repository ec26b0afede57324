import type { DynWarning } from "@dyn/core";
import { defineStepper, OK, STEPFAIL, type Stepper } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { SESSION_ERROR_CODES } from "../src/errors.ts";
import { Sim } from "../src/sim.ts";
import { fakeModel } from "./helpers/fakeModel.ts";
import { decay } from "./helpers/models.ts";

/** Explicit Euler that fails (STEPFAIL) once a step would end after `failAfter`. */
function failingEuler(failAfter: number): Stepper {
  return defineStepper({
    meta: {
      name: `fail-euler-${failAfter}`,
      kind: "ode",
      timeControl: "fixed",
      scheme: "explicit",
      family: "euler",
      order: 1,
    },
    workspace: [{ name: "k", dtype: "float64", shape: (n) => [n] }],
    step(t, dt, y, rhs, p, rws, ws, _cfg, yProp, tProp, dtNext, errEst) {
      if (t + dt > failAfter) return STEPFAIL;
      const k = ws["k"] as Float64Array;
      rhs(t, y, k, p, rws);
      for (let i = 0; i < y.length; i++) yProp[i] = y[i]! + dt * k[i]!;
      tProp[0] = t + dt;
      dtNext[0] = dt;
      errEst[0] = 0;
      return OK;
    },
  });
}

function snapshotOf(sim: Sim) {
  const s = sim.sessionState();
  return {
    t: s.tCurr,
    y: Array.from(s.yCurr),
    p: Array.from(s.paramsCurr),
    step: s.stepCount,
    frame: s.frameStep,
    grid: [s.gridOrigin, s.gridStep],
    dt: s.dtCurr,
    status: s.status,
    cfg: Array.from(s.stepperCfg),
    ws: Object.fromEntries(
      [...Object.entries(s.workspace.stepper), ...Object.entries(s.workspace.runtime ?? {})].map(([k, v]) => [
        k,
        Array.from(v as ArrayLike<number | bigint>, String),
      ]),
    ),
  };
}

describe("failures (§9)", () => {
  it("46: STEPFAIL during warm-up names the warm-up, skips the recorded run, leaves step 0", () => {
    const sim = new Sim(decay(), { stepper: failingEuler(0.25) });
    expect(() => sim.run({ T: 1, dt: 0.1, transient: 0.5 })).toThrow(
      "Runner exited with status STEPFAIL (2) during transient warm-up",
    );
    expect(sim.sessionStateSummary().step).toBe(0);
    expect(sim.sessionStateSummary().t).toBe(0);
    expect(() => sim.rawResults()).toThrow("No simulation results available");
  });

  it("47: STEPFAIL during the recorded run names it and changes nothing", () => {
    const sim = new Sim(decay(), { stepper: failingEuler(0.55) });
    sim.run({ T: 0.3, dt: 0.1 });
    const before = snapshotOf(sim);
    let caught: unknown;
    try {
      sim.run({ T: 1, resume: true });
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).toBe("Runner exited with status STEPFAIL (2) during recorded run");
    expect((caught as { code: string }).code).toBe(SESSION_ERROR_CODES.RUN_FAILED);
    expect(snapshotOf(sim)).toEqual(before);
    // A failed resume keeps the results; a failed non-resume run has cleared them first.
    expect(sim.rawResults().n).toBe(4);
    expect(() => sim.run({ T: 1 })).toThrow("during recorded run");
    expect(() => sim.rawResults()).toThrow("No simulation results available");
    expect(snapshotOf(sim)).toEqual(before);
  });

  it("a successful warm-up followed by a failed recorded run leaves the session at the warm state", () => {
    const sim = new Sim(decay(), { stepper: failingEuler(0.75) });
    expect(() => sim.run({ T: 1, dt: 0.125, transient: 0.5 })).toThrow("during recorded run");
    expect(sim.sessionStateSummary().t).toBe(0.5);
    expect(sim.sessionStateSummary().step).toBe(4);
  });

  it("48: x' = 1000x² with euler → NAN_DETECTED; session step 0, status DONE", () => {
    const blowup = fakeModel({
      kind: "ode",
      states: { x: 1 },
      rhs: (_t, y, out) => {
        out[0] = 1000 * y[0]! * y[0]!;
      },
    });
    const sim = new Sim(blowup, { stepper: "euler" });
    expect(() => sim.run({ T: 1, dt: 0.01 })).toThrow(
      "Runner exited with status NAN_DETECTED (3) during recorded run",
    );
    const s = sim.sessionStateSummary();
    expect(s.step).toBe(0);
    expect(s.status).toBe("DONE");
    expect(Array.from(sim.stateVector())).toEqual([1]);
  });

  it("50: an ODE run reaching maxSteps is DONE with a warning; resume is still allowed", () => {
    const warnings: DynWarning[] = [];
    const sim = new Sim(decay(), { stepper: "rk4", onWarning: (w) => warnings.push(w) });
    sim.run({ T: 10, dt: 0.1, maxSteps: 20 });
    expect(sim.rawResults().status).toBe(9);
    expect(sim.sessionStateSummary().step).toBe(20);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe(
      "Simulation terminated after reaching max_steps (20) steps. The target end time T=10.0 may not have been reached.",
    );
    expect(sim.warnings).toEqual(warnings);
    expect(sim.canResume()).toEqual([true, null]);
    sim.run({ T: 3, resume: true });
    expect(sim.sessionStateSummary().t).toBe(30 * 0.1);
    expect(sim.warnings).toEqual([]); // warnings last until the next run
  });

  it("user code throwing inside a run leaves the session, its snapshot and its results untouched", () => {
    let armed = false;
    const model = fakeModel({
      kind: "ode",
      states: { x: 1, y: 2 },
      params: { a: 0.5 },
      rhs: (t, y, out, p) => {
        if (armed && t > 0.55) throw new Error("boom in rhs");
        out[0] = -p[0]! * y[0]!;
        out[1] = y[0]!;
      },
      events: [
        {
          name: "bump",
          phase: "end",
          cond: (t) => t > 0.3,
          action: (_t, _y, p) => {
            p[0] = p[0]! + 1;
          },
          log: {
            fields: ["t"],
            fn: (t, _y, _p, out) => {
              out[0] = t;
            },
          },
        },
      ],
    });
    const sim = new Sim(model, { stepper: "ab3" });
    sim.run({ T: 0.5, dt: 0.1, tag: "first" });
    const before = snapshotOf(sim);
    const raw = sim.rawResults();
    const view = sim.results();
    const initial = sim.getSnapshot("initial")!;
    const initialY = Array.from(initial.state.yCurr);
    armed = true;
    let caught: unknown;
    try {
      sim.run({ T: 1, resume: true });
    } catch (err) {
      caught = err;
    }
    expect((caught as { code: string }).code).toBe(SESSION_ERROR_CODES.KERNEL_THREW);
    expect((caught as Error).message).toBe("Model or stepper code threw during recorded run: boom in rhs");
    expect(((caught as Error).cause as Error).message).toBe("boom in rhs");
    expect(snapshotOf(sim)).toEqual(before);
    expect(sim.rawResults()).toBe(raw);
    expect(sim.results()).toBe(view);
    expect(raw.n).toBe(6);
    expect(view.segment.length).toBe(1);
    expect(Array.from(sim.getSnapshot("initial")!.state.yCurr)).toEqual(initialY);
    // Parameter changes made by events inside the failed run did not leak into the session.
    expect(sim.param("a")).toBe(before.p[0]);
    armed = false;
    sim.run({ T: 1, resume: true });
    expect(sim.results().segment.length).toBe(2);
  });
});
