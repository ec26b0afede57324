import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "@dyn/session";
import { selectSteppers } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/index.ts";
import { runWith } from "./helpers.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "dyn-cli-cmd-"));

describe("dyn inspect", () => {
  it("prints a checkpoint's metadata, values and workspace arrays", async () => {
    const dir = tmp();
    await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--T", "1", "--stepper", "ab3", "--snapshot-out", "c.npz"],
      { cwd: dir },
    );
    const run = await runWith(runCli, ["inspect", "c.npz"], { cwd: dir });
    expect(run.code).toBe(0);
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3" });
    sim.run({ T: 1 });
    expect(run.stdout).toContain("schema: dynlib-snapshot-v1 · snapshot 'current'");
    expect(run.stdout).toContain("time: t=1.0 · step 100 · dt 0.01 · time shift 0.0 · status 9 (DONE)");
    expect(run.stdout).toContain(`x=${Number(sim.state("x").toPrecision(6))}`);
    expect(run.stdout).toContain("params: sigma=10.0, rho=28.0, beta=2.66667");
    expect(run.stdout).toContain(`spec hash ${sim.pins.specHash} · stepper ab3`);
    expect(run.stdout).toContain("· dtype float64 · format of dynlib 0.40.3 · written by dyn 0.1.0\n");
    expect(run.stdout).toMatch(/workspace\/stepper\/\S+\s+<f8/);
  });

  it("with --model, says whether the file resumes on that model", async () => {
    const dir = tmp();
    await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "1", "--snapshot-out", "c.npz"], {
      cwd: dir,
    });
    const yes = await runWith(runCli, ["inspect", "c.npz", "--model", "builtin://ode/lorenz"], { cwd: dir });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("resumes on builtin://ode/lorenz: yes");
    const no = await runWith(runCli, ["inspect", "c.npz", "--model", "builtin://ode/vanderpol"], {
      cwd: dir,
    });
    expect(no.code).toBe(1);
    expect(no.stdout).toContain("resumes on builtin://ode/vanderpol: no — State vector shape mismatch");
  });

  it("rejects missing, non-zip and meta-less files with one-line messages", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "junk.npz"), "this is not a zip file");
    const missing = await runWith(runCli, ["inspect", "none.npz"], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `dyn inspect: checkpoint file not found: ${join(dir, "none.npz")}\n`,
    ]);
    const junk = await runWith(runCli, ["inspect", "junk.npz"], { cwd: dir });
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain("Cannot read snapshot file");
    expect(junk.stderr.trim().split("\n")).toHaveLength(1);
    await runWith(runCli, ["run", "builtin://map/logistic", "--N", "5", "--out", "results.npz"], {
      cwd: dir,
    });
    const noMeta = await runWith(runCli, ["inspect", "results.npz"], { cwd: dir });
    expect(noMeta.code).toBe(1);
    expect(noMeta.stderr).toContain("Missing 'meta.json' in snapshot file");
    const usage = await runWith(runCli, ["inspect"]);
    expect(usage.code).toBe(2);
  });
});

