import { DynError } from "@dyn/core";

/**
 * Codes of {@link ResultsError}. Each entry says when it is used.
 *
 * @example
 * ```ts
 * import { isDynError } from "@dyn/core";
 * import { ResultsErrorCode } from "@dyn/results";
 * try { res.get("nope"); } catch (err) {
 *   if (isDynError(err) && err.code === ResultsErrorCode.UNKNOWN_VARIABLE) console.log(err.message);
 * }
 * ```
 * @category errors
 * @since 0.1.0
 */
export const ResultsErrorCode = {
  /** `rawResults()` / `results()` before any run published results. */
  NO_RESULTS: "RESULTS_NO_RESULTS",
  /** A variable name that was not recorded ("Unknown variable: 'y'. Available states: …"). */
  UNKNOWN_VARIABLE: "RESULTS_UNKNOWN_VARIABLE",
  /** A segment name or alias that does not exist ("Unknown segment 'x'. Known names: …"). */
  UNKNOWN_SEGMENT: "RESULTS_UNKNOWN_SEGMENT",
  /** A segment rename with no segments, or with an empty name. */
  BAD_SEGMENT_NAME: "RESULTS_BAD_SEGMENT_NAME",
  /** An event name, tag or log field that the model does not declare. */
  UNKNOWN_EVENT: "RESULTS_UNKNOWN_EVENT",
  /** An event query that cannot be answered (no `t` logged, field not common to a tag group, bad mode). */
  BAD_EVENT_QUERY: "RESULTS_BAD_EVENT_QUERY",
  /** Stitching a chunk would make the recorded time axis go backwards. */
  NON_MONOTONE_TIME: "RESULTS_NON_MONOTONE_TIME",
  /** A chunk handed to the accumulator does not match its layout (a bug in the caller). */
  BAD_CHUNK: "RESULTS_BAD_CHUNK",
  /** A staged chunk committed after the accumulator changed since `stage()`. */
  STALE_STAGE: "RESULTS_STALE_STAGE",
} as const;

/** Union of the results error codes. @category errors @since 0.1.0 */
export type ResultsErrorCode = (typeof ResultsErrorCode)[keyof typeof ResultsErrorCode];

/**
 * The error thrown by `@dyn/results` for every problem it detects. Messages keep the reference's
 * wording (session-semantics §7) so users of both libraries recognise them.
 *
 * **Gotchas:** where the reference raises `TypeError`/`IndexError`, this package throws the
 * JavaScript built-ins `TypeError`/`RangeError` instead (segment renames, segment indices).
 *
 * @example
 * ```ts
 * import { ResultsError, ResultsErrorCode } from "@dyn/results";
 * const err = new ResultsError({ code: ResultsErrorCode.NO_RESULTS, message: "nothing yet" });
 * console.log(err.code); // "RESULTS_NO_RESULTS"
 * ```
 * @category errors
 * @since 0.1.0
 */
export class ResultsError extends DynError<ResultsErrorCode> {
  constructor(options: {
    code: ResultsErrorCode;
    message: string;
    details?: Readonly<Record<string, unknown>>;
    cause?: unknown;
  }) {
    super(options);
    this.name = "ResultsError";
  }
}

/** The reference's wording for "no results yet" (session-semantics §7.2). */
const NO_RESULTS_MESSAGE = "No simulation results available; call run() first (reset() clears history).";

/**
 * Builds the error `rawResults()` / `results()` must throw before the first run has published
 * (or after `reset()`/`importSnapshot()`/`assign({clearHistory: true})` cleared the history).
 * The session calls this so the message is the same everywhere.
 *
 * @example
 * ```ts
 * import { noResultsError } from "@dyn/results";
 * console.log(noResultsError().message);
 * // "No simulation results available; call run() first (reset() clears history)."
 * ```
 * @category errors
 * @since 0.1.0
 */
export function noResultsError(): ResultsError {
  return new ResultsError({ code: ResultsErrorCode.NO_RESULTS, message: NO_RESULTS_MESSAGE });
}
