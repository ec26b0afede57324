import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isNpzError,
  type NpzLimits,
  openNpz,
  readNpy,
  readNpyHeader,
  readNpz,
  writeNpy,
  writeNpz,
} from "../src/index.ts";
import { fixture, manifest } from "./helpers.ts";

/** Small limits keep every fuzz case cheap and prove limits hold on mutated input. */
const limits: NpzLimits = { maxMemberBytes: 1 << 20, maxTotalBytes: 1 << 21, maxMembers: 64 };

/** Runs `f`; passes if it returns or throws an NpzError, fails on any other exception. */
function valueOrCodedError(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    if (!isNpzError(err)) throw err;
    expect(err.message).toMatch(/^[\w.]+: /);
  }
}

/** Byte-level mutations: flips, overwrites, truncation, insertion, deletion. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant("set" as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x01),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
);

function mutate(bytes: Uint8Array, steps: readonly unknown[]): Uint8Array {
  let out = bytes.slice();
  for (const step of steps as readonly {
    kind: string;
    at: number;
    bit?: number;
    value?: number;
    bytes?: Uint8Array;
    length?: number;
  }[]) {
    const at = out.length === 0 ? 0 : step.at % out.length;
    switch (step.kind) {
      case "flip":
        if (out.length) out[at] = out[at]! ^ (1 << step.bit!);
        break;
      case "set":
        if (out.length) out[at] = step.value!;
        break;
      case "truncate":
        out = out.slice(0, at);
        break;
      case "insert":
        out = new Uint8Array([...out.subarray(0, at), ...step.bytes!, ...out.subarray(at)]);
        break;
      case "delete":
        out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + step.length!)]);
        break;
    }
  }
  return out;
}

const npyFiles = manifest.npy.map((f) => fixture(f.file));
const npzFiles = manifest.npz.filter((f) => f.file !== "empty.npz").map((f) => fixture(f.file));

describe("npy header parser under fuzzing", () => {
  it("turns random bytes into a value or a coded error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        valueOrCodedError(() => readNpy(bytes, { limits }));
      }),
      { numRuns: 500 },
    );
  });

  it("turns random bytes after a valid magic into a value or a coded error", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.uint8Array({ maxLength: 300 }), (version, rest) => {
        const bytes = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0, ...rest]);
        valueOrCodedError(() => readNpy(bytes, { limits }));
      }),
      { numRuns: 500 },
    );
  });

  it("turns random header text into a value or a coded error", () => {
    const pieces = fc.constantFrom(
      "{",
      "}",
      "(",
      ")",
      "[",
      "]",
      ",",
      ":",
      " ",
      "'descr'",
      "'<f8'",
      "'|O'",
      "'fortran_order'",
      "True",
      "False",
      "None",
      "'shape'",
      "3",
      "-1",
      "3L",
      "1.5",
      "1e400",
      "'",
      '"',
      "\\",
      "99999999999999999999999",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.uint8Array({ maxLength: 64 }), (parts, data) => {
        const text = parts.join("");
        const header = new TextEncoder().encode(`${text}\n`);
        const bytes = new Uint8Array([
          0x93,
          0x4e,
          0x55,
          0x4d,
          0x50,
          0x59,
          1,
          0,
          header.length & 0xff,
          header.length >> 8,
          ...header,
          ...data,
        ]);
        valueOrCodedError(() => readNpy(bytes, { limits }));
        valueOrCodedError(() => readNpyHeader(bytes, { limits }));
      }),
      { numRuns: 1000 },
    );
  });

  it("turns mutated valid files into a value or a coded error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: npyFiles.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, steps) => {
          valueOrCodedError(() => readNpy(mutate(npyFiles[i]!, steps), { limits, order: "C" }));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("zip reader under fuzzing", () => {
  const readAll = (bytes: Uint8Array) => {
    const archive = openNpz(bytes, { limits });
    for (const m of archive.members) valueOrCodedError(() => archive.get(m.name));
    return readNpz(bytes, { limits });
  };

  it("turns random bytes into a value or a coded error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => valueOrCodedError(() => readAll(bytes))),
      { numRuns: 500 },
    );
  });

  it("turns random bytes ending in an end record into a value or a coded error", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 18, maxLength: 18 }),
        (body, eocd) => {
          const bytes = new Uint8Array([...body, 0x50, 0x4b, 5, 6, ...eocd.subarray(0, 16), 0, 0]);
          valueOrCodedError(() => readAll(bytes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("turns mutated valid archives (NumPy's and ours) into a value or a coded error", () => {
    const ours = writeNpz(
      [
        ["y", { dtype: "<f8", shape: [3], data: new Float64Array([1, 2, 3]), fortranOrder: false }],
        ["s", { dtype: "<U2", shape: [1], data: ["ok"], fortranOrder: false }],
      ],
      { compression: "store" },
    );
    const corpus = [...npzFiles, ours];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (i, steps) => {
          valueOrCodedError(() => readAll(mutate(corpus[i]!, steps)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reads a mutated archive only when every member's CRC still matches", () => {
    // A flipped bit inside a stored member's data must never come back as a value.
    const y = writeNpy({
      dtype: "<f8",
      shape: [4],
      data: new Float64Array([1, 2, 3, 4]),
      fortranOrder: false,
    });
    const bytes = writeNpz(
      [["y", { dtype: "<f8", shape: [4], data: new Float64Array([1, 2, 3, 4]), fortranOrder: false }]],
      { compression: "store" },
    );
    const dataStart = 30 + "y.npy".length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: y.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const broken = bytes.slice();
        broken[dataStart + at] = broken[dataStart + at]! ^ (1 << bit);
        expect(() => readNpz(broken)).toThrowError(/CRC-32/);
      }),
      { numRuns: 200 },
    );
  });
});
