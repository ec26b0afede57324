#!/usr/bin/env node
// `pnpm mutate [package...]`: StrykerJS mutation testing, one package at a time (the machine is
// small; packages in parallel would only thrash). Without arguments it runs the four packages
// whose tests are meant to pin behaviour: io-npz, steppers, model, session, smallest first.
// Extra Stryker flags go after `--`, e.g. `pnpm mutate io-npz -- --mutate src/npy.ts`.
// Not part of `pnpm test`: a full run takes far longer than the test suite.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const all = ["io-npz", "steppers", "model", "session"];
const argv = process.argv.slice(2).filter((arg) => arg !== "--");
const split = process.argv.indexOf("--");
const names = (split === -1 ? argv : process.argv.slice(2, split)).filter((a) => !a.startsWith("-"));
const extra = split === -1 ? [] : process.argv.slice(split + 1);
const packages = names.length > 0 ? names : all;
const stryker = join(root, "node_modules", ".bin", "stryker");

let failures = 0;
for (const name of packages) {
  const dir = join(root, "packages", name);
  if (!existsSync(join(dir, "stryker.config.mjs"))) {
    console.error(`mutate: packages/${name} has no stryker.config.mjs (known: ${all.join(", ")})`);
    failures += 1;
    continue;
  }
  console.log(`\n== mutate @dyn/${name}`);
  const run = spawnSync(stryker, ["run", "stryker.config.mjs", ...extra], { cwd: dir, stdio: "inherit" });
  if (run.status !== 0) failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
