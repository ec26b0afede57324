/**
 * Issue 13, hostile input: `.npy` headers inside a valid `.npz`, built from the pieces NumPy's
 * header dict has (descr, fortran_order, shape) with hostile values: huge, negative and
 * fractional dimensions, dozens of axes, products past 2^53, odd descrs. Every read gives a value
 * or a coded NpzError, and a header whose shape × itemsize passes the limit is refused from the
 * header alone (NPY_LIMIT_EXCEEDED), before its data is looked at or anything that size is made.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isNpzError,
  loadNpz,
  type NpzLimits,
  openNpz,
  readNpyHeader,
  readNpz,
  writeNpz,
} from "../src/index.ts";

const limits: NpzLimits = { maxMemberBytes: 1 << 20, maxTotalBytes: 1 << 22, maxMembers: 16 };

const dim = fc.oneof(
  fc.nat({ max: 8 }),
  fc.constantFrom("0", "1", "-1", "1e3", "2.5", "True", "None", "0x10", "1_000"),
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
  fc.constantFrom(String(2 ** 53 + 1), String(2 ** 31), String(2 ** 64), "9".repeat(400)),
);
const header = fc.record({
  descr: fc.constantFrom(
    "'<f8'",
    "'|u1'",
    "'>i4'",
    "'<U3'",
    "'|O'",
    "'<c16'",
    "'V8'",
    "'<M8[s]'",
    "'f8'",
    "'<f8",
    "3",
    "'<f800000000'",
  ),
  fortran: fc.constantFrom("False", "True", "0", "None"),
  shape: fc.array(dim, { maxLength: 40 }),
  trailingComma: fc.boolean(),
  extra: fc.constantFrom("", "'x': 1, ", "'shape': (), "),
});

function npyBytes(h: HeaderParts, data: Uint8Array): Uint8Array {
  const dims = h.shape.join(", ") + (h.shape.length === 1 || h.trailingComma ? "," : "");
  const text = `{'descr': ${h.descr}, 'fortran_order': ${h.fortran}, 'shape': (${dims}), ${h.extra}}`;
  const padded = `${text}${" ".repeat((64 - ((10 + text.length + 1) % 64)) % 64)}\n`;
  const head = Uint8Array.from(padded, (c) => c.charCodeAt(0) & 0xff);
  const out = new Uint8Array(10 + head.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, head.length & 0xff, head.length >> 8]);
  out.set(head, 10);
  out.set(data, 10 + head.length);
  return out;
}

interface HeaderParts {
  descr: string;
  fortran: string;
  shape: (string | number)[];
  trailingComma: boolean;
  extra: string;
}

function coded(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (err) {
    expect(isNpzError(err), `not an NpzError: ${String(err)}`).toBe(true);
    return (err as { code: string }).code;
  }
}

describe("hostile .npy headers inside a valid .npz", () => {
  it("every reader gives a value or a coded error; an oversized declared shape is refused from the header", () => {
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 64 }), (h: HeaderParts, data) => {
        const member = npyBytes(h, data);
        const archive = writeNpz(
          [
            ["a.npy", member],
            ["b.txt", new Uint8Array([1])],
          ],
          { compression: "store" },
        );
        const headerCode = coded(() => readNpyHeader(member, { limits }));
        const npz = openNpz(archive, { limits });
        const getCode = coded(() => npz.get("a"));
        const loadCode = coded(() => npz.load("a"));
        expect(loadCode).toBe(getCode); // a member with the magic is parsed, never returned as bytes
        coded(() => readNpz(archive, { limits }));
        coded(() => loadNpz(archive, { limits }));
        if (headerCode === null) {
          const parsed = readNpyHeader(member, { limits });
          expect(parsed.dataBytes).toBeLessThanOrEqual(limits.maxMemberBytes as number);
        }
        // a shape the header states cleanly whose bytes pass the limit is a limit error, whatever the data
        const n = h.shape.every((d) => /^\d+$/.test(String(d)))
          ? h.shape.reduce<bigint>((p, d) => p * BigInt(d), 1n)
          : null;
        if (
          n !== null &&
          n * 8n > BigInt(limits.maxMemberBytes as number) &&
          h.descr === "'<f8'" &&
          h.fortran === "False" &&
          h.extra === ""
        ) {
          expect(headerCode).toBe("NPY_LIMIT_EXCEEDED");
          expect(getCode).toBe("NPY_LIMIT_EXCEEDED");
        }
      }),
      { numRuns: 1500, seed: 13 },
    );
  });
});
