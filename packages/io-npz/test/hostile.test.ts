import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  isNpzError,
  type NdArray,
  NpzErrorCode,
  openNpz,
  readNpy,
  readNpz,
  writeNpy,
  writeNpz,
} from "../src/index.ts";
import { codeOf, errorOf, fixture, manifest } from "./helpers.ts";

const read = (file: string, bytes: Uint8Array) => (file.endsWith(".npy") ? readNpy(bytes) : readNpz(bytes));

describe("hostile and broken files", () => {
  it.each(manifest.hostile.map((h) => [h.file, h.code, h.note] as const))(
    "rejects %s with %s (%s)",
    (file, code) => {
      expect(Object.values(NpzErrorCode)).toContain(code);
      expect(codeOf(() => read(file, fixture(file)))).toBe(code);
    },
  );

  it("puts the member name and byte offset in the message and details", () => {
    const crc = errorOf(() => readNpz(fixture("crc_mismatch.npz")));
    expect(crc.details).toMatchObject({ member: "y.npy", offset: 55 });
    expect(crc.message).toMatch(
      /^readNpz: CRC-32 is 0x[0-9a-f]{8} but the directory declares 0x[0-9a-f]{8} in member 'y\.npy' at byte 55; the archive is corrupt; re-create it$/,
    );
    const obj = errorOf(() => readNpz(fixture("object_member.npz")));
    expect(obj.message).toBe(
      "readNpz: object arrays cannot be loaded without pickle (dtype \"|O\") in member 'o.npy'; save the array with a numeric or string dtype; pickled data is never executed (NumPy's allow_pickle=False)",
    );
    const magic = errorOf(() => readNpy(fixture("bad_magic.npy")));
    expect(magic.message).toBe(
      "readNpy: not a .npy file: magic is [93 4e 55 4d 50 58], expected [93 4e 55 4d 50 59] at byte 0; pass the bytes of a file written by numpy.save or writeNpy",
    );
    expect(errorOf(() => readNpy(fixture("short_data.npy"))).message).toBe(
      "readNpy: data is 23 bytes but shape (3) × itemsize 8 needs 24 at byte 128; the file is truncated; re-create it",
    );
  });

  it("stops a zip bomb at its declared size instead of inflating it", () => {
    const err = errorOf(() => readNpz(fixture("bomb_lying_size.npz")));
    expect(err.code).toBe("ZIP_SIZE_MISMATCH");
    expect(err.details.declared).toBe(1024);
  });

  it("refuses a member above maxMemberBytes before inflating it", () => {
    const big = {
      dtype: "|u1",
      shape: [4096],
      data: new Uint8Array(4096),
      fortranOrder: false,
    } satisfies NdArray;
    const bytes = writeNpz([["big", big]]);
    const err = errorOf(() => readNpz(bytes, { limits: { maxMemberBytes: 4000 } }));
    expect(err.code).toBe("NPZ_LIMIT_EXCEEDED");
    expect(err.details).toMatchObject({ limit: "maxMemberBytes", member: "big.npy" });
    expect(readNpz(bytes, { limits: { maxMemberBytes: 5000 } }).get("big")?.shape).toEqual([4096]);
  });

  it("refuses a declared size too large to allocate with a coded error, not a RangeError", () => {
    expect(codeOf(() => readNpz(fixture("declared_huge.npz"), { limits: { maxMemberBytes: 2 ** 50 } }))).toBe(
      "NPZ_LIMIT_EXCEEDED",
    );
  });

  it("counts inflated bytes across members against maxTotalBytes", () => {
    const a = {
      dtype: "|u1",
      shape: [600],
      data: new Uint8Array(600),
      fortranOrder: false,
    } satisfies NdArray;
    const bytes = writeNpz([
      ["a", a],
      ["b", a],
    ]);
    const archive = openNpz(bytes, { limits: { maxTotalBytes: 1000 } });
    archive.get("a");
    const err = errorOf(() => archive.get("b"));
    expect(err.code).toBe("NPZ_LIMIT_EXCEEDED");
    expect(err.details.limit).toBe("maxTotalBytes");
  });

  it("refuses more members than maxMembers", () => {
    const a = { dtype: "|u1", shape: [0], data: new Uint8Array(0), fortranOrder: false } satisfies NdArray;
    const bytes = writeNpz([
      ["a", a],
      ["b", a],
      ["c", a],
    ]);
    expect(codeOf(() => openNpz(bytes, { limits: { maxMembers: 2 } }))).toBe("NPZ_LIMIT_EXCEEDED");
  });

  it("refuses a shape whose size exceeds maxMemberBytes from the header alone", () => {
    const bytes = writeNpy({ dtype: "<f8", shape: [200], data: new Float64Array(200), fortranOrder: false });
    const err = errorOf(() => readNpy(bytes, { limits: { maxMemberBytes: 1000 } }));
    expect(err.code).toBe("NPY_LIMIT_EXCEEDED");
    expect(err.details.value).toBe(1600);
  });

  it("refuses headers above maxHeaderBytes", () => {
    const bytes = writeNpy({ dtype: "<f8", shape: [1], data: new Float64Array(1), fortranOrder: false });
    expect(codeOf(() => readNpy(bytes, { limits: { maxHeaderBytes: 100 } }))).toBe("NPY_LIMIT_EXCEEDED");
  });

  it("rejects a member whose inflated bytes are shorter than declared", () => {
    // fflate's zipSync output, with the central-directory size raised by one byte.
    const bytes = zipSync({
      "y.npy": writeNpy({ dtype: "<f8", shape: [1], data: new Float64Array([1]), fortranOrder: false }),
    });
    const cd = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    const size = Buffer.from(bytes).readUInt32LE(cd + 24);
    Buffer.from(bytes.buffer).writeUInt32LE(size + 1, cd + 24);
    expect(codeOf(() => readNpz(bytes))).toBe("ZIP_SIZE_MISMATCH");
  });

  it("errors are DynErrors carrying the NpzError name", () => {
    const err = errorOf(() => readNpy(new Uint8Array(3)));
    expect(isNpzError(err)).toBe(true);
    expect(err.name).toBe("NpzError");
    expect(err.code).toBe("NPY_BAD_MAGIC");
  });
});
