/**
 * What the writers promise beyond a round trip, pinned where mutation testing found it unpinned:
 * the full message (function, what, where, fix) and details of each writer error, the ZIP fields
 * the writer chooses (method, UTF-8 flag), the default DEFLATE level, and reading edge cases
 * (empty and multi-chunk DEFLATE members, trailing or missing `.npy` bytes, lookup misses).
 */
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  decodeJsonArray,
  encodeJsonArray,
  type NdArray,
  NpzError,
  openNpz,
  readNpy,
  readNpz,
  writeNpy,
  writeNpz,
} from "../src/index.ts";

function thrown(run: () => unknown): NpzError {
  try {
    run();
  } catch (error) {
    if (error instanceof NpzError) return error;
    throw error;
  }
  throw new Error("expected an NpzError, nothing was thrown");
}

const f8 = (values: number[], shape: number[] = [values.length]): NdArray => ({
  dtype: "<f8",
  shape,
  data: Float64Array.from(values),
  fortranOrder: false,
});

/** ZIP local-header fields of every member, in order (the writer emits no extra fields). */
function localHeaders(
  zip: Uint8Array,
): { flags: number; method: number; packed: Uint8Array; name: string }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const packedSize = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength + extra;
    out.push({
      flags: view.getUint16(at + 6, true),
      method: view.getUint16(at + 8, true),
      packed: zip.subarray(start, start + packedSize),
      name,
    });
    at = start + packedSize;
  }
  return out;
}

describe("writeNpy errors say what, where and what to pass", () => {
  it("rejects a non-object", () => {
    const error = thrown(() => writeNpy(null as unknown as NdArray));
    expect(error.code).toBe("INVALID_ARRAY");
    expect(error.message).toBe(
      "writeNpy: expected an NdArray object (found null); pass {dtype, shape, data, fortranOrder}",
    );
    expect(thrown(() => writeNpy(3 as unknown as NdArray)).message).toContain("(found 3)");
  });

  it("rejects a big-endian dtype, naming the little-endian one", () => {
    const error = thrown(() => writeNpy({ ...f8([1]), dtype: ">f8" } as unknown as NdArray));
    expect(error.message).toBe(
      "writeNpy: dtype must be written in its little-endian form (found '>f8', expected '<f8'); use dtype '<f8'",
    );
  });

  it("rejects shapes that are not non-negative safe integers", () => {
    for (const shape of [[-1], [1.5], [2 ** 53], "3"]) {
      const error = thrown(() => writeNpy({ ...f8([1]), shape } as unknown as NdArray));
      expect(error.code).toBe("INVALID_ARRAY");
      expect(error.message).toBe(
        `writeNpy: shape must be an array of non-negative integers (found ${JSON.stringify(shape)}); fix the shape`,
      );
    }
  });

  it("rejects the wrong container, naming it", () => {
    const error = thrown(() => writeNpy({ ...f8([1]), data: new Float32Array(1) } as unknown as NdArray));
    expect(error.message).toBe(
      "writeNpy: data of a '<f8' array must not be a Float32Array; pass the container NpyDataFor<dtype> names (e.g. Float64Array for <f8, BigInt64Array for <i8, string[] for <U/|S)",
    );
    expect(thrown(() => writeNpy({ ...f8([1]), data: ["a"] } as unknown as NdArray)).message).toContain(
      "must not be a string[]",
    );
    expect(thrown(() => writeNpy({ ...f8([1]), data: undefined } as unknown as NdArray)).message).toContain(
      "must not be a undefined",
    );
  });

  it("rejects data whose length is not the shape product", () => {
    const error = thrown(() => writeNpy(f8([1, 2, 3], [2, 2])));
    expect(error.message).toBe(
      "writeNpy: data has 3 elements but shape (2, 2) needs 4; make the data length the shape product (times 2 for complex)",
    );
  });

  it("names the archive member when writeNpz finds the bad array", () => {
    const error = thrown(() => writeNpz([["y", f8([1, 2, 3], [2, 2])]]));
    expect(error.message).toBe(
      "writeNpz: data has 3 elements but shape (2, 2) needs 4 in member 'y.npy'; make the data length the shape product (times 2 for complex)",
    );
    expect(error.details.member).toBe("y.npy");
  });
});

