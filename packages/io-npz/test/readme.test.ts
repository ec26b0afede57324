import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPromisingExample } from "../../../test-utils/examples.ts";

const PKG = join(import.meta.dirname, "..");
const readme = readFileSync(join(PKG, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1]!,
  line: readme.slice(0, m.index).split("\n").length + 1,
}));
const dir = mkdtempSync(join(tmpdir(), "dyn-io-npz-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README examples", () => {
  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(5));

  it.each(blocks.map((b, i) => [i, b] as const))(
    "example %i runs against the sources and prints what its comments say",
    async (i, { code, line }) => {
      const source = code
        .replaceAll('from "@dyn/io-npz/node"', `from ${JSON.stringify(join(PKG, "src/node.ts"))}`)
        .replaceAll('from "@dyn/io-npz"', `from ${JSON.stringify(join(PKG, "src/index.ts"))}`);
      const checked = await runPromisingExample(
        source,
        join(dir, `example${i}.ts`),
        (at) => `packages/io-npz/README.md:${line + at - 1}`,
      );
      expect(checked, "the example promises at least one printed value").toBeGreaterThan(0);
    },
  );
});
