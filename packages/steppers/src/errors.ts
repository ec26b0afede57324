import { DynError } from "@dyn/core";

/**
 * Error codes thrown by `@dyn/steppers` (at the API boundary only; steps return statuses).
 *
 * @example
 * ```ts
 * import { STEPPER_ERROR_CODES } from "@dyn/steppers";
 * console.log(STEPPER_ERROR_CODES.UNKNOWN_CONFIG_FIELD); // "STEPPER_UNKNOWN_CONFIG_FIELD"
 * ```
 * @category errors
 * @since 0.1.0
 */
export const STEPPER_ERROR_CODES = {
  /** A stepper name or alias is not registered. */
  UNKNOWN_STEPPER: "STEPPER_UNKNOWN_STEPPER",
  /** A name or alias is already bound to another stepper. */
  DUPLICATE_NAME: "STEPPER_DUPLICATE_NAME",
  /** A stepper definition is malformed (missing meta, bad field, bad dtype …). */
  INVALID_DEFINITION: "STEPPER_INVALID_DEFINITION",
  /** `selectSteppers`/`listSteppers` got a filter key that is not a meta or caps field. */
  UNKNOWN_FILTER: "STEPPER_UNKNOWN_FILTER",
  /** A config override names a field the stepper does not have. */
  UNKNOWN_CONFIG_FIELD: "STEPPER_UNKNOWN_CONFIG_FIELD",
  /** A config value has the wrong type (or an unknown enum string). */
  CONFIG_TYPE: "STEPPER_CONFIG_TYPE",
  /** A config value is out of range (negative tolerance, NaN …). */
  CONFIG_RANGE: "STEPPER_CONFIG_RANGE",
  /** A `[sim]` value cannot be cast to the stepper field's type (D-12). */
  SIM_CAST: "STEPPER_SIM_CAST",
  /** Overrides were given for a stepper that has no config. */
  NO_CONFIG: "STEPPER_NO_CONFIG",
  /** A stored config array does not fit the stepper (length). */
  CONFIG_SHAPE: "STEPPER_CONFIG_SHAPE",
  /** Invalid arguments to a helper (state size, order …). */
  INVALID_ARGUMENT: "STEPPER_INVALID_ARGUMENT",
  /** A stepper's template does not reproduce its `step` bit for bit (`checkTemplate`). */
  TEMPLATE_MISMATCH: "STEPPER_TEMPLATE_MISMATCH",
} as const;

/**
 * One of the {@link STEPPER_ERROR_CODES} values.
 * @category errors
 * @since 0.1.0
 */
export type StepperErrorCode = (typeof STEPPER_ERROR_CODES)[keyof typeof STEPPER_ERROR_CODES];

/**
 * The error class of `@dyn/steppers`: a `DynError` whose `code` is a {@link StepperErrorCode}.
 *
 * **Details:** `details.field` names the offending config field where there is one.
 *
 * @example
 * ```ts
 * import { getStepper, isStepperError } from "@dyn/steppers";
 * try { getStepper("rk5"); } catch (err) { console.log(isStepperError(err)); } // true
 * ```
 * @category errors
 * @since 0.1.0
 */
export class StepperError extends DynError<StepperErrorCode> {
  constructor(options: {
    code: StepperErrorCode;
    message: string;
    details?: Readonly<Record<string, unknown>>;
    cause?: unknown;
  }) {
    super(options);
    this.name = "StepperError";
  }
}

/**
 * True when `value` is a {@link StepperError}.
 * @example
 * ```ts
 * import { isStepperError } from "@dyn/steppers";
 * console.log(isStepperError(new Error("x"))); // false
 * ```
 * @category guards
 * @since 0.1.0
 */
export function isStepperError(value: unknown): value is StepperError {
  return value instanceof StepperError;
}
