import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/allocChild.ts", import.meta.url));
const pkgDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs one workload in a fresh Node with --trace-gc and a 1 MB young generation; returns the
 * scavenges of each of the three measured repetitions and the child's output.
 */
function traceRun(which: string): { scavenges: number[]; stdout: string } {
  const r = spawnSync(
    process.execPath,
    [
      "--conditions=@dyn/source",
      "--import",
      "tsx",
      "--trace-gc",
      "--max-semi-space-size=1",
      child,
      which,
      String(STEPS),
    ],
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
    else if (inside && line.includes("Scavenge")) counts[counts.length - 1]! += 1;
  }
  expect(counts).toHaveLength(3);
  return { scavenges: counts, stdout: r.stdout };
}

// Warm steps per measured repetition. Before the Newton machinery moved into one shared module,
// every implicit step allocated ~300 bytes (nested helper closures, boxed doubles): 55–63
// scavenges per repetition here. 16 bytes per step (the control) is 3.
const STEPS = 200_000;
// Every repetition must stay at or below this: a couple for whatever V8 does on its own.
const ALLOWED = 2;

describe("the implicit built-in steppers allocate nothing per step (Van der Pol, μ = 1000)", () => {
  it("detects a loop that boxes one double (16 bytes) per step (negative control)", () => {
    // 200k × 16 bytes fill the 1 MB young generation three times: one more than ALLOWED.
    expect(Math.min(...traceRun("control").scavenges)).toBeGreaterThan(ALLOWED);
  });

  it.each(["bdf2", "sdirk2", "bdf2a", "tr-bdf2a", "bdf2+jac", "sdirk2+jac", "bdf2a+jac", "tr-bdf2a+jac"])(
    "%s (+jac: the model Jacobian instead of finite differences)",
    (which) => {
      const r = traceRun(which);
      expect(r.stdout).toContain(`STEPS ${4 * STEPS}`);
      // The counter field is int64 and counts every accepted step (warm-up included).
      if (!which.startsWith("sdirk2")) expect(r.stdout).toContain(`STEP_INDEX ${4 * STEPS}`);
      expect(
        Math.max(...r.scavenges),
        `scavenges per repetition: ${r.scavenges.join(", ")}`,
      ).toBeLessThanOrEqual(ALLOWED);
    },
  );
});
