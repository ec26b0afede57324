export { Sim } from "./sim.ts";
export { setup } from "./setup.ts";
export type { ModelSource } from "./setup.ts";
export { SessionState } from "./sessionState.ts";
export type { SessionPins, SavedWorkspace, SavedWorkspaceArray } from "./sessionState.ts";
export type { Snapshot } from "./snapshot.ts";
export type { RunOptions, SimConfig, SimOptions, SessionStateSummary, VectorSourceOptions } from "./runOptions.ts";
export type {
  SessionModel,
  SessionKernels,
  SessionSimDefaults,
  FloatVector,
  RuntimeArray,
  RuntimeWorkspace,
  RuntimeFieldLayout,
} from "./modelPort.ts";
export { RUN_STATUS, statusName } from "./status.ts";
export type { RunStatusName } from "./status.ts";
export { SessionError, SESSION_ERROR_CODES, isSessionError } from "./errors.ts";
export type { SessionErrorCode } from "./errors.ts";
