import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPromisingExample } from "../../../test-utils/examples.ts";

// Runs every ```ts block of the steppers docs and READMEs and checks the values each promises in
// its `// → value` comments (blocks fenced as ```ts session need @dyn/session, which this package
// does not depend on, and are skipped here).
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const outDir = join(here, ".doc-examples");

function tsBlocks(file: string): { code: string; line: number }[] {
  const text = readFileSync(join(repoRoot, file), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
    code: m[1]!,
    line: text.slice(0, m.index).split("\n").length + 1,
  }));
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
  it.each(blocks.map((block, i) => [i, block] as const))(
    "example %i runs and prints what it promises",
    async (i, { code, line }) => {
      const checked = await runPromisingExample(
        code.replaceAll('"dyn-stepper-heun"', '"../../src/index.ts"'),
        join(outDir, `${file.replace(/\W/g, "_")}-${i}.ts`),
        (at) => `${file}:${line + at - 1}`,
      );
      expect(checked, "the example promises at least one printed value").toBeGreaterThan(0);
    },
  );
});
