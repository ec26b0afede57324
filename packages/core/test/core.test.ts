import { createHash } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareCodePoints,
  crc32,
  crc32Utf8,
  DynError,
  didYouMean,
  isDynError,
  levenshtein,
  pythonFloatRepr,
  pythonStrListRepr,
  pythonStrRepr,
  sha1Hex,
  sha256Hex,
  suggestNames,
  toDynError,
} from "../src/index.ts";

describe("DynError", () => {
  it("carries code, details and cause and is recognised by its brand", () => {
    const cause = new Error("inner");
    const err = new DynError({ code: "X_BAD", message: "f: bad", details: { at: 3 }, cause });
    expect(err.code).toBe("X_BAD");
    expect(err.details).toEqual({ at: 3 });
    expect(err.cause).toBe(cause);
    expect(err.name).toBe("DynError");
    expect(isDynError(err)).toBe(true);
    expect(isDynError(new Error("x"))).toBe(false);
    expect(isDynError({ code: "X" })).toBe(false);
  });
  it("toDynError wraps foreign errors and keeps DynErrors", () => {
    const err = new DynError({ code: "A", message: "a" });
    expect(toDynError(err)).toBe(err);
    const wrapped = toDynError(new TypeError("boom"));
    expect(wrapped.code).toBe("INTERNAL");
    expect(wrapped.message).toBe("boom");
  });
});

describe("did-you-mean", () => {
  it("computes edit distances", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("sigma", "sigma")).toBe(0);
  });
  it("suggests case-insensitively within distance 2, nearest first", () => {
    expect(didYouMean("sigam", ["sigma", "rho", "beta"])).toBe("sigma");
    expect(didYouMean("ix", ["I", "v"])).toBe("I");
    expect(didYouMean("zzzzz", ["sigma"])).toBeUndefined();
    expect(suggestNames("rsh", ["rhs", "expr", "jacobian", "inverse"])).toEqual(["rhs"]);
  });
  it("orders by code point, not UTF-16 unit", () => {
    // U+FF61 sorts before U+1F600 by UTF-16 unit, after it by code point.
    expect(compareCodePoints("\u{1F600}", "\uFF61")).toBeGreaterThan(0);
    expect(["b", "a", "B"].sort(compareCodePoints)).toEqual(["B", "a", "b"]);
  });
});

describe("crc32", () => {
  it("matches the standard check value and the workspace-signature vectors", () => {
    expect(crc32Utf8("123456789")).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    // workspace-signature vector of session-semantics §3.2: crc32("dy")
    expect(crc32Utf8("dy")).toBe(1771140548);
    expect(crc32Utf8("lag_ring")).toBe(3465371742);
  });
  it("matches node:zlib's crc32 on random bytes and text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: "binary" }), (bytes, text) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
        expect(crc32Utf8(text)).toBe(zlibCrc32(Buffer.from(text, "utf8")));
      }),
      { numRuns: 500 },
    );
  });
  it("continues a running checksum over chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (bytes, cut) => {
        const k = Math.min(cut, bytes.length);
        expect(crc32(bytes.subarray(k), crc32(bytes.subarray(0, k)))).toBe(crc32(bytes));
      }),
    );
  });
});

describe("sha256 / sha1", () => {
  it("match node:crypto on random inputs, including padding boundaries", () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(len).map((_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(sha1Hex(bytes)).toBe(createHash("sha1").update(bytes).digest("hex"));
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
        expect(sha1Hex(text)).toBe(createHash("sha1").update(text, "utf8").digest("hex"));
      }),
    );
  });
});

describe("pythonFloatRepr", () => {
  it("renders the model-dsl §5.2 forms", () => {
    const cases: Array<[number, string]> = [
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [1e-5, "1e-05"],
      [0.0001, "0.0001"],
      [-0, "-0.0"],
      [0, "0.0"],
      [1.5e-7, "1.5e-07"],
      [1.2345678901234568e17, "1.2345678901234568e+17"],
      [5e-324, "5e-324"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
      [Number.NaN, "NaN"],
      [2, "2.0"],
      [-2.5, "-2.5"],
      [6.283185307179586, "6.283185307179586"],
      [123456.789, "123456.789"],
      [0.00015, "0.00015"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
    ];
    for (const [x, text] of cases) expect(pythonFloatRepr(x)).toBe(text);
  });
  it("always round-trips through Number()", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(pythonFloatRepr(x)), x)).toBe(true);
      }),
    );
  });
});

describe("pythonStrRepr", () => {
  it("quotes and escapes like Python's repr(str)", () => {
    expect(pythonStrRepr("sigma")).toBe("'sigma'");
    expect(pythonStrRepr("it's")).toBe(`"it's"`);
    expect(pythonStrRepr(`a'b"c`)).toBe(`'a\\'b"c'`);
    expect(pythonStrRepr("tab\there\n")).toBe("'tab\\there\\n'");
    expect(pythonStrRepr("\u0001\u007f\u0085")).toBe("'\\x01\\x7f\\x85'");
    expect(pythonStrRepr("back\\slash")).toBe("'back\\\\slash'");
    expect(pythonStrRepr("Ünï")).toBe("'Ünï'");
    expect(pythonStrListRepr(["a", "b"])).toBe("['a', 'b']");
    expect(pythonStrListRepr([])).toBe("[]");
  });
});
