/**
 * Workload D: the logistic map (builtin, r = 4, x0 = 0.1), 1e7 iterations, no recording.
 * Cases: dyn's `Sim.run` (map stepper) and the hand-written loop (bit-identical final state,
 * checked in prepare). Both sit at the latency bound of one multiply chain per iteration.
 */
import { assertBitIdentical } from "./check.ts";
import { loadDyn, reasonOf, type Sim } from "./dyn.ts";
import { logisticMap } from "./handwritten/logisticMap.ts";
import type { Workload } from "./harness.ts";

const IC = [0.1];
const R = 4.0;
const DYN = "dyn Sim.run (map)";
const HAND = "hand-written";

export async function workloads(quick: boolean): Promise<Workload[]> {
  const iterations = quick ? 3_000_000 : 10_000_000;
  const dyn = await loadDyn();
  const y = new Float64Array(1);
  let sim: Sim | undefined;
  const runDyn = (): Sim => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim ??= dyn.session.setup("builtin://map/logistic", { stepper: "map", onWarning: () => {} });
    sim.run({ N: iterations, record: false, ic: IC, params: [R] });
    return sim;
  };
  const runHand = () => {
    y.set(IC);
    logisticMap(y, R, iterations);
    return y;
  };
  return [
    {
      id: "D",
      title: `logistic map, ${iterations} iterations`,
      unit: "ns/step",
      unitsPerRun: iterations,
      prepare: (context) => {
        const hand = Array.from(runHand());
        try {
          runDyn();
        } catch (error) {
          context.unavailable(DYN, reasonOf(error));
          return;
        }
        assertBitIdentical(
          "D: Sim.run vs hand-written, final state",
          Array.from((sim as Sim).stateVector()),
          hand,
        );
      },
      cases: [
        { label: DYN, run: runDyn, ...(typeof dyn === "string" ? { unavailable: dyn } : {}) },
        { label: HAND, run: runHand },
      ],
      ratios: [{ of: DYN, over: HAND, target: 1.1 }],
    },
  ];
}