describe("writeNpy layout", () => {
  it("reorders Fortran data to C order for n-d arrays only", () => {
    const fortran: NdArray = {
      dtype: "<f8",
      shape: [2, 3],
      data: Float64Array.of(1, 4, 2, 5, 3, 6),
      fortranOrder: true,
    };
    expect(Array.from(readNpy(writeNpy(fortran)).data as Float64Array)).toEqual([1, 2, 3, 4, 5, 6]);
    // A 1-d array is the same in both orders: its data is written as it is.
    const line: NdArray = { dtype: "<f8", shape: [3], data: Float64Array.of(7, 8, 9), fortranOrder: true };
    expect(Array.from(readNpy(writeNpy(line)).data as Float64Array)).toEqual([7, 8, 9]);
  });
});

describe("readNpy size checks", () => {
  it("tells missing bytes from trailing bytes", () => {
    const bytes = writeNpy(f8([1, 2]));
    const short = thrown(() => readNpy(bytes.subarray(0, bytes.length - 1)));
    expect(short.code).toBe("NPY_DATA_SIZE_MISMATCH");
    expect(short.details).toMatchObject({ expected: 16, actual: 15 });
    expect(short.message).toMatch(/^readNpy: data is 15 bytes but shape \(2\) × itemsize 8 needs 16/);
    const long = new Uint8Array(bytes.length + 1);
    long.set(bytes);
    const trailing = thrown(() => readNpy(long));
    expect(trailing.code).toBe("NPY_DATA_SIZE_MISMATCH");
    expect(trailing.details).toMatchObject({ expected: 16, actual: 17 });
    expect(trailing.message).toMatch(/; the file has trailing bytes; re-create it$/);
  });
});

describe("writeNpz archive fields", () => {
  it("uses method 8 or 0 as asked, and the UTF-8 flag only for non-ASCII names", () => {
    const arrays: [string, NdArray][] = [
      ["plain", f8([1])],
      ["é", f8([2])],
    ];
    const deflated = localHeaders(writeNpz(arrays));
    expect(deflated.map((h) => [h.name, h.method, h.flags])).toEqual([
      ["plain.npy", 8, 0],
      ["é.npy", 8, 0x800],
    ]);
    expect(localHeaders(writeNpz(arrays, { compression: "store" })).map((h) => h.method)).toEqual([0, 0]);
    expect(openNpz(writeNpz(arrays)).members.map((m) => m.method)).toEqual(["deflate", "deflate"]);
    expect(openNpz(writeNpz(arrays, { compression: "store" })).members.map((m) => m.method)).toEqual([
      "store",
      "store",
    ]);
  });

  it("compresses at level 6 by default, and at the level asked otherwise", () => {
    const data = Float64Array.from({ length: 4000 }, (_, i) => Math.floor(Math.sin(i) * 50));
    const arrays: [string, NdArray][] = [["x", { dtype: "<f8", shape: [4000], data, fortranOrder: false }]];
    const byDefault = writeNpz(arrays);
    expect(byDefault).toEqual(writeNpz(arrays, { level: 6 }));
    const fastest = writeNpz(arrays, { level: 1 });
    expect(fastest).not.toEqual(byDefault);
    // Either way the stream is plain DEFLATE of the .npy bytes.
    expect(new Uint8Array(inflateRawSync(localHeaders(fastest)[0]!.packed))).toEqual(writeNpy(arrays[0]![1]));
  });

  it("rejects empty, non-string and duplicate keys, and names too long for ZIP", () => {
    const empty = thrown(() => writeNpz([["", f8([1])]]));
    expect(empty.code).toBe("INVALID_NAME");
    expect(empty.message).toBe('writeNpz: array key must be a non-empty string (found ""); name every array');
    expect(thrown(() => writeNpz([[7 as unknown as string, f8([1])]])).message).toContain("(found 7)");
    const duplicate = thrown(() =>
      writeNpz([
        ["a", f8([1])],
        ["a", f8([2])],
      ]),
    );
    expect(duplicate.message).toBe("writeNpz: duplicate array key 'a'; give every array a unique key");
    // 0xffff bytes is the ZIP maximum: "<key>.npy" of exactly that size is fine, one more is not.
    const fits = "k".repeat(0xffff - 4);
    expect(readNpz(writeNpz([[fits, f8([1])]], { compression: "store" })).has(fits)).toBe(true);
    const long = thrown(() => writeNpz([[`${fits}k`, f8([1])]]));
    expect(long.code).toBe("INVALID_NAME");
    // (The message counts the member name, "<key>.npy", not the key: noted for the io-npz owner.)
    expect(long.message).toMatch(
      /^writeNpz: array key of \d+ characters is longer than a ZIP name allows; shorten the key$/,
    );
  });

  it("writes 65 535 members and refuses one more (no zip64 directory)", () => {
    const one = f8([]);
    const names = Array.from({ length: 0xffff }, (_, i) => [`a${i}`, one] as [string, NdArray]);
    const archive = openNpz(writeNpz(names, { compression: "store" }));
    expect(archive.members.length).toBe(0xffff);
    const error = thrown(() => writeNpz([...names, ["extra", one]], { compression: "store" }));
    expect(error.code).toBe("NPZ_LIMIT_EXCEEDED");
    expect(error.message).toBe(
      "writeNpz: archive of 65536 members would need zip64, which the writer does not emit; write at most 65535 arrays per archive",
    );
  });
});

