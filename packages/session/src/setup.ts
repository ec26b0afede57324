import { compileModel, loadModel } from "@dyn/model";
import type { SessionModel } from "./modelPort.ts";
import type { SimOptions } from "./runOptions.ts";
import { Sim } from "./sim.ts";

/**
 * What {@link setup} accepts: a compiled model, a normalised `ModelSpec`, a plain model document,
 * a `builtin://<kind>/<name>` URI, or `inline:` followed by TOML text.
 *
 * @example
 * ```ts
 * import type { ModelSource } from "@dyn/session";
 * const src: ModelSource = "builtin://map/logistic";
 * ```
 * @category session
 * @since 0.1.0
 */
export type ModelSource = SessionModel | string | object;

function isCompiled(x: object): x is SessionModel {
  return (
    typeof (x as { kernels?: unknown }).kernels === "object" &&
    typeof (x as { specHash?: unknown }).specHash === "string"
  );
}

function isSpec(x: object): boolean {
  return (
    Array.isArray((x as { stateIc?: unknown }).stateIc) && typeof (x as { kind?: unknown }).kind === "string"
  );
}

/**
 * Loads, compiles and wraps a model in a {@link Sim} in one call (session-semantics §3.3).
 *
 * **Details:** strings go through `loadModel` of `@dyn/model` (`builtin://…`, `inline:…`, and
 * in Node a file path, `.toml` optional). `dtype` applies when the model is compiled here.
 *
 * @example
 * ```ts
 * import { setup } from "@dyn/session";
 * const sim = setup("inline:[model]\ntype='ode'\n[states]\nx=1.0\n[params]\na=1.0\n[equations.rhs]\nx='-a*x'\n");
 * sim.run({ T: 1 });
 * console.log(sim.results().get("x").at(-1)); // ≈ 0.3679
 * ```
 * @category session
 * @since 0.1.0
 */
export function setup(source: ModelSource, options: SimOptions = {}): Sim {
  if (typeof source === "object" && source !== null && isCompiled(source)) return new Sim(source, options);
  const spec =
    typeof source === "object" && source !== null && isSpec(source)
      ? (source as Parameters<typeof compileModel>[0])
      : loadModel(source as Parameters<typeof loadModel>[0]);
  const compiled = compileModel(spec, options.dtype === undefined ? {} : { dtype: options.dtype });
  return new Sim(compiled, options);
}
