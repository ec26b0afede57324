import * as fs from "node:fs";
import { readFileBytesSync, writeFileAtomicSync } from "@dyn/io-npz/node";
import { compileModel } from "@dyn/model";
import { loadModelFile } from "@dyn/model/node";
import { installFilePort } from "./internal/filePort.ts";
import type { SimOptions } from "./runOptions.ts";
import { type ModelSource, setup as setupAnywhere } from "./setup.ts";
import { Sim } from "./sim.ts";

// Loading this entry gives every Sim path access: `exportSnapshot(path)`, `importSnapshot(path)`,
// `inspectSnapshot(path)`, `loadPreset(name, path)` and `savePreset(name, path)` read and write
// files (atomically: temp file in the same folder, then rename). The main entry stays free of
// Node modules (session-semantics §8.2).
installFilePort({
  readBytes: (path) => readFileBytesSync(path),
  writeBytesAtomic: (path, bytes) => writeFileAtomicSync(path, bytes),
  exists: (path) => fs.existsSync(path),
});

/**
 * Node only: loads a model file (`.toml` may be omitted), compiles it and wraps it in a
 * {@link Sim}.
 *
 * @example
 * ```ts
 * import { setupFile } from "@dyn/session/node";
 * const sim = setupFile("./models/lorenz.toml", { stepper: "rk4" });
 * sim.run({ T: 1 });
 * ```
 * @category session
 * @since 0.1.0
 */
export function setupFile(path: string, options: SimOptions = {}): Sim {
  const spec = loadModelFile(path);
  const compiled = compileModel(spec, options.dtype === undefined ? {} : { dtype: options.dtype });
  return new Sim(compiled, options);
}

/**
 * Node's `setup`: like the main entry's, and a string that is neither a `builtin://` URI nor
 * `inline:` text is read as a file path.
 *
 * @example
 * ```ts
 * import { setup } from "@dyn/session/node";
 * const sim = setup("./models/vdp.toml");
 * ```
 * @category session
 * @since 0.1.0
 */
export function setup(source: ModelSource, options: SimOptions = {}): Sim {
  if (typeof source === "string" && !source.startsWith("builtin://") && !source.startsWith("inline:")) {
    return setupFile(source, options);
  }
  return setupAnywhere(source, options);
}
