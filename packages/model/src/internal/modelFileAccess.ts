/**
 * How the main entry reads a model file when `loadModel` is given a path. Which implementation a
 * build gets is chosen by the package's `imports` map (`#model-files`): Node (condition `node`)
 * gets {@link "./nodeModelFiles.ts"}, browsers and bundlers the one without file access, so the
 * browser build imports no `node:` module and nothing depends on a side-effect import.
 */
export interface ModelFileAccess {
  /** The UTF-8 text of the file at `pathOrFileUrl` (`.toml` may be omitted) and its message name. */
  readText(pathOrFileUrl: string | URL): { readonly text: string; readonly source: string };
}
