import { describe, expect, it } from "vitest";
import { openNpz, readNpy, readNpyHeader, readNpz, writeNpy } from "../src/index.ts";
import { codeOf, dataHex, fixture, manifest, matchesExpected } from "./helpers.ts";

describe("readNpy on the NumPy corpus", () => {
  it("covers every dtype, byte order, order, shape class and header version", () => {
    const files = manifest.npy.map((f) => f.file);
    for (const code of [
      "i1",
      "u1",
      "b1",
      "i2_be",
      "u8_be",
      "f2_be",
      "f4_le",
      "c8_be",
      "c16_le",
      "U3_be",
      "S4",
    ]) {
      expect(files.some((f) => f.startsWith(code))).toBe(true);
    }
    expect(files).toEqual(
      expect.arrayContaining(["scalar_f8.npy", "empty_2x0x3.npy", "f_2x3x4.npy", "v2_f8.npy", "v3_u1.npy"]),
    );
  });

  it.each(manifest.npy.map((f) => [f.file, f] as const))(
    "reads %s exactly (values bit for bit)",
    (file, expected) => {
      const bytes = fixture(file);
      matchesExpected(readNpy(bytes), expected);
      matchesExpected(readNpy(bytes, { order: "C" }), expected, "C");
    },
  );

  /** Fixtures in the form we write (version 1.0, little-endian, C order): our bytes must equal NumPy's. */
  const ourForm = manifest.npy.filter((f) => {
    const h = readNpyHeader(fixture(f.file));
    return h.version[0] === 1 && !h.bigEndian && !(h.fortranOrder && h.shape.length > 1);
  });

  it("has most fixtures in the form we write", () => expect(ourForm.length).toBeGreaterThanOrEqual(20));

  it.each(ourForm.map((f) => [f.file] as const))("writes %s back byte-identical to numpy.save", (file) => {
    const bytes = fixture(file);
    expect(Buffer.from(writeNpy(readNpy(bytes))).toString("hex")).toBe(Buffer.from(bytes).toString("hex"));
  });

  it.each(manifest.npy.map((f) => [f.file, f] as const))(
    "writes %s so that it reads back with the same values",
    (file, expected) => {
      matchesExpected(readNpy(writeNpy(readNpy(fixture(file)))), expected, "C");
    },
  );

  it("reports the file's own descr, version and byte order in the header", () => {
    const h = readNpyHeader(fixture("f_be_3x2.npy"));
    expect(h).toMatchObject({
      version: [1, 0],
      descr: ">f4",
      dtype: "<f4",
      bigEndian: true,
      shape: [3, 2],
      fortranOrder: true,
      dataOffset: 128,
      dataBytes: 24,
    });
    expect(readNpyHeader(fixture("v2_f8.npy")).version).toEqual([2, 0]);
    expect(readNpyHeader(fixture("v3_u1.npy")).version).toEqual([3, 0]);
  });

  it("returns data that owns its buffer", () => {
    const array = readNpy(fixture("f8_le.npy"));
    const data = array.data as Float64Array;
    expect(data.byteOffset).toBe(0);
    expect(data.buffer.byteLength).toBe(data.byteLength);
  });

  it("converts big-endian values to the same numbers as little-endian", () => {
    expect(dataHex(readNpy(fixture("f8_be.npy")))).toBe(dataHex(readNpy(fixture("f8_le.npy"))));
    expect(Array.from(readNpy(fixture("i8_be.npy")).data as BigInt64Array)).toEqual([
      -(2n ** 63n),
      -1n,
      0n,
      1n,
      2n ** 53n + 1n,
      2n ** 63n - 1n,
    ]);
    expect(Array.from(readNpy(fixture("u8_be.npy")).data as BigUint64Array)).toEqual([
      0n,
      1n,
      2n ** 53n + 1n,
      2n ** 64n - 1n,
    ]);
  });

  it("reads Fortran order as stored and reorders it on request", () => {
    const f = readNpy(fixture("f_2x3x4.npy"));
    expect(f.fortranOrder).toBe(true);
    expect(Array.from(f.data as Int16Array).slice(0, 4)).toEqual([0, 12, 4, 16]);
    const c = readNpy(fixture("f_2x3x4.npy"), { order: "C" });
    expect(Array.from(c.data as Int16Array)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it("reads strings with NumPy's trailing-NUL stripping", () => {
    expect(readNpy(fixture("U5_le.npy")).data).toEqual(["ab", "", "héllo", "\u{1f600}x"]);
    expect(readNpy(fixture("S4.npy")).data).toEqual(["ab", "", "\xff\x00z", "abcd"]);
  });
});

describe("readNpz on the NumPy corpus", () => {
  it.each(manifest.npz.map((f) => [f.file, f] as const))(
    "reads every member of %s exactly, in archive order",
    (file, expected) => {
      const arrays = readNpz(fixture(file));
      expect([...arrays.keys()]).toEqual(expected.members.map((m) => m.name));
      for (const m of expected.members) matchesExpected(arrays.get(m.name)!, m);
    },
  );

  it("strips .npy from member names to form keys, keeping '/' and dots", () => {
    const archive = openNpz(fixture("snapshot_deflate.npz"));
    expect(archive.members.map((m) => m.name)).toEqual([
      "meta.json.npy",
      "y.npy",
      "params.npy",
      "workspace/stepper/k1.npy",
      "workspace/runtime/step_index.npy",
      "stepper_config.npy",
    ]);
    expect(archive.keys[0]).toBe("meta.json");
    expect(archive.members.every((m) => m.method === "deflate")).toBe(true);
    expect(openNpz(fixture("snapshot_stored.npz")).members.every((m) => m.method === "store")).toBe(true);
    expect(archive.has("workspace/stepper/k1") && archive.has("y.npy") && !archive.has("z")).toBe(true);
  });

  it("reads one member without inflating the others", () => {
    const bytes = fixture("snapshot_deflate.npz");
    const archive = openNpz(bytes);
    // Corrupt the deflate data of 'y.npy' only: 'params' must still read, 'y' must fail.
    const broken = bytes.slice();
    const localOffset = findLocalHeader(broken, "y.npy");
    const dataStart = localOffset + 30 + 5 + (broken[localOffset + 28]! | (broken[localOffset + 29]! << 8));
    broken[dataStart] = 0xff;
    const lazy = openNpz(broken);
    expect(dataHex(lazy.get("params"))).toBe(dataHex(archive.get("params")));
    expect(codeOf(() => lazy.get("y"))).toBe("ZIP_CORRUPT_DEFLATE");
  });

  it("returns raw member bytes on request", () => {
    const archive = openNpz(fixture("snapshot_stored.npz"));
    const raw = archive.readBytes("y");
    expect(raw.length).toBe(archive.members[1]?.size);
    expect(readNpy(raw).data).toEqual(new Float64Array([1, -2]));
  });

  it("names the member and lists the keys when one is missing", () => {
    const archive = openNpz(fixture("mixed.npz"));
    expect(() => archive.get("nope")).toThrowError(
      "NpzArchive.get: no array 'nope' in the archive (keys: a, b, c); check the name against archive.keys",
    );
  });
});

function findLocalHeader(bytes: Uint8Array, name: string): number {
  const needle = Buffer.from(name);
  for (let i = 0; i + 30 < bytes.length; i++) {
    if (
      bytes[i] === 0x50 &&
      bytes[i + 1] === 0x4b &&
      bytes[i + 2] === 3 &&
      bytes[i + 3] === 4 &&
      Buffer.from(bytes.subarray(i + 30, i + 30 + needle.length)).equals(needle)
    )
      return i;
  }
  throw new Error(`no local header for ${name}`);
}
