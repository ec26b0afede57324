import { compileModel, specHash } from "@dyn/model";
import type { CliIo } from "../io.ts";
import { loadModelArgument } from "../modelSource.ts";
import { describeModel } from "../summary.ts";

/** `dyn validate <model>`: load, validate and compile a model; print its summary and spec hash. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [argument] = args;
  if (argument === undefined) {
    io.stderr.write("dyn validate: missing <model> (a path, a builtin:// URI or - for stdin)\n");
    return 2;
  }
  const spec = await loadModelArgument(argument, io);
  const compiled = compileModel(spec);
  io.stdout.write(describeModel(spec, compiled.nAux));
  io.stdout.write(`spec hash: ${specHash(spec)}\n`);
  io.stdout.write("valid: yes (loaded, validated and compiled)\n");
  return 0;
}
