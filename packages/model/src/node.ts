/**
 * Node-only entry of `@dyn/model` (`@dyn/model/node`): loading model files from disk. Kept out
 * of the main entry so browser bundles never import `fs`.
 * @packageDocumentation
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ModelErrorCode, ModelLoadError } from "./errors.ts";
import { parseModel } from "./load.ts";
import type { ModelSpec } from "./spec.ts";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

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
  const path =
    pathOrFileUrl instanceof URL || pathOrFileUrl.startsWith("file:")
      ? fileURLToPath(pathOrFileUrl)
      : pathOrFileUrl;
  const candidates = path.endsWith(".toml") ? [path] : [path, `${path}.toml`];
  const found = candidates.find(isFile);
  if (found === undefined) {
    throw new ModelLoadError(ModelErrorCode.SOURCE_NOT_FOUND, `Model file not found: ${path}`, {
      source: `model file '${path}'`,
    });
  }
  let text: string;
  try {
    text = readFileSync(found, "utf8");
  } catch (error) {
    throw new ModelLoadError(
      ModelErrorCode.SOURCE_NOT_FOUND,
      `Model file could not be read: ${found} (${String(error)})`,
      { source: `model file '${found}'` },
      error,
    );
  }
  return parseModel(text, { source: `model file '${found}'` });
}
