import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pyCopysign } from "../src/runtime/copysign.ts";
import { pyErf, pyErfc } from "../src/runtime/erf.ts";
import { pyFloorDiv } from "../src/runtime/floorDiv.ts";
import { pyHeaviside } from "../src/runtime/heaviside.ts";
import { pyHypot } from "../src/runtime/hypot.ts";
import { pyCeil, pyFloor, pyTrunc } from "../src/runtime/integer.ts";
import { pyLogBase } from "../src/runtime/logBase.ts";
import { pyMax2, pyMin2 } from "../src/runtime/minMax.ts";
import { pyMod } from "../src/runtime/mod.ts";
import { pyPow } from "../src/runtime/pow.ts";
import { pyRound, pyRoundDigits } from "../src/runtime/round.ts";
import { pySign } from "../src/runtime/sign.ts";
import { fromHex, ulpDistance } from "./helpers/floats.ts";

interface Reference {
  floordivMod: [string, string, string, string][];
  round: [string, number][];
  roundDigits: [string, number, string][];
  erf: [string, string, string][];
}

const reference = JSON.parse(
  readFileSync(new URL("./data/python-reference.json", import.meta.url), "utf8"),
) as Reference;

describe("runtime helpers against CPython (test/data/python-reference.json)", () => {
  it("floor division and modulo match CPython bit for bit on 1500 pairs", () => {
    expect(reference.floordivMod.length).toBeGreaterThan(1000);
    for (const [a, b, floorDiv, mod] of reference.floordivMod) {
      expect(Object.is(pyFloorDiv(fromHex(a), fromHex(b)), fromHex(floorDiv)), `${a} // ${b}`).toBe(true);
      expect(Object.is(pyMod(fromHex(a), fromHex(b)), fromHex(mod)), `${a} % ${b}`).toBe(true);
    }
  });

  it("round(x) is half-to-even like CPython", () => {
    for (const [x, expected] of reference.round) expect(pyRound(fromHex(x)), x).toBe(expected);
  });

  it("round(x, n) matches CPython bit for bit for n in 0..22", () => {
    expect(reference.roundDigits.length).toBeGreaterThan(1000);
    for (const [x, n, expected] of reference.roundDigits) {
      expect(Object.is(pyRoundDigits(fromHex(x), n), fromHex(expected)), `round(${fromHex(x)}, ${n})`).toBe(
        true,
      );
    }
  });

  it("erf is within 1 ulp and erfc within 2 ulp of the correctly rounded value", () => {
    for (const [x, erf, erfc] of reference.erf) {
      expect(ulpDistance(pyErf(fromHex(x)), fromHex(erf)), `erf(${fromHex(x)})`).toBeLessThanOrEqual(1);
      expect(ulpDistance(pyErfc(fromHex(x)), fromHex(erfc)), `erfc(${fromHex(x)})`).toBeLessThanOrEqual(2);
    }
  });
});

