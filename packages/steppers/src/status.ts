/**
 * Status returned by a step that produced an acceptable proposal.
 *
 * **Details:** the numbers are the reference's (`runner_api.OK`); the runner compares against them.
 *
 * @example
 * ```ts
 * import { OK } from "@dyn/steppers";
 * console.log(OK); // 0
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const OK = 0;

/**
 * Status returned by a step that could not produce a proposal (out of tries, step below
 * `min_step`, Newton failure, non-finite stage where the stepper checks it).
 *
 * **Gotchas:** status 1 is unused and 3 (`NAN_DETECTED`) belongs to the runner, not to steppers.
 *
 * @example
 * ```ts
 * import { STEPFAIL } from "@dyn/steppers";
 * console.log(STEPFAIL); // 2
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const STEPFAIL = 2;

/**
 * The statuses a step function may return: {@link OK} or {@link STEPFAIL}.
 * @category steppers
 * @since 0.1.0
 */
export type StepStatus = typeof OK | typeof STEPFAIL;
