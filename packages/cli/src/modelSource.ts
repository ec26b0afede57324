import { resolve } from "node:path";
import type { ModelSpec } from "@dyn/model";
import { loadModel, parseModel } from "@dyn/model";
import { loadModelFile } from "@dyn/model/node";
import type { CliIo } from "./io.ts";

/**
 * Loads the `<model>` argument of a command: `-` reads TOML from stdin, `builtin://…` and
 * `inline:…` go through `loadModel`, anything else is a file path relative to the working
 * directory (`.toml` may be omitted).
 */
export async function loadModelArgument(argument: string, io: CliIo): Promise<ModelSpec> {
  if (argument === "-") return parseModel(await io.readStdin(), { source: "standard input" });
  if (argument.startsWith("builtin://") || argument.startsWith("inline:")) return loadModel(argument);
  return loadModelFile(resolve(io.cwd, argument));
}
