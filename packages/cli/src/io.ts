/**
 * What a CLI command may touch of the outside world. The real process provides it in `bin.ts`;
 * tests provide buffers, so every command is testable without spawning a process.
 *
 * @example
 * ```ts
 * import type { CliIo } from "@dyn/cli";
 * const io: CliIo = {
 *   stdout: { write: (s: string) => process.stdout.write(s) },
 *   stderr: { write: (s: string) => process.stderr.write(s), isTTY: false },
 *   readStdin: async () => "",
 *   cwd: process.cwd(),
 * };
 * ```
 * @category cli
 * @since 0.1.0
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Reads all of standard input (for `-` as the model argument). */
  readStdin(): Promise<string>;
  /** Working directory against which relative paths resolve. */
  readonly cwd: string;
}
