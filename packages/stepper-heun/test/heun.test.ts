import { readFileSync } from "node:fs";
import {
  defaultRegistry,
  getStepper,
  listSteppers,
  type RhsFn,
  register,
  specializeStep,
} from "@dyn/steppers";
import {
  checkKind,
  checkOrder,
  checkWorkspaceIdentity,
  estimateConvergenceOrder,
  runConformance,
  runFixedSteps,
} from "@dyn/steppers/authoring";
import { describe, expect, it } from "vitest";
import { heunStepper } from "../src/index.ts";

describe("heunStepper", () => {
  it("importing registers nothing (bundlers drop side-effect imports); register() is the explicit call", () => {
    expect(defaultRegistry.has("heun")).toBe(false);
    expect(listSteppers()).not.toContain("heun");
    register(heunStepper);
    expect(getStepper("improved_euler")).toBe(heunStepper);
    expect(listSteppers({ kind: "ode", timeControl: "fixed", order: 2, scheme: "explicit" })).toContain(
      "heun",
    );
  });

  it("declares @dyn/steppers as a peer dependency, so the app's copy (and its registry) is the one used", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      sideEffects?: unknown;
    };
    expect(manifest.peerDependencies?.["@dyn/steppers"]).toBeDefined();
    expect(manifest.dependencies?.["@dyn/steppers"]).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
  });

  it("passes every conformance check", () => {
    for (const r of runConformance(heunStepper)) expect(r.ok, `${r.check}: ${r.message}`).toBe(true);
    expect(checkKind(heunStepper).ok).toBe(true);
    expect(checkWorkspaceIdentity(heunStepper, 1000).ok).toBe(true);
    expect(checkOrder(heunStepper).ok).toBe(true);
  });

  it("converges with order 2 on the linear test problem", () => {
    expect(Math.abs(estimateConvergenceOrder(heunStepper) - 2)).toBeLessThanOrEqual(0.3);
  });

  it("computes one step exactly as the formula says", () => {
    const rhs: RhsFn = (t, y, out) => {
      out[0] = t * y[0]!;
    };
    const r = runFixedSteps(heunStepper, 0.5, 1, { rhs, y0: new Float64Array([2]), t0: 1 });
    const k1 = 1 * 2,
      k2 = 1.5 * (2 + 0.5 * k1);
    expect(r.y[0]).toBe(2 + 0.25 * (k1 + k2));
  });

  it("is recompiled per model by specializeStep with identical results", () => {
    const special = specializeStep(heunStepper, "decay");
    expect(special).not.toBe(heunStepper.step);
    const rhs: RhsFn = (_t, y, out) => {
      out[0] = -Math.sin(y[0]!);
    };
    const a = runFixedSteps(heunStepper, 0.1, 100, { rhs, y0: new Float64Array([1]) });
    const b = runFixedSteps({ ...heunStepper, step: special }, 0.1, 100, { rhs, y0: new Float64Array([1]) });
    expect(b.y[0]).toBe(a.y[0]);
  });
});
