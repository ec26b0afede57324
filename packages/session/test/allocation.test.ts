import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/allocChild.ts", import.meta.url));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs one workload in a fresh Node with --trace-gc and a 1 MB young generation. */
function traceRun(
  which: string,
  extraFlags: readonly string[] = [],
): { scavenges: number; worstGarbage: number; stdout: string } {
  const r = spawnSync(
    process.execPath,
    [
      "--conditions=@dyn/source",
      "--import",
      "tsx",
      "--trace-gc",
      "--max-semi-space-size=1",
      ...extraFlags,
      child,
      which,
    ],
    { cwd: pkgDir, encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  // Scavenges inside each BEGIN/END window; the quietest of the three repetitions counts (a
  // per-step allocation shows in every one of them, JIT warm-up only in the first).
  // `garbage` leaves out the scavenges V8 starts for "external memory pressure": those come from
  // allocating large ArrayBuffers (growing record buffers), not from JS garbage.
  const counts: number[] = [];
  const garbage: number[] = [];
  let inside = false;
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith(`BEGIN ${which}`)) {
      inside = true;
      counts.push(0);
      garbage.push(0);
    } else if (line.startsWith(`END ${which}`)) inside = false;
    else if (inside && line.includes("Scavenge")) {
      counts[counts.length - 1]! += 1;
      if (!line.includes("external memory pressure")) garbage[garbage.length - 1]! += 1;
    }
  }
  expect(counts).toHaveLength(3);
  return { scavenges: Math.min(...counts), worstGarbage: Math.max(...garbage), stdout: r.stdout };
}

// A boxed double per step is 16 bytes: over 1e6 steps that is ≥ 15 scavenges of a 1 MB young
// generation, in every repetition. A handful is allowed for the one-off work of a run.
const ALLOWED = 4;

describe("the hot loop allocates nothing per step", () => {
  it("detects a loop that allocates (negative control)", () => {
    expect(traceRun("control").scavenges).toBeGreaterThanOrEqual(15);
  });

  it("1e6-step Lorenz rk4 recording every step (buffers grown by doubling)", () => {
    const r = traceRun("lorenz-recorded");
    expect(r.stdout).toContain("ROWS 1000001");
    expect(r.scavenges).toBeLessThanOrEqual(ALLOWED);
  });

  it("1e6-step Lorenz rk4 through Sim.run", () => {
    const r = traceRun("lorenz-sim");
    expect(r.stdout).toContain("STEPS 1000000");
    expect(r.scavenges).toBeLessThanOrEqual(ALLOWED);
  });

  it("…whatever order V8 optimises the step and the loop in (synchronous compilation)", () => {
    // With concurrent compilation either the loop or the step may be optimised first; compiling
    // synchronously makes the step win deterministically, which used to defeat inlining.
    const r = traceRun("lorenz-sim", ["--no-concurrent-recompilation"]);
    expect(r.stdout).toContain("STEPS 1000000");
    expect(r.scavenges).toBeLessThanOrEqual(ALLOWED);
  });

  it("1e6-step Lorenz rk4 through Sim.run recording every step, stitching into @dyn/results included", () => {
    // Allocation here used to come and go between repetitions (20–28 scavenges, then 0, as the
    // results copy loops deoptimised and re-optimised), so the worst repetition is what counts.
    const r = traceRun("lorenz-sim-recorded");
    expect(r.stdout).toContain("ROWS 1000001");
    expect(r.worstGarbage).toBeLessThanOrEqual(ALLOWED);
  });

  it("1e7-iteration logistic map through Sim.run", () => {
    const r = traceRun("logistic");
    expect(r.stdout).toContain("STEPS 10000000");
    expect(r.scavenges).toBeLessThanOrEqual(ALLOWED);
  });
});
