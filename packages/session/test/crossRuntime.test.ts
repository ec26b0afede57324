import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynWarning } from "@dyn/core";
import { describe, expect, it } from "vitest";
import { setup } from "../src/index.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const bits = (a: ArrayLike<number>): string[] =>
  Array.from(a, (v) => Buffer.from(new Float64Array([v]).buffer).toString("hex"));

describe("snapshot files written by the Python reference's layout (fixtures from scripts/gen-python-snapshots.py)", () => {
  it("22: the files are NumPy's np.savez_compressed output: DEFLATE members with ZIP64 local extra fields", () => {
    const bytes = fixture("python-lorenz-rk4.npz");
    // local file header of the first member: signature, method 8 (DEFLATE), extra field id 0x0001 (ZIP64)
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(dv.getUint32(0, true)).toBe(0x04034b50);
    expect(dv.getUint16(8, true)).toBe(8);
    const nameLen = dv.getUint16(26, true);
    const extraLen = dv.getUint16(28, true);
    expect(new TextDecoder().decode(bytes.subarray(30, 30 + nameLen))).toBe("meta.json.npy");
    expect(extraLen).toBeGreaterThan(0);
    expect(dv.getUint16(30 + nameLen, true)).toBe(0x0001);
  });

  for (const [file, stepper, spelled] of [
    ["python-lorenz-rk4.npz", "rk4", "rk4"],
    ["python-lorenz-ab3.npz", "ab3", "adams_bashforth_3"],
  ] as const) {
    it(`22: ${file} imports, passes compatCheck (pinned as '${spelled}') and resumes bit-identically to our run`, () => {
      const warnings: DynWarning[] = [];
      const sim = setup("builtin://ode/lorenz", { stepper, onWarning: (w) => warnings.push(w) });
      const bytes = fixture(file);
      const meta = sim.inspectSnapshot(bytes);
      expect((meta["pins"] as Record<string, unknown>)["stepper_name"]).toBe(spelled);
      expect(meta["step_count"]).toBe(100);
      expect(meta["frame_step"]).toBeUndefined();
      expect(sim.compatCheck(bytes)).toEqual([true, {}]);
      sim.importSnapshot(bytes);
      // The reference pins its own version, 0.40.3, which is also ours (D-9): no version warning.
      expect(warnings).toEqual([]);
      expect(sim.sessionStateSummary()).toMatchObject({ step: 100, status: "DONE" });
      // The reference's t is a running sum; the file carries no grid, so a new grid starts at t_curr.
      expect(sim.sessionState().gridOrigin).toBe(meta["t_curr"]);
      const ours = setup("builtin://ode/lorenz", { stepper, onWarning: () => {} });
      ours.run({ T: 1, dt: 0.01 });
      expect(bits(sim.stateVector())).toEqual(bits(ours.stateVector())); // Appendix A arithmetic in NumPy = ours
      sim.run({ T: 2, resume: true });
      ours.run({ T: 2, resume: true });
      expect(sim.sessionStateSummary().step).toBe(200);
      expect(bits(sim.stateVector())).toEqual(bits(ours.stateVector()));
      expect(sim.segments()[0]?.resume).toBe(true);
    });
  }

  it("22: `Infinity` in meta.json (rk45 dt_max, pinned as 'dopri5') is read, and the config restored", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "rk45", onWarning: () => {} });
    const bytes = fixture("python-lorenz-rk45.npz");
    expect((sim.inspectSnapshot(bytes)["stepper_config_values"] as number[]).at(-1)).toBe(Infinity);
    expect(sim.compatCheck(bytes)).toEqual([true, {}]);
    sim.importSnapshot(bytes);
    expect(sim.stepperConfig().at(-1)).toBe(Infinity);
    expect(Array.from(sim.stepperConfig())).toEqual(
      Array.from(setup("builtin://ode/lorenz", { stepper: "rk45" }).stepperConfig()),
    );
    sim.run({ T: 1.5, resume: true });
    expect(sim.sessionStateSummary().t).toBe(1.5);
  });

  it("a Python file is rejected by a session with another stepper, naming the canonical names", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab2", onWarning: () => {} });
    expect(() => sim.importSnapshot(fixture("python-lorenz-ab3.npz"))).toThrow(
      /^Snapshot incompatible: \{'stepper_name': \('ab2', 'ab3'\)/,
    );
  });
});

