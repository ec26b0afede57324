export { ab2Stepper } from "./builtins/ab2.ts";
export { ab3Stepper } from "./builtins/ab3.ts";
export { bdf2Stepper } from "./builtins/bdf2.ts";
export { bdf2aStepper } from "./builtins/bdf2a.ts";
export { eulerStepper } from "./builtins/euler.ts";
export { mapStepper } from "./builtins/map.ts";
export { rk2Stepper } from "./builtins/rk2.ts";
export { rk4Stepper } from "./builtins/rk4.ts";
export { rk45Stepper } from "./builtins/rk45.ts";
export { sdirk2Stepper } from "./builtins/sdirk2.ts";
export { trBdf2aStepper } from "./builtins/trBdf2a.ts";
export type { ConfigValue } from "./config.ts";
export {
  cfgHash,
  classDefaultConfig,
  configFieldNames,
  configToObject,
  defaultConfig,
  resolveConfig,
} from "./config.ts";
export {
  canonicalStepperName,
  defaultRegistry,
  getStepper,
  listSteppers,
  register,
  registry,
  selectSteppers,
} from "./defaultRegistry.ts";
export type { StepperDefinition } from "./defineStepper.ts";
export { defineStepper } from "./defineStepper.ts";
export type { StepperErrorCode } from "./errors.ts";
export { isStepperError, STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
export { restartHistory } from "./history.ts";
export type { InitialStepOptions } from "./initialStep.ts";
export { initialStep } from "./initialStep.ts";
export type { StepperFilters, StepperRegistry } from "./registry.ts";
export { createRegistry } from "./registry.ts";
export { specializeStep } from "./specializeStep.ts";
export type { StepStatus } from "./status.ts";
export { OK, STEPFAIL } from "./status.ts";
export { defineTemplate, isStepperTemplate } from "./templates/parse.ts";
export type {
  StepperTemplate,
  TemplateCondition,
  TemplateController,
  TemplateExpr,
  TemplateFunction,
  TemplateStatement,
} from "./templates/types.ts";
export { TEMPLATE_FUNCTIONS } from "./templates/types.ts";
export type {
  ConfigField,
  JacobianFn,
  RhsFn,
  RuntimeWorkspaceLike,
  StepFn,
  Stepper,
  StepperCaps,
  StepperMeta,
  StepperWorkspace,
  WorkspaceArray,
  WorkspaceDtype,
  WorkspaceField,
} from "./types.ts";
export type { ResolvedWorkspaceField } from "./workspace.ts";
export { allocateArray, allocateWorkspace, describeWorkspace } from "./workspace.ts";