describe("§3.2 values", () => {
  it("floor division", () => {
    expect(pyFloorDiv(-7, 2)).toBe(-4);
    expect(pyFloorDiv(1, 0.1)).toBe(9);
    expect(pyFloorDiv(Infinity, 1)).toBeNaN();
    expect(pyFloorDiv(-1, Infinity)).toBe(-1);
    expect(pyFloorDiv(1, 0)).toBe(Infinity);
    expect(pyFloorDiv(0, 0)).toBeNaN();
  });

  it("modulo takes the divisor's sign", () => {
    expect(pyMod(-7.5, 2)).toBe(0.5);
    expect(pyMod(7, -3)).toBe(-2);
    expect(pyMod(1, 0.1)).toBe(0.09999999999999995);
    expect(Object.is(pyMod(-0, 3), 0)).toBe(true);
    expect(Object.is(pyMod(0, -3), -0)).toBe(true);
    expect(pyMod(1, 0)).toBeNaN();
  });

  it("pow follows C99 where Math.pow does not", () => {
    expect(1 ** Number.NaN).toBeNaN();
    expect(pyPow(1, Number.NaN)).toBe(1);
    expect(pyPow(1, Infinity)).toBe(1);
    expect(pyPow(1, -Infinity)).toBe(1);
    expect(pyPow(-1, Infinity)).toBe(1);
    expect(pyPow(-1, -Infinity)).toBe(1);
    expect(pyPow(-8, 1 / 3)).toBeNaN();
    expect(pyPow(0, -1)).toBe(Infinity);
    expect(pyPow(2, -1)).toBe(0.5);
    expect(pyPow(Number.NaN, 0)).toBe(1);
  });

  it("round", () => {
    expect(pyRound(2.5)).toBe(2);
    expect(pyRound(3.5)).toBe(4);
    expect(pyRound(-2.5)).toBe(-2);
    expect(Object.is(pyRound(-0.4), 0)).toBe(true);
    expect(pyRound(Infinity)).toBe(Infinity);
    expect(pyRound(Number.NaN)).toBeNaN();
    expect(pyRoundDigits(0.125, 2)).toBe(0.12);
    expect(pyRoundDigits(2.675, 2)).toBe(2.67);
    expect(Object.is(pyRoundDigits(-0.001, 2), -0)).toBe(true);
  });

  it("int truncation and integer results without -0", () => {
    expect(pyTrunc(-2.7)).toBe(-2);
    expect(Object.is(pyTrunc(-0.5), 0)).toBe(true);
    expect(Object.is(pyCeil(-0.5), 0)).toBe(true);
    expect(pyFloor(-0.5)).toBe(-1);
    expect(pyTrunc(Number.NaN)).toBeNaN();
  });

  it("min/max fold left like Python", () => {
    expect(pyMin2(Number.NaN, 1)).toBeNaN();
    expect(pyMin2(1, Number.NaN)).toBe(1);
    expect(pyMax2(Number.NaN, 1)).toBeNaN();
    expect(pyMax2(1, Number.NaN)).toBe(1);
    expect(Object.is(pyMin2(0, -0), 0)).toBe(true);
  });

  it("copysign, sign, heaviside, hypot, log base", () => {
    expect(pyCopysign(1, -0)).toBe(-1);
    expect(pyCopysign(-2, 0)).toBe(2);
    expect(pyCopysign(3, -Number.NaN)).toBe(-3);
    expect(pySign(-3)).toBe(-1);
    expect(pySign(Number.NaN)).toBe(0);
    expect(pySign(-0)).toBe(0);
    expect(pyHeaviside(0)).toBe(1);
    expect(pyHeaviside(-1e-300)).toBe(0);
    expect(pyHypot(3, 4)).toBe(5);
    expect(pyHypot()).toBe(0);
    expect(pyHypot(Infinity, Number.NaN)).toBe(Infinity);
    expect(pyLogBase(8, 2)).toBe(3);
  });

  it("erf special values", () => {
    expect(pyErf(Infinity)).toBe(1);
    expect(pyErf(-Infinity)).toBe(-1);
    expect(pyErfc(Infinity)).toBe(0);
    expect(pyErfc(-Infinity)).toBe(2);
    expect(pyErf(Number.NaN)).toBeNaN();
    expect(Object.is(pyErf(-0), -0)).toBe(true);
    expect(pyErfc(30)).toBe(0);
  });
});

describe("inline emissions in compiled kernels match CPython too", () => {
  it("a // b, a % b, a ** b special cases, min/max/sign through the rhs kernel", async () => {
    const { compiled } = await import("./helpers/models.ts");
    const m = compiled(
      '[model]\ntype = "map"',
      "[states]\nq = 0.0\nr = 0.0\ns = 0.0\nu = 0.0\nv = 0.0",
      "[params]\na = 1.0\nb = 1.0",
      '[equations.rhs]\nq = "a // b"\nr = "a % b"\ns = "min(a, b) + 0 * max(a, b)"\nu = "max(a + 0, b * 1)"\nv = "sign(a - b) + heaviside(b) * 10"',
    );
    const out = new Float64Array(5);
    const params = new Float64Array(2);
    const ws = m.makeRuntimeWorkspace();
    for (const [a, b, floorDiv, mod] of reference.floordivMod) {
      params[0] = fromHex(a);
      params[1] = fromHex(b);
      m.kernels.rhs(0, new Float64Array(5), out, params, ws);
      expect(Object.is(out[0], fromHex(floorDiv)), `${a} // ${b}`).toBe(true);
      expect(Object.is(out[1], fromHex(mod)), `${a} % ${b}`).toBe(true);
      const [x, y] = [params[0] as number, params[1] as number];
      expect(Object.is(out[3], pyMax2(x + 0, y * 1))).toBe(true);
      expect(Object.is(out[4], pySign(x - y) + pyHeaviside(y) * 10)).toBe(true);
    }
    const pow = compiled(
      '[model]\ntype = "map"',
      "[states]\nw = 0.0",
      "[params]\na = 1.0\nb = 1.0",
      '[equations.rhs]\nw = "a ** b"',
    );
    for (const [a, b] of [
      [1, Number.NaN],
      [1, Infinity],
      [-1, -Infinity],
      [-1, Infinity],
      [-8, 1 / 3],
      [0, -1],
      [2, 0.5],
      [Number.NaN, 0],
      [-1, Number.NaN],
    ] as const) {
      const w = new Float64Array(1);
      pow.kernels.rhs(0, w, w.slice(), Float64Array.of(a, b), pow.makeRuntimeWorkspace());
      const result = new Float64Array(1);
      pow.kernels.rhs(0, w, result, Float64Array.of(a, b), pow.makeRuntimeWorkspace());
      expect(Object.is(result[0], pyPow(a, b)), `${a} ** ${b}`).toBe(true);
    }
  });
});