function findNumpyPython(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(py, ["-c", "import numpy"], { stdio: "ignore" });
      return py;
    } catch {
      // try the next one
    }
  }
  return null;
}

const python = findNumpyPython();
if (python === null) {
  console.warn(
    "dyn: crossRuntime.test.ts: no python3 with NumPy found; the numpy.load check is skipped (CI installs python3-numpy)",
  );
}

describe.skipIf(python === null)(
  "our files load in NumPy (allow_pickle=False) and meta.json parses with Python's json",
  () => {
    it("22: numpy.load reads every array with the right dtype and shape; json.loads reads meta.json", () => {
      const sim = setup("builtin://ode/lorenz", { stepper: "ab3", onWarning: () => {} });
      sim.run({ T: 0.5, dt: 0.01 });
      sim.createSnapshot("é-branch", "non-ASCII ✓");
      const dir = mkdtempSync(join(tmpdir(), "dyn-np-"));
      try {
        const file = join(dir, "snap.npz");
        writeFileSync(file, sim.exportSnapshot({ source: "snapshot", name: "é-branch" }));
        const script = [
          "import json, sys, numpy as np",
          "z = np.load(sys.argv[1], allow_pickle=False)",
          "meta = json.loads(z['meta.json'].tobytes().decode('utf-8'))",
          "out = {'files': z.files, 'dtypes': {k: z[k].dtype.str for k in z.files}, 'shapes': {k: list(z[k].shape) for k in z.files},",
          "       'y': [float.hex(float(v)) for v in z['y']], 'meta_keys': list(meta), 'name': meta['name'], 'desc': meta['description'],",
          "       'step_count_type': type(meta['step_count']).__name__, 't_type': type(meta['t_curr']).__name__, 'step_index': int(z['workspace/stepper/step_index'][0])}",
          "print(json.dumps(out))",
        ].join("\n");
        const out = JSON.parse(execFileSync(python as string, ["-c", script, file], { encoding: "utf8" }));
        expect(out.files).toEqual([
          "meta.json",
          "y",
          "params",
          "workspace/stepper/f_nm2",
          "workspace/stepper/f_nm1",
          "workspace/stepper/f_n",
          "workspace/stepper/f_next",
          "workspace/stepper/y_stage",
          "workspace/stepper/step_index",
        ]);
        expect(out.dtypes["meta.json"]).toBe("|u1");
        expect(out.dtypes["y"]).toBe("<f8");
        expect(out.dtypes["workspace/stepper/step_index"]).toBe("<i8");
        expect(out.shapes["y"]).toEqual([3]);
        expect(out.name).toBe("é-branch");
        expect(out.desc).toBe("non-ASCII ✓");
        expect(out.step_count_type).toBe("int");
        expect(out.t_type).toBe("float");
        expect(out.step_index).toBe(50);
        expect(out.meta_keys.slice(-5)).toEqual([
          "frame_step",
          "grid_origin",
          "grid_step",
          "parent",
          "writer",
        ]);
        const y = sim.getSnapshot("é-branch")?.state.yCurr ?? [];
        const hexes = Array.from(y, (v) => floatHex(v));
        expect(out.y).toEqual(hexes);
        expect(existsSync(file)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

/** Python's float.hex for finite normal doubles (enough to compare values exactly). */
function floatHex(v: number): string {
  if (v === 0) return Object.is(v, -0) ? "-0x0.0p+0" : "0x0.0p+0";
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  const hi = b.getUint32(0);
  const lo = b.getUint32(4);
  const sign = hi >>> 31 ? "-" : "";
  const exp = ((hi >>> 20) & 0x7ff) - 1023;
  const mant =
    ((hi & 0xfffff).toString(16).padStart(5, "0") + lo.toString(16).padStart(8, "0")).replace(/0+$/, "") ||
    "0";
  return `${sign}0x1.${mant}p${exp >= 0 ? "+" : ""}${exp}`;
}
