/**
 * Node-only entry of `@dyn/model` (`@dyn/model/node`): loading model files from disk. Kept out
 * of the main entry's browser build so browser bundles never import `fs`; in Node the main entry's
 * `loadModel(path)` reads files too.
 * @packageDocumentation
 */
import { nodeModelFiles } from "./internal/nodeModelFiles.ts";
import { parseModel } from "./load.ts";
import type { ModelSpec } from "./spec.ts";

/**
 * Loads a TOML model file (UTF-8) into a validated, frozen spec. The `.toml` extension may be
 * omitted; messages name the document `model file '<path>'`.
 *
 * @param pathOrFileUrl - a file path, a `file:` URL string or a `URL`.
 * @throws {@link "@dyn/model"!index.ModelLoadError | ModelLoadError} `SOURCE_NOT_FOUND`
 *   "Model file not found: <path>", or any parse/validation error of {@link parseModel}.
 * @example
 * ```ts
 * import { loadModelFile } from "@dyn/model/node";
 * const spec = loadModelFile("models/ode/lorenz"); // .toml may be omitted
 * ```
 * @category loading
 * @since 0.1.0
 */
export function loadModelFile(pathOrFileUrl: string | URL): ModelSpec {
  const { text, source } = nodeModelFiles.readText(pathOrFileUrl);
  return parseModel(text, { source });
}
