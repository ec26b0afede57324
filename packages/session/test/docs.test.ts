import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const guide = fileURLToPath(new URL("../../../docs/running.md", import.meta.url));
const dir = fileURLToPath(new URL("./.docs-examples/", import.meta.url));
const sessionEntry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

/** The ```ts blocks of the guide, in order. */
const blocks = [...readFileSync(guide, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe("docs/running.md examples run", () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has an example per section", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  blocks.forEach((code, i) => {
    const firstLine = code.split("\n").find((l) => l.includes("setup(")) ?? `example ${i}`;
    it(`example ${i}: ${firstLine.trim().slice(0, 60)}`, async () => {
      const file = `${dir}example-${i}.ts`;
      writeFileSync(file, code.replaceAll('from "@dyn/session"', `from ${JSON.stringify(sessionEntry)}`));
      const logs: unknown[][] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        logs.push(args);
      });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
      } finally {
        spy.mockRestore();
        warn.mockRestore();
      }
      expect(logs.length).toBeGreaterThan(0);
    });
  });
});
