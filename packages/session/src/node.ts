/**
 * `@dyn/session/node`: Node conveniences. The main entry `@dyn/session` already takes paths in
 * Node (its `node` build has file access); this entry adds {@link setupFile} and keeps its
 * path-aware `setup` for existing imports.
 * @packageDocumentation
 */
import { compileModel } from "@dyn/model";
import { loadModelFile } from "@dyn/model/node";
import type { SimOptions } from "./runOptions.ts";
import { type ModelSource, setup as setupAnywhere } from "./setup.ts";
import { Sim } from "./sim.ts";

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
 * Node's `setup`, kept for existing imports: a string that is neither a `builtin://` URI nor
 * `inline:` text is read as a file path, as the main entry's `setup` does in Node.
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
