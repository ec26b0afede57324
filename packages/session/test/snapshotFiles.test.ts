import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJsonArray, encodeJsonArray, type NdArray, openNpz, readNpz, writeNpz } from "@dyn/io-npz";
import { describe, expect, it } from "vitest";
import { setup } from "../src/index.ts";
import type { Sim } from "../src/sim.ts";

const quiet = { onWarning: () => {} };
const lorenz = (stepper = "rk4"): Sim => setup("builtin://ode/lorenz", { stepper, ...quiet });

/** Everything an import restores plus the results state, to prove a failed import changed nothing. */
function fingerprint(sim: Sim): string {
  const st = sim.sessionState();
  let hasResults = true;
  try {
    sim.rawResults();
  } catch {
    hasResults = false;
  }
  return JSON.stringify({
    t: st.tCurr,
    step: st.stepCount,
    frame: st.frameStep,
    grid: [st.gridOrigin, st.gridStep],
    dt: st.dtCurr,
    y: Array.from(st.yCurr),
    p: Array.from(st.paramsCurr),
    ws: Object.fromEntries(
      Object.entries(st.workspace.stepper).map(([k, v]) => [
        k,
        Array.from(v as ArrayLike<number | bigint>, String),
      ]),
    ),
    shift: sim.timeShift,
    nominal: sim.nominalDt,
    results: hasResults,
    segs: sim.segments().length,
    snaps: sim.listSnapshots().map((s) => s.name),
  });
}

function withEntries(bytes: Uint8Array, edit: (m: Map<string, NdArray>) => void): Uint8Array {
  const m = readNpz(bytes);
  edit(m);
  return writeNpz([...m.entries()]);
}

function withMeta(bytes: Uint8Array, edit: (meta: Record<string, unknown>) => void): Uint8Array {
  return withEntries(bytes, (m) => {
    const meta = decodeJsonArray(m.get("meta.json") as NdArray, { integers: "bigint" }) as Record<
      string,
      unknown
    >;
    edit(meta);
    m.set("meta.json", encodeJsonArray(meta as never) as unknown as NdArray);
  });
}

