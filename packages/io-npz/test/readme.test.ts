import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const PKG = join(import.meta.dirname, "..");
const blocks = [...readFileSync(join(PKG, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (m) => m[1]!,
);
const dir = mkdtempSync(join(tmpdir(), "dyn-io-npz-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README examples", () => {
  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(5));

  it.each(blocks.map((b, i) => [i, b] as const))(
    "example %i runs against the sources and logs its results",
    async (i, code) => {
      const source = code
        .replaceAll('from "@dyn/io-npz/node"', `from ${JSON.stringify(join(PKG, "src/node.ts"))}`)
        .replaceAll('from "@dyn/io-npz"', `from ${JSON.stringify(join(PKG, "src/index.ts"))}`);
      const file = join(dir, `example${i}.ts`);
      writeFileSync(file, source);
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        await import(file);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
      }
    },
  );
});
