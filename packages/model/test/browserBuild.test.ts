import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The build a browser or bundler gets (conditions `browser`/`default`, no `node`), bundled from
// the sources by esbuild and run as a plain module: it must import no `node:` module and refuse
// file paths with a coded error, while text, objects and builtins keep working.
const packageDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
const work = mkdtempSync(join(tmpdir(), "dyn-model-browser-"));
let bundleText = "";
let bundlePath = "";

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(packageDir, "src/index.ts")],
    conditions: ["@dyn/source"],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  bundleText = result.outputFiles[0]!.text;
  bundlePath = join(work, "model.mjs");
  writeFileSync(bundlePath, bundleText);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the browser build of @dyn/model", () => {
  it("imports no node: module", () => {
    expect(bundleText).toContain("loadModel");
    expect(bundleText).not.toMatch(/["']node:/);
  });

  it("loadModel('./m.toml') throws SOURCE_UNSUPPORTED naming loadModelFile and @dyn/model/node; builtins load", () => {
    const script = `
      const { loadModel } = await import(${JSON.stringify(bundlePath)});
      let failure = "no error";
      try { loadModel("./m.toml"); } catch (e) { failure = e.code + " " + e.message; }
      console.log(JSON.stringify({ failure, lorenz: loadModel("builtin://ode/lorenz").states }));
    `;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env["NODE_OPTIONS"];
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: work,
      env,
      encoding: "utf8",
    });
    expect(child.stderr).toBe("");
    const out = JSON.parse(child.stdout) as { failure: string; lorenz: string[] };
    expect(out.failure).toMatch(/^SOURCE_UNSUPPORTED loadModel cannot load '\.\/m\.toml'/);
    expect(out.failure).toContain("loadModelFile");
    expect(out.failure).toContain("@dyn/model/node");
    expect(out.lorenz).toEqual(["x", "y", "z"]);
  });
});
