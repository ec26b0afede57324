import { DynError } from "@dyn/core";

/**
 * Error codes thrown by `@dyn/session`.
 *
 * @example
 * ```ts
 * import { SESSION_ERROR_CODES } from "@dyn/session";
 * console.log(SESSION_ERROR_CODES.INVALID_ARGUMENT); // "SESSION_INVALID_ARGUMENT"
 * ```
 * @category errors
 * @since 0.1.0
 */
export const SESSION_ERROR_CODES = {
  /** A `run`/`config` argument is invalid (negative dt, bad horizon, forbidden resume option …). */
  INVALID_ARGUMENT: "SESSION_INVALID_ARGUMENT",
  /** A state, parameter, aux or recorded variable name is unknown. */
  UNKNOWN_NAME: "SESSION_UNKNOWN_NAME",
  /** The runner exited with a failure status (STEPFAIL, NAN_DETECTED, USER_BREAK). */
  RUN_FAILED: "SESSION_RUN_FAILED",
  /** Model or stepper code threw while a run was in progress. */
  KERNEL_THREW: "SESSION_KERNEL_THREW",
  /** A saved workspace does not fit the stepper/model layout (shape or dtype). */
  WORKSPACE_MISMATCH: "SESSION_WORKSPACE_MISMATCH",
  /** The stepper cannot run this kind of model (map stepper on an ODE, …). */
  STEPPER_MISMATCH: "SESSION_STEPPER_MISMATCH",
  /** No results yet (no run since construction or the last history clear). */
  NO_RESULTS: "SESSION_NO_RESULTS",
  /** A model source string could not be resolved. */
  SOURCE_UNSUPPORTED: "SESSION_SOURCE_UNSUPPORTED",
  /** A named snapshot does not exist. */
  UNKNOWN_SNAPSHOT: "SESSION_UNKNOWN_SNAPSHOT",
  /** A snapshot or snapshot file does not fit this model/stepper (pins differ). */
  SNAPSHOT_INCOMPATIBLE: "SESSION_SNAPSHOT_INCOMPATIBLE",
  /** A snapshot file cannot be read or its content is invalid (schema, shapes, meta keys). */
  SNAPSHOT_FILE: "SESSION_SNAPSHOT_FILE",
  /** A preset (bank entry or preset file) is unknown, invalid or conflicts with another. */
  PRESET: "SESSION_PRESET",
  /** A value does not fit the model dtype (float32 overflow). */
  VALUE_OVERFLOW: "SESSION_VALUE_OVERFLOW",
  /** A run was cancelled through its `signal`; the session is unchanged. */
  RUN_CANCELLED: "SESSION_RUN_CANCELLED",
} as const;

/**
 * One of the {@link SESSION_ERROR_CODES} values.
 *
 * @example
 * ```ts
 * import type { SessionErrorCode } from "@dyn/session";
 * const code: SessionErrorCode = "SESSION_RUN_FAILED";
 * ```
 * @category errors
 * @since 0.1.0
 */
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[keyof typeof SESSION_ERROR_CODES];

/**
 * The error class of `@dyn/session`: a `DynError` with a {@link SessionErrorCode}.
 *
 * **Details:** failed runs carry `details.status` (the numeric runner status) and
 * `details.phase` (`"transient warm-up"` or `"recorded run"`).
 *
 * @example
 * ```ts
 * import { Sim, isSessionError } from "@dyn/session";
 * declare const sim: Sim;
 * try { sim.run({ dt: -1 }); } catch (err) { if (isSessionError(err)) console.log(err.code); }
 * ```
 * @category errors
 * @since 0.1.0
 */
export class SessionError extends DynError<SessionErrorCode> {
  constructor(options: {
    code: SessionErrorCode;
    message: string;
    details?: Readonly<Record<string, unknown>>;
    cause?: unknown;
  }) {
    super(options);
    this.name = "SessionError";
  }
}

/**
 * True when `value` is a {@link SessionError}.
 *
 * @example
 * ```ts
 * import { isSessionError } from "@dyn/session";
 * console.log(isSessionError(new Error("x"))); // false
 * ```
 * @category errors
 * @since 0.1.0
 */
export function isSessionError(value: unknown): value is SessionError {
  return value instanceof SessionError;
}

/** @internal shorthand used across the package. */
export function sessionError(
  code: SessionErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
  cause?: unknown,
): SessionError {
  return new SessionError({
    code,
    message,
    ...(details === undefined ? {} : { details }),
    ...(cause === undefined ? {} : { cause }),
  });
}
