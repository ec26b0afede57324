import type { Stepper, StepperWorkspace } from "./types.ts";

/**
 * Restarts a stepper's history (D-14): the next `step` behaves exactly as the first step of a
 * run (ab2/ab3 take their Heun start again, bdf2 its backward-Euler step, bdf2a its
 * Richardson-checked start). Returns whether the stepper has history to restart.
 *
 * **When to use:** a run loop calls it after an event action assigned a state, because the
 * stored history then describes a trajectory the state has left (a bouncing ball's velocity
 * before the bounce). Actions that change only parameters or logs keep the history. The
 * session's generated loops do the same store inline; a generic loop calls this.
 *
 * **Details:** zeroes the int64 counter named by `stepper.historyCounter`; one-step steppers
 * (no `historyCounter`) are left alone. Allocates nothing.
 *
 * @example
 * ```ts
 * import { allocateWorkspace, getStepper, restartHistory } from "@dyn/steppers";
 * const ab2 = getStepper("ab2");
 * const ws = allocateWorkspace(ab2, 1);
 * (ws.step_index as BigInt64Array)[0] = 5n;
 * console.log(restartHistory(ab2, ws), (ws.step_index as BigInt64Array)[0]); // true 0n
 * ```
 * @category steppers
 * @since 0.2.0
 */
export function restartHistory(stepper: Stepper, ws: StepperWorkspace): boolean {
  const name = stepper.historyCounter;
  if (name === undefined) return false;
  (ws[name] as BigInt64Array)[0] = 0n;
  return true;
}
