import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Browser-bundle sizes, for the bench's report: esbuild bundles from the sources (the
 * `@dyn/source` condition, as the bench runs them) for the browser, so the numbers track the
 * code as it is now without a build. `scripts/check-packaging.mjs` checks the built packages.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

async function bundledBytes(contents: string, minify: boolean): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["@dyn/source"],
    minify,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents.byteLength;
}

/** One line: the whole of `@dyn/session` unminified, and `@dyn/model`'s parser alone minified. */
export async function bundleSizeLine(): Promise<string> {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const session = await bundledBytes('export * from "@dyn/session";', false);
  const parser = await bundledBytes(
    'import { parseModel } from "@dyn/model";\nglobalThis.parse = parseModel;',
    true,
  );
  return `browser bundles (esbuild): @dyn/session ${kb(session)} unminified; @dyn/model parseModel only ${kb(parser)} minified`;
}
