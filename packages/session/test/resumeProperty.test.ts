import { listSteppers, register } from "@dyn/steppers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The third-party stepper is registered by the explicit call a user makes to use its name.
import { heunStepper } from "../../stepper-heun/src/index.ts";
import { type KernelPath, setKernelPath } from "../src/fused/kernelPath.ts";
import { setup } from "../src/index.ts";
import type { Sim } from "../src/sim.ts";

/** Pure stage scratch: content after a step is unspecified (session-semantics §1.6). */
const SCRATCH = new Set([
  "k1",
  "k2",
  "k3",
  "k4",
  "k5",
  "k6",
  "k7",
  "y_stage",
  "v_stage",
  "kv",
  "kv1",
  "kv2",
  "kv3",
  "kv4",
  "y_guess",
  "y_tmp",
  "f_val",
  "f_tmp",
  "residual",
  "J",
  "J_base",
  "J_work",
  "y_bdf2",
  "y_trbdf2",
  "y_be",
]);

const AUX_LAG_ODE =
  "inline:[model]\ntype='ode'\nname='aux-lag'\n[states]\nu=0.3\nv=-0.2\n[params]\nk=1.5\nc=0.1\n" +
  "[aux]\nenergy='0.5*u*u + 0.5*v*v'\n[equations.rhs]\nu='v'\nv='-k*u - c*lag_v(4) + 0.05*sin(t)'\n";
const AUX_LAG_MAP =
  "inline:[model]\ntype='map'\nname='aux-lag-map'\n[states]\nx=0.2\n[params]\nr=3.5\n" +
  "[aux]\nq='x*(1-x)'\n[equations.rhs]\nx='r*x*(1-x)*0.98 + 0.01*lag_x(3)'\n";

const ODE_MODELS: [string, string, number][] = [
  ["lorenz", "builtin://ode/lorenz", 0.005],
  ["vanderpol", "builtin://ode/vanderpol", 0.01],
  ["aux+lag (non-autonomous)", AUX_LAG_ODE, 0.0625],
];

function hex(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : Buffer.from(new Float64Array([v]).buffer).toString("hex");
}
const bits = (a: ArrayLike<number | bigint>): string[] => Array.from(a, hex);

function persistentWorkspace(sim: Sim): Record<string, string[]> {
  const ws = sim.sessionState().workspace;
  const out: Record<string, string[]> = {};
  for (const bucket of ["stepper", "runtime"] as const) {
    for (const [k, v] of Object.entries(ws[bucket] ?? {}))
      if (!SCRATCH.has(k)) out[`${bucket}/${k}`] = bits(v);
  }
  return out;
}

function same(a: Sim, b: Sim, label: string, mapLabels = false): void {
  const sa = a.sessionState();
  const sb = b.sessionState();
  expect(bits(sb.yCurr), `${label}: y`).toEqual(bits(sa.yCurr));
  if (mapLabels) {
    // Map time labels are `tStart + k·dt` of each call (session-semantics §2), so a resumed
    // call's labels may differ from one long call's in the last bit; the states may not.
    expect(Math.abs(sb.tCurr - sa.tCurr), `${label}: t`).toBeLessThanOrEqual(
      4 * Number.EPSILON * Math.abs(sa.tCurr),
    );
  } else expect(hex(sb.tCurr), `${label}: t`).toBe(hex(sa.tCurr));
  expect(sb.stepCount, `${label}: steps`).toBe(sa.stepCount);
  expect(persistentWorkspace(b), `${label}: workspace`).toEqual(persistentWorkspace(a));
}

register(heunStepper);
const quiet = { onWarning: () => {} };
const fixedOde = listSteppers({ kind: "ode", timeControl: "fixed" });

describe("resume is bit-identical to one run (D-10), every fixed-step stepper", () => {
  it("the stepper list includes the built-ins and the third-party heun", () => {
    expect(fixedOde).toEqual(
      expect.arrayContaining(["euler", "rk2", "rk4", "ab2", "ab3", "bdf2", "sdirk2", heunStepper.meta.name]),
    );
  });

  // Both runner paths: the plain loop (the steppers' own `step`) and the default one (fused
  // kernels where available, issue 9), so a path that forgets to write carried state back fails.
  for (const path of ["plain", "auto"] as KernelPath[])
    for (const stepper of fixedOde) {
      for (const [label, source, dt] of ODE_MODELS) {
        it(`[${path}] ${stepper} × ${label}: run to T1, then (a) resume and (b) export → import → resume to T2`, () => {
          const previous = setKernelPath(path);
          try {
            fc.assert(
              fc.property(
                fc.integer({ min: 1, max: 40 }),
                fc.integer({ min: 1, max: 40 }),
                fc.double({ min: -0.25, max: 0.25, noNaN: true }),
                (k1, k2, shift) => {
                  const T1 = k1 * dt;
                  const T2 = (k1 + k2) * dt;
                  const make = (): Sim => setup(source, { stepper, ...quiet });
                  const base = make();
                  const ic = Array.from(base.stateVector(), (v) => v + shift);
                  const one = make();
                  one.run({ T: T2, dt, ic });
                  const a = make();
                  a.run({ T: T1, dt, ic });
                  const bytes = a.exportSnapshot();
                  a.run({ T: T2, resume: true });
                  same(one, a, "in memory");
                  expect(bits(a.results().t)).toEqual(bits(one.results().t));
                  for (const name of a.model.stateNames) {
                    expect(bits(a.results().get(name))).toEqual(bits(one.results().get(name)));
                  }
                  const b = make();
                  b.importSnapshot(bytes);
                  b.run({ T: T2, resume: true });
                  same(one, b, "export → import");
                  expect(bits(b.results().t)).toEqual(bits(one.results().t.subarray(k1)));
                },
              ),
              { numRuns: 4, seed: 20261128 },
            );
          } finally {
            setKernelPath(previous);
          }
        });
      }
    }

  for (const [label, source] of [
    ["logistic", "builtin://map/logistic"],
    ["aux+lag map", AUX_LAG_MAP],
  ] as const) {
    it(`map × ${label}: N1 then resume to N2, in memory and through a file`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (n1, n2) => {
          const make = (): Sim => setup(source, { stepper: "map", ...quiet });
          const one = make();
          one.run({ N: n1 + n2 });
          const a = make();
          a.run({ N: n1 });
          const bytes = a.exportSnapshot();
          a.run({ N: n1 + n2, resume: true });
          same(one, a, "in memory", true);
          expect(bits(a.results().get(a.model.stateNames[0] as string))).toEqual(
            bits(one.results().get(one.model.stateNames[0] as string)),
          );
          const b = make();
          b.importSnapshot(bytes);
          b.run({ N: n1 + n2, resume: true });
          same(one, b, "export → import", true);
        }),
        { numRuns: 8, seed: 7 },
      );
    });
  }
});
