/**
 * First call: 10⁴ Lorenz RK4 steps (dt 0.01) right after a fresh model was compiled — what an
 * interactive page feels. Each round compiles a fresh Lorenz text into a new `Sim` (untimed) and
 * times its first `run`. The hand-written counterpart compiles the same loop fresh with
 * `new Function` (unique sourceURL, untimed) and times its first call. Bound (performance.md):
 * < 10 ms.
 */
import { assertBitIdentical } from "./check.ts";
import { loadDyn, reasonOf, type Sim } from "./dyn.ts";
import { lorenzRk4Source } from "./handwritten/lorenzRk4.ts";
import type { Workload } from "./harness.ts";

const lorenzText = `#! dynlib
[model]
type = "ode"
name = "Lorenz (first call)"

[states]
x = 1.0
y = 1.0
z = 1.0

[params]
sigma = 10.0
rho = 28.0
beta = "8.0/3.0"

[equations.rhs]
x = "sigma * (y - x)"
y = "x * (rho - z) - y"
z = "x * y - beta * z"
`;

const STEPS = 10_000;
const DT = 0.01;
const PARAMS = new Float64Array([10.0, 28.0, 8.0 / 3.0]);
const DYN = "dyn first Sim.run";
const DYN_REC = "dyn first Sim.run, recording";
const HAND = "hand-written, first call of a fresh new Function";

type FreshLoop = (y: Float64Array, p: Float64Array, dt: number, steps: number) => void;

export async function workloads(_quick: boolean): Promise<Workload[]> {
  const dyn = await loadDyn();
  let counter = 0;
  const freshText = () =>
    lorenzText.replace("Lorenz (first call)", `Lorenz (first call ${process.pid}-${counter++})`);
  const freshLoop = (): FreshLoop =>
    new Function(`${lorenzRk4Source}\n//# sourceURL=bench/lorenz-rk4-fresh-${counter++}.js`)() as FreshLoop;
  let sim: Sim | undefined;
  let loop: FreshLoop | undefined;
  const y = new Float64Array(3);
  const newSim = () => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim = dyn.session.setup(`inline:${freshText()}`, { stepper: "rk4", onWarning: () => {} });
  };
  const runSim = (record: boolean) => {
    (sim as Sim).run({ T: STEPS * DT, dt: DT, record });
    return sim;
  };
  const gap = typeof dyn === "string" ? { unavailable: dyn } : {};
  return [
    {
      id: "first-call",
      title: "first call: 10⁴ Lorenz RK4 steps after compiling a fresh model",
      unit: "ms",
      prepare: (context) => {
        loop = freshLoop();
        y.set([1, 1, 1]);
        loop(y, PARAMS, DT, STEPS);
        if (typeof dyn === "string") return;
        try {
          newSim();
          runSim(false);
        } catch (error) {
          context.unavailable(DYN, reasonOf(error));
          context.unavailable(DYN_REC, reasonOf(error));
          return;
        }
        assertBitIdentical(
          "first-call: Sim.run vs hand-written, final state",
          Array.from((sim as Sim).stateVector()),
          Array.from(y),
        );
      },
      cases: [
        { label: DYN, setup: newSim, run: () => runSim(false), ...gap },
        { label: DYN_REC, setup: newSim, run: () => runSim(true), ...gap },
        {
          label: HAND,
          setup: () => {
            loop = freshLoop();
            y.set([1, 1, 1]);
          },
          run: () => {
            (loop as FreshLoop)(y, PARAMS, DT, STEPS);
            return y;
          },
        },
      ],
      ratios: [{ of: DYN, over: HAND, note: "informative" }],
      bounds: { [DYN]: 10, [DYN_REC]: 10 },
    },
  ];
}
