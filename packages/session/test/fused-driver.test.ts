/**
 * Issue 9: a third-party template stepper, the size guard (Lorenz-96 with 400 states), the
 * kernel cache, `exportSources`, progress callbacks and cancellation.
 */
import { compileModel, parseModel } from "@dyn/model";
import { defineStepper, defineTemplate, getStepper, type RhsFn, type StepperWorkspace } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { getFusedKernel } from "../src/fused/kernelCache.ts";
import { setKernelPath } from "../src/fused/kernelPath.ts";
import { FUSED_SOURCE_LIMIT } from "../src/fused/sizeGuard.ts";
import { loopOptionsFor } from "../src/internal/execute.ts";
import type { SessionModel } from "../src/modelPort.ts";
import type { RunProgress } from "../src/runOptions.ts";
import { Sim } from "../src/sim.ts";
import { AUX_MODEL, fingerprint, kernelUrls, LAG_MODEL, model } from "./fused-helpers.ts";

/** Heun's method written by a "third party": a plain step and the same arithmetic as a template. */
function heunStep(
  t: number,
  dt: number,
  y: Float64Array,
  rhs: RhsFn,
  p: Float64Array,
  rws: Readonly<Record<string, ArrayBufferView>>,
  ws: StepperWorkspace,
  _cfg: Float64Array,
  yp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
): number {
  const k1 = ws["k1"] as Float64Array;
  const k2 = ws["k2"] as Float64Array;
  const s = ws["s"] as Float64Array;
  rhs(t, y, k1, p, rws);
  for (let i = 0; i < y.length; i++) s[i] = y[i]! + dt * k1[i]!;
  rhs(t + dt, s, k2, p, rws);
  const half = 0.5 * dt;
  for (let i = 0; i < y.length; i++) yp[i] = y[i]! + half * (k1[i]! + k2[i]!);
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0;
  return 0;
}

const heun = defineStepper({
  meta: {
    name: "heun-test",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "runge-kutta",
    order: 2,
  },
  workspace: ["k1", "k2", "s"].map((name) => ({
    name,
    dtype: "float64" as const,
    shape: (n: number) => [n],
  })),
  step: heunStep,
  template: defineTemplate(`
    vector k1, k2, s
    scalar half
    k1 = f(t, y)
    s = y + h * k1
    k2 = f(t + h, s)
    half = 0.5 * h
    yp = y + half * (k1 + k2)
  `),
});

/** A clamped Euler step exercising the template math functions (min, max, abs, sqrt, ^). */
function clampedStep(
  t: number,
  dt: number,
  y: Float64Array,
  rhs: RhsFn,
  p: Float64Array,
  rws: Readonly<Record<string, ArrayBufferView>>,
  ws: StepperWorkspace,
  _cfg: Float64Array,
  yp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
): number {
  const k = ws["k"] as Float64Array;
  rhs(t, y, k, p, rws);
  const h2 = dt ** 2;
  for (let i = 0; i < y.length; i++) {
    const lo = k[i]! > -2 ? k[i]! : -2; // max(-2, k)
    const c = 2 < lo ? 2 : lo; // min(lo, 2)
    yp[i] = y[i]! + dt * c + h2 * Math.sqrt(Math.abs(k[i]!)) * 0.001;
  }
  tProp[0] = t + dt;
  dtNext[0] = dt;
  errEst[0] = 0;
  return 0;
}

const clamped = defineStepper({
  meta: {
    name: "clamped-test",
    kind: "ode",
    timeControl: "fixed",
    scheme: "explicit",
    family: "euler",
    order: 1,
  },
  workspace: [{ name: "k", dtype: "float64", shape: (n: number) => [n] }],
  step: clampedStep,
  template: defineTemplate(`
    vector k
    scalar h2
    k = f(t, y)
    h2 = h ^ 2
    yp = y + h * min(max(-2, k), 2) + h2 * sqrt(abs(k)) * 0.001
  `),
});

function runWith(
  path: "plain" | "fused",
  m: SessionModel,
  stepper: Parameters<typeof fingerprint>[1],
  runs: Parameters<Sim["run"]>[0][],
): { fp: Record<string, unknown>; sim: Sim } {
  const previous = setKernelPath(path);
  try {
    const sim = new Sim(m, { stepper, onWarning: () => {} });
    for (const o of runs) sim.run(o);
    return { fp: fingerprint(sim, stepper), sim };
  } finally {
    setKernelPath(previous);
  }
}

