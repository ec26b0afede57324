/**
 * Issue 13: the run loop written as ordinary code (used for `backend: "interpreter"` models and
 * on pages that forbid `new Function`) gives bit-identical results to the generated plain loop,
 * for every builtin model with every builtin stepper of its kind, plus models with logged events
 * in both phases, a stop condition, aux and lag rings.
 */
import { compileModel, listBuiltins, loadModel, parseModel } from "@dyn/model";
import { getStepper, listSteppers } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { setKernelPath } from "../src/fused/kernelPath.ts";
import type { SessionModel } from "../src/modelPort.ts";
import type { RunOptions } from "../src/runOptions.ts";
import { Sim } from "../src/sim.ts";
import { AUX_MODEL, bits, fingerprint, kernelUrls, LAG_MAP, LAG_MODEL } from "./fused-helpers.ts";

type Backend = "js" | "interpreter";

function compiled(source: string, backend: Backend): SessionModel {
  const spec = source.startsWith("builtin://") ? loadModel(source) : parseModel(source);
  return compileModel(spec, { backend }) as unknown as SessionModel;
}

/** Every workspace array bit for bit (scratch included: both loops call the same `step`). */
function workspaceBits(sim: Sim): Record<string, string[]> {
  const ws = sim.rawResults().finalWorkspace as unknown as Record<string, Record<string, ArrayLike<number>>>;
  const out: Record<string, string[]> = {};
  for (const [part, fields] of Object.entries(ws))
    for (const [name, arr] of Object.entries(fields)) out[`${part}.${name}`] = bits(arr as Float64Array);
  return out;
}

/** Runs `runs` on the plain path (no fused kernels); a failing run is part of the outcome. */
function outcome(source: string, backend: Backend, stepperName: string, runs: readonly RunOptions[]) {
  const previous = setKernelPath("plain");
  try {
    const stepper = getStepper(stepperName);
    const sim = new Sim(compiled(source, backend), { stepper, onWarning: () => {} });
    let failure: string | null = null;
    try {
      for (const o of runs) sim.run(o);
    } catch (error) {
      failure = `${(error as { code?: string }).code}: ${(error as Error).message}`;
    }
    // A run that failed before any succeeded leaves no results: the failure is the outcome.
    const done = sim.sessionStateSummary().t !== 0 || failure === null;
    const fp = done ? fingerprint(sim, stepper) : { noResults: true };
    return { fp, ws: done ? workspaceBits(sim) : {}, failure, sim };
  } finally {
    setKernelPath(previous);
  }
}

function expectIdentical(source: string, stepper: string, runs: readonly RunOptions[]): void {
  const generated = outcome(source, "js", stepper, runs);
  const interpreted = outcome(source, "interpreter", stepper, runs);
  expect(kernelUrls(generated.sim).plain.length).toBeGreaterThan(0);
  // The interpreter backend ran without compiling a single loop.
  expect(kernelUrls(interpreted.sim).plain).toEqual([]);
  expect(interpreted.failure).toBe(generated.failure);
  expect(interpreted.fp).toEqual(generated.fp);
  expect(interpreted.ws).toEqual(generated.ws);
  // The comparison is about real runs: steps were taken (or the same failure was seen).
  expect((interpreted.fp["steps"] as number) > 0 || interpreted.failure !== null).toBe(true);
}

const ODE_RUNS: readonly RunOptions[] = [{ T: 4 }, { T: 6, resume: true }];
const MAP_RUNS: readonly RunOptions[] = [{ N: 300 }, { N: 500, resume: true }];

describe("interpreted and generated run loops are bit-identical", () => {
  for (const uri of listBuiltins()) {
    const kind = uri.startsWith("builtin://map/") ? "map" : "ode";
    for (const stepper of listSteppers({ kind })) {
      it(`${stepper} on ${uri}`, () => {
        expectIdentical(uri, stepper, kind === "map" ? MAP_RUNS : ODE_RUNS);
      });
    }
  }

  for (const stepper of listSteppers({ kind: "ode" })) {
    it(`${stepper}: logged events in both phases, aux, stop, record interval, small buffers`, () => {
      expectIdentical(AUX_MODEL, stepper, [
        { T: 30, recordVars: ["x", "aux.energy", "power"], recordInterval: 3, capEvt: 1, capRec: 2 },
        { T: 40, resume: true },
      ]);
    });
    it(`${stepper}: lag rings, start-phase events, transient, no recording`, () => {
      expectIdentical(LAG_MODEL, stepper, [
        { T: 6, dt: 0.01, transient: 1.5 },
        { T: 9, resume: true },
      ]);
      expectIdentical(LAG_MODEL, stepper, [{ T: 3, dt: 0.02, record: false }]);
    });
  }

  it("map: lagged map with a logging end event", () => {
    expectIdentical(LAG_MAP, "map", [
      { N: 400, capEvt: 1 },
      { N: 600, resume: true },
    ]);
  });
});
