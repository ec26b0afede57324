/**
 * Issue 13: the reference must be able to resume every file we write (session-semantics §8.3,
 * D-9). For every builtin stepper and the third-party heun, a checkpoint is exported and checked
 * the way the reference's `import_snapshot` checks it: in Python with NumPy where available, and
 * with the same checks in JavaScript everywhere.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  encodeJsonArray,
  type NdArray,
  openNpz,
  type PyJsonValue,
  parsePythonJson,
  writeNpz,
} from "@dyn/io-npz";
import { register } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { heunStepper } from "../../stepper-heun/src/index.ts";

register(heunStepper);

import { isSessionError, type Sim, setup } from "../src/index.ts";
import {
  type DeclaredField,
  expectationJson,
  REFERENCE_IMPORT_PY,
  type ReferenceSession,
  referenceRuntimeFields,
  referenceSignature,
  referenceStepperFields,
} from "./helpers/referenceImport.ts";

const quiet = { onWarning: () => {} };
/** builtin lorenz's spec hash as the reference computes it (scripts/gen-python-snapshots.py). */
const LORENZ_SPEC_HASH = "a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd";

const ADAPTIVE = ["atol", "rtol", "safety", "min_factor", "max_factor", "max_tries", "min_step"];
const NEWTON = ["newton_tol", "newton_max_iter", "jac_eps"];
const CONFIG_NAMES: Readonly<Record<string, readonly string[]>> = {
  rk45: [...ADAPTIVE, "dt_max"],
  bdf2: [...NEWTON, "jacobian_mode"],
  sdirk2: [...NEWTON, "jacobian_mode"],
  bdf2a: [...ADAPTIVE, ...NEWTON, "dt_max", "jacobian_mode"],
  "tr-bdf2a": [...ADAPTIVE, ...NEWTON, "dt_max", "jacobian_mode"],
};

interface Case {
  readonly model: string;
  readonly stepper: string;
  readonly run: (sim: Sim) => void;
  readonly nAux: number;
}

const ode = (stepper: string, model = "builtin://ode/lorenz", nAux = 0): Case => ({
  model,
  stepper,
  nAux,
  run: (sim) => sim.run({ T: 0.05, dt: 0.01 }),
});
const CASES: readonly Case[] = [
  { model: "builtin://map/logistic", stepper: "map", nAux: 0, run: (sim) => sim.run({ N: 7 }) },
  ...["euler", "rk2", "rk4", "rk45", "ab2", "ab3", "bdf2", "sdirk2", "bdf2a", "tr-bdf2a"].map((s) => ode(s)),
  // a model with aux values, so the runtime bucket has a non-empty member
  ode("rk4", "builtin://ode/hodgkin-huxley", 6),
  ode(heunStepper.meta.name),
];

/** The session the reference would build for the same model and stepper. */
function referenceSession(c: Case, sim: Sim): ReferenceSession {
  const n = sim.model.nState;
  const stepperFields: DeclaredField[] =
    c.stepper === heunStepper.meta.name
      ? heunStepper.workspace.map((f) => [f.name, f.shape(n), f.dtype === "int64" ? 7 : 12] as const)
      : referenceStepperFields(c.stepper, n);
  const runtimeFields = referenceRuntimeFields(c.nAux);
  return {
    nState: n,
    nParams: sim.model.paramNames.length,
    pins: {
      spec_hash: c.model === "builtin://ode/lorenz" ? LORENZ_SPEC_HASH : sim.model.specHash,
      stepper_name: c.stepper,
      workspace_sig: referenceSignature([...stepperFields, ...runtimeFields]),
      dtype_token: "float64",
      dynlib_version: "0.40.3",
    },
    stepperFields,
    runtimeFields,
    configNames: CONFIG_NAMES[c.stepper] ?? [],
  };
}

