import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NdArray, openNpz, readNpy, readNpz, writeNpy, writeNpz } from "../src/index.ts";
import { canonical, ndArrayArb } from "./arbitraries.ts";
import { codeOf } from "./helpers.ts";

describe("writeNpy → readNpy", () => {
  it("gives back every array bit for bit, in C order", () => {
    fc.assert(
      fc.property(ndArrayArb, (array) => {
        const back = readNpy(writeNpy(array));
        expect(back.fortranOrder).toBe(false);
        expect(canonical(back)).toBe(canonical(array));
      }),
      { numRuns: 400 },
    );
  });

  it("aligns the data start to 64 bytes, as NumPy does", () => {
    fc.assert(
      fc.property(ndArrayArb, (array) => {
        const bytes = writeNpy(array);
        const headerLength = bytes[8]! | (bytes[9]! << 8);
        expect((10 + headerLength) % 64).toBe(0);
        expect(bytes[9 + headerLength]).toBe(0x0a);
      }),
    );
  });

  it("keeps NaN payloads and -0 exactly", () => {
    const raw = new Uint8Array(new Float64Array([-0, 0]).buffer);
    const bits = new DataView(raw.buffer);
    bits.setUint32(8, 0x00000001, true);
    bits.setUint32(12, 0x7ff80dea, true); // a quiet NaN with a payload
    const array: NdArray = {
      dtype: "<f8",
      shape: [2],
      data: new Float64Array(raw.buffer),
      fortranOrder: false,
    };
    const back = readNpy(writeNpy(array)).data as Float64Array;
    expect(Buffer.from(back.buffer).toString("hex")).toBe(Buffer.from(raw).toString("hex"));
  });

  it("rejects arrays whose dtype, shape and data disagree", () => {
    const bad: unknown[] = [
      { dtype: "<f8", shape: [3], data: new Float64Array(2), fortranOrder: false },
      { dtype: "<f8", shape: [2], data: new Float32Array(2), fortranOrder: false },
      { dtype: "<i8", shape: [1], data: new Int32Array(2), fortranOrder: false },
      { dtype: ">f8", shape: [1], data: new Float64Array(1), fortranOrder: false },
      { dtype: "<c16", shape: [2], data: new Float64Array(2), fortranOrder: false },
      { dtype: "<f8", shape: [-1], data: new Float64Array(0), fortranOrder: false },
      { dtype: "<f8", shape: [1.5], data: new Float64Array(1), fortranOrder: false },
      { dtype: "<U2", shape: [1], data: ["abc"], fortranOrder: false },
      { dtype: "|S2", shape: [1], data: ["\u0100"], fortranOrder: false },
      { dtype: "<U2", shape: [1], data: [3], fortranOrder: false },
      { dtype: "|O", shape: [1], data: [3], fortranOrder: false },
      { dtype: "<M8", shape: [1], data: new Float64Array(1), fortranOrder: false },
    ];
    expect(bad.map((a) => codeOf(() => writeNpy(a as NdArray)))).toEqual([
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "INVALID_ARRAY",
      "NPY_OBJECT_DTYPE",
      "NPY_UNSUPPORTED_DTYPE",
    ]);
  });
});

describe("writeNpz → readNpz", () => {
  const namedArrays = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_./]{0,12}$/), ndArrayArb), {
    selector: ([k]) => k,
    maxLength: 6,
  });

  it("gives back every array bit for bit, in order, stored or deflated", () => {
    fc.assert(
      fc.property(
        namedArrays,
        fc.constantFrom("deflate" as const, "store" as const),
        fc.constantFrom(1 as const, 6 as const, 9 as const),
        (pairs, compression, level) => {
          const back = readNpz(writeNpz(pairs, { compression, level }));
          expect([...back.keys()]).toEqual(pairs.map(([k]) => k));
          for (const [k, a] of pairs) expect(canonical(back.get(k)!)).toBe(canonical(a));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("is deterministic and takes Maps, pairs and plain objects alike", () => {
    const y: NdArray = { dtype: "<f8", shape: [2], data: new Float64Array([1, 2]), fortranOrder: false };
    const a = writeNpz(new Map([["y", y]]));
    expect(writeNpz([["y", y]])).toEqual(a);
    expect(writeNpz({ y })).toEqual(a);
  });

  it("writes non-ASCII names as flagged UTF-8", () => {
    const y: NdArray = { dtype: "|u1", shape: [0], data: new Uint8Array(0), fortranOrder: false };
    expect(openNpz(writeNpz([["été/ü", y]])).keys).toEqual(["été/ü"]);
  });

  it("rejects empty and duplicate keys", () => {
    const y: NdArray = { dtype: "|u1", shape: [0], data: new Uint8Array(0), fortranOrder: false };
    expect(codeOf(() => writeNpz([["", y]]))).toBe("INVALID_NAME");
    expect(
      codeOf(() =>
        writeNpz([
          ["y", y],
          ["y", y],
        ]),
      ),
    ).toBe("INVALID_NAME");
  });
});
