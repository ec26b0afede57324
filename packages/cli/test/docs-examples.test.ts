/**
 * Every ```ts block of every guide in docs/ runs here, so no example can rot. A block fenced as
 * ```ts no-run is skipped (only for code that cannot run in Node; keep those rare). Each block is
 * written to a module inside the repository (so workspace packages resolve to their sources) and
 * imported; it must finish without throwing and print something.
 *
 * Some guides also have their own example tests in their packages; running them again here is
 * cheap and keeps this the one place that proves every guide.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const docsDir = join(repoRoot, "docs");
const outDir = join(here, ".docs-examples");

/** Imports that are not dependencies of @dyn/cli, mapped to their sources. */
const REWRITES: ReadonlyArray<[string, string]> = [
  ['"@dyn/cli"', JSON.stringify(join(repoRoot, "packages/cli/src/index.ts"))],
  ['"dyn-stepper-heun"', JSON.stringify(join(repoRoot, "packages/stepper-heun/src/index.ts"))],
];

/**
 * The values an example promises in `console.log(…); // 1001 true ["a"]` comments, when the whole
 * comment is a space-separated sequence of JSON values (anything looser — prose, `…` — is not
 * checked). `null` when the comment is not such a sequence.
 */
function promised(comment: string): unknown[] | null {
  const values: unknown[] = [];
  let rest = comment.trim();
  while (rest !== "") {
    let parsed = false;
    for (let end = rest.length; end > 0; end--) {
      if (end < rest.length && rest[end] !== " ") continue;
      try {
        values.push(JSON.parse(rest.slice(0, end)));
        rest = rest.slice(end).trim();
        parsed = true;
        break;
      } catch {
        // try a shorter prefix
      }
    }
    if (!parsed) return null;
  }
  return values.length > 0 ? values : null;
}

/** Plain JSON-comparable form of a logged value (typed arrays become arrays). */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v)) ?? "null");
}

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
    mkdirSync(outDir, { recursive: true });
    let code = example.code;
    for (const [from, to] of REWRITES) code = code.replaceAll(from, to);
    const path = join(outDir, `${example.file.replace(/\W/g, "_")}-${example.line}.ts`);
    writeFileSync(path, code);
    const logged: unknown[][] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await import(pathToFileURL(path).href);
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
    expect(logged.length, "an example shows its result with console.log").toBeGreaterThan(0);
    // Where every console.log line is reached once, check the values its comment promises.
    const calls = [...code.matchAll(/^\s*console\.log\(.*\);(?:\s*\/\/(.*))?$/gm)];
    if (calls.length === logged.length && calls.length === (code.match(/console\.log\(/g) ?? []).length) {
      calls.forEach((call, i) => {
        const expected = call[1] === undefined ? null : promised(call[1]);
        const args = logged[i] as unknown[];
        if (expected !== null && expected.length === args.length) {
          expect(args.map(plain), `${example.file}:${example.line} console.log #${i + 1}`).toEqual(expected);
          checkedPromises++;
        }
      });
    }
  };
  it.each(runnable.map((e) => [`${e.file}:${e.line}`, e] as const))("%s runs", async (_label, example) => {
    await run(example);
  });
  it("checked the values the examples promise in their comments", () => {
    expect(checkedPromises).toBeGreaterThan(15);
  });
});
