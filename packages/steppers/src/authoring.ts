// Author API (style G25): helpers for writing and testing steppers. Documented and
// semver-covered, but not re-exported from the package root.

export type { ConformanceResult } from "./conformance/checks.ts";
export {
  checkKind,
  checkOrder,
  checkWorkspaceIdentity,
  estimateConvergenceOrder,
  runConformance,
} from "./conformance/checks.ts";
export type { DriverOptions, DriverResult, ExactProblem } from "./conformance/drivers.ts";
export { linearTestProblem, runAdaptive, runFixedSteps } from "./conformance/drivers.ts";
export type { TemplateConformanceResult } from "./conformance/templateCheck.ts";
export { checkTemplate } from "./conformance/templateCheck.ts";
