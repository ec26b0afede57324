import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/index.ts";
import { runWith } from "./helpers.ts";

const decay = `#! dynlib
[model]
type = "ode"
name = "Exponential Decay"

[states]
x = 1.0

[params]
a = 1.0

[equations.rhs]
x = "-a * x"
`;

describe("dyn validate", () => {
  it("prints the summary and the reference spec hash of a model file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-cli-"));
    writeFileSync(join(dir, "decay.toml"), decay);
    const run = await runWith(runCli, ["validate", "decay"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("model: Exponential Decay (ode, float64)");
    expect(run.stdout).toContain("states: x=1.0");
    // model-dsl.md §5.3 vector 1
    expect(run.stdout).toContain(
      "spec hash: 78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce",
    );
  });

  it("reads a model from standard input with -", async () => {
    const run = await runWith(runCli, ["validate", "-"], { stdin: decay });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce");
  });

  it("validates a builtin by URI", async () => {
    const run = await runWith(runCli, ["validate", "builtin://ode/lorenz"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd");
  });

  it("reports a TOML syntax error with its line, a >>> marker and a caret, exit 1", async () => {
    const bad = decay.replace("a = 1.0", "a = 8/3");
    const run = await runWith(runCli, ["validate", "-"], { stdin: bad });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("line 10, column 6");
    const lines = run.stderr.split("\n");
    const marked = lines.findIndex((line) => line.startsWith(">>>"));
    expect(lines[marked]).toContain("a = 8/3");
    expect(lines[marked + 1]?.indexOf("^")).toBe(lines[marked]?.indexOf("/"));
  });

  it("reports a semantic error with did-you-mean, exit 1", async () => {
    const run = await runWith(runCli, ["validate", "-"], { stdin: decay.replace('"-a * x"', '"-aa * x"') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Unknown identifier(s) in [equations.rhs.x]: aa");
  });

  it("suggests the nearest builtin for a misspelt URI", async () => {
    const run = await runWith(runCli, ["validate", "builtin://ode/lorenzz"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("lorenz");
  });

  it("fails with exit 1 for a missing file and 2 for a missing argument", async () => {
    const missing = await runWith(runCli, ["validate", "/nonexistent/model.toml"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Model file not found");
    const usage = await runWith(runCli, ["validate"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("missing <model>");
  });
});

describe("dyn models", () => {
  it("lists the 19 builtin URIs sorted", async () => {
    const run = await runWith(runCli, ["models"]);
    const uris = run.stdout.trim().split("\n");
    expect(uris).toHaveLength(19);
    expect(uris).toEqual([...uris].sort());
    expect(uris).toContain("builtin://ode/lorenz");
  });
});

describe("dyn (dispatch)", () => {
  it("prints usage with exit 2 when no command is given and 0 for --help", async () => {
    expect((await runWith(runCli, [])).code).toBe(2);
    const help = await runWith(runCli, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: dyn");
  });
  it("rejects an unknown command with exit 2", async () => {
    const run = await runWith(runCli, ["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });
});