/** The §8.3 checks in JavaScript (what REFERENCE_IMPORT_PY does in Python). */
function referenceImportProblems(bytes: Uint8Array, ref: ReferenceSession): string[] {
  const problems: string[] = [];
  const z = openNpz(bytes);
  const meta = parsePythonJson(new TextDecoder().decode(z.get("meta.json").data as Uint8Array), {
    integers: "bigint",
  }) as Record<string, unknown>;
  if (meta["schema"] !== "dynlib-snapshot-v1") problems.push("schema");
  if (z.get("y").shape.join() !== String(ref.nState)) problems.push("y shape");
  if (z.get("params").shape.join() !== String(ref.nParams)) problems.push("params shape");
  const pins = (meta["pins"] ?? {}) as Record<string, unknown>;
  for (const key of ["spec_hash", "stepper_name", "dtype_token", "dynlib_version"] as const) {
    if (pins[key] !== ref.pins[key]) problems.push(`pin ${key}: ${String(pins[key])}`);
  }
  const sig = pins["workspace_sig"] as unknown[];
  if (!sig.every((v) => typeof v === "bigint")) problems.push("workspace_sig holds non-ints");
  if (sig.map(String).join() !== ref.pins.workspace_sig.join()) problems.push("pin workspace_sig");
  for (const key of ["t_curr", "dt_curr", "step_count", "status"]) if (!(key in meta)) problems.push(key);
  const declared = new Map<string, DeclaredField>(
    [
      ...ref.stepperFields.map((f) => [`workspace/stepper/${f[0]}`, f] as const),
      ...ref.runtimeFields.map((f) => [`workspace/runtime/${f[0]}`, f] as const),
    ].filter(([, f]) => f[1].reduce((a, b) => a * b, 1) > 0),
  );
  const written = z.keys.filter((k) => k.startsWith("workspace/"));
  expect(written).toEqual([...declared.keys()]);
  for (const key of written) {
    const f = declared.get(key) as DeclaredField;
    const a = z.get(key);
    if (a.shape.join() !== f[1].join() || a.dtype !== (f[2] === 7 ? "<i8" : "<f8")) problems.push(key);
  }
  return problems;
}

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
  console.warn("dyn: referenceImport.test.ts: no python3 with NumPy; only the JavaScript §8.3 check runs");
}

describe("§8.3: the reference's import checks pass on every file we write (D-9)", () => {
  const dir = mkdtempSync(join(tmpdir(), "dyn-ref-import-"));
  for (const c of CASES) {
    it(`${c.stepper} on ${c.model}: pins, shapes, meta keys and workspace members as the reference expects`, () => {
      const sim = setup(c.model, { stepper: c.stepper, ...quiet });
      c.run(sim);
      const bytes = sim.exportSnapshot();
      const ref = referenceSession(c, sim);
      expect(referenceImportProblems(bytes, ref)).toEqual([]);
      if (python !== null) {
        const file = join(dir, `${c.stepper}-${c.nAux}.npz`);
        writeFileSync(file, bytes);
        const out = execFileSync(python, ["-c", REFERENCE_IMPORT_PY, file, expectationJson(ref)], {
          encoding: "utf8",
        });
        expect(JSON.parse(out)).toEqual([]);
      }
    });
  }
  it.skipIf(python === null)("the Python check is real: it rejects a file pinned to another version", () => {
    const c = CASES[3] as Case;
    const sim = setup(c.model, { stepper: c.stepper, ...quiet });
    c.run(sim);
    const file = join(dir, "other-version.npz");
    writeFileSync(file, sim.exportSnapshot({ dynlibVersion: "0.41.0" }));
    const out = execFileSync(
      python as string,
      ["-c", REFERENCE_IMPORT_PY, file, expectationJson(referenceSession(c, sim))],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(out)).toEqual(["pin dynlib_version: '0.40.3' != '0.41.0'"]);
  });
  it("known limit (documented): a reference session that spells the stepper with an alias refuses our file", () => {
    const c = CASES.find((x) => x.stepper === "rk45") as Case;
    const sim = setup(c.model, { stepper: "dopri5", ...quiet });
    c.run(sim);
    const ref = referenceSession(c, sim);
    const aliased = { ...ref, pins: { ...ref.pins, stepper_name: "dopri5" } };
    expect(referenceImportProblems(sim.exportSnapshot(), aliased)).toEqual(["pin stepper_name: rk45"]);
  });
  it.sequential("cleans up", () => rmSync(dir, { recursive: true, force: true }));
});

