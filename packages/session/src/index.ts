export type { AssignMapping, AssignOptions } from "./assignOptions.ts";
export type { SessionErrorCode } from "./errors.ts";
export { isSessionError, SESSION_ERROR_CODES, SessionError } from "./errors.ts";
export type { FusedFallback, FusedFallbackCode } from "./fused/fallbacks.ts";
export { FUSED_FALLBACK_CODES, fusedFallbacks } from "./fused/fallbacks.ts";
export { snapshotTree } from "./lineage.ts";
export type {
  FloatVector,
  RuntimeArray,
  RuntimeFieldLayout,
  RuntimeWorkspace,
  SessionKernels,
  SessionModel,
  SessionSimDefaults,
} from "./modelPort.ts";
export type {
  AddPresetOptions,
  LoadPresetOptions,
  Preset,
  PresetSource,
  SavePresetOptions,
} from "./presets.ts";
export type {
  AbortSignalLike,
  RunControls,
  RunOptions,
  RunProgress,
  SessionStateSummary,
  SimConfig,
  SimOptions,
  VectorSourceOptions,
} from "./runOptions.ts";
export type { SavedWorkspace, SavedWorkspaceArray, SessionPins } from "./sessionState.ts";
export { SessionState } from "./sessionState.ts";
export type { ModelSource } from "./setup.ts";
export { setup } from "./setup.ts";
export { Sim } from "./sim.ts";
export type { Snapshot } from "./snapshot.ts";
export type { ExportSnapshotOptions, SnapshotInfo, SnapshotMeta } from "./snapshotMeta.ts";
export type { RunStatusName } from "./status.ts";
export { RUN_STATUS, statusName } from "./status.ts";
