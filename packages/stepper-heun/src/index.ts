import { defaultRegistry } from "@dyn/steppers";
import { heunStepper } from "./heun.ts";

// Importing the package registers the stepper in the default registry (idempotent: registering
// the same object twice is allowed, so duplicate imports are harmless).
defaultRegistry.register(heunStepper);

export { heunStepper };
