import { pythonFloatRepr } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { SessionModel } from "../modelPort.ts";
import type { RunOptions } from "../runOptions.ts";
import { pyRound } from "./timeGrid.ts";

/** Persistent run defaults set by `config()` (undefined = fall back to `[sim]`/built-ins). */
export interface RunDefaults {
  dt?: number;
  maxSteps?: number;
  record?: boolean;
  recordInterval?: number;
  capRec?: number;
  capEvt?: number;
}

/** What checks 1–3 of `run` resolve. */
export interface EarlyArgs {
  readonly tag: string | null;
  readonly resume: boolean;
  /** An explicit non-resume `dt` (already checked positive), to become the nominal dt. */
  readonly dt: number | undefined;
}

/** What checks 4–6 of `run` resolve, with the defaults applied. */
export interface RunPlan {
  readonly record: boolean;
  readonly recordInterval: number;
  readonly maxSteps: number;
  readonly capRec: number;
  readonly capEvt: number;
  readonly t0: number;
  /** End time (ODE) or the map horizon as a time (`t0 + N·dt`). */
  readonly targetT: number;
  /** Map iterations of the frame (0 for ODEs). */
  readonly targetN: number;
  readonly transient: number;
}

export function num(x: number | bigint): number {
  return typeof x === "bigint" ? Number(x) : x;
}

export function invalid(message: string, details?: Readonly<Record<string, unknown>>): Error {
  return sessionError(SESSION_ERROR_CODES.INVALID_ARGUMENT, message, details);
}

export function isPositiveInteger(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x > 0;
}

function checkFinite(x: unknown, name: string): void {
  if (typeof x !== "number" || !Number.isFinite(x))
    throw invalid(`${name} must be a finite number (got ${String(x)})`);
}

/**
 * Checks 1–3 of `run` (session-semantics §4): tag, resume with overrides, dt. The caller stores
 * an explicit dt as the nominal dt right away (the reference does, so it sticks even when a
 * later check fails).
 */
export function checkEarlyArgs(o: RunOptions): EarlyArgs {
  // 1. tag
  const tag = o.tag ?? null;
  if (tag !== null && typeof tag !== "string") throw new TypeError("tag must be a string or None");
  if (tag === "") throw invalid("tag cannot be empty");
  // 2. resume with overrides
  const resume = o.resume === true;
  if (resume && (o.ic !== undefined || o.params !== undefined || o.t0 !== undefined || o.dt !== undefined)) {
    throw invalid("resume=True ignores ic/params/t0/dt overrides; omit them for clarity");
  }
  // 3. dt
  if (!resume && o.dt !== undefined) {
    if (typeof o.dt !== "number" || !(o.dt > 0) || !Number.isFinite(o.dt)) {
      throw invalid(`dt must be positive (got ${String(o.dt)})`, { dt: o.dt });
    }
  }
  return { tag, resume, dt: resume ? undefined : o.dt };
}

/**
 * Checks 4–6 of `run` (horizon, transient, recordVars on resume) and resolves the run's
 * defaults: explicit argument, then `config()`, then `[sim]` or the built-in value.
 */
export function checkRunPlan(
  o: RunOptions,
  resume: boolean,
  model: SessionModel,
  nominalDt: number,
  defaults: RunDefaults,
): RunPlan {
  const isMap = model.spec.kind === "map";
  const sim = model.spec.sim;
  const record = o.record ?? defaults.record ?? sim.record;
  const recordInterval = o.recordInterval ?? defaults.recordInterval ?? 1;
  const maxSteps = o.maxSteps ?? defaults.maxSteps ?? num(sim.maxSteps);
  const capRec = o.capRec ?? defaults.capRec ?? 1024;
  const capEvt = o.capEvt ?? defaults.capEvt ?? 1;
  if (!isPositiveInteger(recordInterval))
    throw invalid(`record_interval must be >= 1 (got ${String(recordInterval)})`);
  if (!isPositiveInteger(maxSteps)) throw invalid(`max_steps must be positive (got ${String(maxSteps)})`);
  if (!isPositiveInteger(capRec)) throw invalid(`cap_rec must be positive (got ${String(capRec)})`);
  if (!isPositiveInteger(capEvt)) throw invalid(`cap_evt must be positive (got ${String(capEvt)})`);
  if (o.t0 !== undefined && (typeof o.t0 !== "number" || !Number.isFinite(o.t0))) {
    throw invalid(`t0 must be a finite number (got ${String(o.t0)})`);
  }
  const t0 = o.t0 ?? num(sim.t0);
  // 4. horizon
  let targetT: number;
  let targetN = 0;
  if (isMap) {
    if (o.N !== undefined && o.T !== undefined) {
      throw invalid("For discrete systems, specify either N (iterations) or T (inferred), not both");
    }
    if (o.N !== undefined) {
      if (typeof o.N !== "number" || !Number.isInteger(o.N) || o.N < 0) {
        throw invalid(`N must be a non-negative integer (got ${String(o.N)})`);
      }
      targetN = o.N;
      targetT = t0 + targetN * nominalDt;
    } else if (o.T !== undefined) {
      checkFinite(o.T, "T");
      targetT = o.T;
      targetN = pyRound((o.T - t0) / nominalDt);
      if (targetN < 0) {
        throw invalid(
          `T (${pythonFloatRepr(o.T)}) must be >= t0 (${pythonFloatRepr(t0)}) for discrete systems`,
        );
      }
    } else {
      targetN = maxSteps;
      targetT = t0 + targetN * nominalDt;
    }
  } else {
    if (o.N !== undefined) throw invalid("For continuous systems, use 'T' (end time), not 'N' (iterations)");
    if (o.T !== undefined) checkFinite(o.T, "T");
    targetT = o.T ?? num(sim.tEnd);
  }
  // 5. transient
  const transient = o.transient ?? 0;
  if (typeof transient !== "number" || Number.isNaN(transient))
    throw invalid(`transient must be a number (got ${String(transient)})`);
  if (transient < 0) throw invalid("transient must be non-negative");
  if (transient > 0 && resume) throw invalid("transient warm-up is not allowed during resume");
  // 6. recordVars on resume
  if (resume && o.recordVars !== undefined) {
    throw invalid(
      "record_vars cannot be changed during resume. Call reset() first to start a new recording session with different variables.",
    );
  }
  return { record, recordInterval, maxSteps, capRec, capEvt, t0, targetT, targetN, transient };
}
