/**
 * The model zoo: before any timing, several different builtin models are compiled and run
 * through the session (recording on and off, several steppers), so that if dyn served many models
 * from shared code its call sites would be megamorphic by the time the benchmarks run — the
 * situation of a real application (performance.md, "What costs time in JS").
 */
import { type Dyn, reasonOf } from "./dyn.ts";

interface ZooEntry {
  readonly uri: string;
  readonly stepper: string;
  readonly T?: number;
  readonly dt?: number;
  readonly N?: number;
}

const ZOO: readonly ZooEntry[] = [
  { uri: "builtin://ode/vanderpol", stepper: "rk4", T: 20, dt: 0.01 },
  { uri: "builtin://ode/duffing", stepper: "rk4", T: 20, dt: 0.01 },
  { uri: "builtin://ode/fitzhugh-nagumo", stepper: "euler", T: 50, dt: 0.01 },
  { uri: "builtin://ode/hodgkin-huxley", stepper: "rk4", T: 20, dt: 0.01 },
  { uri: "builtin://ode/leaky-if", stepper: "rk2", T: 50, dt: 0.01 },
  { uri: "builtin://ode/expdecay", stepper: "ab3", T: 5, dt: 0.01 },
  { uri: "builtin://ode/eto-circular", stepper: "rk45", T: 20 },
  { uri: "builtin://ode/resonate-if", stepper: "rk4", T: 50, dt: 0.01 },
  { uri: "builtin://ode/izhikevich", stepper: "rk2", T: 50, dt: 0.01 },
  { uri: "builtin://map/henon", stepper: "map", N: 5000 },
  { uri: "builtin://map/standard", stepper: "map", N: 5000 },
  { uri: "builtin://map/lozi", stepper: "map", N: 5000 },
];

export interface ZooReport {
  /** "uri (stepper)" of every model that ran (recording on and off). */
  readonly ran: readonly string[];
  /** "uri (stepper): reason" of every model that could not. */
  readonly failed: readonly string[];
}

/** Compiles and runs every zoo model a few times (each with and without recording). */
export function warmModelZoo(dyn: Dyn): ZooReport {
  const ran: string[] = [];
  const failed: string[] = [];
  for (const entry of ZOO) {
    const name = `${entry.uri} (${entry.stepper})`;
    try {
      const sim = dyn.session.setup(entry.uri, { stepper: entry.stepper, onWarning: () => {} });
      for (let i = 0; i < 3; i++) {
        const record = i !== 1;
        if (entry.N !== undefined) sim.run({ N: entry.N, record });
        else
          sim.run({
            T: entry.T ?? 10,
            ...(entry.dt === undefined ? {} : { dt: entry.dt }),
            record,
            maxSteps: 10_000_000,
          });
      }
      ran.push(name);
    } catch (error) {
      failed.push(`${name}: ${reasonOf(error)}`);
    }
  }
  return { ran, failed };
}
