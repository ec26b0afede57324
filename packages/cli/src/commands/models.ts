import { listBuiltins } from "@dyn/model";
import type { CliIo } from "../io.ts";

/** `dyn models`: list the builtin catalogue, one URI per line. */
export async function modelsCommand(_args: readonly string[], io: CliIo): Promise<number> {
  for (const uri of listBuiltins()) io.stdout.write(`${uri}\n`);
  return 0;
}
