import { defineConfig } from "vite";

/**
 * Workspace packages resolve to their TypeScript sources (the `@dyn/source` export condition), so
 * the demo needs no prior build of the packages; the worker is bundled as an ES module.
 */
const conditions = ["@dyn/source", "module", "browser", "import", "default"];

export default defineConfig({
  resolve: { conditions },
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 2000 },
});
