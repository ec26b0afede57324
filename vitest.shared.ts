import { defineConfig } from "vitest/config";

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript sources through the
 * `@dyn/source` export condition, so tests never need a build first; every package writes a JSON
 * report that `scripts/run-tests.mjs` sums into CI's closing line.
 */
export function packageTestConfig(overrides: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ["@dyn/source", "module", "node", "import", "default"] },
    ssr: { resolve: { conditions: ["@dyn/source", "module", "node", "import", "default"] } },
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: overrides.testTimeout ?? 30_000,
      passWithNoTests: true,
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
    },
  });
}