function lorenz96(n: number): SessionModel {
  const states = Array.from({ length: n }, (_, i) => `x${i} = ${i === 0 ? 8.01 : 8.0}`).join("\n");
  const x = (i: number): string => `x${((i % n) + n) % n}`;
  const rhs = Array.from(
    { length: n },
    (_, i) => `${x(i)} = "(${x(i + 1)} - ${x(i - 2)}) * ${x(i - 1)} - ${x(i)} + F"`,
  ).join("\n");
  const toml = `[model]\ntype = "ode"\nname = "Lorenz-96 ${n}"\n[states]\n${states}\n[params]\nF = 8.0\n[equations.rhs]\n${rhs}\n`;
  return compileModel(parseModel(toml)) as unknown as SessionModel;
}

describe("a third-party template stepper", () => {
  for (const source of ["builtin://ode/lorenz", "builtin://ode/vanderpol", AUX_MODEL, LAG_MODEL]) {
    it(`Heun as a template matches its plain step bit for bit (${source.slice(0, 24).trim()})`, () => {
      const runs = [
        { T: 6, dt: 0.01 },
        { T: 8, resume: true },
      ];
      const plain = runWith("plain", model(source), heun, runs);
      const fused = runWith("fused", model(source), heun, runs);
      expect(kernelUrls(fused.sim).fused.length).toBeGreaterThan(0);
      expect(fused.fp).toEqual(plain.fp);
    });
  }

  it("a template using min, max, abs, sqrt and ^ matches its plain step bit for bit", () => {
    const runs = [{ T: 20, dt: 0.01 }];
    const plain = runWith("plain", model("builtin://ode/lorenz"), clamped, runs);
    const fused = runWith("fused", model("builtin://ode/lorenz"), clamped, runs);
    expect(kernelUrls(fused.sim).fused.length).toBeGreaterThan(0);
    expect(fused.fp).toEqual(plain.fp);
  });

  it("a float32 model runs on the plain path (the fused kernel computes in float64 locals)", () => {
    const m = compileModel(parseModel(AUX_MODEL), { dtype: "float32" }) as unknown as SessionModel;
    const sim = new Sim(m, { stepper: "rk4", onWarning: () => {} });
    sim.run({ T: 1, dt: 0.01 });
    expect(kernelUrls(sim).fused).toEqual([]);
    expect(kernelUrls(sim).plain.length).toBeGreaterThan(0);
  });

  it("a stepper without a template runs on the plain path (implicit steppers do)", () => {
    const sim = new Sim(model("builtin://ode/vanderpol"), { stepper: "bdf2", onWarning: () => {} });
    sim.run({ T: 0.5, dt: 0.01 });
    expect(kernelUrls(sim)).toEqual({ fused: [], plain: expect.any(Array) });
    expect(kernelUrls(sim).plain.length).toBeGreaterThan(0);
  });
});

describe("size guard", () => {
  it("Lorenz-96 with 30 states is fused; with 400 it crosses the guard and runs the plain loop", () => {
    const rk4 = getStepper("rk4");
    const small = lorenz96(30);
    const big = lorenz96(400);
    const options = (m: SessionModel) =>
      loopOptionsFor({
        model: m,
        stepperKey: rk4,
        runtimeWs: m.makeRuntimeWorkspace(),
        time: "grid",
        record: true,
        recordInterval: 1,
        inlineStep: null,
      } as unknown as Parameters<typeof loopOptionsFor>[0]);
    const all = (k: number) => ({ stateIdx: Array.from({ length: k }, (_, i) => i), auxIdx: [] });
    const smallKernel = getFusedKernel(small, "rk4", rk4, options(small), all(30));
    expect(smallKernel.kernel).not.toBeNull();
    const bigKernel = getFusedKernel(big, "rk4", rk4, options(big), all(400));
    expect(bigKernel).toMatchObject({ kernel: null, reason: expect.stringContaining("size guard") });
    expect(FUSED_SOURCE_LIMIT).toBeLessThan(60_000);
    expect(FUSED_SOURCE_LIMIT).toBeGreaterThan(10_000);
  });

  it("Lorenz-96 with 400 states: bit-identical to the plain path, on the plain loop", () => {
    // Its speed (fused path ÷ plain path ≤ 1.5) is the fused-l96 row of bench/unit-timings.bench.ts.
    const m = lorenz96(400);
    const runs = [{ T: 2, dt: 0.01 }];
    const rk4 = getStepper("rk4");
    const plain = runWith("plain", m, rk4, runs);
    const fused = runWith("fused", m, rk4, runs);
    expect(fused.fp).toEqual(plain.fp);
    expect(kernelUrls(fused.sim).fused).toEqual([]);
  });
});

