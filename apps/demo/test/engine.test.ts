import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setup } from "@dyn/session";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine.ts";
import type { Reply, SegmentData, SessionStatus } from "../src/protocol.ts";

const pythonCheckpoint = fileURLToPath(
  new URL("../../../packages/session/test/fixtures/python-lorenz-ab3.npz", import.meta.url),
);

function status(reply: Reply): { status: SessionStatus; segment?: SegmentData } {
  if (reply.type !== "status") throw new Error(`expected a status reply, got ${reply.type}`);
  return reply.segment === undefined
    ? { status: reply.status }
    : { status: reply.status, segment: reply.segment };
}

describe("demo engine (the worker's logic, without a browser)", () => {
  it("offers the featured models first, with their names, defaults and fitting steppers", () => {
    const models = new Engine().catalogue();
    expect(models.slice(0, 4).map((m) => m.uri)).toEqual([
      "builtin://ode/lorenz",
      "builtin://ode/izhikevich",
      "builtin://ode/vanderpol",
      "builtin://map/logistic",
    ]);
    expect(models).toHaveLength(19);
    const lorenz = models[0];
    expect(lorenz?.params).toEqual(["sigma", "rho", "beta"]);
    expect(lorenz?.paramValues[2]).toBe(8 / 3);
    expect(lorenz?.steppers).toContain("rk45");
    expect(models[3]?.steppers).toEqual(["map"]);
  });

  it("runs, snapshots, resumes and branches; segments join on and carry their parameters", () => {
    const engine = new Engine();
    const fractions: number[] = [];
    const progress = (f: number) => fractions.push(f);
    engine.handle({ type: "load", uri: "builtin://ode/lorenz", stepper: "rk4" }, progress);
    const first = status(
      engine.handle({ type: "run", resume: false, horizon: 10, dt: 0.01, tag: "a" }, progress),
    );
    expect(first.segment?.t.length).toBe(1001);
    expect(fractions.at(-1)).toBe(1);
    engine.handle({ type: "snapshot", name: "t10", description: "" }, progress);
    const second = status(engine.handle({ type: "run", resume: true, horizon: 20, tag: "b" }, progress));
    expect(second.segment?.t[0]).toBe(10); // starts on the previous segment's last row
    expect(second.segment?.t.length).toBe(1001);
    engine.handle({ type: "reset", name: "t10" }, progress);
    engine.handle({ type: "assign", params: { rho: 35 } }, progress);
    const branch = status(engine.handle({ type: "run", resume: true, horizon: 20, tag: "c" }, progress));
    expect(branch.segment?.t[0]).toBe(10);
    expect(branch.segment?.params.rho).toBe(35);
    expect(branch.status.snapshots.map((s) => s.name)).toEqual(["initial", "t10"]);

    const reference = setup("builtin://ode/lorenz", { stepper: "rk4" });
    reference.run({ T: 10, dt: 0.01 });
    reference.assign({ rho: 35 });
    reference.run({ T: 20, resume: true });
    expect(branch.segment?.columns.x?.at(-1)).toBe(reference.state("x"));
  });

  it("exports a snapshot that imports back, and imports the Python reference's checkpoint", () => {
    const engine = new Engine();
    engine.handle({ type: "load", uri: "builtin://ode/vanderpol", stepper: "rk4" }, () => {});
    engine.handle({ type: "run", resume: false, horizon: 5, tag: "a" }, () => {});
    engine.handle({ type: "snapshot", name: "t5", description: "" }, () => {});
    const file = engine.handle({ type: "export", name: "t5" }, () => {});
    if (file.type !== "file") throw new Error("expected a file");
    expect(file.fileName).toBe("vanderpol-t5.npz");
    const inspected = engine.handle({ type: "inspect", bytes: file.bytes }, () => {});
    expect(inspected).toMatchObject({ type: "inspected", match: "builtin://ode/vanderpol" });

    const bytes = new Uint8Array(readFileSync(pythonCheckpoint));
    const imported = status(engine.handle({ type: "import", bytes }, () => {}));
    expect(imported.status.uri).toBe("builtin://ode/lorenz");
    expect(imported.status.stepper).toBe("ab3");
    const resumed = status(
      engine.handle({ type: "run", resume: true, horizon: imported.status.t + 1, tag: "py" }, () => {}),
    );
    expect(resumed.segment?.t[0]).toBe(imported.status.t);
  });

  it("rejects files of unknown models and leaves the live session alone", () => {
    const engine = new Engine();
    engine.handle({ type: "load", uri: "builtin://ode/lorenz", stepper: "rk4" }, () => {});
    const other = setup("inline:[model]\ntype='ode'\n[states]\nx=1.0\n[equations.rhs]\nx='-x'\n");
    other.run({ T: 1 });
    expect(() => engine.handle({ type: "import", bytes: other.exportSnapshot() }, () => {})).toThrow(
      /No builtin model has the spec hash/,
    );
    expect(status(engine.handle({ type: "assign", params: {} }, () => {})).status.uri).toBe(
      "builtin://ode/lorenz",
    );
  });
});