describe("snapshot files (§8)", () => {
  it("13: export current, run on, import: t, step, dt, y, params restored exactly; results cleared", () => {
    const sim = lorenz("rk45");
    sim.run({ T: 0.7 });
    const before = sim.sessionState();
    const bytes = sim.exportSnapshot();
    sim.run({ T: 1.4, resume: true });
    sim.importSnapshot(bytes);
    const after = sim.sessionState();
    expect(after.tCurr).toBe(before.tCurr);
    expect(after.stepCount).toBe(before.stepCount);
    expect(after.dtCurr).toBe(before.dtCurr);
    expect(Array.from(after.yCurr)).toEqual(Array.from(before.yCurr));
    expect(Array.from(after.paramsCurr)).toEqual(Array.from(before.paramsCurr));
    expect(Array.from(after.stepperCfg)).toEqual(Array.from(before.stepperCfg));
    expect(() => sim.rawResults()).toThrow("No simulation results available");
    expect(sim.segments()).toHaveLength(0);
  });

  it("14: export a named snapshot and import it later: its t and step restored", () => {
    const sim = lorenz();
    sim.run({ T: 0.3, dt: 0.01 });
    sim.createSnapshot("s03");
    sim.run({ T: 0.9, resume: true });
    const bytes = sim.exportSnapshot({ source: "snapshot", name: "s03" });
    expect(sim.inspectSnapshot(bytes)["name"]).toBe("s03");
    sim.importSnapshot(bytes);
    expect(sim.sessionStateSummary()).toMatchObject({ t: sim.getSnapshot("s03")?.state.tCurr, step: 30 });
  });

  it("15: inspectSnapshot leaves the session unchanged; meta has every key of §8.1 in order", () => {
    const sim = lorenz("rk45");
    sim.run({ T: 0.2 });
    const bytes = sim.exportSnapshot();
    const fp = fingerprint(sim);
    const meta = sim.inspectSnapshot(bytes);
    expect(fingerprint(sim)).toBe(fp);
    expect(Object.keys(meta)).toEqual([
      "schema",
      "created_at",
      "name",
      "description",
      "pins",
      "n_state",
      "n_params",
      "state_names",
      "param_names",
      "t_curr",
      "dt_curr",
      "step_count",
      "status",
      "time_shift",
      "nominal_dt",
      "stepper_config_names",
      "stepper_config_values",
      "frame_step",
      "grid_origin",
      "grid_step",
      "parent",
      "writer",
    ]);
    expect(meta).toMatchObject({
      schema: "dynlib-snapshot-v1",
      name: "current",
      description: "Current session state",
      n_state: 3,
      n_params: 3,
      state_names: ["x", "y", "z"],
      t_curr: sim.sessionStateSummary().t,
      status: 9,
      parent: null,
    });
    expect(meta["pins"]).toEqual({
      spec_hash: sim.pins.specHash,
      stepper_name: "rk45",
      workspace_sig: [...sim.pins.workspaceSig],
      dtype_token: "float64",
      dynlib_version: "0.40.3",
    });
    expect((meta["stepper_config_values"] as number[]).at(-1)).toBe(Infinity);
    expect(meta["created_at"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it("§8.1 layout: entry order, zero-size arrays skipped, ints as Python ints, Python json.dumps text", () => {
    const sim = lorenz("ab3");
    sim.run({ T: 0.05, dt: 0.01 });
    const archive = openNpz(sim.exportSnapshot());
    expect(archive.members.map((m) => m.name)).toEqual([
      "meta.json.npy",
      "y.npy",
      "params.npy",
      "workspace/stepper/f_nm2.npy",
      "workspace/stepper/f_nm1.npy",
      "workspace/stepper/f_n.npy",
      "workspace/stepper/f_next.npy",
      "workspace/stepper/y_stage.npy",
      "workspace/stepper/step_index.npy",
    ]);
    const text = new TextDecoder().decode(archive.get("meta.json").data as Uint8Array);
    expect(text).toContain('\n  "step_count": 5,\n');
    expect(text).toContain('\n  "t_curr": 0.05,\n');
    expect(text).toContain('\n  "time_shift": 0.0,\n');
    expect(text).toContain('"stepper_config_names": [],');
    expect(text.startsWith('{\n  "schema": "dynlib-snapshot-v1",\n  "created_at": "')).toBe(true);
    expect(archive.get("workspace/stepper/step_index")).toMatchObject({ dtype: "<i8", shape: [1] });
  });

  it("16: import into a model built with another stepper → Snapshot incompatible", () => {
    const a = lorenz("rk4");
    a.run({ T: 0.1 });
    const b = lorenz("euler");
    const fp = fingerprint(b);
    expect(() => b.importSnapshot(a.exportSnapshot())).toThrow(
      /^Snapshot incompatible: \{'stepper_name': \('euler', 'rk4'\), 'workspace_sig'/,
    );
    expect(fingerprint(b)).toBe(fp);
  });

  it("17: export argument errors", () => {
    const sim = lorenz();
    expect(() => sim.exportSnapshot({ source: "snapshot" })).toThrow(
      "name is required when source='snapshot'",
    );
    expect(() => sim.exportSnapshot({ source: "current", name: "x" })).toThrow(
      "name should not be provided when source='current'",
    );
    expect(() => sim.exportSnapshot({ source: "snapshot", name: "nope" })).toThrow("Unknown snapshot 'nope'");
  });

  it("18: import errors, each with its message, and the session untouched", () => {
    const sim = lorenz();
    sim.run({ T: 0.1 });
    const good = sim.exportSnapshot();
    const fp = fingerprint(sim);
    const cases: [Uint8Array, string | RegExp][] = [
      [
        withEntries(good, (m) => m.delete("meta.json")),
        "Error reading snapshot file: Missing 'meta.json' in snapshot file",
      ],
      [
        withEntries(good, (m) =>
          m.set("meta.json", {
            dtype: "|u1",
            shape: [5],
            data: new TextEncoder().encode("{bad:"),
            fortranOrder: false,
          }),
        ),
        /^Invalid JSON in meta.json: /,
      ],
      [
        withMeta(good, (meta) => {
          meta["schema"] = "dynlib-snapshot-v0";
        }),
        "Unsupported schema: dynlib-snapshot-v0",
      ],
      [
        withEntries(good, (m) =>
          m.set("y", { dtype: "<f8", shape: [2], data: new Float64Array(2), fortranOrder: false }),
        ),
        "State vector shape mismatch: expected (3,), got (2,)",
      ],
      [
        withEntries(good, (m) =>
          m.set("params", { dtype: "<f8", shape: [4], data: new Float64Array(4), fortranOrder: false }),
        ),
        "Parameters shape mismatch: expected (3,), got (4,)",
      ],
      [
        withEntries(good, (m) => m.delete("y")),
        "Error reading snapshot file: Missing 'y' array in snapshot file",
      ],
      [
        withEntries(good, (m) => m.delete("params")),
        "Error reading snapshot file: Missing 'params' array in snapshot file",
      ],
      [
        withMeta(good, (meta) => {
          (meta["pins"] as Record<string, unknown>)["spec_hash"] = "0";
        }),
        /^Snapshot incompatible: \{'spec_hash': \('/,
      ],
      [
        withMeta(good, (meta) => {
          delete meta["t_curr"];
        }),
        "missing the required key 't_curr'",
      ],
      [
        withMeta(good, (meta) => {
          delete meta["status"];
        }),
        "missing the required key 'status'",
      ],
      [
        withMeta(good, (meta) => {
          delete meta["time_shift"];
        }),
        "missing the required key 'time_shift'",
      ],
      [
        withEntries(good, (m) =>
          m.set("workspace/stepper/k1", {
            dtype: "<f8",
            shape: [4],
            data: new Float64Array(4),
            fortranOrder: false,
          }),
        ),
        "Workspace seed mismatch for 'k1': expected shape=(3,), dtype=float64, got (4,)/<f8",
      ],
      [new Uint8Array([1, 2, 3]), /^Cannot read snapshot file: /],
    ];
    for (const [bytes, message] of cases) {
      expect(() => sim.importSnapshot(bytes), String(message)).toThrow(message);
      expect(fingerprint(sim)).toBe(fp);
    }
    expect(() => sim.inspectSnapshot(withEntries(good, (m) => m.delete("meta.json")))).toThrow(
      /^Missing 'meta.json' in snapshot file$/,
    );
  });

  it("truncated and tampered (CRC) files throw and leave the session untouched", () => {
    const sim = lorenz("ab3");
    sim.run({ T: 0.2, dt: 0.01 });
    const good = sim.exportSnapshot();
    const fp = fingerprint(sim);
    for (const cut of [10, good.length >> 1, good.length - 30]) {
      expect(() => sim.importSnapshot(good.slice(0, cut))).toThrow(/snapshot file: /);
      expect(fingerprint(sim)).toBe(fp);
    }
    // Flip one byte inside y.npy's stored data: the CRC check rejects the member.
    const stored = writeNpz([...readNpz(good).entries()], { compression: "store" });
    const archive = openNpz(stored);
    expect(archive.members.find((m) => m.name === "y.npy")?.method).toBe("store");
    const at = findLast(stored, new Uint8Array(new Float64Array(sim.stateVector()).buffer).subarray(0, 8));
    expect(at).toBeGreaterThan(0);
    const tampered = stored.slice();
    tampered[at] = (tampered[at] as number) ^ 0x01;
    expect(() => sim.importSnapshot(tampered)).toThrow(/^Error reading snapshot file: .*CRC/);
    expect(fingerprint(sim)).toBe(fp);
    sim.importSnapshot(stored); // the untampered STORED copy is fine
  });

  it("20: workspace arrays round-trip bit-exactly with dtype preserved (int64 step_index, int32 lag arrays)", () => {
    const text =
      "inline:[model]\ntype='ode'\n[states]\nx=1.0\n[params]\na=0.5\n[aux]\nw='x*x'\n" +
      "[equations.rhs]\nx='-a*lag_x(3)'\n";
    const sim = setup(text, { stepper: "ab2", ...quiet });
    sim.run({ T: 0.5, dt: 0.05 });
    const ws = sim.sessionState().workspace;
    const fresh = setup(text, { stepper: "ab2", ...quiet });
    fresh.importSnapshot(sim.exportSnapshot());
    const back = fresh.sessionState().workspace;
    for (const bucket of ["stepper", "runtime"] as const) {
      for (const [k, v] of Object.entries(ws[bucket] ?? {})) {
        if (v.length === 0) continue;
        const w = back[bucket]?.[k];
        expect(w?.constructor, `${bucket}/${k}`).toBe(v.constructor);
        expect(Array.from(w as ArrayLike<number | bigint>, String)).toEqual(
          Array.from(v as ArrayLike<number | bigint>, String),
        );
      }
    }
    expect(back.stepper["step_index"]).toBeInstanceOf(BigInt64Array);
    expect(back.runtime?.["lag_head"]).toBeInstanceOf(Int32Array);
    expect(back.runtime?.["lag_info"]).toBeInstanceOf(Int32Array);
    const entries = openNpz(sim.exportSnapshot());
    expect(entries.get("workspace/runtime/lag_info")).toMatchObject({ dtype: "<i4", shape: [1, 3] });
    expect(entries.get("workspace/runtime/lag_head")).toMatchObject({ dtype: "<i4", shape: [1] });
  });

  it("21: an exported stored snapshot keeps its own timeShift/nominalDt after later runs changed them", () => {
    const sim = lorenz();
    sim.run({ T: 0.5, dt: 0.1, transient: 0.3 });
    sim.createSnapshot("warm");
    sim.run({ T: 1, dt: 0.02 });
    const meta = sim.inspectSnapshot(sim.exportSnapshot({ source: "snapshot", name: "warm" }));
    expect(meta["time_shift"]).toBeCloseTo(0.3, 12);
    expect(meta["nominal_dt"]).toBe(0.1);
    const cur = sim.inspectSnapshot(sim.exportSnapshot());
    expect(cur["time_shift"]).toBe(0);
    expect(cur["nominal_dt"]).toBe(0.02);
  });

  it("float32 models: stepper workspaces are stored as <f4 and come back as Float64Array", () => {
    const a = setup("builtin://ode/lorenz", { stepper: "ab2", dtype: "float32", ...quiet });
    a.run({ T: 0.1, dt: 0.01 });
    const bytes = a.exportSnapshot();
    const arch = openNpz(bytes);
    expect(arch.get("y").dtype).toBe("<f4");
    expect(arch.get("workspace/stepper/f_curr").dtype).toBe("<f4");
    const b = setup("builtin://ode/lorenz", { stepper: "ab2", dtype: "float32", ...quiet });
    b.importSnapshot(bytes);
    expect(b.sessionState().workspace.stepper["f_curr"]).toBeInstanceOf(Float64Array);
    expect(b.stateVector()).toBeInstanceOf(Float32Array);
    a.run({ T: 0.2, resume: true });
    b.run({ T: 0.2, resume: true });
    expect(Array.from(b.stateVector())).toEqual(Array.from(a.stateVector()));
  });

  it("import after a resume keeps in-memory snapshots and records a resume segment", () => {
    const sim = lorenz();
    sim.run({ T: 0.1 });
    sim.createSnapshot("keep");
    const bytes = sim.exportSnapshot();
    sim.importSnapshot(bytes);
    expect(sim.listSnapshots().map((s) => s.name)).toEqual(["initial", "keep"]);
    sim.run({ T: 0.2, resume: true });
    expect(sim.segments()[0]?.resume).toBe(true);
  });
});

function findLast(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe("files without our optional keys (as the reference writes them)", () => {
  it("D-7: a map file without frame_step uses step_count − round(time_shift/nominal_dt); resume continues the frame", () => {
    const sim = setup("builtin://map/logistic", { stepper: "map", ...quiet });
    sim.run({ N: 10, transient: 5 });
    const bytes = withMeta(sim.exportSnapshot(), (meta) => {
      delete meta["frame_step"];
      delete meta["grid_origin"];
      delete meta["grid_step"];
      delete meta["parent"];
    });
    const fresh = setup("builtin://map/logistic", { stepper: "map", ...quiet });
    fresh.importSnapshot(bytes);
    expect(fresh.sessionState().frameStep).toBe(10);
    expect(fresh.sessionState().stepCount).toBe(15);
    fresh.run({ N: 14, resume: true });
    sim.run({ N: 14, resume: true });
    expect(fresh.results().step.at(-1)).toBe(14);
    expect(fresh.results().t.length).toBe(5);
    expect(Array.from(fresh.stateVector())).toEqual(Array.from(sim.stateVector()));
    expect(fresh.listSnapshots().at(-1)?.name).toBe("initial");
  });
});

describe("the main entry in Node, with no @dyn/session/node import", () => {
  it("takes paths: an exported file imports back; a missing one is a read error", () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-main-entry-"));
    try {
      const sim = lorenz();
      const file = join(dir, "snap.npz");
      const bytes = sim.exportSnapshot(file);
      expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
      const fresh = lorenz();
      fresh.importSnapshot(file);
      expect(Array.from(fresh.stateVector())).toEqual(Array.from(sim.stateVector()));
      expect(() => fresh.importSnapshot(join(dir, "missing.npz"))).toThrow(/^Cannot read snapshot file: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