describe("kernel cache and exportSources", () => {
  it("one kernel per (model, stepper, option set), reused across runs and sessions", () => {
    const m = lorenz96(5);
    const a = new Sim(m, { stepper: "rk4" });
    a.run({ T: 1, dt: 0.01 });
    a.run({ T: 2, resume: true });
    const b = new Sim(m, { stepper: "rk4" });
    b.run({ T: 1, dt: 0.01 });
    expect(kernelUrls(a).fused).toHaveLength(1);
    b.run({ T: 1, dt: 0.01, record: false });
    expect(kernelUrls(b).fused).toHaveLength(2);
    const sources = b.exportSources();
    const url = kernelUrls(b).fused[0]!;
    expect(url).toMatch(/^dyn\/fused-\d+-[0-9a-f]{12}-rk4-\d+-grid-r-s0_1_2_3_4-a\.js$/);
    const text = sources[url]!;
    // The RHS is inlined (no rhs call) and every state component is a local.
    expect(text).not.toMatch(/rhs\(/);
    expect(text).toMatch(/let y_0 = y\[0\], y_1 = y\[1\], y_2 = y\[2\], y_3 = y\[3\], y_4 = y\[4\];/);
  });

  it("a session's exportSources lists only its own stepper's kernels", () => {
    const m = lorenz96(6);
    const a = new Sim(m, { stepper: "rk4" });
    const b = new Sim(m, { stepper: "euler" });
    a.run({ T: 0.1, dt: 0.01 });
    b.run({ T: 0.1, dt: 0.01 });
    expect(Object.keys(a.exportSources()).every((u) => u.includes("-rk4-"))).toBe(true);
    expect(Object.keys(b.exportSources()).every((u) => u.includes("-euler-"))).toBe(true);
  });
});

describe("progress and cancellation", () => {
  it("onProgress reports increasing fractions ending at 1, per phase", () => {
    const sim = new Sim(model("builtin://ode/lorenz"), { stepper: "rk4" });
    const seen: RunProgress[] = [];
    sim.run({ T: 200, dt: 0.001, transient: 20, record: false, onProgress: (p) => seen.push(p) });
    const rec = seen.filter((p) => p.phase === "recorded run");
    const warm = seen.filter((p) => p.phase === "transient warm-up");
    expect(warm.length).toBeGreaterThan(0);
    expect(rec.length).toBeGreaterThan(5);
    for (let i = 1; i < rec.length; i++)
      expect(rec[i]!.fraction).toBeGreaterThanOrEqual(rec[i - 1]!.fraction);
    expect(rec[rec.length - 1]).toMatchObject({ fraction: 1, steps: 200_000 });
    expect(warm[warm.length - 1]!.fraction).toBe(1);
  });

  it("map progress counts iterations", () => {
    const sim = new Sim(model("builtin://map/logistic"), { stepper: "map" });
    const seen: RunProgress[] = [];
    sim.run({ N: 100_000, record: false, onProgress: (p) => seen.push(p) });
    expect(seen[seen.length - 1]).toMatchObject({ steps: 100_000, fraction: 1 });
    expect(seen[0]!.fraction).toBeCloseTo(seen[0]!.steps / 100_000, 12);
  });

  it("an aborted signal cancels the run between chunks and leaves the session untouched", () => {
    const sim = new Sim(model("builtin://ode/lorenz"), { stepper: "rk4" });
    sim.run({ T: 1, dt: 0.01 });
    const before = fingerprint(sim, getStepper("rk4"));
    const stateBefore = sim.sessionStateSummary();
    const controller = new AbortController();
    let calls = 0;
    const run = (): void =>
      sim.run({
        T: 1000,
        resume: true,
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 3) controller.abort();
        },
      });
    expect(run).toThrow(
      expect.objectContaining({
        code: "SESSION_RUN_CANCELLED",
        message: expect.stringMatching(/Run cancelled during recorded run/),
      }),
    );
    expect(calls).toBe(3);
    // A signal already aborted cancels again, before a single progress call.
    expect(run).toThrow(expect.objectContaining({ code: "SESSION_RUN_CANCELLED" }));
    expect(calls).toBe(3);
    expect(fingerprint(sim, getStepper("rk4"))).toEqual(before);
    expect(sim.sessionStateSummary()).toEqual(stateBefore);
    // The session still resumes normally afterwards.
    sim.run({ T: 2, resume: true });
    expect(sim.sessionStateSummary().t).toBe(2);
  });
});
