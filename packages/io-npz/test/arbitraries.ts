import fc from "fast-check";
import type { NdArray, NpyDtype } from "../src/index.ts";

const NUMERIC: readonly [NpyDtype, number, number][] = [
  // dtype, bytes per element, typed-array slots per element
  ["|b1", 1, 1],
  ["|i1", 1, 1],
  ["|u1", 1, 1],
  ["<i2", 2, 1],
  ["<u2", 2, 1],
  ["<i4", 4, 1],
  ["<u4", 4, 1],
  ["<i8", 8, 1],
  ["<u8", 8, 1],
  ["<f2", 2, 1],
  ["<f4", 4, 1],
  ["<f8", 8, 1],
  ["<c8", 8, 2],
  ["<c16", 16, 2],
];

const CTOR: Record<string, new (buffer: ArrayBuffer) => NdArray["data"]> = {
  "|b1": Uint8Array,
  "|i1": Int8Array,
  "|u1": Uint8Array,
  "<i2": Int16Array,
  "<u2": Uint16Array,
  "<i4": Int32Array,
  "<u4": Uint32Array,
  "<i8": BigInt64Array,
  "<u8": BigUint64Array,
  "<f2": Uint16Array,
  "<f4": Float32Array,
  "<f8": Float64Array,
  "<c8": Float32Array,
  "<c16": Float64Array,
} as never;

export const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });

/** Any array the writer accepts: every dtype, 0-d to 4-d, either order, random bit patterns (NaN payloads included). */
export const ndArrayArb: fc.Arbitrary<NdArray> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NUMERIC), shapeArb, fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([[dtype, bytes], shape, fortranOrder, seed]) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const raw = new Uint8Array(count * bytes);
      let s = seed;
      for (let i = 0; i < raw.length; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        raw[i] = dtype === "|b1" ? (s >>> 16) & 1 : s >>> 24;
      }
      return { dtype, shape, data: new CTOR[dtype]!(raw.buffer), fortranOrder } as NdArray;
    }),
  fc.tuple(shapeArb, fc.integer({ min: 1, max: 6 }), fc.boolean()).chain(([shape, width, fortranOrder]) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const unicode = fc.array(
      fc
        .string({ unit: "grapheme", maxLength: width })
        .filter((s) => [...s].length <= width && !s.endsWith("\0")),
      { minLength: count, maxLength: count },
    );
    const bytes = fc.array(
      fc
        .string({
          unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
          maxLength: width,
        })
        .filter((s) => !s.endsWith("\0")),
      { minLength: count, maxLength: count },
    );
    return fc.oneof(
      unicode.map((data) => ({ dtype: `<U${width}`, shape, data, fortranOrder }) as NdArray),
      bytes.map((data) => ({ dtype: `|S${width}`, shape, data, fortranOrder }) as NdArray),
    );
  }),
);

/** The array in C order, as raw bytes (numeric) or strings: what every reader must give back. */
export function canonical(array: NdArray): string {
  const shape = array.shape;
  const count = shape.reduce((a, b) => a * b, 1);
  const slots = Array.isArray(array.data) ? 1 : array.data.length / Math.max(count, 1);
  const bytesPer = Array.isArray(array.data) ? 0 : (array.data.BYTES_PER_ELEMENT as number) * slots;
  const cIndexToStored = (c: number): number => {
    if (!array.fortranOrder || shape.length < 2) return c;
    let rest = c;
    const idx = new Array<number>(shape.length);
    for (let k = shape.length - 1; k >= 0; k--) {
      idx[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    let f = 0;
    for (let k = shape.length - 1; k >= 0; k--) f = f * shape[k]! + idx[k]!;
    return f;
  };
  const parts: string[] = [];
  for (let c = 0; c < count; c++) {
    const at = cIndexToStored(c);
    if (Array.isArray(array.data)) parts.push(JSON.stringify(array.data[at]));
    else {
      const d = array.data;
      parts.push(Buffer.from(d.buffer, d.byteOffset + at * bytesPer, bytesPer).toString("hex"));
    }
  }
  return `${array.dtype}|${shape.join(",")}|${parts.join(" ")}`;
}
