import { describe, expect, it } from "vitest";
import { formatCsvCell, formatCsvNumber } from "../src/internal/csvFormat.ts";

describe("formatCsvCell (RFC 4180 quoting)", () => {
  it("leaves plain text bare", () => {
    expect(formatCsvCell("x_1")).toBe("x_1");
    expect(formatCsvCell("")).toBe("");
  });

  // Each special character on its own, so dropping any one case from the quoting rule fails.
  it.each([
    ["a comma", "a,b", '"a,b"'],
    ["a quote", 'say "hi"', '"say ""hi"""'],
    ["a line feed", "a\nb", '"a\nb"'],
    ["a carriage return", "a\rb", '"a\rb"'],
    ["a lone carriage return", "\r", '"\r"'],
  ])("quotes a cell holding %s", (_what, text, quoted) => {
    expect(formatCsvCell(text)).toBe(quoted);
  });
});

describe("formatCsvNumber", () => {
  it("keeps the sign of zero", () => {
    expect(formatCsvNumber(-0)).toBe("-0");
    expect(formatCsvNumber(0)).toBe("0");
  });
});
