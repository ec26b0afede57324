#!/usr/bin/env node
// Runs every package's tests through turbo (always fresh: tests read upstream sources, which
// turbo's per-package hash does not see), then sums the vitest JSON reports into the single
// closing line CI reads: `N passed, N failed, N skipped`. A package with a test script but no
// report counts as one failure, so a crashed runner can never look green.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packagingChecks, printPackagingResults } from "./check-packaging.mjs";

const root = new URL("..", import.meta.url).pathname;
const dirs = ["packages", "apps"].flatMap((group) => {
  const base = join(root, group);
  return existsSync(base) ? readdirSync(base).map((name) => join(base, name)) : [];
});
const tested = dirs.filter((dir) => {
  const manifest = join(dir, "package.json");
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
});
for (const dir of tested) rmSync(join(dir, "test-results"), { recursive: true, force: true });

const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "test", "--continue", "--force", "--output-logs=full", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" } },
);

// Static checks count like tests: a type error or a lint error fails CI just as a failing test does.
const staticChecks = [
  [
    "typecheck (tsc, sources and tests)",
    ["exec", "turbo", "run", "typecheck", "--continue", "--output-logs=errors-only"],
  ],
  ["typecheck (bench suite)", ["exec", "tsc", "-p", "bench"]],
  ["lint and format (biome)", ["exec", "biome", "check", "."]],
];
let staticFailures = 0;
for (const [label, args] of staticChecks) {
  const check = spawnSync("pnpm", args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
  });
  console.log(`${label}: ${check.status === 0 ? "ok" : "FAILED"}`);
  if (check.status !== 0) staticFailures += 1;
}
// Packaging (scripts/check-packaging.mjs, which builds first): each check counts as one.
const packaging = await packagingChecks();
printPackagingResults(packaging);
staticFailures += packaging.filter((r) => !r.ok).length;
// .ci/run runs the README's first command (the main job) before this one and passes its status.
const mainJob = process.env.DYN_MAIN_JOB_STATUS;
if (mainJob !== undefined) {
  console.log(`README main job (pnpm run main-job): ${mainJob === "0" ? "ok" : `FAILED (exit ${mainJob})`}`);
  if (mainJob !== "0") staticFailures += 1;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of tested) {
  const report = join(dir, "test-results", "vitest.json");
  if (!existsSync(report)) {
    console.error(`no test report from ${dir}`);
    failed += 1;
    continue;
  }
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if ((json.numFailedTestSuites ?? 0) > 0 && (json.numFailedTests ?? 0) === 0)
    failed += json.numFailedTestSuites;
}
if (turbo.status !== 0 && failed === 0) failed = 1;
failed += staticFailures;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
