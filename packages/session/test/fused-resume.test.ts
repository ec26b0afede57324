/**
 * Issue 9: a run started on one path and resumed on the other — directly, or from a snapshot
 * (`reset` to it, then resume) — is bit-identical to a run that stayed on one path. This is
 * what proves the fused kernel writes every carried workspace field (multistep history,
 * step_index, lag rings, aux values, stop flag) back at the end of its chunks.
 */
import { getStepper } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { type KernelPath, setKernelPath } from "../src/fused/kernelPath.ts";
import type { RunOptions } from "../src/runOptions.ts";
import { Sim } from "../src/sim.ts";
import { AUX_MODEL, fingerprint, LAG_MAP, LAG_MODEL, model } from "./fused-helpers.ts";

function withPath<T>(path: KernelPath, f: () => T): T {
  const previous = setKernelPath(path);
  try {
    return f();
  } finally {
    setKernelPath(previous);
  }
}

/** Runs `first` on one path, then each of `rest` (resumes) on the paths given. */
function mixed(
  source: string,
  stepperName: string,
  first: RunOptions,
  rest: readonly RunOptions[],
  paths: readonly KernelPath[],
): Record<string, unknown> {
  const stepper = getStepper(stepperName);
  const sim = new Sim(model(source), { stepper, onWarning: () => {} });
  withPath(paths[0] ?? "plain", () => sim.run(first));
  rest.forEach((o, i) => withPath(paths[i + 1] ?? "plain", () => sim.run(o)));
  return fingerprint(sim, stepper);
}

const CASES = [
  {
    stepper: "ab2",
    source: "builtin://ode/vanderpol",
    first: { T: 3, dt: 0.01 },
    rest: [
      { T: 5, resume: true },
      { T: 6.5, resume: true },
    ],
  },
  {
    stepper: "ab3",
    source: LAG_MODEL,
    first: { T: 2, dt: 0.01 },
    rest: [
      { T: 4, resume: true },
      { T: 5, resume: true },
    ],
  },
  {
    stepper: "ab3",
    source: "builtin://ode/lorenz",
    first: { T: 0.02, dt: 0.01 },
    rest: [
      { T: 0.03, resume: true },
      { T: 1, resume: true },
    ],
  },
  {
    stepper: "rk4",
    source: AUX_MODEL,
    first: { T: 10, dt: 0.02 },
    rest: [
      { T: 20, resume: true },
      { T: 30, resume: true },
    ],
  },
  {
    stepper: "rk45",
    source: "builtin://ode/izhikevich",
    first: { T: 20 },
    rest: [
      { T: 40, resume: true },
      { T: 50, resume: true },
    ],
  },
  {
    stepper: "map",
    source: LAG_MAP,
    first: { N: 100 },
    rest: [
      { N: 200, resume: true },
      { N: 250, resume: true },
    ],
  },
] as const;

describe("switching paths between runs is bit-identical", () => {
  for (const c of CASES) {
    it(`${c.stepper} on ${c.source.startsWith("builtin") ? c.source : "an inline model"}`, () => {
      const reference = mixed(c.source, c.stepper, c.first, c.rest, ["plain", "plain", "plain"]);
      for (const paths of [
        ["fused", "plain", "fused"],
        ["plain", "fused", "plain"],
        ["fused", "fused", "fused"],
      ] as const) {
        expect(mixed(c.source, c.stepper, c.first, c.rest, paths)).toEqual(reference);
      }
    });
  }

  it("a snapshot taken after a fused run resumes on the plain path bit-identically (and back)", () => {
    const stepper = getStepper("ab3");
    const run = (a: KernelPath, b: KernelPath): Record<string, unknown> => {
      const sim = new Sim(model(LAG_MODEL), { stepper, onWarning: () => {} });
      withPath(a, () => sim.run({ T: 3, dt: 0.01 }));
      sim.createSnapshot("mid");
      withPath(a, () => sim.run({ T: 6, resume: true }));
      sim.reset("mid");
      withPath(b, () => sim.run({ T: 6, resume: true }));
      return fingerprint(sim, stepper);
    };
    const plain = run("plain", "plain");
    expect(run("fused", "plain")).toEqual(plain);
    expect(run("plain", "fused")).toEqual(plain);
  });
});
