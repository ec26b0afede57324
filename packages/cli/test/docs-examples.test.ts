/**
 * Every ```ts block of every guide in docs/ runs here, so no example can rot. A block fenced as
 * ```ts no-run is skipped (only for code that cannot run in Node; keep those rare). Each block is
 * written to a module inside the repository (so workspace packages resolve to their sources) and
 * imported; it must finish without throwing, and every value it promises in a `// → value`
 * comment after a `console.log(…)` (see test-utils/examples.ts) must be the value printed; an
 * example that promises nothing fails, unless it is about timing.
 *
 * Some guides also have their own example tests in their packages; running them again here is
 * cheap and keeps this the one place that proves every guide.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPromisingExample } from "../../../test-utils/examples.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const docsDir = join(repoRoot, "docs");
const outDir = join(here, ".docs-examples");

/** Imports that are not dependencies of @dyn/cli, mapped to their sources. */
const REWRITES: ReadonlyArray<[string, string]> = [
  ['"@dyn/cli"', JSON.stringify(join(repoRoot, "packages/cli/src/index.ts"))],
  ['"dyn-stepper-heun"', JSON.stringify(join(repoRoot, "packages/stepper-heun/src/index.ts"))],
];

interface Example {
  readonly file: string;
  readonly line: number;
  readonly info: string;
  readonly code: string;
}

function examples(file: string): Example[] {
  const text = readFileSync(join(docsDir, file), "utf8");
  const found: Example[] = [];
  for (const m of text.matchAll(/^```ts(?:[ \t]+([^\n]*))?\n([\s\S]*?)^```\s*$/gm)) {
    const line = text.slice(0, m.index).split("\n").length;
    found.push({ file, line, info: (m[1] ?? "").trim(), code: m[2] as string });
  }
  return found;
}

const guides = readdirSync(docsDir)
  .filter((f) => f.endsWith(".md"))
  .sort();
const all = guides.flatMap(examples);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));
let checkedPromises = 0;

describe("docs examples", () => {
  it("finds the guides and their examples", () => {
    expect(guides).toEqual(
      expect.arrayContaining(["getting-started.md", "cli.md", "running.md", "snapshots.md"]),
    );
    expect(all.length).toBeGreaterThan(30);
    // Skipping must stay the exception.
    const skipped = all.filter((e) => e.info.split(/\s+/).includes("no-run"));
    expect(skipped.length).toBeLessThanOrEqual(3);
  });

  const runnable = all.filter((e) => !e.info.split(/\s+/).includes("no-run"));
  const run = async (example: Example) => {
    let code = example.code;
    for (const [from, to] of REWRITES) code = code.replaceAll(from, to);
    const checked = await runPromisingExample(
      code,
      join(outDir, `${example.file.replace(/\W/g, "_")}-${example.line}.ts`),
      (at) => `docs/${example.file}:${example.line + at}`,
    );
    // An example about how long something takes prints a time, which no comment can promise.
    if (!code.includes("performance.now()")) {
      expect(
        checked,
        `docs/${example.file}:${example.line} promises at least one printed value`,
      ).toBeGreaterThan(0);
    }
    checkedPromises += checked;
  };
  it.each(runnable.map((e) => [`${e.file}:${e.line}`, e] as const))("%s runs", async (_label, example) => {
    await run(example);
  });
  it("checked the values the examples promise in their comments", () => {
    // 109 when this was written; a drop means examples stopped promising (or being checked).
    expect(checkedPromises).toBeGreaterThanOrEqual(100);
  });
});
