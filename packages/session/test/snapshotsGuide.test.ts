import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const guide = fileURLToPath(new URL("../../../docs/snapshots.md", import.meta.url));
const dir = fileURLToPath(new URL("./.snapshots-guide/", import.meta.url));
const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const nodeEntry = fileURLToPath(new URL("../src/node.ts", import.meta.url));

/** The ```ts blocks of the guide, in order. */
const blocks = [...readFileSync(guide, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** `console.log(a, b); // → X`: X is the JSON of the logged value (or of the array of values). */
function expectedLogs(code: string): string[] {
  return [...code.matchAll(/console\.log\(.*\/\/ → (.*)$/gm)].map((m) => (m[1] as string).trim());
}

describe("docs/snapshots.md examples run and print what they say", () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has the examples: resume, snapshots, three parameter patterns, presets, files, Node files", () => {
    expect(blocks.length).toBe(8);
  });

  blocks.forEach((code, i) => {
    it(`example ${i}`, async () => {
      const file = `${dir}example-${i}.ts`;
      writeFileSync(
        file,
        code
          .replaceAll('from "@dyn/session/node"', `from ${JSON.stringify(nodeEntry)}`)
          .replaceAll('from "@dyn/session"', `from ${JSON.stringify(entry)}`),
      );
      const logs: string[] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        logs.push(JSON.stringify(args.length === 1 ? args[0] : args));
      });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
      } finally {
        spy.mockRestore();
        warn.mockRestore();
      }
      const expected = expectedLogs(code);
      expect(expected.length).toBeGreaterThan(0);
      expect(logs).toEqual(expected);
    });
  });
});
