/**
 * A warning raised by dyn (for example: maxSteps reached, float32 precision loss, a library
 * version difference in `compatCheck`). Sessions keep them in `sim.warnings` until the next run.
 * @category models
 * @since 0.1.0
 */
export interface DynWarning {
  /** Stable code, e.g. `MAX_STEPS_REACHED`. */
  readonly code: string;
  /** What happened and what to do about it. */
  readonly message: string;
}

/** Receives warnings as they are raised. @category models @since 0.1.0 */
export type WarningHandler = (warning: DynWarning) => void;

/**
 * The default warning handler: `console.warn` with a `dyn:` prefix.
 * @category models
 * @since 0.1.0
 */
export const consoleWarningHandler: WarningHandler = (warning) => {
  console.warn(`dyn: ${warning.message}`);
};
