import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialStep } from "../src/index.ts";
import { numpyPairwiseSum } from "../src/internal/numpySum.ts";

describe("numpyPairwiseSum", () => {
  it("sums left to right below 8 terms", () => {
    const a = new Float64Array([1e16, 1, -1e16, 1]);
    expect(numpyPairwiseSum(a, 0, 4)).toBe(1e16 + 1 - 1e16 + 1);
  });
  it("uses eight strided partial sums between 8 and 128 terms, leftovers last", () => {
    const a = new Float64Array(17).fill(1);
    a[0] = 1e16;
    // r_j = a[j] + a[j + 8]; the 17th term is added after the partial sums are combined.
    const r = Array.from({ length: 8 }, (_, j) => a[j]! + a[j + 8]!);
    const expected = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!)) + a[16]!;
    let naive = 0;
    for (const v of a) naive += v;
    expect(expected).not.toBe(naive);
    expect(numpyPairwiseSum(a, 0, 17)).toBe(expected);
  });
  it("splits above 128 terms at a multiple of 8", () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 1e15 : 0.1 * i));
    const half = 144; // floor(300 / 2) = 150, rounded down to a multiple of 8
    expect(numpyPairwiseSum(a, 0, 300)).toBe(
      numpyPairwiseSum(a, 0, half) + numpyPairwiseSum(a, half, 300 - half),
    );
  });
  it("agrees with an exact sum to rounding for any length (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 400 }), (xs) => {
        const a = Float64Array.from(xs);
        const exact = xs.reduce((s, v) => s + v, 0);
        expect(Math.abs(numpyPairwiseSum(a, 0, a.length) - exact)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, exact),
        );
      }),
    );
  });
});

describe("initialStep", () => {
  const decay = (_t: number, y: Float64Array, out: Float64Array) => {
    out[0] = -y[0]!;
  };
  const base = {
    rhs: decay,
    t0: 0,
    y0: new Float64Array([1]),
    params: new Float64Array(0),
    runtimeWs: {},
    atol: 1e-8,
    rtol: 1e-5,
  };
  it("follows the heuristic's formula on y' = -y", () => {
    const h = initialStep({ ...base, tEnd: 10, order: 5 });
    const s = 1e-8 + 1e-5;
    const d0 = 1 / s,
      d1 = 1 / s;
    const h0 = (0.01 * d0) / d1;
    const d2 = Math.abs(-(1 + h0 * -1) - -1) / s / h0;
    expect(h).toBe(0.01 * (1 / Math.max(d1, d2, 1e-15)) ** (1 / 6));
  });
  it("caps by dt_max, by an explicit dt and by the span", () => {
    expect(initialStep({ ...base, tEnd: 10, order: 5, dtMax: 1e-4 })).toBe(1e-4);
    expect(initialStep({ ...base, tEnd: 10, order: 5, dt: 2e-4 })).toBe(2e-4);
    expect(initialStep({ ...base, tEnd: 1e-9, order: 5 })).toBe(1e-9);
  });
});
