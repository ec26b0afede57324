import { describe, expect, it } from "vitest";
import { getRunLoop } from "../src/internal/loopCache.ts";
import { type LoopOptions, loopSource } from "../src/internal/loopSource.ts";
import { pyRound } from "../src/internal/timeGrid.ts";
import { Sim } from "../src/sim.ts";
import { tickEveryStep, withAux } from "./helpers/eventModels.ts";
import { decay, lorenz } from "./helpers/models.ts";

const plain: LoopOptions = {
  time: "grid",
  nState: 3,
  record: false,
  recordEveryStep: true,
  startEvents: false,
  endEvents: false,
  logEvents: false,
  updateAux: false,
  stop: false,
  lag: false,
  restartHistory: false,
  inlineStep: null,
};
const rk4Key = {};
const eulerKey = {};

describe("specialised runner loops", () => {
  it("features a model or run does not use are absent from its loop", () => {
    const src = loopSource(plain);
    for (const absent of ["evS(", "evE(", "upd(", "adv(", "stopFlag", "rT[", "countdown", "ec["]) {
      expect(src).not.toContain(absent);
    }
    const full = loopSource({
      ...plain,
      record: true,
      recordEveryStep: false,
      startEvents: true,
      endEvents: true,
      logEvents: true,
      updateAux: true,
      stop: true,
      lag: true,
    });
    for (const present of ["evS(", "evE(", "upd(", "adv(", "stopFlag", "rT[", "countdown", "ec["]) {
      expect(full).toContain(present);
    }
    expect(loopSource({ ...plain, time: "map" })).toContain("tStart + (stepN + 1) * dt");
    expect(loopSource({ ...plain, time: "adaptive" })).toContain("t + dt > tEnd ? tEnd - t : dt");
  });

  it("the generated source never allocates: no object/array literals, `new`, closures or strings in the loop", () => {
    const src = loopSource({
      ...plain,
      record: true,
      startEvents: true,
      endEvents: true,
      logEvents: true,
      updateAux: true,
      stop: true,
      lag: true,
    });
    const body = src.slice(src.indexOf("for (;;)"));
    expect(body).not.toMatch(/\bnew\b|=>|\bfunction\b|\[\s*\]|\{\s*\}|["'`]/);
  });

  it("one compiled loop per (model, stepper, options), cached, with a unique sourceURL per model", () => {
    const a = decay();
    const b = decay();
    const la = getRunLoop(a, a.specHash, "rk4", rk4Key, plain);
    expect(getRunLoop(a, a.specHash, "rk4", rk4Key, plain)).toBe(la);
    const lb = getRunLoop(b, b.specHash, "rk4", rk4Key, plain);
    expect(lb).not.toBe(la);
    expect(getRunLoop(a, a.specHash, "euler", eulerKey, plain)).not.toBe(la);
    expect(getRunLoop(a, a.specHash, "rk4", rk4Key, { ...plain, record: true })).not.toBe(la);
  });

  it("sessions over different models never share a loop, and runs reuse theirs", () => {
    const s1 = new Sim(lorenz(), { stepper: "rk4" });
    const s2 = new Sim(withAux(), { stepper: "rk4" });
    const s3 = new Sim(tickEveryStep(), { stepper: "rk4" });
    for (const s of [s1, s2, s3]) s.run({ T: 0.5, dt: 0.01 });
    // Same answers after other models went through the runner (no shared mutable state).
    const fresh = new Sim(lorenz(), { stepper: "rk4" });
    fresh.run({ T: 0.5, dt: 0.01 });
    expect(Array.from(s1.rawResults().getVar("z"))).toEqual(Array.from(fresh.rawResults().getVar("z")));
  });

  it("pyRound rounds half to even like Python", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 3.5].map(pyRound)).toEqual([0, 2, 2, -0, -2, 2, 4]);
  });
});
