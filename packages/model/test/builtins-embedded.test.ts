import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { builtinModelTexts } from "../src/builtins/embedded.generated.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const modelsDir = join(packageDir, "models");
const script = join(packageDir, "scripts", "gen-builtins.mjs");

/** The 19 models of model-dsl.md §6. */
const catalogue = [
  "map/henon",
  "map/henon2",
  "map/ikeda",
  "map/logistic",
  "map/lozi",
  "map/sine",
  "map/standard",
  "ode/duffing",
  "ode/eto-circular",
  "ode/exp-if",
  "ode/expdecay",
  "ode/fitzhugh-nagumo",
  "ode/hodgkin-huxley",
  "ode/izhikevich",
  "ode/leaky-if",
  "ode/lorenz",
  "ode/quadratic-if",
  "ode/resonate-if",
  "ode/vanderpol",
];

function shippedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? shippedFiles(join(dir, entry.name))
      : entry.name.endsWith(".toml")
        ? [join(dir, entry.name)]
        : [],
  );
}

const shipped = new Map(
  shippedFiles(modelsDir).map((path) => [
    relative(modelsDir, path)
      .split(sep)
      .join("/")
      .replace(/\.toml$/, ""),
    path,
  ]),
);

type Table = Record<string, unknown>;
const parsed = (key: string): Table =>
  parse(builtinModelTexts[key] ?? "", { integersAsBigInt: true }) as Table;

describe("builtin catalogue files and embedded module", () => {
  it("ships exactly the 19 models of §6, embedded under sorted <kind>/<name> keys", () => {
    expect([...shipped.keys()].sort()).toEqual(catalogue);
    expect(Object.keys(builtinModelTexts)).toEqual(catalogue);
    expect(Object.isFrozen(builtinModelTexts)).toBe(true);
  });

  it("embeds every file byte for byte", () => {
    for (const [key, path] of shipped) {
      const embedded = builtinModelTexts[key];
      expect(embedded, key).toBeDefined();
      expect(Buffer.from(embedded ?? "", "utf8").equals(readFileSync(path)), key).toBe(true);
    }
  });

  it("starts every file with the `#! dynlib` line, in LF text without a BOM", () => {
    for (const [key, text] of Object.entries(builtinModelTexts)) {
      expect(text.startsWith("#! dynlib\n"), key).toBe(true);
      expect(text.includes("\r"), key).toBe(false);
    }
  });

  it("has no [sim] table, the kind of its directory, and only float states and params", () => {
    for (const key of catalogue) {
      const doc = parsed(key);
      expect(doc.sim, key).toBeUndefined();
      expect((doc.model as Table).type, key).toBe(key.split("/")[0]);
      for (const table of ["states", "params"]) {
        for (const [name, value] of Object.entries((doc[table] ?? {}) as Table)) {
          // lorenz's beta is the literal expression "8.0/3.0", which evaluates to a float.
          const isFloat =
            typeof value === "number" || (key === "ode/lorenz" && name === "beta" && value === "8.0/3.0");
          expect(isFloat, `${key} [${table}].${name}`).toBe(true);
        }
      }
    }
  });

  it("keeps Izhikevich's integer c, d in the last four presets only", () => {
    const presets = parsed("ode/izhikevich").presets as Record<string, { params: Table }>;
    expect(Object.keys(presets)).toEqual([
      "regular_spiking",
      "intrinsic_bursting",
      "bursting",
      "fast_spiking",
      "low_threshold",
      "resonator",
    ]);
    const kinds = Object.values(presets).map(({ params }) => [typeof params.c, typeof params.d]);
    expect(kinds).toEqual([
      ["number", "number"],
      ["number", "number"],
      ["bigint", "bigint"],
      ["bigint", "bigint"],
      ["bigint", "bigint"],
      ["bigint", "bigint"],
    ]);
  });

  it("declares only `r` in the sine map and uses the builtin pi (M-5)", () => {
    const doc = parsed("map/sine");
    expect(doc.params).toEqual({ r: 0.9 });
    expect(((doc.equations as Table).rhs as Table).x).toBe("r * sin(pi * x)");
  });
});

describe("gen-builtins script", () => {
  it("reports the committed module as up to date", () => {
    const out = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(out).toContain("up to date");
  });

  it("detects a stale module and regenerates it from the model files", () => {
    const work = mkdtempSync(join(tmpdir(), "dyn-gen-builtins-"));
    try {
      cpSync(join(packageDir, "scripts"), join(work, "scripts"), { recursive: true });
      cpSync(modelsDir, join(work, "models"), { recursive: true });
      cpSync(
        join(packageDir, "src", "builtins", "embedded.generated.ts"),
        join(work, "src", "builtins", "embedded.generated.ts"),
      );
      const copiedScript = join(work, "scripts", "gen-builtins.mjs");
      expect(spawnSync(process.execPath, [copiedScript, "--check"]).status).toBe(0);

      writeFileSync(join(work, "models", "map", "extra.toml"), '#! dynlib\n[model]\ntype = "map"\n');
      expect(spawnSync(process.execPath, [copiedScript, "--check"]).status).toBe(1);

      expect(spawnSync(process.execPath, [copiedScript]).status).toBe(0);
      const regenerated = readFileSync(join(work, "src", "builtins", "embedded.generated.ts"), "utf8");
      expect(regenerated).toContain('"map/extra": "#! dynlib\\n[model]\\ntype = \\"map\\"\\n",');
      expect(spawnSync(process.execPath, [copiedScript, "--check"]).status).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
