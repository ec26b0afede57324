import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

// Runs every ```ts block of the steppers docs and READMEs (blocks fenced as ```ts session need @dyn/session,
// which this package does not depend on, and are skipped here).
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const outDir = join(here, ".doc-examples");

function tsBlocks(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.each([
  "docs/steppers.md",
  "docs/writing-a-stepper.md",
  "packages/steppers/README.md",
  "packages/stepper-heun/README.md",
])("%s examples", (file) => {
  const blocks = tsBlocks(file);
  it("has runnable examples", () => expect(blocks.length).toBeGreaterThan(0));
  it.each(blocks.map((code, i) => [i, code] as const))("example %i runs", async (i, code) => {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, `${file.replace(/\W/g, "_")}-${i}.ts`);
    writeFileSync(path, code.replaceAll('"dyn-stepper-heun"', '"../../src/index.ts"'));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(path);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
