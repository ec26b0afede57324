/**
 * Drives a @dyn/steppers `Stepper`'s plain reference `step` through its callback interface, with
 * the runner's time handling (fixed-step grid of D-10; adaptive clipping `t + h > T → h = T − t`).
 * It serves two purposes: it proves each hand-written loop computes exactly what the steppers
 * package defines (independently of the session), and it is the "generic stepper calling rhs
 * through a callback" row of performance.md.
 */
import type { RhsFn, Stepper, SteppersModule } from "./dyn.ts";

export type { RhsFn };

/** The plain-`step` runner state for one (stepper, n) pair, allocated once. */
export interface PlainRunner {
  /** Fixed-step: `steps` steps from t = origin on the grid t = origin + k·dt. */
  fixed(y: Float64Array, p: Float64Array, dt: number, steps: number): void;
  /** Adaptive: from t0 to tEnd with the session's initial step; returns the accepted steps. */
  adaptive(
    y: Float64Array,
    p: Float64Array,
    t0: number,
    tEnd: number,
    overrides: Readonly<Record<string, number>>,
  ): number;
}

export function plainRunner(steppers: SteppersModule, stepper: Stepper, rhs: RhsFn, n: number): PlainRunner {
  const ws = steppers.allocateWorkspace(stepper, n);
  const runtimeWs = {};
  const yProp = new Float64Array(n);
  const tProp = new Float64Array(1);
  const dtNext = new Float64Array(1);
  const errEst = new Float64Array(1);
  const step = stepper.step;
  return {
    fixed(y, p, dt, steps) {
      const config = steppers.defaultConfig(stepper);
      let t = 0.0;
      for (let k = 0; k < steps; k++) {
        const status = step(t, dt, y, rhs, p, runtimeWs, ws, config, yProp, tProp, dtNext, errEst);
        if (status !== 0) throw new Error(`plain ${stepper.meta.name} step failed with status ${status}`);
        y.set(yProp);
        t = 0.0 + (k + 1) * dt;
      }
    },
    adaptive(y, p, t0, tEnd, overrides) {
      const config = steppers.resolveConfig(stepper, steppers.defaultConfig(stepper), overrides);
      const names = steppers.configFieldNames(stepper);
      const field = (name: string) => config[names.indexOf(name)] as number;
      let dt = steppers.initialStep({
        rhs,
        t0,
        tEnd,
        y0: y,
        params: p,
        runtimeWs,
        order: stepper.meta.order,
        atol: field("atol"),
        rtol: field("rtol"),
        dtMax: field("dt_max"),
      });
      let t = t0;
      let steps = 0;
      while (t < tEnd) {
        let h = dt;
        if (t + h > tEnd) h = tEnd - t;
        const status = step(t, h, y, rhs, p, runtimeWs, ws, config, yProp, tProp, dtNext, errEst);
        if (status !== 0) throw new Error(`plain ${stepper.meta.name} step failed with status ${status}`);
        y.set(yProp);
        t = tProp[0] as number;
        dt = dtNext[0] as number;
        steps++;
      }
      return steps;
    },
  };
}

/** Lorenz as an `RhsFn`, the same expressions as the builtin model (p = [sigma, rho, beta]). */
export const lorenzRhsFn: RhsFn = (_t, v, out, p) => {
  const x = v[0] as number;
  const y = v[1] as number;
  const z = v[2] as number;
  out[0] = (p[0] as number) * (y - x);
  out[1] = x * ((p[1] as number) - z) - y;
  out[2] = x * y - (p[2] as number) * z;
};
