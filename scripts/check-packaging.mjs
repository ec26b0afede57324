#!/usr/bin/env node
// Checks that what the packages' manifests promise holds for the built, packed packages: publint
// and arethetypeswrong (ESM-only profile) report nothing, tarballs carry no build leftovers,
// browser bundles import no `node:` module, and a bundle of @dyn/model's parser alone pulls in no
// steppers. Builds first (`pnpm run build`). Needs nothing but the lockfile's packages: publint
// and attw pack with the local package manager and never reach the network.
//
// `node scripts/check-packaging.mjs [--no-build] [label filter]` prints one `label: ok|FAILED` line
// per check and exits 1 on any failure; `scripts/run-tests.mjs` imports `packagingChecks()` and
// counts each check.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0" };

/** Every publishable-shaped package under packages/ (apps are not packages). */
function packageDirs() {
  const base = join(root, "packages");
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((dir) => existsSync(join(dir, "package.json")));
}

function manifest(dir) {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
}

/** Runs a command without blocking the event loop (so checks can overlap on two cores). */
function run(command, args, cwd) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (status) => resolveRun({ status, output }));
  });
}

async function publintCheck(dir) {
  const { publint } = await import("publint");
  const { formatMessage } = await import("publint/utils");
  const pkg = manifest(dir);
  const { messages } = await publint({ pkgDir: dir, level: "suggestion", strict: true, pack: "pnpm" });
  return {
    ok: messages.length === 0,
    detail: messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`).join("\n"),
  };
}

async function attwCheck(dir) {
  const bin = join(root, "node_modules", ".bin", "attw");
  const { status, output } = await run(
    bin,
    ["--pack", ".", "--profile", "esm-only", "--format", "ascii"],
    dir,
  );
  return { ok: status === 0, detail: output };
}

/** The tarball `npm pack` would publish: no .tsbuildinfo, and every file `exports` names. */
async function tarballCheck(dir) {
  const { status, output } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], dir);
  if (status !== 0) return { ok: false, detail: output };
  const files = new Set(JSON.parse(output.slice(output.indexOf("[")))[0].files.map((f) => f.path));
  const problems = [...files].filter((f) => f.endsWith(".tsbuildinfo")).map((f) => `packs ${f}`);
  const targets = JSON.stringify(manifest(dir).exports ?? {}).match(/"\.\/dist\/[^"]+"/g) ?? [];
  for (const target of targets) {
    const path = target.slice(3, -1);
    if (!files.has(path)) problems.push(`exports names ${path}, which the tarball lacks`);
  }
  return { ok: problems.length === 0, detail: problems.join("\n") };
}

async function bundle(contents, { resolveDir = root, ...options } = {}) {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
    ...options,
  });
  return { text: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
}

const kb = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;

/** Browser bundles of every package's main entry, from the built packages as a bundler sees them. */
async function browserBundleCheck() {
  const lines = [];
  let ok = true;
  for (const dir of packageDirs()) {
    const pkg = manifest(dir);
    if (pkg.bin !== undefined) continue; // the command line is Node-only by nature
    // From the package's own folder, its name resolves through its own `exports` (self-reference).
    const { text } = await bundle(`export * from ${JSON.stringify(pkg.name)};`, { resolveDir: dir });
    const nodeImports = [...new Set(text.match(/["']node:[\w/]+["']/g) ?? [])];
    if (nodeImports.length > 0) ok = false;
    lines.push(
      `${pkg.name}: ${kb(text)} unminified${nodeImports.length > 0 ? `; imports ${nodeImports.join(", ")}` : ""}`,
    );
  }
  return { ok, detail: lines.join("\n"), always: true };
}

async function parserOnlyBundleCheck() {
  const { text, inputs } = await bundle(
    'import { parseModel } from "@dyn/model";\nglobalThis.parse = parseModel;',
    {
      minify: true,
    },
  );
  const steppers = inputs.filter(
    (path) => path.includes("packages/steppers/") || path.includes("@dyn/steppers"),
  );
  return {
    ok: steppers.length === 0,
    detail: `@dyn/model parseModel only: ${kb(text)} minified${steppers.length > 0 ? `; pulls in ${steppers.join(", ")}` : ", no steppers"}`,
    always: true,
  };
}

/** Runs every packaging check (after building) and returns `{label, ok, detail}` per check. */
export async function packagingChecks({ build = true, filter = "" } = {}) {
  if (build) {
    const built = spawnSync("pnpm", ["run", "build"], { cwd: root, env, stdio: "inherit" });
    if (built.status !== 0) return [{ label: "packaging: build (pnpm run build)", ok: false, detail: "" }];
  }
  const checks = [];
  for (const dir of packageDirs()) {
    const name = relative(root, dir);
    checks.push([`packaging: publint ${name}`, () => publintCheck(dir)]);
    checks.push([`packaging: attw --profile esm-only ${name}`, () => attwCheck(dir)]);
    checks.push([`packaging: tarball contents ${name}`, () => tarballCheck(dir)]);
  }
  checks.push(["packaging: browser bundles import no node: module", browserBundleCheck]);
  checks.push(["packaging: @dyn/model parser bundle has no steppers", parserOnlyBundleCheck]);
  const selected = checks.filter(([label]) => label.includes(filter));

  // Two at a time: the machine has two cores and attw/publint spend most of their time packing.
  const results = new Array(selected.length);
  let next = 0;
  async function worker() {
    while (next < selected.length) {
      const index = next++;
      const [label, check] = selected[index];
      try {
        results[index] = { label, ...(await check()) };
      } catch (error) {
        results[index] = { label, ok: false, detail: error instanceof Error ? error.stack : String(error) };
      }
    }
  }
  await Promise.all([worker(), worker()]);
  return results;
}

/** Prints one line per check (details of failures, and of the bundle-size checks, indented). */
export function printPackagingResults(results) {
  for (const r of results) {
    console.log(`${r.label}: ${r.ok ? "ok" : "FAILED"}`);
    if ((!r.ok || r.always) && r.detail) console.log(r.detail.replace(/^/gm, "    "));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const results = await packagingChecks({
    build: !args.includes("--no-build"),
    filter: args.find((a) => !a.startsWith("--")) ?? "",
  });
  printPackagingResults(results);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
