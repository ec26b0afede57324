/**
 * `[sim]` (model-dsl.md §2.6, M-8, M-9, M-12): defaults, type-checked scalars, the stop
 * condition and verbatim extras (`stepperDefaults`).
 */
import { ModelErrorCode } from "../errors.ts";
import type { ModelKind, SimSpec, SpecValue } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, type DocValue, isTable, typeWord } from "./document.ts";
import { checkUnknownKeys } from "./unknownKeys.ts";

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "t0",
  "t_end",
  "dt",
  "stepper",
  "record",
  "atol",
  "rtol",
  "max_steps",
  "stop",
]);

function finiteFloat(context: LoadContext, key: string, raw: DocValue | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const location = `[sim].${key}`;
  if (typeof raw !== "bigint" && typeof raw !== "number") {
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `${location} must be a finite number, got ${typeWord(raw)}`,
      location,
    );
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `${location} must be a finite number, got ${String(raw)}`,
      location,
    );
  }
  return value;
}

function nonNegative(context: LoadContext, key: string, value: number): number {
  if (value < 0)
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `[sim].${key} must be >= 0, got ${value}`,
      `[sim].${key}`,
    );
  return value;
}

function readMaxSteps(context: LoadContext, raw: DocValue | undefined): bigint {
  if (raw === undefined) return 1_000_000n;
  const location = "[sim].max_steps";
  let value: bigint;
  if (typeof raw === "bigint") value = raw;
  else if (typeof raw === "number" && Number.isInteger(raw)) value = BigInt(raw);
  else {
    const got = typeof raw === "number" ? String(raw) : typeWord(raw);
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `${location} must be an integer >= 1, got ${got}`,
      location,
    );
  }
  if (value < 1n)
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `${location} must be an integer >= 1, got ${value}`,
      location,
    );
  return value;
}

function readStop(context: LoadContext, raw: DocValue | undefined): SimSpec["stop"] {
  if (raw === undefined) return null;
  if (typeof raw === "string") {
    if (raw.trim() === "") {
      throw loadError(
        context,
        ModelErrorCode.BAD_SIM,
        "[sim.stop].cond must be a non-empty string (got a blank [sim].stop)",
        "[sim].stop",
      );
    }
    return { cond: raw, phase: "post" };
  }
  if (isTable(raw)) {
    checkUnknownKeys(context, raw, "[sim.stop]", ["cond", "phase"]);
    const phase = raw.phase ?? "post";
    if (phase !== "post") {
      const got = typeof phase === "string" ? `'${phase}'` : typeWord(phase);
      throw loadError(
        context,
        ModelErrorCode.BAD_SIM,
        `[sim.stop].phase must be 'post', got ${got}`,
        "[sim.stop].phase",
      );
    }
    const cond = raw.cond;
    if (typeof cond !== "string" || cond.trim() === "") {
      const got =
        typeof cond === "string" ? "a blank string" : cond === undefined ? "nothing" : typeWord(cond);
      throw loadError(
        context,
        ModelErrorCode.BAD_SIM,
        `[sim.stop].cond must be a non-empty string, got ${got}`,
        "[sim.stop].cond",
      );
    }
    return { cond, phase: "post" };
  }
  throw loadError(
    context,
    ModelErrorCode.BAD_SIM,
    `[sim].stop must be a table ([sim.stop]) or a string expression, got ${typeWord(raw)}`,
    "[sim].stop",
  );
}

function copyExtra(context: LoadContext, key: string, value: DocValue): SpecValue {
  if (value instanceof Date) {
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `[sim].${key} must not be a datetime (stepper settings are numbers, strings, booleans, arrays or tables)`,
      `[sim].${key}`,
    );
  }
  if (Array.isArray(value)) return value.map((item) => copyExtra(context, key, item));
  if (isTable(value)) {
    const out = Object.create(null) as Record<string, SpecValue>;
    for (const [name, item] of Object.entries(value)) out[name] = copyExtra(context, key, item);
    return out;
  }
  return value;
}

/** Reads `[sim]` with the §2.6 defaults; the default stepper is `rk4` (ODE) or `map`. */
export function readSim(context: LoadContext, sim: DocTable, kind: ModelKind): SimSpec {
  const t0 = finiteFloat(context, "t0", sim.t0, 0.0);
  const tEnd = finiteFloat(context, "t_end", sim.t_end, 1.0);
  const dt = finiteFloat(context, "dt", sim.dt, 0.01);
  if (dt <= 0)
    throw loadError(context, ModelErrorCode.BAD_SIM, `[sim].dt must be > 0, got ${dt}`, "[sim].dt");
  const stepperRaw = sim.stepper;
  if (stepperRaw !== undefined && typeof stepperRaw !== "string") {
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `[sim].stepper must be a string, got ${typeWord(stepperRaw)}`,
      "[sim].stepper",
    );
  }
  const recordRaw = sim.record;
  if (recordRaw !== undefined && typeof recordRaw !== "boolean") {
    const got = typeof recordRaw === "string" ? `string '${recordRaw}'` : typeWord(recordRaw);
    throw loadError(
      context,
      ModelErrorCode.BAD_SIM,
      `[sim].record must be a boolean (true or false), got ${got}`,
      "[sim].record",
    );
  }
  const atol = nonNegative(context, "atol", finiteFloat(context, "atol", sim.atol, 1e-8));
  const rtol = nonNegative(context, "rtol", finiteFloat(context, "rtol", sim.rtol, 1e-5));
  const maxSteps = readMaxSteps(context, sim.max_steps);
  const stop = readStop(context, sim.stop);
  const stepperDefaults = Object.create(null) as Record<string, SpecValue>;
  for (const [key, value] of Object.entries(sim)) {
    if (!KNOWN_KEYS.has(key)) stepperDefaults[key] = copyExtra(context, key, value);
  }
  return {
    t0,
    tEnd,
    dt,
    stepper: stepperRaw ?? (kind === "ode" ? "rk4" : "map"),
    record: recordRaw ?? true,
    atol,
    rtol,
    maxSteps,
    stop,
    stepperDefaults,
  };
}
