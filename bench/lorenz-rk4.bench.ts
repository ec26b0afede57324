/**
 * Workload A: Lorenz RK4, dt 0.01, 1e6 steps — without recording, and recording t + 3 states
 * every step (buffers grown by doubling from 1024 rows, as dyn's default capRec).
 * Cases: dyn's `Sim.run` (public API), the hand-written loop over Float64Array stages (same
 * operation order, checked bit-identical in prepare), and the plain `rk4Stepper.step` of
 * @dyn/steppers driven through its callback interface (the generic-stepper row of performance.md).
 */
import { assertBitIdentical } from "./check.ts";
import { loadDyn, loadSteppers, reasonOf, type Sim } from "./dyn.ts";
import { lorenzRk4, lorenzRk4Recorded, Recording, rk4Work } from "./handwritten/lorenzRk4.ts";
import type { PrepareContext, Workload } from "./harness.ts";
import { lorenzRhsFn, plainRunner } from "./plainStepper.ts";

const DT = 0.01;
const IC = [1.0, 1.0, 1.0];
const PARAMS = new Float64Array([10.0, 28.0, 8.0 / 3.0]);

const DYN = "dyn Sim.run";
const HAND = "hand-written";
const PLAIN = "@dyn/steppers rk4 step (callback)";
const DYN_REC = "dyn Sim.run, recording";
const HAND_REC = "hand-written, recording";

export async function workloads(quick: boolean): Promise<Workload[]> {
  const steps = quick ? 300_000 : 1_000_000;
  const T = steps * DT;
  const dyn = await loadDyn();
  const steppers = await loadSteppers();
  const plain = plainRunner(steppers, steppers.rk4Stepper, lorenzRhsFn, 3);
  const work = rk4Work(3);
  const y = new Float64Array(3);
  let sim: Sim | undefined;
  const gap = typeof dyn === "string" ? dyn : undefined;

  const runDyn = (record: boolean): Sim => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim ??= dyn.session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
    sim.run({ T, dt: DT, record, ic: IC, params: PARAMS, maxSteps: 10 * steps });
    return sim;
  };
  const runHand = (): Float64Array => {
    y.set(IC);
    lorenzRk4(y, PARAMS, DT, steps, work);
    return y;
  };
  const runPlain = (): Float64Array => {
    y.set(IC);
    plain.fixed(y, PARAMS, DT, steps);
    return y;
  };
  const runHandRec = (): Recording => {
    y.set(IC);
    const rec = new Recording(1024);
    lorenzRk4Recorded(y, PARAMS, DT, steps, work, rec);
    return rec;
  };

  /** Runs dyn once; on an error marks it as a gap and returns undefined. */
  const tryDyn = (context: PrepareContext, label: string, record: boolean): Sim | undefined => {
    try {
      return runDyn(record);
    } catch (error) {
      context.unavailable(label, reasonOf(error));
      return undefined;
    }
  };

  return [
    {
      id: "A",
      title: `Lorenz RK4, dt 0.01, ${steps} steps, no recording`,
      unit: "ns/step",
      unitsPerRun: steps,
      prepare: (context) => {
        const hand = Array.from(runHand());
        assertBitIdentical("A: plain rk4 step vs hand-written, final state", Array.from(runPlain()), hand);
        const ran = tryDyn(context, DYN, false);
        if (ran !== undefined)
          assertBitIdentical("A: Sim.run vs hand-written, final state", Array.from(ran.stateVector()), hand);
      },
      cases: [
        { label: DYN, run: () => runDyn(false), ...(gap === undefined ? {} : { unavailable: gap }) },
        { label: HAND, run: runHand },
        { label: PLAIN, run: runPlain },
      ],
      ratios: [
        { of: DYN, over: HAND, target: 0.5 },
        { of: PLAIN, over: HAND, note: "generic stepper, informative" },
      ],
    },
    {
      id: "A-rec",
      title: `Lorenz RK4, dt 0.01, ${steps} steps, recording t + 3 states every step`,
      unit: "ns/step",
      unitsPerRun: steps,
      prepare: (context) => {
        const rec = runHandRec();
        const ran = tryDyn(context, DYN_REC, true);
        if (ran === undefined) return;
        const raw = ran.rawResults();
        assertBitIdentical(
          "A-rec: recorded t",
          Array.from(raw.T.subarray(0, raw.n)),
          Array.from(rec.t.subarray(0, rec.n)),
        );
        ["x", "y", "z"].forEach((name, j) => {
          const theirs = Array.from({ length: rec.n }, (_, i) => rec.y[3 * i + j] as number);
          assertBitIdentical(
            `A-rec: recorded ${name}`,
            Array.from(raw.getVar(name).subarray(0, raw.n)),
            theirs,
          );
        });
      },
      cases: [
        { label: DYN_REC, run: () => runDyn(true), ...(gap === undefined ? {} : { unavailable: gap }) },
        { label: HAND_REC, run: runHandRec },
      ],
      ratios: [{ of: DYN_REC, over: HAND_REC, target: 0.6 }],
    },
  ];
}
