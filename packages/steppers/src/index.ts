export { OK, STEPFAIL } from "./status.ts";
export type { StepStatus } from "./status.ts";
export type {
  RhsFn, JacobianFn, RuntimeWorkspaceLike, StepFn, Stepper, StepperMeta, StepperCaps, ConfigField,
  WorkspaceField, WorkspaceDtype, WorkspaceArray, StepperWorkspace,
} from "./types.ts";
export { StepperError, STEPPER_ERROR_CODES, isStepperError } from "./errors.ts";
export type { StepperErrorCode } from "./errors.ts";
export { defineStepper } from "./defineStepper.ts";
export type { StepperDefinition } from "./defineStepper.ts";
export { allocateWorkspace, allocateArray, describeWorkspace } from "./workspace.ts";
export type { ResolvedWorkspaceField } from "./workspace.ts";
export { configFieldNames, classDefaultConfig, defaultConfig, resolveConfig, configToObject, cfgHash } from "./config.ts";
export type { ConfigValue } from "./config.ts";
export { createRegistry } from "./registry.ts";
export type { StepperRegistry, StepperFilters } from "./registry.ts";
export {
  defaultRegistry, register, getStepper, canonicalStepperName, registry, selectSteppers, listSteppers,
} from "./defaultRegistry.ts";
export { initialStep } from "./initialStep.ts";
export type { InitialStepOptions } from "./initialStep.ts";
export { specializeStep } from "./specializeStep.ts";
export { mapStepper } from "./builtins/map.ts";
export { eulerStepper } from "./builtins/euler.ts";
export { rk2Stepper } from "./builtins/rk2.ts";
export { rk4Stepper } from "./builtins/rk4.ts";
export { rk45Stepper } from "./builtins/rk45.ts";
export { ab2Stepper } from "./builtins/ab2.ts";
export { ab3Stepper } from "./builtins/ab3.ts";
export { bdf2Stepper } from "./builtins/bdf2.ts";
export { sdirk2Stepper } from "./builtins/sdirk2.ts";
export { bdf2aStepper } from "./builtins/bdf2a.ts";
export { trBdf2aStepper } from "./builtins/trBdf2a.ts";
