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
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { setupFile } from "@dyn/session/node";
 * const file = join(mkdtempSync(join(tmpdir(), "dyn-")), "decay.toml");
 * writeFileSync(file, '[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations.rhs]\nx = "-x"\n');
 * const sim = setupFile(file, { stepper: "rk4" });
 * sim.run({ T: 1, dt: 0.125 });
 * console.log(sim.sessionStateSummary().t); // 1
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
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { setup } from "@dyn/session/node";
 * const file = join(mkdtempSync(join(tmpdir(), "dyn-")), "vdp.toml");
 * writeFileSync(file, '[model]\ntype = "ode"\n[states]\nx = 2.0\nv = 0.0\n[equations.rhs]\nx = "v"\nv = "(1 - x**2) * v - x"\n');
 * const sim = setup(file);
 * console.log(sim.stateVector()); // Float64Array [2, 0]
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
