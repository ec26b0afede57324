/**
 * Runner status codes (session-semantics §9). The numbers are the reference's; 10/11 (GROW_REC,
 * GROW_EVT) are used only between the runner loop and its driver and never reach users.
 *
 * @example
 * ```ts
 * import { RUN_STATUS } from "@dyn/session";
 * console.log(RUN_STATUS.EARLY_EXIT); // 7
 * ```
 * @category runs
 * @since 0.1.0
 */
export const RUN_STATUS = {
  OK: 0,
  STEPFAIL: 2,
  NAN_DETECTED: 3,
  EARLY_EXIT: 7,
  DONE: 9,
  GROW_REC: 10,
  GROW_EVT: 11,
  USER_BREAK: 12,
  TRACE_OVERFLOW: 13,
} as const;

/**
 * A status name such as `"DONE"`.
 *
 * @example
 * ```ts
 * import type { RunStatusName } from "@dyn/session";
 * const done: RunStatusName = "DONE";
 * ```
 * @category runs
 * @since 0.1.0
 */
export type RunStatusName = keyof typeof RUN_STATUS;

/**
 * The name of a numeric status (`9` → `"DONE"`), or `"UNKNOWN"`.
 *
 * @example
 * ```ts
 * import { statusName } from "@dyn/session";
 * console.log(statusName(3)); // "NAN_DETECTED"
 * ```
 * @category runs
 * @since 0.1.0
 */
export function statusName(code: number): RunStatusName | "UNKNOWN" {
  for (const [name, value] of Object.entries(RUN_STATUS)) {
    if (value === code) return name as RunStatusName;
  }
  return "UNKNOWN";
}
