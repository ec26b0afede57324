/**
 * Tinypool worker for workload F: runs its share of the rho sweep through dyn's `Sim.run` and
 * returns the final states (3 per point). The model zoo runs first in every worker, so the worker
 * measures the same situation as the main thread.
 */
import { loadDyn, type Sim } from "../dyn.ts";
import { lorenzRk4, rk4Work } from "../handwritten/lorenzRk4.ts";
import { warmModelZoo } from "../zoo.ts";

export interface SweepTask {
  /** "dyn": `Sim.run`; "hand": the hand-written loop (the pool's own speed-up ceiling). */
  readonly kind: "dyn" | "hand";
  readonly rhos: Float64Array;
  readonly steps: number;
  readonly dt: number;
}

let sim: Sim | undefined;

async function getSim(): Promise<Sim> {
  if (sim !== undefined) return sim;
  const dyn = await loadDyn();
  if (typeof dyn === "string") throw new Error(dyn);
  warmModelZoo(dyn);
  sim = dyn.session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
  return sim;
}

/** Runs every rho of the task from (1, 1, 1) for `steps` RK4 steps; returns the final states. */
export default async function sweep(task: SweepTask): Promise<Float64Array> {
  if (task.kind === "hand") return sweepHand(task.rhos, task.steps, task.dt);
  const s = await getSim();
  return sweepWith(s, task.rhos, task.steps, task.dt);
}

/** The sweep loop itself (also used on the main thread for the 1-worker case). */
export function sweepWith(s: Sim, rhos: Float64Array, steps: number, dt: number): Float64Array {
  const out = new Float64Array(3 * rhos.length);
  const params = new Float64Array([10.0, 28.0, 8.0 / 3.0]);
  const ic = [1.0, 1.0, 1.0];
  for (let i = 0; i < rhos.length; i++) {
    params[1] = rhos[i] as number;
    s.run({ T: steps * dt, dt, record: false, ic, params, maxSteps: 10 * steps });
    out.set(s.stateVector(), 3 * i);
  }
  return out;
}

const work = rk4Work(3);

/** The hand-written sweep (also used on the main thread). */
export function sweepHand(
  rhos: Float64Array,
  steps: number,
  dt: number,
  out = new Float64Array(3 * rhos.length),
): Float64Array {
  const params = new Float64Array([10.0, 28.0, 8.0 / 3.0]);
  const y = new Float64Array(3);
  for (let i = 0; i < rhos.length; i++) {
    params[1] = rhos[i] as number;
    y.set([1.0, 1.0, 1.0]);
    lorenzRk4(y, params, dt, steps, work);
    out.set(y, 3 * i);
  }
  return out;
}
