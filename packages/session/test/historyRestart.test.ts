/**
 * D-14: an event action that assigns a state restarts the history of a multistep stepper
 * exactly as the first step of a run does; an action that changes only parameters keeps it.
 * Oracle: after a bounce the run must continue bit for bit like a fresh run started from the
 * post-bounce state (the model is autonomous, so the time labels do not matter), on the plain
 * loop and on the fused kernel alike.
 */
import { getStepper } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { type KernelPath, setKernelPath } from "../src/fused/kernelPath.ts";
import { Sim } from "../src/sim.ts";
import { bits, kernelUrls, model } from "./fused-helpers.ts";

const BALL = `
[model]
type = "ode"
name = "Bouncing ball"
[states]
x = 1.0
v = 0.0
[params]
g = 9.81
[equations.rhs]
x = "v"
v = "-g"
[events.bounce]
cond = "x < 0 and v < 0"
phase = "end"
action = { v = "-v" }
log = ["t"]
`;

// The same ball, but its event only touches a parameter (g is rewritten to itself).
const PARAM_ONLY = BALL.replace(`action = { v = "-v" }`, `action = { g = "g * 1" }`).replace(
  `cond = "x < 0 and v < 0"`,
  `cond = "x < 0.5"`,
);

const DT = 1 / 64;
const T = 2;

function withPath<R>(path: KernelPath, f: () => R): R {
  const previous = setKernelPath(path);
  try {
    return f();
  } finally {
    setKernelPath(previous);
  }
}

function ballRun(path: KernelPath, stepperName: string, source: string, T0: number, ic?: number[]) {
  return withPath(path, () => {
    const sim = new Sim(model(source), { stepper: getStepper(stepperName), onWarning: () => {} });
    sim.run({ T: T0, dt: DT, ...(ic === undefined ? {} : { ic }) });
    const r = sim.rawResults();
    const ws = r.finalWorkspace as { stepper: Record<string, BigInt64Array> };
    return {
      sim,
      x: Array.from(r.Y.toArrays()[0] as ArrayLike<number>),
      v: Array.from(r.Y.toArrays()[1] as ArrayLike<number>),
      steps: Array.from(r.STEP, Number),
      // EVT_INDEX is the row before the step whose end fired the event; the next row holds the
      // post-action state.
      bounceRows: Array.from(r.EVT_INDEX, (i) => Number(i) + 1),
      stepIndex: ws.stepper.step_index?.[0],
    };
  });
}

describe("history restarts after a state-assigning event (D-14)", () => {
  for (const stepperName of ["ab2", "ab3", "bdf2"]) {
    for (const path of ["plain", "fused"] as const) {
      it(`${stepperName} (${path}): after a bounce the run continues as a fresh run from the bounced state`, () => {
        const main = ballRun(path, stepperName, BALL, T);
        expect(main.bounceRows.length).toBeGreaterThanOrEqual(2);
        const row = main.bounceRows[0] as number;
        const ic = [main.x[row] as number, main.v[row] as number];
        expect(ic[1]).toBeGreaterThan(0);
        const oracle = ballRun(path, stepperName, BALL, T - row * DT, ic);
        const after = main.x.length - row;
        expect(oracle.x.length).toBe(after);
        expect(bits(main.x.slice(row))).toEqual(bits(oracle.x));
        expect(bits(main.v.slice(row))).toEqual(bits(oracle.v));
        // The counter restarted at the last bounce.
        const last = main.bounceRows[main.bounceRows.length - 1] as number;
        expect(main.stepIndex).toBe(BigInt(main.steps.length - 1 - last));
        if (path === "fused" && stepperName !== "bdf2")
          expect(kernelUrls(main.sim).fused.length).toBeGreaterThan(0);
      });
    }
    it(`${stepperName}: plain and fused runs are bit-identical through bounces`, () => {
      const plain = ballRun("plain", stepperName, BALL, T);
      const fused = ballRun("fused", stepperName, BALL, T);
      expect(bits(fused.x)).toEqual(bits(plain.x));
      expect(bits(fused.v)).toEqual(bits(plain.v));
      expect(fused.stepIndex).toBe(plain.stepIndex);
    });
    it(`${stepperName}: an event that changes only a parameter keeps the history`, () => {
      const run = ballRun("plain", stepperName, PARAM_ONLY, 1);
      expect(run.bounceRows.length).toBeGreaterThan(0);
      expect(run.stepIndex).toBe(BigInt(run.steps.length - 1));
    });
  }

  it("ab2 and ab3 are exact between bounces: the step after a bounce follows the parabola", () => {
    for (const stepperName of ["ab2", "ab3"]) {
      for (const path of ["plain", "fused"] as const) {
        const run = ballRun(path, stepperName, BALL, T);
        const row = run.bounceRows[0] as number;
        const [x0, v0] = [run.x[row] as number, run.v[row] as number];
        for (let j = 1; j <= 10; j++) {
          const s = j * DT;
          expect(run.x[row + j]).toBeCloseTo(x0 + v0 * s - 0.5 * 9.81 * s * s, 12);
          expect(run.v[row + j]).toBeCloseTo(v0 - 9.81 * s, 12);
        }
      }
    }
  });

  for (const stepperName of ["bdf2a", "tr-bdf2a"]) {
    it(`${stepperName}: the counter restarts at each bounce and the ball keeps bouncing to its height`, () => {
      const run = ballRun("plain", stepperName, BALL, T);
      expect(run.bounceRows.length).toBeGreaterThanOrEqual(2);
      const last = run.bounceRows[run.bounceRows.length - 1] as number;
      expect(run.stepIndex).toBe(BigInt(run.steps.length - 1 - last));
      // Energy is conserved by the elastic bounce: the top of the next arc is near x = 1.
      const row = run.bounceRows[0] as number;
      const top = Math.max(...run.x.slice(row, run.bounceRows[1] as number));
      expect(top).toBeGreaterThan(0.9);
      expect(top).toBeLessThan(1.1);
    });
  }
});
