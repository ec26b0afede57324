import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPromisingExample } from "../../../test-utils/examples.ts";

const guide = fileURLToPath(new URL("../../../docs/running.md", import.meta.url));
const dir = fileURLToPath(new URL("./.docs-examples/", import.meta.url));
const sessionEntry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

const text = readFileSync(guide, "utf8");
/** The ```ts blocks of the guide, in order, with the guide line their code starts on. */
const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1] as string,
  line: text.slice(0, m.index).split("\n").length + 1,
}));

describe("docs/running.md examples run and print what their comments say", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has an example per section", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  blocks.forEach(({ code, line }, i) => {
    const firstLine = code.split("\n").find((l) => l.includes("setup(")) ?? `example ${i}`;
    // An example whose whole point is how long it takes prints a time, which no comment can promise.
    const timing = code.includes("performance.now()");
    it(`example ${i}: ${firstLine.trim().slice(0, 60)}`, async () => {
      const source = code.replaceAll('from "@dyn/session"', `from ${JSON.stringify(sessionEntry)}`);
      const checked = await runPromisingExample(
        source,
        `${dir}example-${i}.ts`,
        (at) => `docs/running.md:${line + at - 1}`,
      );
      if (!timing) expect(checked, "the example promises at least one printed value").toBeGreaterThan(0);
    });
  });
});
