import { isDynError } from "@dyn/core";
import { inspectCommand } from "./commands/inspect.ts";
import { mainCommand } from "./commands/main.ts";
import { modelsCommand } from "./commands/models.ts";
import { runCommand } from "./commands/run.ts";
import { steppersCommand } from "./commands/steppers.ts";
import { validateCommand } from "./commands/validate.ts";
import { CLI_ERROR_CODES } from "./errors.ts";
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

const usage = `usage: dyn <command> [options]

commands:
  run <model>        run a model and print a summary
      --stepper NAME          stepper (default: the model's [sim].stepper; see dyn steppers)
      --T TIME | --N STEPS    horizon: end time (ODE) or iterations (map)
      --dt STEP               step size (fixed-step) / initial step (adaptive)
      --params a=1,b=2        parameter values    --ic x=1,y=2   initial state
      --record x,y            recorded variables (states, aux.NAME)
      --transient TIME        unrecorded warm-up before recording
      --out FILE.csv|FILE.npz write the recorded results
      --snapshot-out FILE.npz write a checkpoint of the final state
      --dynlib-version V      the checkpoint's dynlib_version pin (default 0.40.3)
      --resume-from FILE.npz  continue from a checkpoint (no --params/--ic/--dt)
  inspect <file.npz> [--model M]  show a checkpoint's metadata (and whether it resumes on M)
  validate <model>   load, validate and compile a model; print its summary and spec hash
  models             list the builtin model catalogue
  steppers [--kind ode|map] [--stiff] [--fixed|--adaptive]   list the steppers
  main [--out-dir DIR]   the embedded default job: Izhikevich run, snapshot, branch, resume;
                     writes a plot (SVG) and a checkpoint (.npz) into DIR (default ./dyn-out)

<model> is a file path, a builtin:// URI (see \`dyn models\`) or - for standard input.
Exit codes: 0 success, 1 bad input or a failed run, 2 usage error.
`;

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
    io.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(`dyn: unknown command '${name}'\n${usage}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(usage);
    return 0;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (isDynError(error)) {
      const message = error.message.startsWith(`dyn ${name}:`)
        ? error.message
        : `dyn ${name}: ${error.message}`;
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
