import type { Stepper } from "../types.ts";
import { ab2Stepper } from "./ab2.ts";
import { ab3Stepper } from "./ab3.ts";
import { bdf2Stepper } from "./bdf2.ts";
import { bdf2aStepper } from "./bdf2a.ts";
import { eulerStepper } from "./euler.ts";
import { mapStepper } from "./map.ts";
import { rk2Stepper } from "./rk2.ts";
import { rk4Stepper } from "./rk4.ts";
import { rk45Stepper } from "./rk45.ts";
import { sdirk2Stepper } from "./sdirk2.ts";
import { trBdf2aStepper } from "./trBdf2a.ts";

/** The eleven built-in steppers, in the order of session-semantics §1.5. */
export const BUILTIN_STEPPERS: readonly Stepper[] = Object.freeze([
  mapStepper,
  eulerStepper,
  rk2Stepper,
  rk4Stepper,
  rk45Stepper,
  ab2Stepper,
  ab3Stepper,
  bdf2Stepper,
  sdirk2Stepper,
  bdf2aStepper,
  trBdf2aStepper,
]);
