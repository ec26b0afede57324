import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultRegistry } from "@dyn/steppers";
import { afterAll, describe, expect, it, vi } from "vitest";
import { heunStepper } from "../../stepper-heun/src/index.ts";
import { setup } from "../src/index.ts";

// A plugin stepper is an object: a session must take it wherever it takes a name, with nothing
// registered (bundlers drop a plugin's side-effect import, so registration cannot be relied on).
const quiet = { onWarning: () => {} };

describe("a plugin stepper passed as an object, never registered", () => {
  it("is not in the registry, and its name alone fails with a coded error", () => {
    expect(defaultRegistry.has("heun")).toBe(false);
    let code = "";
    try {
      setup("builtin://ode/lorenz", { stepper: "heun" });
    } catch (error) {
      code = (error as { code?: string }).code ?? "";
    }
    expect(code).toBe("STEPPER_UNKNOWN_STEPPER");
  });

  it("runs, pins its canonical name, exports, imports into a new session and resumes bit-identically", () => {
    const whole = setup("builtin://ode/lorenz", { stepper: heunStepper, ...quiet });
    whole.run({ T: 2, dt: 0.01 });

    const first = setup("builtin://ode/lorenz", { stepper: heunStepper, ...quiet });
    first.run({ T: 1, dt: 0.01 });
    expect(first.stepperName).toBe("heun");
    const bytes = first.exportSnapshot();
    expect(first.inspectSnapshot(bytes)["pins"]).toMatchObject({ stepper_name: "heun" });

    const second = setup("builtin://ode/lorenz", { stepper: heunStepper, ...quiet });
    expect(second.compatCheck(bytes)).toEqual([true, {}]);
    second.importSnapshot(bytes);
    second.run({ T: 2, resume: true });
    expect(Array.from(second.stateVector())).toEqual(Array.from(whole.stateVector()));
    expect(second.sessionStateSummary().stepperName).toBe("heun");
  });

  it("works in Sim snapshots: createSnapshot, reset and a resumed run", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: heunStepper, ...quiet });
    sim.run({ T: 0.5, dt: 0.01 });
    sim.createSnapshot("half");
    const atHalf = Array.from(sim.stateVector());
    sim.run({ T: 1, resume: true });
    sim.reset("half");
    expect(Array.from(sim.stateVector())).toEqual(atHalf);
    sim.run({ T: 1, resume: true });
    expect(sim.sessionStateSummary().t).toBe(1);
  });
});

// The ```ts session blocks of the plugin docs need @dyn/session, which the plugin package does
// not depend on: they run here.
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const outDir = fileURLToPath(new URL("./.plugin-doc-examples/", import.meta.url));
const entries: Record<string, string> = {
  '"@dyn/session"': JSON.stringify(fileURLToPath(new URL("../src/index.ts", import.meta.url))),
  '"dyn-stepper-heun"': JSON.stringify(
    fileURLToPath(new URL("../../stepper-heun/src/index.ts", import.meta.url)),
  ),
};
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.each(["docs/writing-a-stepper.md", "packages/stepper-heun/README.md"])(
  "%s session examples",
  (file) => {
    const blocks = [
      ...readFileSync(`${repoRoot}${file}`, "utf8").matchAll(/```ts session\n([\s\S]*?)```/g),
    ].map((m) => m[1]!);
    it("has session examples", () => expect(blocks.length).toBeGreaterThan(0));
    it.each(blocks.map((code, i) => [i, code] as const))("example %i runs", async (i, code) => {
      mkdirSync(outDir, { recursive: true });
      let source = code;
      for (const [name, path] of Object.entries(entries)) source = source.replaceAll(name, path);
      const path = `${outDir}${file.replace(/\W/g, "_")}-${i}.ts`;
      writeFileSync(path, source);
      const logs: unknown[][] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        logs.push(args);
      });
      try {
        await import(pathToFileURL(path).href);
      } finally {
        log.mockRestore();
      }
      expect(logs.length).toBeGreaterThan(0);
    });
  },
);
