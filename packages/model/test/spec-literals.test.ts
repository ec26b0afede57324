import { describe, expect, it } from "vitest";
import { ModelLoadError, modelFromObject } from "../src/index.ts";

/** Evaluates a literal string through [params] (model-dsl.md §2.2). */
const lit = (text: string) =>
  modelFromObject({
    model: { type: "map" },
    states: { x: 1.0 },
    params: { p: text },
    equations: { rhs: { x: "x" } },
  }).paramVals[0];

describe("literal expressions follow Python on exact values (§2.2)", () => {
  it("int arithmetic stays int, except / and negative **", () => {
    expect(lit("2 + 3 * 4")).toBe(14n);
    expect(lit("-7 // 2")).toBe(-4n);
    expect(lit("7 // -2")).toBe(-4n);
    expect(lit("-7 % 2")).toBe(1n);
    expect(lit("7 % -3")).toBe(-2n);
    expect(lit("6 / 3")).toBe(2);
    expect(typeof lit("6 / 3")).toBe("number");
    expect(lit("2 ** -2")).toBe(0.25);
    expect(lit("-2**2")).toBe(-4n);
    expect(lit("2^3^2")).toBe(512n);
    expect(lit("(-2)**3")).toBe(-8n);
  });
  it("float floor division and modulo are CPython's", () => {
    expect(lit("-7.5 // 2")).toBe(-4);
    expect(lit("1 // 0.1")).toBe(9);
    expect(lit("1 % 0.1")).toBe(0.09999999999999995);
    expect(lit("-7.5 % 2")).toBe(0.5);
    expect(Object.is(lit("0.0 % -3"), -0)).toBe(true);
    expect(Object.is(lit("(-0.0) % 3"), 0)).toBe(true);
    expect(Object.is(lit("-0.0"), -0)).toBe(true);
  });
  it("int / int is correctly rounded beyond 2**53", () => {
    // exact quotient 384307168202282325.67; doubles there are 64 apart
    expect(lit("(2**60 + 1) / 3")).toBe(6004799503160661 * 64);
    expect(lit("(2**80 + 2**27 + 1) / 2**27")).toBe(2 ** 53 + 2);
    expect(lit("10**30 / 10**29")).toBe(10);
    expect(lit("1 / 3")).toBe(1 / 3);
  });
  it("bools act as ints inside arithmetic but not as results", () => {
    expect(lit("True + 1")).toBe(2n);
    expect(() => lit("False")).toThrow(ModelLoadError);
  });
  it("int to float overflow and huge ints are errors, not hangs", () => {
    expect(() => lit("10**400 * 1.0")).toThrow(/overflows a float/);
    expect(() => lit("10**400 / 3")).toThrow(/overflows a float/);
    expect(() => lit("9**9**9")).toThrow(/too large/);
    expect(lit("1 ** 10**100")).toBe(1n);
  });
});
