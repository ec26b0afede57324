import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/index.ts";
import { runWith } from "./helpers.ts";

// What `dyn main` leaves behind (the README's first command) is generated output: the repository's
// own tools must not treat it as source. The job runs for real in a folder inside the repository,
// so biome's and git's ignore rules apply exactly as they do to `./dyn-out` at the root.
const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const probe = mkdtempSync(join(repoRoot, "packages/cli/generated-probe-"));
afterAll(() => rmSync(probe, { recursive: true, force: true }));

describe("dyn main's output folder is ignored by the repository's tools", () => {
  it("biome checks none of it and git ignores it", async () => {
    const run = await runWith(runCli, ["main"], { cwd: probe });
    expect(run.code, run.stderr).toBe(0);
    const files = ["izhikevich.svg", "izhikevich-branch.npz"].map((name) => join(probe, "dyn-out", name));
    for (const file of files) expect(existsSync(file)).toBe(true);

    const biome = spawnSync(
      "pnpm",
      ["exec", "biome", "check", "--no-errors-on-unmatched", ...files.map((f) => relative(repoRoot, f))],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(biome.status, biome.stdout + biome.stderr).toBe(0);
    expect(biome.stdout + biome.stderr).toContain("Checked 0 files");

    const git = spawnSync("git", ["check-ignore", ...files], { cwd: repoRoot, encoding: "utf8" });
    expect(git.status, git.stderr).toBe(0);
    expect(git.stdout.trim().split("\n")).toHaveLength(files.length);
  });
});