describe("dyn steppers", () => {
  it("lists every registered stepper with kind, order, stiffness and aliases", async () => {
    const run = await runWith(runCli, ["steppers"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n").slice(2);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(selectSteppers().map((s) => s.meta.name));
    expect(run.stdout).toMatch(/rk45\s+ode\s+adaptive\s+explicit\s+5\(4\)\s+no\s+dopri5/);
  });

  it("filters by --kind, --stiff and --fixed/--adaptive", async () => {
    const maps = await runWith(runCli, ["steppers", "--kind", "map"]);
    expect(
      maps.stdout
        .trim()
        .split("\n")
        .slice(2)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["map"]);
    const stiff = await runWith(runCli, ["steppers", "--kind", "ode", "--stiff"]);
    expect(
      stiff.stdout
        .trim()
        .split("\n")
        .slice(2)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(selectSteppers({ kind: "ode", stiff: true }).map((s) => s.meta.name));
    const adaptive = await runWith(runCli, ["steppers", "--adaptive"]);
    expect(adaptive.stdout).not.toMatch(/\bfixed\b/);
    const none = await runWith(runCli, ["steppers", "--kind", "map", "--stiff"]);
    expect(none.stdout).toBe("no stepper matches these filters\n");
  });

  it("rejects bad filters", async () => {
    const kind = await runWith(runCli, ["steppers", "--kind", "pde"]);
    expect([kind.code, kind.stderr]).toEqual([
      1,
      "dyn steppers: --kind must be 'ode' or 'map' (got 'pde')\n",
    ]);
    const both = await runWith(runCli, ["steppers", "--fixed", "--adaptive"]);
    expect(both.code).toBe(1);
    const flagValue = await runWith(runCli, ["steppers", "--stiff=yes"]);
    expect(flagValue.code).toBe(2);
    expect(flagValue.stderr).toContain("--stiff takes no value");
  });
});

describe("dyn main", () => {
  it("runs, snapshots, branches and resumes Izhikevich; writes a plot and a checkpoint that resumes", async () => {
    const dir = tmp();
    const run = await runWith(runCli, ["main"], { cwd: dir });
    expect(run.code).toBe(0);
    const svgPath = join(dir, "dyn-out", "izhikevich.svg");
    const npzPath = join(dir, "dyn-out", "izhikevich-branch.npz");
    expect(run.stdout).toContain(`plot: ${svgPath}`);
    expect(run.stdout).toContain(`checkpoint: ${npzPath}`);
    expect(run.stdout).toContain("snapshots: initial (t=0.0), t100 (t=100.0)");
    expect(run.stdout).toContain("segments: I=15 branch [100.0 → 250.0] (resume)");
    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    const series = [...svg.matchAll(/data-series="([^"]+)"[^>]*stroke="(#[0-9A-Fa-f]{6})"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(series.map((s) => s[0])).toEqual(["I=10", "I=10 continued", "I=15 branch"]);
    expect(new Set(series.map((s) => s[1])).size).toBe(3);
    expect(svg).toContain("t (ms)");
    expect(svg).toContain("membrane potential v (mV)");
    expect(svg).toContain(">250</text>");
    // The checkpoint is the branch's final state: a fresh session imports it and matches.
    const branch = setup("builtin://ode/izhikevich");
    branch.run({ T: 100, dt: 0.01 });
    branch.assign({ I: 15 });
    branch.run({ T: 250, resume: true });
    const fresh = setup("builtin://ode/izhikevich");
    fresh.importSnapshot(new Uint8Array(readFileSync(npzPath)));
    expect(fresh.stateVector()).toEqual(branch.stateVector());
    expect(fresh.param("I")).toBe(15);
    // Spike counts are real: more current, more spikes.
    const [, base, hi] = run.stdout.match(/\): (\d+) at I=10, (\d+) at I=15/) ?? [];
    expect(Number(hi)).toBeGreaterThan(Number(base));
  });

  it("honours --out-dir and rejects stray arguments", async () => {
    const dir = tmp();
    const run = await runWith(runCli, ["main", "--out-dir", "out/here"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, "out/here/izhikevich.svg"))).toBe(true);
    expect((await runWith(runCli, ["main", "extra"])).code).toBe(2);
  });
});

describe("dyn (process)", () => {
  it("runs as a real process: exit codes, stdout, stderr and stdin", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const bin = join(here, "../src/bin.ts");
    const node = (args: string[], input = "") =>
      spawnSync(process.execPath, ["--import", "tsx", "--conditions=@dyn/source", bin, ...args], {
        input,
        encoding: "utf8",
        cwd: here,
      });
    const models = node(["models"]);
    expect(models.status).toBe(0);
    expect(models.stdout).toContain("builtin://ode/lorenz\n");
    const bad = node(
      ["run", "-", "--T", "1"],
      '[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations.rhs]\nx = "-y"\n',
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("dyn run: Unknown identifier(s) in [equations.rhs.x]: y");
    expect(node(["nope"]).status).toBe(2);
  });
});
