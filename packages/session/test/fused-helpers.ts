import { compileModel, loadModel, parseModel } from "@dyn/model";
import type { Stepper } from "@dyn/steppers";
import { getStepper, isStepperTemplate } from "@dyn/steppers";
import { type KernelPath, setKernelPath } from "../src/fused/kernelPath.ts";
import type { SessionModel } from "../src/modelPort.ts";
import type { RunOptions } from "../src/runOptions.ts";
import { Sim } from "../src/sim.ts";

/** Bit patterns of a numeric array (so -0, NaN payloads and last bits all count). */
export function bits(a: ArrayLike<number> | BigInt64Array | Int32Array): string[] {
  if (a instanceof BigInt64Array) return Array.from(a, (v) => v.toString());
  const f = Float64Array.from(a as ArrayLike<number>);
  return Array.from(new BigUint64Array(f.buffer), (v) => v.toString(16));
}

export const AUX_MODEL = `
[model]
type = "ode"
name = "Damped kicked oscillator"
[states]
x = 1.0
v = 0.0
[params]
k = 1.3
c = 0.05
[aux]
energy = "0.5*v*v + 0.5*k*x*x"
power = "-c*v*v"
[equations.rhs]
x = "v"
v = "-k*x - c*v + 0.2*cos(1.1*t)"
[events.kick]
cond = "x > 0.9"
phase = "both"
action = { v = "v - 0.1", c = "c * 1.01" }
log = ["t", "x", "aux:energy"]
[events.note]
cond = "v > 0.5"
phase = "end"
log = ["t", "v"]
[sim]
stop = "energy > 5"
`;

export const LAG_MODEL = `
[model]
type = "ode"
name = "Delayed feedback"
[states]
x = 1.0
y = 0.0
[params]
a = 0.5
[aux]
r = "x*x + y*y"
[equations.rhs]
x = "y"
y = "-x - a*lag_x(3) + 0.1*sin(t) + lag_y(2)*0.01"
[events.damp]
cond = "lag_x(2) > 0.8 and sum(x * k for k in range(1, 3)) > 1.5"
phase = "start"
action = { y = "y * 0.9" }
log = ["t", "lag_x(2)"]
`;

/** Reductions, functions, powers, integer helpers and selects in the right-hand side. */
export const FUNCS_MODEL = `
[model]
type = "ode"
name = "Function zoo"
[states]
a = 0.3
b = -0.2
c = 1.1
[params]
k = 0.7
[functions.sq]
args = ["q"]
expr = "q * q"
[equations.rhs]
a = "-k * a + sum(b * j for j in range(1, 4)) * 0.1 + min(c, 0.5) - abs(b) ** 1.5"
b = "sin(a) * cos(t) - sq(b) + (c % 0.7) - floor(a * 3) * 0.01 + (1 if a > 0 else -1) * 0.05"
c = "-c + exp(-a * a) + max(a, b) * 0.2 + tanh(b) + sqrt(abs(c) + 1) * 0.01"
`;

export const LAG_MAP = `
[model]
type = "map"
name = "Delayed logistic"
[states]
x = 0.2
[params]
r = 2.1
[equations.rhs]
x = "r * x * (1 - lag_x(1))"
[events.clip]
cond = "x > 0.6"
phase = "end"
action = { x = "0.6", r = "r * 0.999" }
log = ["t", "x"]
`;

const compiled = new Map<string, SessionModel>();
export function model(source: string): SessionModel {
  let m = compiled.get(source);
  if (m === undefined) {
    m = (source.startsWith("builtin://")
      ? compileModel(loadModel(source))
      : compileModel(parseModel(source))) as unknown as SessionModel;
    compiled.set(source, m);
  }
  return m;
}

/** Carried workspace fields of a stepper: history vectors and counters of its template. */
export function carriedFields(stepper: Stepper): string[] {
  const tp = stepper.template;
  return isStepperTemplate(tp) ? [...tp.history, ...tp.counters] : [];
}

/** Everything a run leaves behind, as bit patterns (scratch workspace fields excluded). */
export function fingerprint(sim: Sim, stepper: Stepper): Record<string, unknown> {
  const r = sim.rawResults();
  const ws = r.finalWorkspace as {
    stepper: Record<string, ArrayLike<number>>;
    runtime: Record<string, ArrayLike<number>>;
  };
  const carried: Record<string, string[]> = {};
  for (const name of carriedFields(stepper))
    carried[`stepper.${name}`] = bits(ws.stepper[name] as Float64Array);
  for (const [name, arr] of Object.entries(ws.runtime))
    carried[`runtime.${name}`] = bits(arr as Float64Array);
  return {
    n: r.T.length,
    T: bits(r.T),
    STEP: bits(r.STEP),
    Y: r.Y.toArrays().map(bits),
    AUX: r.AUX === null ? null : r.AUX.toArrays().map(bits),
    EVT_CODE: Array.from(r.EVT_CODE),
    EVT_INDEX: Array.from(r.EVT_INDEX),
    EVT_LOG: r.EVT_LOG_DATA.toArrays().map(bits),
    status: r.status,
    finalState: bits(r.finalState),
    finalParams: bits(r.finalParams),
    tFinal: bits([r.tFinal]),
    finalDt: bits([r.finalDt]),
    steps: r.stepCountFinal,
    carried,
  };
}

/** Runs `runs` in order on a fresh session with the given path, returning the fingerprint. */
export function runOn(
  path: KernelPath,
  source: string,
  stepperName: string,
  runs: readonly RunOptions[],
): { fp: Record<string, unknown>; sim: Sim } {
  const previous = setKernelPath(path);
  try {
    const stepper = getStepper(stepperName);
    const sim = new Sim(model(source), { stepper, onWarning: () => {} });
    for (const o of runs) sim.run(o);
    return { fp: fingerprint(sim, stepper), sim };
  } finally {
    setKernelPath(previous);
  }
}

/** The URLs of kernels compiled for this session, split by path. */
export function kernelUrls(sim: Sim): { fused: string[]; plain: string[] } {
  const urls = Object.keys(sim.exportSources());
  return {
    fused: urls.filter((u) => u.startsWith("dyn/fused-")),
    plain: urls.filter((u) => u.startsWith("dyn/run-")),
  };
}
