/** Reordering element data from Fortran (column-major) to C (row-major) layout. */
import type { NpyData } from "../ndarray.ts";

/**
 * Returns a new container holding `data` (elements in Fortran order for `shape`) in C order.
 * Numeric data is moved as raw bytes (`elementBytes` per element), so NaN payloads survive.
 */
export function fortranToC(data: NpyData, shape: readonly number[], elementBytes: number): NpyData {
  let count = 1;
  for (const d of shape) count *= d;
  if (Array.isArray(data)) {
    const out = new Array<string>(data.length);
    forEachCToFortran(shape, count, (c, f) => {
      out[c] = data[f] as string;
    });
    return out;
  }
  const out = new (data.constructor as new (n: number) => Exclude<NpyData, string[]>)(data.length);
  const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const dst = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  forEachCToFortran(shape, count, (c, f) => {
    dst.set(src.subarray(f * elementBytes, (f + 1) * elementBytes), c * elementBytes);
  });
  return out;
}

/** Calls `visit(cIndex, fortranIndex)` for every element, walking C order (last index fastest). */
function forEachCToFortran(
  shape: readonly number[],
  count: number,
  visit: (c: number, f: number) => void,
): void {
  if (count === 0) return;
  const nd = shape.length;
  const fStride: number[] = [];
  let s = 1;
  for (let k = 0; k < nd; k++) {
    fStride.push(s);
    s *= shape[k] as number;
  }
  const index = new Array<number>(nd).fill(0);
  let f = 0;
  for (let c = 0; c < count; c++) {
    visit(c, f);
    for (let k = nd - 1; k >= 0; k--) {
      const next = (index[k] as number) + 1;
      if (next < (shape[k] as number)) {
        index[k] = next;
        f += fStride[k] as number;
        break;
      }
      f -= (index[k] as number) * (fStride[k] as number);
      index[k] = 0;
    }
  }
}
