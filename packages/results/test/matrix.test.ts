import { describe, expect, it } from "vitest";
import { Matrix } from "../src/index.ts";

describe("Matrix", () => {
  it("indexes row-major through its stride", () => {
    // 2 × 2 view inside a 2 × 3 buffer (stride 3)
    const m = new Matrix(2, 2, Float64Array.of(1, 2, 99, 3, 4, 99), 3);
    expect(m.at(1, 0)).toBe(3);
    expect(Array.from(m.row(1))).toEqual([3, 4]);
    expect(Array.from(m.column(1))).toEqual([2, 4]);
    expect(m.toArrays()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const c = m.copy();
    expect([c.stride, c.data.length]).toEqual([2, 4]);
    expect(c.toArrays()).toEqual(m.toArrays());
  });

  it("row() is a view and column() of a single contiguous column is a view", () => {
    const data = Float64Array.of(1, 2, 3);
    const m = new Matrix(3, 1, data, 1);
    m.row(1)[0] = 20;
    expect(data[1]).toBe(20);
    expect(m.column(0).buffer).toBe(data.buffer);
  });
});