describe("D-9: the dynlib_version pin and the writer key", () => {
  const lorenz = (stepper = "rk4") => setup("builtin://ode/lorenz", { stepper, ...quiet });

  it("writes dynlib_version '0.40.3' by default and 'writer' after the reference's and our keys", () => {
    const sim = lorenz();
    const meta = sim.inspectSnapshot(sim.exportSnapshot());
    expect((meta["pins"] as Record<string, unknown>)["dynlib_version"]).toBe("0.40.3");
    expect(meta["writer"]).toBe("dyn 0.1.0");
    expect(Object.keys(meta).slice(-5)).toEqual([
      "frame_step",
      "grid_origin",
      "grid_step",
      "parent",
      "writer",
    ]);
    expect(sim.pins.libVersion).toBe("0.40.3");
  });

  it("exportSnapshot({ dynlibVersion }) pins another reference version, for current and stored snapshots", () => {
    const sim = lorenz();
    sim.createSnapshot("a");
    const current = sim.inspectSnapshot(sim.exportSnapshot({ dynlibVersion: "0.41.0" }));
    expect((current["pins"] as Record<string, unknown>)["dynlib_version"]).toBe("0.41.0");
    const stored = sim.inspectSnapshot(
      sim.exportSnapshot({ source: "snapshot", name: "a", dynlibVersion: "0.39.1" }),
    );
    expect((stored["pins"] as Record<string, unknown>)["dynlib_version"]).toBe("0.39.1");
    // the live pins are not changed by an export
    expect(sim.pins.libVersion).toBe("0.40.3");
  });

  it("rejects a dynlibVersion that is not a version string, with a coded error", () => {
    const sim = lorenz();
    for (const bad of ["", "0.40.3\n", "a b", 42, "x".repeat(65)]) {
      let err: unknown;
      try {
        sim.exportSnapshot({ dynlibVersion: bad as string });
      } catch (e) {
        err = e;
      }
      expect(isSessionError(err), String(bad)).toBe(true);
      expect((err as { code: string }).code).toBe("SESSION_INVALID_ARGUMENT");
      expect((err as Error).message).toMatch(/^exportSnapshot: dynlibVersion must be a version string/);
    }
  });

  it("a file pinned to another version imports (the difference is reported, not rejected)", () => {
    const warnings: string[] = [];
    const a = lorenz();
    a.run({ T: 0.1 });
    const bytes = a.exportSnapshot({ dynlibVersion: "0.41.0" });
    const b = setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: (w) => warnings.push(w.code) });
    expect(b.compatCheck(bytes)).toEqual([true, {}]);
    b.importSnapshot(bytes);
    expect(b.sessionStateSummary().t).toBe(a.sessionStateSummary().t);
    expect(warnings).toEqual(["VERSION_DIFFERS", "VERSION_DIFFERS"]);
  });

  it("a file written by an older dyn ('dyn/0.1.0' in the pin, no writer key) still imports", () => {
    const a = lorenz("ab2");
    a.run({ T: 0.1 });
    const old = rewriteMeta(a.exportSnapshot(), (meta) => {
      (meta["pins"] as Record<string, unknown>)["dynlib_version"] = "dyn/0.1.0";
      delete meta["writer"];
    });
    const warnings: string[] = [];
    const b = setup("builtin://ode/lorenz", { stepper: "ab2", onWarning: (w) => warnings.push(w.message) });
    b.importSnapshot(old);
    expect(Array.from(b.stateVector())).toEqual(Array.from(a.stateVector()));
    expect(warnings.join()).toContain("'dyn/0.1.0'");
    b.run({ T: 0.2, resume: true });
    a.run({ T: 0.2, resume: true });
    expect(Array.from(b.stateVector())).toEqual(Array.from(a.stateVector()));
  });

  it("an import leaves no runtime bucket when the file has no runtime members, as the reference", () => {
    const a = lorenz("ab3");
    a.run({ T: 0.05, dt: 0.01 });
    const b = lorenz("ab3");
    b.importSnapshot(a.exportSnapshot());
    expect(Object.keys(b.sessionState().workspace)).toEqual(["stepper"]);
    b.run({ T: 0.1, resume: true });
    a.run({ T: 0.1, resume: true });
    expect(Array.from(b.stateVector())).toEqual(Array.from(a.stateVector()));
    // a model with aux values writes workspace/runtime/aux_values, and the import keeps the bucket
    const hh = setup("builtin://ode/hodgkin-huxley", { stepper: "rk4", ...quiet });
    hh.run({ T: 0.05 });
    const hh2 = setup("builtin://ode/hodgkin-huxley", { stepper: "rk4", ...quiet });
    hh2.importSnapshot(hh.exportSnapshot());
    expect(Object.keys(hh2.sessionState().workspace)).toEqual(["stepper", "runtime"]);
    expect(Object.keys(hh2.sessionState().workspace.runtime ?? {})).toEqual(["aux_values"]);
  });
});

/** Re-packs a snapshot with its meta.json edited (what an older writer would have produced). */
function rewriteMeta(bytes: Uint8Array, edit: (meta: Record<string, unknown>) => void): Uint8Array {
  const z = openNpz(bytes);
  const meta = parsePythonJson(new TextDecoder().decode(z.get("meta.json").data as Uint8Array), {
    integers: "bigint",
  }) as Record<string, unknown>;
  edit(meta);
  const entries: [string, NdArray][] = z.keys.map((k) =>
    k === "meta.json" ? [k, encodeJsonArray(meta as PyJsonValue) as NdArray] : [k, z.get(k)],
  );
  return writeNpz(entries);
}
