import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// What `exports` promises, checked on the built package as a user gets it: a fresh `node` child
// process with no flags imports `@dyn/session` by name (the package resolves itself through its
// own `exports`, so Node picks the `node` conditions for real), and an esbuild browser bundle of
// the same entry is run as a browser would see it (no `node:` import, paths refused, bytes fine).
const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "dyn-built-entry-"));

const DECAY = '[model]\ntype = "ode"\n[states]\nx = 1.0\n[params]\na = 2.0\n[equations.rhs]\nx = "-a * x"\n';

/** Runs an ES module script in a child `node` (no flags, no NODE_OPTIONS) from `cwd`. */
function runNode(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DYN_TEST_DIR: work };
  delete env["NODE_OPTIONS"];
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    env,
    encoding: "utf8",
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(() => {
  // The child processes load dist/: build this package and its workspace dependencies first.
  const built = spawnSync(process.execPath, [tsc, "-b"], { cwd: packageDir, encoding: "utf8" });
  expect(built.status, built.stdout + built.stderr).toBe(0);
  writeFileSync(join(work, "decay.toml"), DECAY);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("@dyn/session in Node, imported by name with nothing else", () => {
  it("takes model, snapshot and preset paths; @dyn/model's loadModel reads files", () => {
    const script = `
      import { join } from "node:path";
      import { setup } from "@dyn/session";
      import { loadModel } from "@dyn/model";
      const dir = process.env.DYN_TEST_DIR;
      const spec = loadModel(join(dir, "decay")); // .toml may be omitted
      const sim = setup(join(dir, "decay.toml"), { stepper: "rk4" });
      sim.run({ T: 1, dt: 0.01 });
      const file = join(dir, "out", "snap.npz");
      sim.exportSnapshot(file);
      const info = sim.inspectSnapshot(file);
      const other = setup(join(dir, "decay.toml"), { stepper: "rk4" });
      other.importSnapshot(file);
      sim.addPreset("half", { states: { x: 0.5 } });
      sim.savePreset("half", join(dir, "presets.toml"));
      const loaded = other.loadPreset("half", join(dir, "presets.toml"));
      console.log(JSON.stringify({
        states: spec.states, step: info.step_count, x: sim.state("x"), importedX: other.state("x"), loaded,
      }));
    `;
    const child = runNode(script, packageDir);
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout) as Record<string, unknown>;
    expect(out["states"]).toEqual(["x"]);
    expect(out["step"]).toBe(100);
    expect(out["x"]).toBeCloseTo(Math.exp(-2), 8);
    expect(out["importedX"]).toBe(out["x"]);
    expect(out["loaded"]).toBe(1);
  });

  it("@dyn/session/node keeps working for existing users", () => {
    const script = `
      import { join } from "node:path";
      import { setupFile } from "@dyn/session/node";
      const sim = setupFile(join(process.env.DYN_TEST_DIR, "decay"), { stepper: "euler" });
      sim.run({ T: 0.1, dt: 0.01 });
      console.log(sim.stepperName, sim.sessionStateSummary().step);
    `;
    const child = runNode(script, packageDir);
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("euler 10");
  });
});

describe("the browser build of @dyn/session", () => {
  let bundlePath = "";
  let bundleText = "";

  beforeAll(async () => {
    const result = await build({
      stdin: { contents: 'export * from "@dyn/session";', resolveDir: packageDir, loader: "js" },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    bundleText = result.outputFiles[0]!.text;
    bundlePath = join(work, "browser", "session.mjs");
    mkdirSync(dirname(bundlePath), { recursive: true });
    writeFileSync(bundlePath, bundleText);
  }, 120_000);

  it("imports no node: module", () => {
    expect(bundleText.length).toBeGreaterThan(100_000);
    expect(bundleText).not.toMatch(/["']node:/);
  });

  it("refuses paths with a coded error and leaves the session as it was; bytes work", () => {
    const script = `
      const { setup, isSessionError } = await import(${JSON.stringify(bundlePath)});
      const sim = setup("builtin://ode/expdecay");
      sim.run({ T: 0.5 });
      const before = sim.sessionStateSummary();
      const failures = [];
      for (const call of [
        () => sim.exportSnapshot("/tmp/x.npz"),
        () => sim.importSnapshot("/tmp/x.npz"),
        () => sim.loadPreset("*", "/tmp/p.toml"),
        () => setup("./decay.toml"),
      ]) {
        try { call(); failures.push("no error"); }
        catch (e) { failures.push((isSessionError(e) ? "session:" : "") + e.code + " " + e.message); }
      }
      const bytes = sim.exportSnapshot();
      console.log(JSON.stringify({
        failures, same: JSON.stringify(before) === JSON.stringify(sim.sessionStateSummary()),
        bytes: bytes instanceof Uint8Array && bytes.length > 0,
      }));
    `;
    const child = runNode(script, work);
    expect(child.stderr).toBe("");
    const out = JSON.parse(child.stdout) as { failures: string[]; same: boolean; bytes: boolean };
    const [exported, imported, preset, model] = out.failures;
    expect(exported).toMatch(/^session:SESSION_INVALID_ARGUMENT exportSnapshot got a path/);
    expect(exported).toContain("only in Node");
    expect(imported).toMatch(/^session:SESSION_INVALID_ARGUMENT importSnapshot got a path/);
    expect(preset).toMatch(/^session:SESSION_INVALID_ARGUMENT loadPreset got a path/);
    expect(model).toMatch(/^SOURCE_UNSUPPORTED loadModel cannot load '.\/decay.toml'/);
    expect(out.same).toBe(true);
    expect(out.bytes).toBe(true);
  });
});
