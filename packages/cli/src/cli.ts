import { isDynError } from "@dyn/core";
import { mainCommand } from "./commands/main.ts";
import { modelsCommand } from "./commands/models.ts";
import { validateCommand } from "./commands/validate.ts";
import type { CliIo } from "./io.ts";

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const commands: Readonly<Record<string, Command>> = {
  validate: validateCommand,
  models: modelsCommand,
  main: mainCommand,
};

const usage = `usage: dyn <command> [options]

commands:
  validate <model>   load, validate and compile a model; print its summary and spec hash
  models             list the builtin model catalogue
  main               the embedded default job (used by the README's first command)

<model> is a file path, a builtin:// URI (see \`dyn models\`) or - for standard input.
`;

/**
 * Runs the `dyn` command line with `argv` (without the node and script paths) and returns the
 * process exit code: 0 success, 1 a failed job or bad input, 2 a usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(`dyn: unknown command '${name}'\n${usage}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (isDynError(error)) {
      io.stderr.write(`dyn ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
