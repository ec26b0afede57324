import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/index.ts";
import { runWith } from "./helpers.ts";

const ownVersion = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

describe("dyn --version", () => {
  it("prints the version from @dyn/cli's own package.json and exits 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const run = await runWith(runCli, [flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`dyn ${ownVersion}\n`);
    }
  });

  it("answers an unknown top-level option with a coded usage error and a suggestion", async () => {
    const run = await runWith(runCli, ["--verison"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option --verison (did you mean --version?)");
  });

  it("suggests the nearest command for a misspelt one", async () => {
    const run = await runWith(runCli, ["rn"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("dyn: unknown command 'rn' (did you mean 'run'?)");
  });
});

describe("per-command --help", () => {
  it.each([
    ["run", "usage: dyn run <model>", "--snapshot-out"],
    ["inspect", "usage: dyn inspect <file.npz>", "--model"],
    ["validate", "usage: dyn validate <model>", "spec hash"],
    ["models", "usage: dyn models", "builtin"],
    ["steppers", "usage: dyn steppers", "--stiff"],
    ["main", "usage: dyn main", "--out-dir"],
  ])("dyn %s --help prints that command's usage only", async (command, head, mention) => {
    for (const flag of ["--help", "-h"]) {
      const run = await runWith(runCli, [command, flag]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout.startsWith(head)).toBe(true);
      expect(run.stdout).toContain(mention);
      // Not the overview: no other command's usage line.
      expect(run.stdout).not.toContain("commands:");
    }
  });

  it("an unknown option of a command is a usage error with did-you-mean", async () => {
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", "--snapshot-ot", "x.npz"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("dyn run: unknown option --snapshot-ot (did you mean --snapshot-out?)");
  });
});

describe("messages in command-line terms", () => {
  const dir = mkdtempSync(join(tmpdir(), "dyn-faces-"));
  const checkpoint = join(dir, "t1.npz");

  async function withCheckpoint(): Promise<void> {
    const made = await runWith(runCli, [
      "run",
      "builtin://ode/lorenz",
      "--T",
      "1",
      "--snapshot-out",
      checkpoint,
    ]);
    expect(made.code).toBe(0);
  }

  it.each([
    ["--params", "sigma=3"],
    ["--ic", "x=2"],
    ["--dt", "0.1"],
    ["--record", "x"],
    ["--transient", "1"],
  ])("--resume-from with %s names the option, not resume=True", async (option, value) => {
    await withCheckpoint();
    const run = await runWith(runCli, [
      "run",
      "builtin://ode/lorenz",
      "--resume-from",
      checkpoint,
      "--T",
      "2",
      option,
      value,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`dyn run: --resume-from continues the checkpoint as it is: drop ${option}`);
    expect(run.stderr).not.toMatch(/True|record_vars|reset\(\)/);
  });

  it("a resume horizon before the checkpoint names --T and the checkpoint's time", async () => {
    await withCheckpoint();
    const run = await runWith(runCli, [
      "run",
      "builtin://ode/lorenz",
      "--resume-from",
      checkpoint,
      "--T",
      "0.5",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "dyn run: --T 0.5 must lie beyond the checkpoint's time t=1 (--T is the absolute end time)\n",
    );
  });

  it("a checkpoint for another stepper lists the differing pins without a dict repr", async () => {
    await withCheckpoint();
    const run = await runWith(runCli, [
      "run",
      "builtin://ode/lorenz",
      "--resume-from",
      checkpoint,
      "--T",
      "2",
      "--stepper",
      "euler",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "dyn run: the checkpoint does not fit this run: stepper is 'rk4' in the file, 'euler' here",
    );
    expect(run.stderr).not.toMatch(/[{}]|\('/);
  });

  it("an unknown --record variable lists the names as a plain list with a suggestion", async () => {
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "1", "--record", "xx"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "dyn run: --record: unknown variable 'xx' (did you mean 'x'?); states: x, y, z; aux variables: (none)\n",
    );
  });
});
