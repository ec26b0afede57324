import type { CliIo } from "../src/index.ts";

/** A captured CLI run: what the command wrote and the exit code it returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with buffers for stdout/stderr and `stdin` as standard input. */
export async function runWith(
  runCli: (argv: readonly string[], io: CliIo) => Promise<number>,
  argv: readonly string[],
  options: { stdin?: string; cwd?: string } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => options.stdin ?? "",
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
