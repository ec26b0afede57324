import { describe, expect, it } from "vitest";
import { renderSvgPlot, SEGMENT_COLORS } from "../src/index.ts";
import { niceTicks, tickLabel } from "../src/plot/ticks.ts";

describe("niceTicks", () => {
  it("picks 1-2-5 steps inside the range", () => {
    expect(niceTicks(0, 250, 6).ticks).toEqual([0, 50, 100, 150, 200, 250]);
    expect(niceTicks(-0.3, 0.7, 5).ticks).toEqual([-0.2, 0, 0.2, 0.4, 0.6]);
    expect(niceTicks(-76, 31, 6).ticks).toEqual([-60, -40, -20, 0, 20]);
  });
  it("widens a degenerate range instead of dividing by zero", () => {
    const t = niceTicks(5, 5);
    expect(t.lo).toBeLessThan(5);
    expect(t.hi).toBeGreaterThan(5);
    expect(t.ticks).toContain(5);
  });
  it("labels without float noise", () => {
    expect(tickLabel(0.30000000000000004)).toBe("0.3");
    expect(tickLabel(-0)).toBe("0");
    expect(tickLabel(250)).toBe("250");
  });
});

describe("renderSvgPlot", () => {
  it("keeps a one-sample spike visible and the file small for a million points", () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i / n;
      y[i] = Math.sin(20 * x[i]!);
    }
    y[654_321] = 40; // a spike one sample wide
    const svg = renderSvgPlot({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "s", x, y }] });
    expect(svg.length).toBeLessThan(100_000);
    const points = (svg.match(/points="([^"]*)"/)?.[1] ?? "").split(" ").map((p) => p.split(",").map(Number));
    const top = Math.min(...points.map((p) => p[1] as number));
    // The y range is [-1, 40] padded by 4% (1.64): y = 40 sits 1.64/44.28 of the 380-px plot
    // height below its top edge at 44 px. Without min/max decimation the spike would be lost.
    expect(top).toBeCloseTo(44 + 380 * (1.64 / 44.28), 1);
  });
  it("colours series in palette order, escapes text and skips non-finite values", () => {
    const svg = renderSvgPlot({
      title: "a < b & c",
      xLabel: "t",
      yLabel: "v",
      series: [
        { name: "one", x: [0, 1, 2], y: [0, Number.NaN, 2] },
        { name: "two", x: [0, 1], y: [1, 1] },
      ],
    });
    expect(svg).toContain("a &#60; b &#38; c");
    expect(svg).toContain(`stroke="${SEGMENT_COLORS[0]}"`);
    expect(svg).toContain(`stroke="${SEGMENT_COLORS[1]}"`);
    expect(svg).not.toContain("NaN");
  });
});
