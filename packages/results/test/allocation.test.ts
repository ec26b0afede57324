import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/commitChild.ts", import.meta.url));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));

interface Trace {
  /** Per measured repetition: scavenges because the 1 MB young generation filled up. */
  readonly garbageScavenges: readonly number[];
  readonly stdout: string;
}

/**
 * Runs one workload in a fresh Node with --trace-gc and a 1 MB young generation, and counts the
 * scavenges inside each BEGIN/END window. Scavenges V8 starts for "external memory pressure" are
 * not counted: those are the buffer growth itself (allocating large ArrayBuffers, whose storage
 * lives outside the JS heap, nudges the GC); every other scavenge means ~1 MB of JS garbage.
 */
function traceRun(which: string): Trace {
  const r = spawnSync(
    process.execPath,
    ["--conditions=@dyn/source", "--import", "tsx", "--trace-gc", "--max-semi-space-size=1", child, which],
    { cwd: pkgDir, encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  const counts: number[] = [];
  let inside = false;
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith(`BEGIN ${which}`)) {
      inside = true;
      counts.push(0);
    } else if (line.startsWith(`END ${which}`)) inside = false;
    else if (inside && line.includes("Scavenge") && !line.includes("external memory pressure")) {
      counts[counts.length - 1]! += 1;
    }
  }
  expect(counts).toHaveLength(3);
  return { garbageScavenges: counts, stdout: r.stdout };
}

// Each repetition stitches 2 × 1e6 rows (t, step, 3 states): one boxed double per row would be
// 32 MB, ≥ 30 scavenges, in every repetition (the code before this test made 34–38). The child
// warms up twice first, so JIT warm-up is excluded and the *worst* repetition must be clean; one
// scavenge of slack covers the per-run objects (staged chunk, segment, published views).
const ALLOWED = 1;

describe("staging and committing allocate nothing per row", { timeout: 60_000 }, () => {
  it("detects a per-row allocation (negative control)", () => {
    expect(Math.min(...traceRun("control").garbageScavenges)).toBeGreaterThanOrEqual(15);
  });

  it("record-major Float64Array chunks as the session hands them over (fresh run + shifted resume)", () => {
    const r = traceRun("session-like");
    expect(r.stdout).toContain("ROWS 1999999");
    expect(r.stdout).toContain("VERIFY ok");
    expect(Math.max(...r.garbageScavenges)).toBeLessThanOrEqual(ALLOWED);
  });

  it("variable-major chunks (contiguous columns)", () => {
    const r = traceRun("variable-major");
    expect(r.stdout).toContain("ROWS 1999999");
    expect(r.stdout).toContain("VERIFY ok");
    expect(Math.max(...r.garbageScavenges)).toBeLessThanOrEqual(ALLOWED);
  });

  it("with 2 × 2e5 logged events (owners remapped, logged t rebased)", () => {
    const r = traceRun("events");
    expect(r.stdout).toContain("EVENTS 400000");
    expect(r.stdout).toContain("VERIFY ok");
    expect(Math.max(...r.garbageScavenges)).toBeLessThanOrEqual(ALLOWED);
  });
});
