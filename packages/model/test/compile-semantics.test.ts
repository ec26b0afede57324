/** model-dsl.md §8 items 23–27: expression semantics through compiled kernels. */
import { describe, expect, it } from "vitest";
import { compiled, evaluate } from "./helpers/models.ts";

const same = (actual: number, expected: number): void => {
  expect(Object.is(actual, expected), `${actual} vs ${expected}`).toBe(true);
};

describe("item 23: // and %, ** and ^", () => {
  it.each([
    ["-7 // 2", -4],
    ["1 // 0.1", 9],
    ["inf_ // 1", Number.NaN],
    ["-1 // inf_", -1],
    ["-7.5 % 2", 0.5],
    ["7 % -3", -2],
    ["1 % 0.1", 0.09999999999999995],
    ["(-0.0) % 3", 0],
    ["0.0 % -3", -0],
    ["x // 0", Number.NaN],
    ["1 // x", Infinity],
    ["1 % x", Number.NaN],
    ["2^3^2", 512],
    ["-2**2", -4],
    ["2**-1", 0.5],
    ["1 ** math.nan", 1],
    ["1 ** inf_", 1],
    ["(-1) ** inf_", 1],
    ["0 ** -1", Infinity],
    ["(-8) ** (1/3)", Number.NaN],
    ["a ** 2", 1.1 * 1.1],
    ["(a + 1) ** 2", (1.1 + 1) * (1.1 + 1)],
  ])("%s = %s", (text, expected) => {
    same(evaluate(text.replaceAll("inf_", "math.inf"), { a: 1.1 }), expected);
  });
});

describe("item 24: comparisons, and/or/not, NaN truthiness", () => {
  it.each([
    ["1 < 2 < 3", 1],
    ["3 > 2 > 2", 0],
    ["1 < 3 > 2 != 5", 1],
    ["0 or 5", 5],
    ["2 and 0", 0],
    ["2 and 3", 3],
    ["0 and 3", 0],
    ["0.0 or 0.0 or 7", 7],
    ["math.nan and 5", 5],
    ["not math.nan", 0],
    ["not 0", 1],
    ["not -0.0", 1],
    ["1 if math.nan else 2", 1],
    ["1 if -0.0 else 2", 2],
    ["(1 < 2) + (2 < 1) + True", 2],
    ["bool(math.nan) + bool(0)", 1],
    ["a == a", 1],
    ["math.nan == math.nan", 0],
    ["math.nan != math.nan", 1],
  ])("%s = %s", (text, expected) => {
    same(evaluate(text), expected);
  });

  it("an event whose cond evaluates to NaN fires", () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "-x"',
      '[events.nan]\ncond = "x * math.nan"\naction = "x = 5"',
    );
    const y = m.initialState();
    expect(m.kernels.eventsEnd(0, y, m.initialParams(), new Float64Array(1), m.makeRuntimeWorkspace())).toBe(
      0,
    );
    expect(y[0]).toBe(5);
  });
});

describe("item 25: round, int, min, max", () => {
  it.each([
    ["round(2.5)", 2],
    ["round(3.5)", 4],
    ["round(-2.5)", -2],
    ["round(0.125, 2)", 0.12],
    ["round(2.675, 2)", 2.67],
    ["round(math.inf)", Infinity],
    ["int(-2.7)", -2],
    ["int(2.7)", 2],
    ["int(math.nan)", Number.NaN],
    ["float(3)", 3],
    ["min(math.nan, 1)", Number.NaN],
    ["min(1, math.nan)", 1],
    ["max(math.nan, 1)", Number.NaN],
    ["max(1, math.nan, 3, 2)", 3],
    ["min(3, 1, 2)", 1],
    ["abs(-0.0)", 0],
    ["math.floor(-0.5)", -1],
    ["math.ceil(-0.5)", 0],
  ])("%s = %s", (text, expected) => {
    same(evaluate(text), expected);
  });
});

describe("item 26: macros and math functions", () => {
  it.each([
    ["sign(-3)", -1],
    ["sign(math.nan)", 0],
    ["sign(2.5)", 1],
    ["heaviside(0)", 1],
    ["step(-1)", 0],
    ["relu(-2)", 0],
    ["relu(2)", 2],
    ["clip(5, 0, 1)", 1],
    ["clip(-5, 0, 1)", 0],
    ["clip(0.5, 0, 1)", 0.5],
    ["approx(1, 1.05, 0.1)", 1],
    ["approx(1, 1.2, 0.1)", 0],
    ["log(8, 2)", 3],
    ["math.sin(0)", 0],
    ["sin(0)", 0],
    ["copysign(1, -0.0)", -1],
    ["math.hypot(3, 4)", 5],
    ["hypot(1, 2, 2)", 3],
    ["atan2(0, -1)", Math.PI],
    ["math.tau", 2 * Math.PI],
    ["pi + e", Math.PI + Math.E],
    ["sqrt(4) + exp(0) + log10(100) + log2(8) + log1p(0) + expm1(0)", 8],
    ["math.erf(0) + erfc(0)", 1],
    ["in_interval(0.5, 0, 1) + in_interval(2, 0, 1)", 1],
    ["abs(-3) + trunc(-2.5)", 1],
  ])("%s = %s", (text, expected) => {
    same(evaluate(text), expected);
  });
});

describe("item 27: reductions, division by zero, domain errors", () => {
  it.each([
    ["sum(i*i for i in range(10))", 285],
    ["prod((i+1) for i in range(1, 5))", 120],
    ["sum(i for i in range(10) if i % 2 == 0)", 20],
    ["sum(i for i in range(10) if i % 2 == 0 if i > 2)", 18],
    ["sum(i for i in range(0, 10, 0))", Number.NaN],
    ["sum(i for i in range(10, 0, -3))", 22],
    ["sum(i for i in range(2.9))", 1],
    ["sum(i for i in range(math.inf))", Number.NaN],
    ["sum(1 for i in range(5, 2))", 0],
    ["prod(i for i in range(0))", 1],
    ["sum(sum(j for j in range(i)) for i in range(4))", 4],
    ["sum(a * i for i in range(3))", 3],
    ["x / 0", Number.NaN],
    ["a / 0", Infinity],
    ["-a / 0", -Infinity],
    ["sqrt(-1)", Number.NaN],
    ["log(0)", -Infinity],
    ["log(-1)", Number.NaN],
  ])("%s = %s", (text, expected) => {
    same(evaluate(text), expected);
  });
});
