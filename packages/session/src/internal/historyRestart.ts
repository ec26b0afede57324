import type { SessionModel } from "../modelPort.ts";
import type { StepperWorkspaceArrays } from "./runFrame.ts";

/** What the history restart needs from a run request. */
interface RestartInput {
  readonly model: SessionModel;
  readonly stepperKey: object;
  readonly stepperWs: StepperWorkspaceArrays;
}

/** The stepper's history counter name, if it declares one (a test double may not be a `Stepper`). */
function counterName(stepperKey: object): string | undefined {
  const name = (stepperKey as { historyCounter?: unknown }).historyCounter;
  return typeof name === "string" ? name : undefined;
}

/** Per event code, whether firing it may assign a state (unknown for a model that does not say: yes). */
function assignsState(model: SessionModel): readonly boolean[] {
  return model.eventAssignsState ?? model.eventPhases.map(() => true);
}

/**
 * Whether a run must restart the stepper history after events (D-14): the stepper carries
 * history and some event assigns a state. False leaves the restart out of the generated loop.
 */
export function restartsHistory(req: RestartInput): boolean {
  const name = counterName(req.stepperKey);
  return (
    name !== undefined &&
    req.stepperWs[name] instanceof BigInt64Array &&
    assignsState(req.model).includes(true)
  );
}

/** The RunFrame fields of the restart: restart flag per event code and the counter to zero. */
export function historyRestart(req: RestartInput): {
  restartCodes?: Uint8Array;
  historyCounter?: BigInt64Array;
} {
  if (!restartsHistory(req)) return {};
  const counter = req.stepperWs[counterName(req.stepperKey) as string] as BigInt64Array;
  return {
    restartCodes: Uint8Array.from(assignsState(req.model), (b) => (b ? 1 : 0)),
    historyCounter: counter,
  };
}
