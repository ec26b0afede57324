import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import type { ModelFileAccess } from "./modelFileAccess.ts";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Node's model file access: UTF-8, `.toml` may be omitted, `file:` URLs accepted. */
export const nodeModelFiles: ModelFileAccess = {
  readText(pathOrFileUrl) {
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
    try {
      return { text: readFileSync(found, "utf8"), source: `model file '${found}'` };
    } catch (error) {
      throw new ModelLoadError(
        ModelErrorCode.SOURCE_NOT_FOUND,
        `Model file could not be read: ${found} (${String(error)})`,
        { source: `model file '${found}'` },
        error,
      );
    }
  },
};

/** What the main entry uses in Node (the `node` target of `#model-files`). */
export const modelFiles: ModelFileAccess | null = nodeModelFiles;
