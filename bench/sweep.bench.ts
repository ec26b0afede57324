/**
 * Workload F: a parameter sweep — Lorenz with 1000 values of rho (quick: 200), 10 000 RK4 steps
 * each (dt 0.01), final state only. Both the hand-written loop and dyn's `Sim.run` (one session,
 * parameters passed as data: no recompilation per point) run on the main thread, in one tinypool
 * worker (the whole sweep as one task) and in two (half each). Ratios: dyn ÷ hand-written on the
 * main thread (≤ 0.6) and dyn's speed-up from one worker to two (≥ 1.7); the hand-written speed-up
 * shows what the machine allows at that moment. The pool is started and warmed (model zoo in each
 * worker) before timing; all cases give bit-identical final states (checked in prepare).
 */
import { Tinypool } from "tinypool";
import { assertBitIdentical, BitMismatchError } from "./check.ts";
import { loadDyn, reasonOf, type Sim } from "./dyn.ts";
import type { Workload } from "./harness.ts";
import { type SweepTask, sweepHand, sweepWith } from "./workers/sweep.worker.ts";

const DT = 0.01;
const STEPS = 10_000;
const HAND = "hand-written, main thread";
const HAND1 = "hand-written, 1 worker (tinypool)";
const HAND2 = "hand-written, 2 workers (tinypool)";
const DYN = "dyn Sim.run, main thread";
const DYN1 = "dyn Sim.run, 1 worker (tinypool)";
const DYN2 = "dyn Sim.run, 2 workers (tinypool)";

export async function workloads(quick: boolean): Promise<Workload[]> {
  const points = quick ? 200 : 1000;
  const rhos = Float64Array.from({ length: points }, (_, i) => 20.0 + (20.0 * i) / (points - 1));
  const halves = [rhos.slice(0, points >> 1), rhos.slice(points >> 1)];
  const dyn = await loadDyn();
  const handOut = new Float64Array(3 * points);
  let sim: Sim | undefined;
  let pool: Tinypool | undefined;

  const runHand = () => sweepHand(rhos, STEPS, DT, handOut);
  const runDyn = () => {
    if (typeof dyn === "string") throw new Error(dyn);
    sim ??= dyn.session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
    return sweepWith(sim, rhos, STEPS, DT);
  };
  /** The sweep on the pool, split in `workers` equal tasks (each worker takes one). */
  const runPool = async (kind: SweepTask["kind"], workers: 1 | 2) => {
    if (pool === undefined) throw new Error("worker pool not started");
    const p = pool;
    const tasks = workers === 1 ? [rhos] : halves;
    const parts = (await Promise.all(
      tasks.map((h) => p.run({ kind, rhos: h, steps: STEPS, dt: DT } satisfies SweepTask)),
    )) as Float64Array[];
    if (workers === 1) return parts[0] as Float64Array;
    const out = new Float64Array(3 * points);
    out.set(parts[0] as Float64Array, 0);
    out.set(parts[1] as Float64Array, (parts[0] as Float64Array).length);
    return out;
  };
  const gap = typeof dyn === "string" ? { unavailable: dyn } : {};
  return [
    {
      id: "F",
      title: `sweep: Lorenz rho × ${points}, ${STEPS} RK4 steps each, final state`,
      unit: "ms",
      rounds: quick ? 5 : 11,
      prepare: async (context) => {
        const hand = Array.from(runHand());
        pool = new Tinypool({
          filename: new URL("./workers/sweep.worker.mjs", import.meta.url).href,
          minThreads: 2,
          maxThreads: 2,
          // Workers resolve workspace packages to their sources, as `pnpm bench` does.
          execArgv: ["--conditions=@dyn/source"],
        });
        assertBitIdentical(
          "F: hand-written (2 workers) vs main thread",
          Array.from(await runPool("hand", 2)),
          hand,
        );
        assertBitIdentical(
          "F: hand-written (1 worker) vs main thread",
          Array.from(await runPool("hand", 1)),
          hand,
        );
        if (typeof dyn === "string") return;
        try {
          assertBitIdentical("F: Sim.run (main thread) vs hand-written", Array.from(runDyn()), hand);
        } catch (error) {
          if (error instanceof BitMismatchError) throw error;
          context.unavailable(DYN, reasonOf(error));
        }
        try {
          // Warms both workers (zoo, Lorenz loop) before any timing.
          assertBitIdentical(
            "F: Sim.run (2 workers) vs hand-written",
            Array.from(await runPool("dyn", 2)),
            hand,
          );
          assertBitIdentical(
            "F: Sim.run (1 worker) vs hand-written",
            Array.from(await runPool("dyn", 1)),
            hand,
          );
        } catch (error) {
          if (error instanceof BitMismatchError) throw error;
          context.unavailable(DYN1, reasonOf(error));
          context.unavailable(DYN2, reasonOf(error));
        }
      },
      teardown: async () => {
        await pool?.destroy();
      },
      cases: [
        { label: HAND, run: runHand },
        { label: HAND1, run: () => runPool("hand", 1) },
        { label: HAND2, run: () => runPool("hand", 2) },
        { label: DYN, run: runDyn, ...gap },
        { label: DYN1, run: () => runPool("dyn", 1), ...gap },
        { label: DYN2, run: () => runPool("dyn", 2), ...gap },
      ],
      ratios: [
        { of: DYN, over: HAND, target: 0.6 },
        { of: DYN1, over: DYN2, target: 1.7, direction: "atLeast", note: "speed-up on 2 cores" },
        { of: DYN1, over: HAND1, note: "in a worker, informative" },
        { of: HAND1, over: HAND2, note: "the machine's speed-up ceiling, informative" },
      ],
    },
  ];
}
