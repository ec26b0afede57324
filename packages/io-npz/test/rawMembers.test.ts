/**
 * Issue 13: `.npz` members that are not `.npy` files read as raw bytes, exactly as `numpy.load`
 * returns them. The fixture is made by NumPy's .npy writer and Python's zipfile, and the expected
 * values are what `numpy.load(allow_pickle=False)` returned for it
 * (scripts/gen-raw-member-fixtures.py).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  isNpzError,
  loadNpz,
  type NdArray,
  type NpzValue,
  openNpz,
  readNpz,
  writeNpy,
  writeNpz,
} from "../src/index.ts";
import { dataHex } from "./helpers.ts";

const DIR = join(import.meta.dirname, "fixtures-raw");
const bytes = new Uint8Array(readFileSync(join(DIR, "raw_members.npz")));
const expected = JSON.parse(readFileSync(join(DIR, "raw_members.json"), "utf8")) as {
  keys: string[];
  values: Record<string, { bytes: string } | { descr: string; shape: number[]; hex: string }>;
};

function describeValue(v: NpzValue): unknown {
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString("hex") };
  const a = v as NdArray;
  return { descr: a.dtype, shape: [...a.shape], hex: dataHex(a) };
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

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return isNpzError(err) ? err.code : `not an NpzError: ${String(err)}`;
  }
  return undefined;
}

describe("loadNpz: numpy.load's view of an archive", () => {
  it("returns every member NumPy returns, in its order: arrays parsed, other members as bytes", () => {
    const all = loadNpz(bytes);
    expect([...all.keys()]).toEqual(expected.keys);
    expect(Object.fromEntries([...all].map(([k, v]) => [k, describeValue(v)]))).toEqual(expected.values);
  });

  it("decides by the member's first bytes (the .npy magic), not by its name", () => {
    const all = loadNpz(bytes);
    expect(all.get("fake")).toBeInstanceOf(Uint8Array); // "fake.npy" holds text
    expect((all.get("matrix.data") as NdArray).shape).toEqual([2, 3]); // no .npy suffix, still an array
    expect(all.get("short")).toEqual(new Uint8Array([0x93, 0x4e, 0x55])); // shorter than the magic
  });

  it("still refuses a member that starts with the magic but is broken, as NumPy does", () => {
    const npy = writeNpy({ dtype: "<f8", shape: [2], data: new Float64Array(2), fortranOrder: false });
    const archive = zipSync({ "cut.npy": npy.slice(0, 20), "note.txt": new TextEncoder().encode("ok") });
    expect(codeOf(() => loadNpz(archive))).toBe("NPY_TRUNCATED");
    expect(openNpz(archive).load("note.txt")).toEqual(new TextEncoder().encode("ok"));
  });
});

describe("NpzArchive.load", () => {
  it("reads one member the way numpy's NpzFile[key] does, by key or by member name", () => {
    const archive = openNpz(bytes);
    expect(describeValue(archive.load("notes.txt"))).toEqual(expected.values["notes.txt"]);
    expect(describeValue(archive.load("fake"))).toEqual(expected.values["fake"]);
    expect(describeValue(archive.load("fake.npy"))).toEqual(expected.values["fake"]);
    expect(describeValue(archive.load("y"))).toEqual(expected.values["y"]);
    expect(new TextDecoder().decode(archive.load("notes.txt") as Uint8Array)).toBe("checkpoint notes: é ✓\n");
  });

  it("returns a new buffer each time (changing it changes nothing else)", () => {
    const archive = openNpz(bytes);
    const a = archive.load("blob.bin") as Uint8Array;
    a[0] = 99;
    expect((archive.load("blob.bin") as Uint8Array)[0]).toBe(0);
  });

  it("keeps the limits: a raw member above maxMemberBytes is refused before it is inflated", () => {
    const archive = openNpz(bytes, { limits: { maxMemberBytes: 100 } });
    expect(codeOf(() => archive.load("blob.bin"))).toBe("NPZ_LIMIT_EXCEEDED");
    expect(codeOf(() => archive.load("nope"))).toBe("NPZ_MEMBER_NOT_FOUND");
  });
});

describe("writeNpz: raw members beside the arrays", () => {
  const npzBytes = () =>
    writeNpz([
      ["y", { dtype: "<f8", shape: [2], data: new Float64Array([1, 2]), fortranOrder: false }],
      ["notes.txt", new TextEncoder().encode("é")],
      ["fake.npy", new Uint8Array([1, 2, 3])],
    ]);

  it("writes a Uint8Array as a member named exactly its key, read back as bytes", () => {
    const archive = openNpz(npzBytes());
    expect(archive.members.map((m) => m.name)).toEqual(["y.npy", "notes.txt", "fake.npy"]);
    expect(archive.load("notes.txt")).toEqual(new TextEncoder().encode("é"));
    expect(archive.load("fake")).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("refuses a raw member that would read back under an array's key", () => {
    const y = { dtype: "<f8", shape: [0], data: new Float64Array(0), fortranOrder: false } as const;
    expect(
      codeOf(() =>
        writeNpz([
          ["y", y],
          ["y.npy", new Uint8Array(1)],
        ]),
      ),
    ).toBe("INVALID_NAME");
    expect(
      codeOf(() =>
        writeNpz([
          ["y", new Uint8Array(1)],
          ["y", y],
        ]),
      ),
    ).toBe("INVALID_NAME");
  });

  it.skipIf(python === null)("numpy.load returns our raw members as bytes and our arrays as arrays", () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-raw-"));
    try {
      const file = join(dir, "raw.npz");
      writeFileSync(file, npzBytes());
      const script =
        "import json, sys, numpy as np\n" +
        "z = np.load(sys.argv[1], allow_pickle=False)\n" +
        "print(json.dumps({k: (z[k].hex() if isinstance(z[k], bytes) else z[k].tolist()) for k in z.files}))";
      const out = JSON.parse(execFileSync(python as string, ["-c", script, file], { encoding: "utf8" }));
      expect(out).toEqual({ y: [1, 2], "notes.txt": "c3a9", fake: "010203" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readNpz stays strict", () => {
  it("refuses an archive with a member that is no .npy, pointing at loadNpz", () => {
    let err: unknown;
    try {
      readNpz(bytes);
    } catch (e) {
      err = e;
    }
    expect(isNpzError(err) && err.code).toBe("NPY_BAD_MAGIC");
    expect((err as Error).message).toContain("notes.txt");
    expect((err as Error).message).toContain("loadNpz");
  });
});
