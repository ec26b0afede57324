import { DynError } from "@dyn/core";

/**
 * Codes of {@link CliError}: `CLI_USAGE` (exit 2: the command line itself is malformed) and
 * `CLI_BAD_INPUT` (exit 1: a value or file given on the command line is unusable).
 * @category cli
 * @since 0.1.0
 */
export const CLI_ERROR_CODES = {
  USAGE: "CLI_USAGE",
  BAD_INPUT: "CLI_BAD_INPUT",
} as const;

/**
 * One of the {@link CLI_ERROR_CODES}.
 * @category cli
 * @since 0.1.0
 */
export type CliErrorCode = (typeof CLI_ERROR_CODES)[keyof typeof CLI_ERROR_CODES];

/**
 * A command-line mistake: an unknown option, a missing value, an unparsable number. `runCli`
 * prints its message on one line and exits 2 for `CLI_USAGE`, 1 for `CLI_BAD_INPUT`.
 *
 * @example
 * ```ts
 * import { CliError, CLI_ERROR_CODES } from "@dyn/cli";
 * const e = new CliError(CLI_ERROR_CODES.USAGE, "missing <model>");
 * console.log(e.code); // "CLI_USAGE"
 * ```
 * @category cli
 * @since 0.1.0
 */
export class CliError extends DynError<CliErrorCode> {
  constructor(code: CliErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(details === undefined ? { code, message } : { code, message, details });
    this.name = "CliError";
  }
}

/** A usage error (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(CLI_ERROR_CODES.USAGE, message);
}

/** A bad-input error (exit 1). */
export function badInput(message: string): CliError {
  return new CliError(CLI_ERROR_CODES.BAD_INPUT, message);
}
