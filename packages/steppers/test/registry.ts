import { selectSteppers } from "../src/index.ts";
// Every stepper in the default registry; describe.each over it enrols a newly registered
// stepper in all property tests (third-party steppers run the same checks through
// @dyn/steppers/authoring in their own packages, e.g. dyn-stepper-heun).
export const ALL_BUILTINS = selectSteppers().map((s) => [s.meta.name, s] as const);
