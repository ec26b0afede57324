/**
 * Differential check: NumPy itself loads what we write (`numpy.load(..., allow_pickle=False)`).
 * Runs wherever a Python with NumPy exists (CI installs Debian's python3-numpy); elsewhere it is
 * skipped with a message saying so.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { encodeJsonArray, type NdArray, writeNpy, writeNpz } from "../src/index.ts";
import { ndArrayArb } from "./arbitraries.ts";

function findNumpyPython(): string | undefined {
  for (const candidate of ["/usr/bin/python3", "python3", "python"]) {
    const r = spawnSync(candidate, ["-c", "import numpy"], { stdio: "ignore" });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

const python = findNumpyPython();
if (python === undefined) {
  console.warn(
    "[@dyn/io-npz] NumPy cross-check SKIPPED: no python3 with numpy found (install Debian's python3-numpy to run it).",
  );
}

const LOADER = `
import json, sys
import numpy as np

def describe(a):
    le = a.astype(a.dtype.newbyteorder("<"))
    out = {"descr": a.dtype.str, "shape": list(a.shape)}
    if a.dtype.kind == "U":
        out["strings"] = [str(x) for x in a.ravel(order="C")]
    elif a.dtype.kind == "S":
        out["strings"] = [x.decode("latin-1") for x in a.ravel(order="C")]
    else:
        out["hex"] = le.tobytes(order="C").hex()
    return out

result = {}
for path in sys.argv[1:]:
    if path.endswith(".npy"):
        result[path] = describe(np.load(path, allow_pickle=False))
    else:
        with np.load(path, allow_pickle=False) as z:
            result[path] = {"files": list(z.files), "arrays": {k: describe(z[k]) for k in z.files}}
print(json.dumps(result))
`;

/** What NumPy should report for `array`, computed from our side. */
function expected(array: NdArray) {
  const count = array.shape.reduce((a, b) => a * b, 1);
  const shape = [...array.shape];
  const c = cOrder(array, count);
  if (Array.isArray(c)) return { descr: array.dtype, shape, strings: c };
  const d = c as Exclude<NdArray["data"], string[]>;
  return {
    descr: array.dtype,
    shape,
    hex: Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString("hex"),
  };
}

function cOrder(array: NdArray, count: number): NdArray["data"] {
  if (!array.fortranOrder || array.shape.length < 2) return array.data;
  // Reuse our own reader's reordering only indirectly: compute the permutation here.
  const shape = array.shape;
  const lanes = Array.isArray(array.data) ? 1 : array.data.length / Math.max(count, 1);
  const out = (Array.isArray(array.data)
    ? new Array(array.data.length)
    : new (array.data.constructor as new (n: number) => NdArray["data"])(
        array.data.length,
      )) as unknown as unknown[];
  for (let c = 0; c < count; c++) {
    let rest = c;
    let f = 0;
    let stride = 1;
    const idx: number[] = [];
    for (let k = shape.length - 1; k >= 0; k--) {
      idx[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    for (let k = 0; k < shape.length; k++) {
      f += idx[k]! * stride;
      stride *= shape[k]!;
    }
    for (let l = 0; l < lanes; l++) out[c * lanes + l] = (array.data as unknown as unknown[])[f * lanes + l];
  }
  return out as unknown as NdArray["data"];
}

describe.skipIf(python === undefined)("numpy.load reads what we write", () => {
  const dir = mkdtempSync(join(tmpdir(), "dyn-io-npz-numpy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const arrays: [string, NdArray][] = fc
    .sample(ndArrayArb, { numRuns: 60, seed: 20261128 })
    .map((a, i) => [`a${i}`, a]);
  arrays.push(
    ["meta.json", encodeJsonArray({ schema: "dynlib-snapshot-v1", t_curr: Infinity, n: 3n })],
    [
      "workspace/stepper/k1",
      { dtype: "<f8", shape: [2, 3], data: new Float64Array([1, 2, 3, 4, 5, 6]), fortranOrder: true },
    ],
    [
      "workspace/runtime/step_index",
      { dtype: "<i8", shape: [1], data: new BigInt64Array([-(2n ** 63n)]), fortranOrder: false },
    ],
    ["scalar", { dtype: "<c16", shape: [], data: new Float64Array([1.5, -Infinity]), fortranOrder: false }],
    ["empty", { dtype: "<f4", shape: [0, 3], data: new Float32Array(0), fortranOrder: false }],
  );

  it("loads every .npy file with the same dtype, shape and values", () => {
    const paths = arrays.map(([, a], i) => {
      const path = join(dir, `n${i}.npy`);
      writeFileSync(path, writeNpy(a));
      return path;
    });
    const r = spawnSync(python!, ["-c", LOADER, ...paths], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(r.stderr).toBe("");
    const loaded = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const [i, [, a]] of arrays.entries()) expect(loaded[paths[i]!]).toEqual(expected(a));
  });

  it.each(["deflate", "store"] as const)(
    "loads a %s .npz with the same member order, names and values",
    (compression) => {
      const path = join(dir, `all-${compression}.npz`);
      writeFileSync(path, writeNpz(arrays, { compression }));
      const r = spawnSync(python!, ["-c", LOADER, path], { encoding: "utf8", maxBuffer: 64 << 20 });
      expect(r.stderr).toBe("");
      const loaded = (
        JSON.parse(r.stdout) as Record<string, { files: string[]; arrays: Record<string, unknown> }>
      )[path]!;
      expect(loaded.files).toEqual(arrays.map(([k]) => k));
      for (const [k, a] of arrays) expect(loaded.arrays[k]).toEqual(expected(a));
    },
  );
});
