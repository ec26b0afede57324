/**
 * Workload B: Lorenz, Dormand–Prince 5(4), rtol 1e-8, atol 1e-10, T = 100 (no recording).
 * Cases: dyn's `Sim.run` with the `rk45` stepper; the hand-written DOPRI5 with the same
 * controller and initial step (bit-identical final state and step count, checked in prepare);
 * the plain `rk45Stepper.step` of @dyn/steppers through its callback (informative); and the peer,
 * the npm package `odex` 2.0.4 (Hairer's ODEX: Gragg–Bulirsch–Stoer extrapolation, a different
 * method, so only its time is compared, at the same tolerances).
 */
import { Solver } from "odex";
import { assertBitIdentical, assertSame } from "./check.ts";
import { loadDyn, loadSteppers, reasonOf, type Sim } from "./dyn.ts";
import { dopri5Work, lorenzDopri5 } from "./handwritten/lorenzDopri5.ts";
import type { Workload } from "./harness.ts";
import { lorenzRhsFn, plainRunner } from "./plainStepper.ts";

const T_END = 100;
const ATOL = 1e-10;
const RTOL = 1e-8;
const IC = [1.0, 1.0, 1.0];
const PARAMS = new Float64Array([10.0, 28.0, 8.0 / 3.0]);

const DYN = "dyn Sim.run rk45";
const HAND = "hand-written DOPRI5";
const PLAIN = "@dyn/steppers rk45 step (callback)";
const ODEX = "odex 2.0.4 (GBS)";

export async function workloads(quick: boolean): Promise<Workload[]> {
  const dyn = await loadDyn();
  const steppers = await loadSteppers();
  const plain = plainRunner(steppers, steppers.rk45Stepper, lorenzRhsFn, 3);
  const work = dopri5Work();
  const y = new Float64Array(3);
  let sim: Sim | undefined;
  let dynSteps = Number.NaN;
  let plainSteps = Number.NaN;

  const runDyn = (): Sim => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim ??= dyn.session.setup("builtin://ode/lorenz", { stepper: "rk45", onWarning: () => {} });
    sim.run({
      T: T_END,
      record: false,
      ic: IC,
      params: PARAMS,
      maxSteps: 10_000_000,
      stepperConfig: { atol: ATOL, rtol: RTOL },
    });
    return sim;
  };
  const runHand = () => {
    y.set(IC);
    return lorenzDopri5(y, PARAMS, 0, T_END, { atol: ATOL, rtol: RTOL }, work);
  };
  const runPlain = () => {
    y.set(IC);
    plainSteps = plain.adaptive(y, PARAMS, 0, T_END, { atol: ATOL, rtol: RTOL });
    return y;
  };
  const [sigma, rho, beta] = PARAMS as unknown as [number, number, number];
  const odex = new Solver(3);
  odex.absoluteTolerance = ATOL;
  odex.relativeTolerance = RTOL;
  odex.maxSteps = 10_000_000;
  // odex's interface: f(x, y) returns a new array.
  const lorenzOdex = (_x: number, v: number[]) => [
    sigma * (v[1] - v[0]),
    v[0] * (rho - v[2]) - v[1],
    v[0] * v[1] - beta * v[2],
  ];
  let odexInfo = "";
  const runOdex = () => odex.solve(lorenzOdex, 0, IC, T_END);

  return [
    {
      id: "B",
      title: "Lorenz Dormand–Prince 5(4), rtol 1e-8, atol 1e-10, T = 100",
      unit: "ms",
      // A few milliseconds per run: more rounds steady the median.
      rounds: quick ? 21 : 61,
      prepare: (context) => {
        const hand = runHand();
        const handY = Array.from(y);
        const handSteps = hand.steps;
        assertSame("B: hand-written DOPRI5 end time", hand.t, T_END);
        assertBitIdentical("B: plain rk45 step vs hand-written, final state", Array.from(runPlain()), handY);
        assertSame("B: plain rk45 step vs hand-written, accepted steps", plainSteps, handSteps);
        const o = runOdex();
        if (o.outcome !== 0) throw new Error(`B: odex did not converge (outcome ${o.outcome})`);
        odexInfo = `odex: ${o.nStep} steps (${o.nAccept} accepted), ${o.nEval} RHS evaluations`;
        try {
          runDyn();
        } catch (error) {
          context.unavailable(DYN, reasonOf(error));
          return;
        }
        const s = sim as Sim;
        assertBitIdentical(
          "B: Sim.run rk45 vs hand-written, final state",
          Array.from(s.stateVector()),
          handY,
        );
        dynSteps = s.sessionStateSummary().step;
        assertSame("B: Sim.run rk45 vs hand-written, accepted steps", dynSteps, handSteps);
      },
      cases: [
        { label: DYN, run: runDyn, ...(typeof dyn === "string" ? { unavailable: dyn } : {}) },
        { label: HAND, run: runHand },
        { label: PLAIN, run: runPlain },
        { label: ODEX, run: runOdex },
      ],
      ratios: [
        { of: DYN, over: HAND, target: 0.8 },
        { of: DYN, over: ODEX, target: 0.34, note: "≥ 2.9× faster than odex" },
        { of: HAND, over: ODEX, note: "informative" },
        { of: PLAIN, over: HAND, note: "generic stepper, informative" },
      ],
      notes: () => {
        const r = runHand();
        return [
          `hand-written DOPRI5: ${r.steps} accepted steps, ${r.evals} RHS evaluations`,
          odexInfo,
          `dyn rk45: ${dynSteps} steps`,
        ];
      },
    },
  ];
}
