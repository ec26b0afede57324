import { basename, resolve } from "node:path";
import type { DynWarning } from "@dyn/core";
import { type CompiledModel, compileModel, type ModelSpec } from "@dyn/model";
import { type RunOptions, Sim } from "@dyn/session";
import { badInput, usageError } from "../errors.ts";
import { parseArgv } from "../internal/argv.ts";
import { runWithProgress } from "../internal/progressRun.ts";
import { readCheckpoint, writeCheckpoint } from "../internal/snapshots.ts";
import { parseAssignments, parseList, parseNumber, parsePositiveInteger } from "../internal/values.ts";
import { checkResultsPath, writeResults } from "../internal/writeResults.ts";
import type { CliIo } from "../io.ts";
import { loadModelArgument } from "../modelSource.ts";
import { ProgressBar } from "../progress.ts";
import { describeRun } from "../runSummary.ts";

const VALUE_OPTIONS = [
  "stepper",
  "T",
  "N",
  "dt",
  "params",
  "ic",
  "record",
  "transient",
  "out",
  "snapshot-out",
  "dynlib-version",
  "resume-from",
] as const;

/** A display name for the model: its `name`, else the argument it was loaded from. */
export function modelLabel(spec: ModelSpec, argument: string): string {
  if (spec.name) return spec.name;
  if (argument === "-") return "model from standard input";
  return argument.startsWith("builtin://") ? argument : basename(argument);
}

/** Options a checkpoint fixes: a resume continues it exactly as written. */
const FIXED_BY_CHECKPOINT = ["params", "ic", "dt", "record", "transient"] as const;

function rejectResumeOverrides(values: ReadonlyMap<string, string>): void {
  const given = FIXED_BY_CHECKPOINT.filter((name) => values.has(name));
  if (given.length === 0) return;
  throw badInput(
    `--resume-from continues the checkpoint as it is: drop ${given.map((n) => `--${n}`).join(", ")} ` +
      "(the checkpoint fixes the parameters, state, step size and recorded variables)",
  );
}

/**
 * `dyn run <model> [options]`: build a session, optionally restore a checkpoint, run once, print
 * the summary, and write results and/or a checkpoint.
 */
export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv("run", args, { values: VALUE_OPTIONS });
  const [argument, extra] = parsed.positional;
  if (argument === undefined)
    throw usageError("dyn run: missing <model> (a path, a builtin:// URI or - for stdin)");
  if (extra !== undefined) throw usageError(`dyn run: unexpected argument '${extra}' (one <model> only)`);
  const v = parsed.values;
  if (v.has("T") && v.has("N")) throw badInput("--T and --N exclude each other: give the horizon once");

  const outName = v.get("out");
  if (outName !== undefined) checkResultsPath(outName);
  const snapshotName = v.get("snapshot-out");
  if (snapshotName !== undefined && !snapshotName.toLowerCase().endsWith(".npz")) {
    throw badInput(`--snapshot-out must end in .npz (got '${snapshotName}')`);
  }
  const dynlibVersion = v.get("dynlib-version");
  if (dynlibVersion !== undefined && snapshotName === undefined) {
    throw badInput(
      "--dynlib-version only applies to --snapshot-out (it sets the checkpoint's dynlib_version pin)",
    );
  }
  const spec = await loadModelArgument(argument, io);
  const compiled: CompiledModel = compileModel(spec);
  const warnings: DynWarning[] = [];
  const stepper = v.get("stepper");
  const sim = new Sim(compiled, {
    ...(stepper === undefined ? {} : { stepper }),
    onWarning: (w: DynWarning) => warnings.push(w),
  });
  const isMap = spec.kind === "map";
  // The session's own rule for the pin, applied before the run so that a typo costs no run.
  if (dynlibVersion !== undefined) sim.exportSnapshot({ dynlibVersion });

  const resumeFrom = v.get("resume-from");
  if (resumeFrom !== undefined) rejectResumeOverrides(v);
  const checkpoint = resumeFrom === undefined ? null : await readCheckpoint(resolve(io.cwd, resumeFrom));
  if (checkpoint !== null) sim.importSnapshot(checkpoint);

  const options: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  if (checkpoint !== null) options.resume = true;
  const T = v.get("T");
  const N = v.get("N");
  if (T !== undefined) options.T = parseNumber("T", T);
  if (N !== undefined) {
    if (!isMap) throw badInput("--N is for maps; give an ODE's horizon with --T");
    options.N = parsePositiveInteger("N", N);
  }
  const dt = v.get("dt");
  if (dt !== undefined) options.dt = parseNumber("dt", dt);
  const params = v.get("params");
  if (params !== undefined) {
    const vector = sim.paramVector();
    for (const [name, value] of parseAssignments("params", params, sim.model.paramNames, "parameter")) {
      vector[sim.model.paramNames.indexOf(name)] = value;
    }
    options.params = vector;
  }
  const ic = v.get("ic");
  if (ic !== undefined) {
    const vector = sim.stateVector();
    for (const [name, value] of parseAssignments("ic", ic, sim.model.stateNames, "state")) {
      vector[sim.model.stateNames.indexOf(name)] = value;
    }
    options.ic = vector;
  }
  const record = v.get("record");
  if (record !== undefined) options.recordVars = parseList(record);
  const transient = v.get("transient");
  if (transient !== undefined) options.transient = parseNumber("transient", transient);

  const bar = io.stderr.isTTY === true ? new ProgressBar(io.stderr, "dyn run") : null;
  const started = performance.now();
  runWithProgress(sim, options, bar);
  const wall = performance.now() - started;

  for (const w of warnings) io.stderr.write(`dyn run: warning: ${w.message}\n`);
  io.stdout.write(describeRun(sim, modelLabel(spec, argument), wall));
  const out = v.get("out");
  if (out !== undefined) {
    const path = resolve(io.cwd, out);
    const what = await writeResults(sim, path);
    io.stdout.write(`results: ${path} (${what})\n`);
  }
  const snapshotOut = v.get("snapshot-out");
  if (snapshotOut !== undefined) {
    const path = resolve(io.cwd, snapshotOut);
    const size = await writeCheckpoint(sim, path, dynlibVersion);
    io.stdout.write(`checkpoint: ${path} (${size} bytes; resume with --resume-from)\n`);
  }
  return 0;
}
