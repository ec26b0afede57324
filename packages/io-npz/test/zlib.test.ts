/**
 * DEFLATE interoperability with an independent implementation, Node's `node:zlib` (the zlib C
 * library): archives whose members zlib compressed read back exactly, and the DEFLATE data we write
 * inflates under zlib to the very `.npy` bytes of each array. The ZIP framing on the test side is
 * written and parsed here by hand, so only the DEFLATE streams cross between the two.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DeflateLevel, type NdArray, readNpz, writeNpy, writeNpz } from "../src/index.ts";

interface RawMember {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

/** A ZIP of DEFLATE (method 8) members compressed by zlib: local headers, central directory, EOCD. */
function zipWithZlib(members: ReadonlyArray<readonly [string, Uint8Array]>, level: number): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of members) {
    const nameBytes = Buffer.from(name, "utf8");
    const packed = deflateRawSync(content, { level });
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The members of a ZIP, read from its central directory (no zip64: the test archives are small). */
function rawMembers(zip: Uint8Array): RawMember[] {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = view.readUInt16LE(eocd + 10);
  let at = view.readUInt32LE(eocd + 16);
  const members: RawMember[] = [];
  for (let i = 0; i < count; i++) {
    const method = view.readUInt16LE(at + 10);
    const crc = view.readUInt32LE(at + 16);
    const packedSize = view.readUInt32LE(at + 20);
    const size = view.readUInt32LE(at + 24);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    const localOffset = view.readUInt32LE(at + 42);
    const name = view.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart =
      localOffset + 30 + view.readUInt16LE(localOffset + 26) + view.readUInt16LE(localOffset + 28);
    members.push({ name, method, crc, size, data: zip.subarray(dataStart, dataStart + packedSize) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

const float64Array: fc.Arbitrary<NdArray> = fc.array(fc.double(), { maxLength: 300 }).map((values) => ({
  dtype: "<f8",
  shape: [values.length],
  data: Float64Array.from(values),
  fortranOrder: false,
}));

/** Compressible data too (long runs), so zlib emits back-references and dynamic Huffman blocks. */
const int64Array: fc.Arbitrary<NdArray> = fc
  .array(fc.tuple(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.nat(40)), { maxLength: 30 })
  .map((runs) => {
    const values = runs.flatMap(([value, repeat]) => Array.from({ length: repeat + 1 }, () => value));
    return { dtype: "<i8", shape: [values.length], data: BigInt64Array.from(values), fortranOrder: false };
  });

describe("DEFLATE against node:zlib", () => {
  it("reads archives whose members zlib compressed, at every level", () => {
    fc.assert(
      fc.property(float64Array, int64Array, fc.integer({ min: 0, max: 9 }), (a, b, level) => {
        const zip = zipWithZlib(
          [
            ["a.npy", writeNpy(a)],
            ["b.npy", writeNpy(b)],
          ],
          level,
        );
        const back = readNpz(zip);
        expect([...back.keys()]).toEqual(["a", "b"]);
        expect(back.get("a")).toEqual(a);
        expect(back.get("b")).toEqual(b);
      }),
      { numRuns: 150 },
    );
  });

  it("writes DEFLATE data that zlib inflates to each array's .npy bytes, with zlib's CRC-32", () => {
    fc.assert(
      fc.property(
        float64Array,
        int64Array,
        fc.constantFrom<DeflateLevel>(1, 2, 3, 4, 5, 6, 7, 8, 9),
        (a, b, level) => {
          const zip = writeNpz(
            [
              ["a", a],
              ["b", b],
            ],
            { compression: "deflate", level },
          );
          const members = rawMembers(zip);
          expect(members.map((m) => [m.name, m.method])).toEqual([
            ["a.npy", 8],
            ["b.npy", 8],
          ]);
          members.forEach((member, i) => {
            const expected = writeNpy(i === 0 ? a : b);
            const inflated = new Uint8Array(inflateRawSync(member.data));
            expect(inflated).toEqual(expected);
            expect(member.size).toBe(expected.length);
            expect(member.crc).toBe(crc32(expected));
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses a zlib member whose bytes were changed after compression", () => {
    const content = writeNpy({ dtype: "<f8", shape: [64], data: new Float64Array(64), fortranOrder: false });
    const zip = zipWithZlib([["z.npy", content]], 6);
    // Flip one bit inside the DEFLATE stream: either inflating fails or the CRC-32 check does.
    const member = rawMembers(zip)[0]!;
    const at = member.data.byteOffset + Math.floor(member.data.length / 2);
    const corrupt = zip.slice();
    corrupt[at]! ^= 0x10;
    expect(() => readNpz(corrupt)).toThrow(
      expect.objectContaining({
        code: expect.stringMatching(/^ZIP_(CORRUPT_DEFLATE|CRC_MISMATCH|SIZE_MISMATCH)/),
      }),
    );
  });
});
