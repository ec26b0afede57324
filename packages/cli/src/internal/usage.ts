/** Each command's `--help` text: a usage line, then its options (shown by `dyn <command> --help`). */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  run: `usage: dyn run <model> [options]
run a model once and print a summary

  --stepper NAME          stepper (default: the model's [sim].stepper; see dyn steppers)
  --T TIME | --N STEPS    horizon: end time (ODE) or iterations (map)
  --dt STEP               step size (fixed-step) / initial step (adaptive)
  --params a=1,b=2        parameter values    --ic x=1,y=2   initial state
  --record x,y            recorded variables (states, aux.NAME)
  --transient TIME        unrecorded warm-up before recording
  --out FILE.csv|FILE.npz write the recorded results
  --snapshot-out FILE.npz write a checkpoint of the final state
  --dynlib-version V      the checkpoint's dynlib_version pin (default 0.40.3)
  --resume-from FILE.npz  continue from a checkpoint (no --params/--ic/--dt/--record/--transient)
`,
  inspect: `usage: dyn inspect <file.npz> [--model M]
show a checkpoint's metadata without running anything

  --model M               also check whether the file resumes on model M
`,
  validate: `usage: dyn validate <model>
load, validate and compile a model; print its summary and spec hash
`,
  models: `usage: dyn models
list the builtin model catalogue (builtin:// URIs)
`,
  steppers: `usage: dyn steppers [--kind ode|map] [--stiff] [--fixed|--adaptive]
list the registered steppers

  --kind ode|map          only steppers for ODEs or maps
  --stiff                 only steppers for stiff problems
  --fixed | --adaptive    only fixed-step or adaptive steppers
`,
  main: `usage: dyn main [--out-dir DIR]
the embedded default job: Izhikevich run, snapshot, branch, resume

  --out-dir DIR           where the plot (SVG) and checkpoint (.npz) go (default ./dyn-out)
`,
};

const MODEL_NOTE = "<model> is a file path, a builtin:// URI (see `dyn models`) or - for standard input.";
const EXIT_NOTE = "Exit codes: 0 success, 1 bad input or a failed run, 2 usage error.";

/** A command's help text followed by the notes every command shares. */
export function commandUsage(name: string): string {
  return `${COMMAND_USAGE[name] ?? ""}\n${MODEL_NOTE}\n${EXIT_NOTE}\n`;
}

/** The overview `dyn --help` prints: every command's usage line and summary. */
export function overviewUsage(): string {
  const lines = Object.values(COMMAND_USAGE).map((text) => {
    const [usageLine = "", summary = ""] = text.split("\n");
    return `  ${usageLine.replace(/^usage: dyn /, "")}\n      ${summary}`;
  });
  return `usage: dyn <command> [options]    dyn --version    dyn <command> --help

commands:
${lines.join("\n")}

${MODEL_NOTE}
${EXIT_NOTE}
`;
}
