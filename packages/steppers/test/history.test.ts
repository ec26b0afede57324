import { describe, expect, it } from "vitest";
import {
  allocateWorkspace,
  defineStepper,
  getStepper,
  isStepperError,
  restartHistory,
} from "../src/index.ts";

describe("restartHistory (D-14)", () => {
  it.each(["ab2", "ab3", "bdf2", "bdf2a", "tr-bdf2a"])("%s declares step_index and zeroes it", (name) => {
    const stepper = getStepper(name);
    expect(stepper.historyCounter).toBe("step_index");
    const ws = allocateWorkspace(stepper, 2);
    (ws.step_index as BigInt64Array)[0] = 7n;
    expect(restartHistory(stepper, ws)).toBe(true);
    expect((ws.step_index as BigInt64Array)[0]).toBe(0n);
  });

  it.each(["euler", "rk4", "rk45", "sdirk2", "map"])("%s has no history and is left alone", (name) => {
    const stepper = getStepper(name);
    expect(stepper.historyCounter).toBeUndefined();
    const ws = allocateWorkspace(stepper, 2);
    const before = Object.values(ws).map((a) => Array.from(a as ArrayLike<number | bigint>));
    expect(restartHistory(stepper, ws)).toBe(false);
    expect(Object.values(ws).map((a) => Array.from(a as ArrayLike<number | bigint>))).toEqual(before);
  });

  it("defineStepper rejects a historyCounter that is not an int64 [1] field, with a suggestion", () => {
    let caught: unknown;
    try {
      defineStepper({
        meta: { name: "bad", kind: "ode", timeControl: "fixed", scheme: "explicit", family: "x", order: 1 },
        workspace: [{ name: "step_index", dtype: "int64", shape: () => [1] }],
        historyCounter: "step_indx",
        step: () => 0,
      });
    } catch (e) {
      caught = e;
    }
    expect(isStepperError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: "STEPPER_INVALID_DEFINITION" });
    expect((caught as Error).message).toContain("did you mean 'step_index'?");
  });
});
