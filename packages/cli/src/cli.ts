import { didYouMean, isDynError } from "@dyn/core";
import { inspectCommand } from "./commands/inspect.ts";
import { mainCommand } from "./commands/main.ts";
import { modelsCommand } from "./commands/models.ts";
import { runCommand } from "./commands/run.ts";
import { steppersCommand } from "./commands/steppers.ts";
import { validateCommand } from "./commands/validate.ts";
import { CLI_ERROR_CODES } from "./errors.ts";
import { cliMessage } from "./internal/sessionMessages.ts";
import { commandUsage, overviewUsage } from "./internal/usage.ts";
import { cliVersion } from "./internal/version.ts";
import type { CliIo } from "./io.ts";

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const commands: Readonly<Record<string, Command>> = {
  run: runCommand,
  inspect: inspectCommand,
  validate: validateCommand,
  models: modelsCommand,
  steppers: steppersCommand,
  main: mainCommand,
};

/**
 * Runs the `dyn` command line with `argv` (without the node and script paths) and returns the
 * process exit code: 0 success, 1 a failed job or bad input, 2 a usage error. Errors are printed
 * as `dyn <command>: <message>` on stderr (a model error keeps its location and caret lines).
 *
 * @example
 * ```ts
 * import { runCli } from "@dyn/cli";
 * let out = "";
 * const code = await runCli(["models"], {
 *   stdout: { write: (s: string) => (out += s) },
 *   stderr: { write: () => true },
 *   readStdin: async () => "",
 *   cwd: process.cwd(),
 * });
 * console.log(code, out.includes("builtin://ode/lorenz")); // 0 true
 * ```
 * @category cli
 * @since 0.1.0
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(overviewUsage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`dyn ${cliVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    const known = Object.keys(commands);
    if (name.startsWith("-")) {
      const flag = name.replace(/^-+/, "");
      const hint = didYouMean(flag, ["help", "version"]);
      const suggestion = hint === undefined ? "" : ` (did you mean --${hint}?)`;
      io.stderr.write(`dyn: unknown option ${name}${suggestion}; try dyn --help\n`);
      return 2;
    }
    const hint = didYouMean(name, known);
    const suggestion = hint === undefined ? "" : ` (did you mean '${hint}'?)`;
    io.stderr.write(`dyn: unknown command '${name}'${suggestion}; commands: ${known.join(", ")}\n`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(commandUsage(name));
    return 0;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (isDynError(error)) {
      const text = cliMessage(error);
      const message = text.startsWith(`dyn ${name}:`) ? text : `dyn ${name}: ${text}`;
      io.stderr.write(`${message}\n`);
      return error.code === CLI_ERROR_CODES.USAGE ? 2 : 1;
    }
    if (error instanceof TypeError || error instanceof RangeError) {
      io.stderr.write(`dyn ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
