/** Shared checks of the hostile-input properties (hostileSnapshots/hostilePresets tests). */
import { expect } from "vitest";
import { isSessionError, type Sim } from "../../src/index.ts";

/** Everything an import could change, as comparable text. */
export function fingerprint(sim: Sim): string {
  const s = sim.sessionState();
  const ws = Object.entries(s.workspace).flatMap(([bucket, fields]) =>
    Object.entries(fields ?? {}).map(([k, v]) => [
      bucket,
      k,
      (v as object).constructor.name,
      Array.from(v as ArrayLike<unknown>, String),
    ]),
  );
  let results = "none";
  try {
    results = String(sim.rawResults().n);
  } catch {
    // no results yet
  }
  return JSON.stringify([
    s.tCurr,
    s.dtCurr,
    s.stepCount,
    s.frameStep,
    s.gridOrigin,
    s.gridStep,
    s.status,
    Array.from(s.yCurr),
    Array.from(s.paramsCurr),
    Array.from(s.stepperCfg),
    ws,
    sim.timeShift,
    sim.nominalDt,
    sim.listSnapshots(),
    results,
  ]);
}

/** Runs `f`; a SessionError passes, anything else thrown fails the property. */
export function codedOrValue(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (err) {
    expect(isSessionError(err), `not a SessionError: ${String(err)} ${(err as Error)?.stack ?? ""}`).toBe(
      true,
    );
    return false;
  }
}
