// Shared StrykerJS settings for `pnpm mutate`. Each mutated package has a `stryker.config.mjs`
// that spreads these and names its sources. `inPlace` because the package tests import the
// repo-root `vitest.shared.ts` by a relative path, which a sandbox copy of one package breaks;
// Stryker restores every mutated file when it finishes (or is interrupted).
// `concurrency: 2` because the machine has 2 cores; `incremental` so a rerun only tests
// mutants whose code or tests changed (the file lives in `reports/`, ignored by git).
/** @param {string} pkg package directory name under packages/ */
export function strykerConfig(pkg) {
  return {
    packageManager: "pnpm",
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    vitest: { configFile: "vitest.config.ts" },
    inPlace: true,
    concurrency: 2,
    coverageAnalysis: "perTest",
    incremental: true,
    incrementalFile: `../../reports/stryker/${pkg}.incremental.json`,
    mutate: ["src/**/*.ts", "!src/**/*.d.ts", "!src/**/*.generated.ts", "!src/index.ts"],
    reporters: ["clear-text", "progress", "json"],
    jsonReporter: { fileName: `../../reports/stryker/${pkg}.json` },
    thresholds: { high: 85, low: 70, break: null },
    timeoutMS: 20000,
    timeoutFactor: 2,
    tempDirName: "../../.stryker-tmp",
    cleanTempDir: true,
  };
}
