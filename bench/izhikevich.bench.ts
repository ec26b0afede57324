/**
 * Workload C: Izhikevich (builtin), RK4, dt 0.01, 1e5 steps (T = 1000), with the end-phase reset
 * event (`v >= v_th` → `v = c; u = u + d`; 23 resets), no recording. Cases: dyn's `Sim.run` and
 * the hand-written loop with the event inlined (bit-identical final state, checked in prepare).
 */
import { assertBitIdentical, assertSame } from "./check.ts";
import { loadDyn, reasonOf, type Sim } from "./dyn.ts";
import { izhikevichRk4 } from "./handwritten/izhikevichRk4.ts";
import { rk4Work } from "./handwritten/lorenzRk4.ts";
import type { Workload } from "./harness.ts";

const DT = 0.01;
const STEPS = 100_000;
const IC = [-65.0, -13.0];
/** a, b, c, d, I, v_th — the builtin's declaration order. */
const PARAMS = new Float64Array([0.02, 0.2, -65.0, 8.0, 10.0, 30.0]);
const DYN = "dyn Sim.run (rk4 + event)";
const HAND = "hand-written (rk4 + event)";

export async function workloads(quick: boolean): Promise<Workload[]> {
  const dyn = await loadDyn();
  const work = rk4Work(2);
  const y = new Float64Array(2);
  const yp = new Float64Array(2);
  let sim: Sim | undefined;
  let resets = 0;
  const runDyn = (): Sim => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim ??= dyn.session.setup("builtin://ode/izhikevich", { stepper: "rk4", onWarning: () => {} });
    sim.run({ T: STEPS * DT, dt: DT, record: false, ic: IC, params: PARAMS, maxSteps: 10 * STEPS });
    return sim;
  };
  const runHand = () => {
    y.set(IC);
    resets = izhikevichRk4(y, PARAMS, DT, STEPS, work, yp);
    return y;
  };
  return [
    {
      id: "C",
      title: "Izhikevich RK4 + reset event, dt 0.01, 1e5 steps",
      unit: "ns/step",
      unitsPerRun: STEPS,
      // A few milliseconds per run: more rounds steady the median.
      rounds: quick ? 15 : 41,
      prepare: (context) => {
        const hand = Array.from(runHand());
        assertSame("C: hand-written reset count (session-semantics acceptance: 23)", resets, 23);
        try {
          runDyn();
        } catch (error) {
          context.unavailable(DYN, reasonOf(error));
          return;
        }
        assertBitIdentical(
          "C: Sim.run vs hand-written, final state",
          Array.from((sim as Sim).stateVector()),
          hand,
        );
      },
      cases: [
        { label: DYN, run: runDyn, ...(typeof dyn === "string" ? { unavailable: dyn } : {}) },
        { label: HAND, run: runHand },
      ],
      ratios: [{ of: DYN, over: HAND, target: 0.6 }],
    },
  ];
}
