/**
 * Runner status codes results need (session-semantics §9). Kept local so @dyn/results does not
 * depend on the session or steppers; the numbers are the reference's and never change.
 */
export const STATUS_EARLY_EXIT = 7;
export const STATUS_DONE = 9;
