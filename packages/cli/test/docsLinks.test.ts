import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Docs cite only files that are in the repository: every relative link of every guide and README
// resolves, and every `path/like.ext` in backticks names a file that exists (relative to the page,
// its package or the repository root). Names below are not citations: example paths a reader
// creates, generated output, and members inside snapshot files.
const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const NOT_CITATIONS = new Set([
  "my-model.toml",
  "path/to/model.toml",
  "models/decay.toml",
  "presets.toml",
  "meta.json",
  "meta.json.npy",
  "package.json",
  "tsconfig.json",
  "docs/api",
  "docs/api/",
  "docs/api/index.html",
  "bench/results/latest.json",
]);

function pages(): string[] {
  const inDir = (dir: string, name: (entry: string) => string) =>
    existsSync(join(repoRoot, dir)) ? readdirSync(join(repoRoot, dir)).map(name) : [];
  return [
    "README.md",
    "bench/README.md",
    ...inDir("docs", (f) => `docs/${f}`).filter((f) => f.endsWith(".md")),
    ...inDir("packages", (p) => `packages/${p}/README.md`),
    ...inDir("apps", (p) => `apps/${p}/README.md`),
  ].filter((page) => existsSync(join(repoRoot, page)));
}

function missingCitations(page: string): string[] {
  const text = readFileSync(join(repoRoot, page), "utf8");
  const pageDir = dirname(join(repoRoot, page));
  const packageDir = /^(packages|apps)\/[^/]+\//.exec(page)?.[0];
  const bases = [pageDir, ...(packageDir === undefined ? [] : [join(repoRoot, packageDir)]), repoRoot];
  const missing: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const path = target!.split("#")[0]!;
    if (path === "" || /^[a-z]+:/i.test(path)) continue;
    if (!existsSync(resolve(pageDir, path))) missing.push(`link ${target}`);
  }
  for (const [, token] of text.matchAll(/`([\w./-]+)`/g)) {
    const path = token!;
    const looksLikeFile =
      /\.(md|ts|mjs|js|py|json|toml|ya?ml)$/.test(path) ||
      /^(docs|packages|apps|bench|scripts|fixtures)\//.test(path);
    if (!looksLikeFile || path.startsWith(".") || NOT_CITATIONS.has(path)) continue;
    if (!bases.some((base) => existsSync(resolve(base, path)))) missing.push(`path ${path}`);
  }
  return missing;
}

describe("docs cite only files in the repository", () => {
  const list = pages();
  it("scans the guides and every package README", () => {
    expect(list).toContain("docs/getting-started.md");
    expect(list).toContain("packages/session/README.md");
  });
  it.each(list)("%s", (page) => {
    expect(missingCitations(page)).toEqual([]);
  });
});
