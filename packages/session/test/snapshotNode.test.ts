import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setup } from "../src/node.ts";

const dir = mkdtempSync(join(tmpdir(), "dyn-snap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { onWarning: () => {} };

describe("snapshot and preset files by path (Node, @dyn/session/node loaded)", () => {
  it("19: export replaces an arbitrary existing file with a valid snapshot, atomically; no temp file remains", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "rk4", ...quiet });
    sim.run({ T: 0.3, dt: 0.01 });
    const target = join(dir, "nested", "deeper", "snap.npz");
    sim.exportSnapshot(join(dir, "nested", "deeper", "warmup.npz"));
    writeFileSync(join(dir, "nested", "deeper", "snap.npz"), "not a snapshot at all");
    const bytes = sim.exportSnapshot(target);
    expect(new Uint8Array(readFileSync(target))).toEqual(bytes);
    expect(readdirSync(join(dir, "nested", "deeper")).sort()).toEqual(["snap.npz", "warmup.npz"]);
    const fresh = setup("builtin://ode/lorenz", { stepper: "rk4", ...quiet });
    expect(fresh.inspectSnapshot(target)["step_count"]).toBe(30);
    fresh.importSnapshot(target);
    expect(fresh.sessionStateSummary().step).toBe(30);
    expect(() => fresh.importSnapshot(join(dir, "missing.npz"))).toThrow(/^Cannot read snapshot file: /);
    expect(() => fresh.inspectSnapshot(join(dir, "missing.npz"))).toThrow(/^Cannot read snapshot file: /);
    sim.createSnapshot("s");
    sim.exportSnapshot(join(dir, "named.npz"), { source: "snapshot", name: "s" });
    expect(fresh.inspectSnapshot(join(dir, "named.npz"))["name"]).toBe("s");
  });

  it("a failed export leaves the previous file and no temp file", () => {
    const sim = setup("builtin://ode/lorenz", { ...quiet });
    const target = join(dir, "keep.npz");
    writeFileSync(target, "old");
    expect(() => sim.exportSnapshot(target, { source: "snapshot" })).toThrow(
      "name is required when source='snapshot'",
    );
    expect(readFileSync(target, "utf8")).toBe("old");
    // the target's folder is a file: the write fails, nothing is left behind
    expect(() => sim.exportSnapshot(join(target, "x.npz"))).toThrow();
    expect(readdirSync(dir).filter((f) => f.includes("_tmp_"))).toEqual([]);
  });

  it("presets: savePreset creates and updates a file atomically, loadPreset reads it", () => {
    const sim = setup("builtin://ode/lorenz", { ...quiet });
    const file = join(dir, "presets.toml");
    sim.addPreset("a", { params: { rho: 14 } });
    sim.addPreset("b", { states: [1, 2, 3] });
    sim.savePreset("a", file);
    sim.savePreset("b", file);
    expect(() => sim.savePreset("a", file)).toThrow(
      `Preset 'a' already exists in ${file}. Use overwrite: true to replace.`,
    );
    expect(readFileSync(file, "utf8")).toBe(
      '[__presets__]\nschema = "dynlib-presets-v1"\n\n[presets.a.params]\nrho = 14.0\n\n[presets.b.states]\nx = 1.0\ny = 2.0\nz = 3.0\n',
    );
    const other = setup("builtin://ode/lorenz", { ...quiet });
    expect(other.loadPreset("*", file)).toBe(2);
    other.applyPreset("b");
    expect(other.stateDict()).toEqual({ x: 1, y: 2, z: 3 });
    expect(() => other.loadPreset("*", join(dir, "nope.toml"))).toThrow(
      `Preset file not found: ${join(dir, "nope.toml")}`,
    );
    expect(readdirSync(dir).filter((f) => f.includes("_tmp_"))).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
