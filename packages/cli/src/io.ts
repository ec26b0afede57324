/**
 * What a CLI command may touch of the outside world. The real process provides it in `bin.ts`;
 * tests provide buffers, so every command is testable without spawning a process.
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Reads all of standard input (for `-` as the model argument). */
  readStdin(): Promise<string>;
  /** Working directory against which relative paths resolve. */
  readonly cwd: string;
}
