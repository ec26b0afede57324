// A hand-written stand-in for a compiled model (model-dsl §4.1–4.4), used where a test needs a
// model feature directly (throwing kernels, exact event timing) or before @dyn/model compiles.
import type { FloatVector, RuntimeWorkspace, SessionModel } from "../../src/modelPort.ts";

type Vec = FloatVector;

export interface FakeEvent {
  name: string;
  phase: "start" | "end" | "both";
  cond: (t: number, y: Vec, p: Vec) => boolean;
  action?: (t: number, y: Vec, p: Vec) => void;
  log?: { fields: string[]; fn: (t: number, y: Vec, p: Vec, out: Vec) => void };
  tags?: string[];
}

export interface FakeSpec {
  kind: "ode" | "map";
  states: Record<string, number>;
  params?: Record<string, number>;
  rhs: (t: number, y: Vec, out: Vec, p: Vec, ws: RuntimeWorkspace) => void;
  aux?: { names: string[]; fn: (t: number, y: Vec, p: Vec, out: Vec, ws: RuntimeWorkspace) => void };
  events?: FakeEvent[];
  stop?: (t: number, y: Vec, p: Vec) => boolean;
  lag?: { state: string; len: number }[];
  sim?: Partial<{
    t0: number;
    tEnd: number;
    dt: number;
    stepper: string;
    record: boolean;
    atol: number;
    rtol: number;
    maxSteps: number;
    stepperDefaults: Record<string, unknown>;
  }>;
  specHash?: string;
}

let counter = 0;

export function fakeModel(spec: FakeSpec): SessionModel {
  const stateNames = Object.keys(spec.states);
  const paramNames = Object.keys(spec.params ?? {});
  const ic = Float64Array.from(Object.values(spec.states));
  const pv = Float64Array.from(Object.values(spec.params ?? {}));
  const auxNames = spec.aux?.names ?? [];
  const events = spec.events ?? [];
  const lags = spec.lag ?? [];
  const ringTotal = lags.reduce((a, l) => a + l.len, 0);
  const hasStop = spec.stop !== undefined;
  const startIdx = events.flatMap((e, i) => (e.phase === "start" || e.phase === "both" ? [i] : []));
  const endIdx = events.flatMap((e, i) => (e.phase === "end" || e.phase === "both" ? [i] : []));
  const fire =
    (list: number[]) =>
    (t: number, y: Vec, p: Vec, scratch: Vec): number => {
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        const ev = events[i]!;
        if (ev.cond(t, y, p)) {
          ev.action?.(t, y, p);
          ev.log?.fn(t, y, p, scratch);
          return i;
        }
      }
      return -1;
    };
  const auxScratch = new Float64Array(auxNames.length);
  const sim = {
    t0: 0,
    tEnd: 1,
    dt: 0.01,
    stepper: spec.kind === "map" ? "map" : "rk4",
    record: true,
    atol: 1e-8,
    rtol: 1e-5,
    maxSteps: 1_000_000,
    stepperDefaults: {},
    ...spec.sim,
  };
  counter += 1;
  const tagIndex: Record<string, string[]> = {};
  for (const ev of events) {
    for (const tag of ev.tags ?? []) {
      tagIndex[tag] ??= [];
      tagIndex[tag].push(ev.name);
    }
  }
  const model: SessionModel = {
    spec: { kind: spec.kind, name: "fake", sim, tagIndex } as SessionModel["spec"],
    specHash: spec.specHash ?? `fake${String(counter).padStart(60, "0")}`,
    dtype: "float64",
    nState: stateNames.length,
    nParams: paramNames.length,
    nAux: auxNames.length,
    stateNames,
    paramNames,
    auxNames,
    eventNames: events.map((e) => e.name),
    eventPhases: events.map((e) => e.phase),
    eventLogFields: events.map((e) => e.log?.fields ?? []),
    maxLogWidth: Math.max(1, ...events.map((e) => e.log?.fields.length ?? 0)),
    hasStop,
    runtimeLayout: [
      { name: "lag_ring", dtype: "float64", shape: [ringTotal] },
      { name: "lag_head", dtype: "int32", shape: [lags.length] },
      { name: "lag_info", dtype: "int32", shape: [lags.length, 3] },
      { name: "aux_values", dtype: "float64", shape: [auxNames.length] },
      { name: "stop_flag", dtype: "int32", shape: [hasStop ? 1 : 0] },
      { name: "stop_phase_mask", dtype: "int32", shape: [hasStop ? 1 : 0] },
    ],
    makeRuntimeWorkspace() {
      const info = new Int32Array(lags.length * 3);
      let off = 0;
      lags.forEach((l, k) => {
        info[k * 3] = stateNames.indexOf(l.state);
        info[k * 3 + 1] = l.len;
        info[k * 3 + 2] = off;
        off += l.len;
      });
      return {
        lag_ring: new Float64Array(ringTotal),
        lag_head: new Int32Array(lags.length),
        lag_info: info,
        aux_values: new Float64Array(auxNames.length),
        stop_flag: new Int32Array(hasStop ? 1 : 0),
        stop_phase_mask: Int32Array.from(hasStop ? [2] : []),
      };
    },
    seedLagRings(ws, y) {
      const info = ws["lag_info"] as Int32Array;
      const ring = ws["lag_ring"] as Float64Array;
      const head = ws["lag_head"] as Int32Array;
      for (let k = 0; k < head.length; k++) {
        const s = info[k * 3]!,
          len = info[k * 3 + 1]!,
          o = info[k * 3 + 2]!;
        for (let j = 0; j < len; j++) ring[o + j] = y[s]!;
        head[k] = len - 1;
      }
    },
    advanceLagRings(ws, y) {
      const info = ws["lag_info"] as Int32Array;
      const ring = ws["lag_ring"] as Float64Array;
      const head = ws["lag_head"] as Int32Array;
      for (let k = 0; k < head.length; k++) {
        const s = info[k * 3]!,
          len = info[k * 3 + 1]!,
          o = info[k * 3 + 2]!;
        const h = (head[k]! + 1) % len;
        head[k] = h;
        ring[o + h] = y[s]!;
      }
    },
    initialState: () => ic.slice(),
    initialParams: () => pv.slice(),
    kernels: {
      rhs: spec.rhs,
      updateAux(t, y, p, out, ws) {
        if (spec.aux) spec.aux.fn(t, y, p, out, ws);
        const sf = ws["stop_flag"] as Int32Array;
        if (hasStop && sf.length > 0) sf[0] = spec.stop!(t, y, p) ? 1 : 0;
        void auxScratch;
      },
      eventsStart: fire(startIdx),
      eventsEnd: fire(endIdx),
      stopCond: hasStop ? (t, y, p) => (spec.stop!(t, y, p) ? 1 : 0) : undefined,
    },
  };
  return model;
}

/** `lag(ws, k)` of the first lagged state: ring[offset + (head − k mod len)]. */
export function lagValue(ws: RuntimeWorkspace, lagIndex: number, k: number): number {
  const info = ws["lag_info"] as Int32Array;
  const ring = ws["lag_ring"] as Float64Array;
  const head = ws["lag_head"] as Int32Array;
  const len = info[lagIndex * 3 + 1]!,
    o = info[lagIndex * 3 + 2]!;
  let idx = head[lagIndex]! - k;
  if (idx < 0) idx += len;
  return ring[o + idx]!;
}