describe("reading DEFLATE members of every size", () => {
  it("inflates an empty member and one whose compressed data spans many input chunks", () => {
    const empty: NdArray = { dtype: "|u1", shape: [0], data: new Uint8Array(0), fortranOrder: false };
    // Random bytes barely compress: ~40 KiB of DEFLATE input, fed in 4 KiB chunks.
    let seed = 12345;
    const noise = Uint8Array.from({ length: 40_000 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const big: NdArray = { dtype: "|u1", shape: [noise.length], data: noise, fortranOrder: false };
    const back = readNpz(
      writeNpz([
        ["empty", empty],
        ["big", big],
      ]),
    );
    expect(back.get("empty")).toEqual(empty);
    expect(back.get("big")).toEqual(big);
  });
});

describe("archive lookups", () => {
  it("a missing key names the keys there are, or says none", () => {
    const archive = openNpz(writeNpz([["y", f8([1])]]));
    const missing = thrown(() => archive.get("z"));
    expect(missing.code).toBe("NPZ_MEMBER_NOT_FOUND");
    expect(missing.message).toBe(
      "NpzArchive.get: no array 'z' in the archive (keys: y); check the name against archive.keys",
    );
    expect(missing.details.key).toBe("z");
    expect(thrown(() => archive.readBytes("z")).message).toMatch(/^NpzArchive\.readBytes: /);
    expect(thrown(() => openNpz(writeNpz([])).get("z")).message).toContain("(keys: none)");
    // A member is found by its key or its full name.
    expect(archive.has("y") && archive.has("y.npy")).toBe(true);
    expect(archive.get("y.npy")).toEqual(archive.get("y"));
  });
});

describe("JSON arrays", () => {
  it("encodes as a fresh 1-D |u1 array in C order and rejects other layouts with a fix", () => {
    const array = encodeJsonArray({ a: 1 });
    expect(array.dtype).toBe("|u1");
    expect(array.fortranOrder).toBe(false);
    expect(array.shape).toEqual([array.data.length]);
    const i1: NdArray = { ...array, dtype: "|i1", data: Int8Array.from(array.data as Uint8Array) };
    expect(decodeJsonArray(i1)).toEqual({ a: 1 });
    const wrong = thrown(() => decodeJsonArray({ ...array, shape: [1, array.data.length] }));
    expect(wrong.message).toBe(
      `decodeJsonArray: JSON must be stored as a 1-D |u1 array (found |u1 with shape (1, ${array.data.length})); store the UTF-8 text with encodeJsonArray`,
    );
    expect(thrown(() => decodeJsonArray({ ...f8([1]) })).message).toContain("(found <f8 with shape (1))");
    const invalid: NdArray = { dtype: "|u1", shape: [1], data: Uint8Array.of(0xff), fortranOrder: false };
    expect(thrown(() => decodeJsonArray(invalid)).message).toBe(
      "decodeJsonArray: JSON bytes are not valid UTF-8; store the UTF-8 text with encodeJsonArray",
    );
  });
});
