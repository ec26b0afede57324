// Author API (style G25): helpers for writing and testing steppers. Documented and
// semver-covered, but not re-exported from the package root.
export { linearTestProblem, runFixedSteps, runAdaptive } from "./conformance/drivers.ts";
export type { ExactProblem, DriverOptions, DriverResult } from "./conformance/drivers.ts";
export { estimateConvergenceOrder, checkKind, checkOrder, checkWorkspaceIdentity, runConformance } from "./conformance/checks.ts";
export type { ConformanceResult } from "./conformance/checks.ts";
