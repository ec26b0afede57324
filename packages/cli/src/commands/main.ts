import type { CliIo } from "../io.ts";
import { validateCommand } from "./validate.ts";

/**
 * The embedded default job of the README's first command. For now it loads, validates and
 * compiles the builtin Lorenz model and prints its summary and spec hash; it grows into a real
 * simulation (run, snapshot, branch, resume, plot, checkpoint) as the session lands.
 */
export async function mainCommand(_args: readonly string[], io: CliIo): Promise<number> {
  return validateCommand(["builtin://ode/lorenz"], io);
}
