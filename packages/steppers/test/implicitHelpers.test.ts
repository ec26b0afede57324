import { describe, expect, it } from "vitest";
import { getStepper, specializeStep } from "../src/index.ts";

// The implicit built-ins carry identical nested Newton helpers so each step is self-contained.
describe("implicit steppers' nested Newton helpers", () => {
  const names = ["bdf2", "sdirk2", "bdf2a", "tr-bdf2a"];
  const helperText = (name: string): string => {
    const src = getStepper(name).step.toString();
    const start = src.indexOf("function buildIterationMatrix");
    expect(start).toBeGreaterThan(0);
    return src.slice(start, src.lastIndexOf("}"));
  };
  it("are textually identical in every implicit stepper", () => {
    const reference = helperText("bdf2");
    for (const name of names) expect(helperText(name)).toBe(reference);
  });
  it("let specializeStep recompile every implicit stepper", () => {
    for (const name of names) expect(specializeStep(getStepper(name), "m")).not.toBe(getStepper(name).step);
  });
});
