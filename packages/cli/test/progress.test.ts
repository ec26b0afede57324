import { setup } from "@dyn/session";
import { describe, expect, it } from "vitest";
import { ProgressBar, runCli } from "../src/index.ts";
import { runWithProgress } from "../src/internal/progressRun.ts";
import { runWith } from "./helpers.ts";

function sink(isTTY: boolean) {
  const out = { text: "", isTTY, write: (s: string) => (out.text += s) };
  return out;
}

describe("progress", () => {
  it("draws a bar in place and erases it", () => {
    const s = sink(true);
    const bar = new ProgressBar(s, "dyn run");
    bar.update(0.25, "t=2.5");
    bar.update(0.251, "t=2.51"); // same percent: not redrawn
    bar.update(1, "t=10.0");
    bar.done();
    expect(s.text.match(/\r/g)?.length).toBe(3);
    expect(s.text).toContain(" 25%  t=2.5");
    expect(s.text).toContain("100%");
    expect(s.text.endsWith("\r\u001b[K")).toBe(true);
  });

  it("a run shown with a bar is the same run: one segment, identical results", () => {
    const s = sink(true);
    const sim = setup("builtin://ode/lorenz", { stepper: "rk4" });
    runWithProgress(sim, { T: 50, dt: 0.001, transient: 5 }, new ProgressBar(s, "dyn run"), 0);
    expect(s.text).toContain("100%");
    expect(s.text).toContain("warm-up t=");
    expect(s.text).toMatch(/t=50\.0/);
    expect(s.text.endsWith("\r\u001b[K")).toBe(true);
    expect(sim.segments().length).toBe(1);
    const whole = setup("builtin://ode/lorenz", { stepper: "rk4" });
    whole.run({ T: 50, dt: 0.001, transient: 5 });
    expect(sim.results().get("x")).toEqual(whole.results().get("x"));
    expect(sim.stateVector()).toEqual(whole.stateVector());
  });

  it("maps report steps; adaptive steppers report too", () => {
    const map = sink(true);
    runWithProgress(setup("builtin://map/logistic"), { N: 200_000 }, new ProgressBar(map, "dyn run"), 0);
    expect(map.text).toContain("step 200000");
    const adaptive = sink(true);
    runWithProgress(
      setup("builtin://ode/lorenz", { stepper: "rk45" }),
      { T: 200 },
      new ProgressBar(adaptive, "x"),
      0,
    );
    expect(adaptive.text).toContain("100%");
  });

  it("short runs and non-TTY stderr show no bar; the bar is erased when a run throws", async () => {
    const s = sink(true);
    runWithProgress(setup("builtin://ode/lorenz"), { T: 1 }, new ProgressBar(s, "x"));
    expect(s.text).toBe("");
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "1"]);
    expect(run.stderr).toBe(""); // the helper's stderr is not a TTY
    const failing = sink(true);
    const sim = setup("builtin://ode/lorenz");
    expect(() =>
      runWithProgress(
        sim,
        { T: 1000, dt: 0.001, maxSteps: 10_000_000, signal: { aborted: true } },
        new ProgressBar(failing, "x"),
        0,
      ),
    ).toThrow(/cancelled/);
  });
});
