/** model-dsl.md §8 item 30: warm kernels allocate nothing (child process with --trace-gc). */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** GC trace lines printed between `BEGIN label` and `END label`, per label. */
function gcLinesPerLabel(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  let current: string | undefined;
  for (const line of output.split("\n")) {
    if (line.startsWith("BEGIN ")) {
      current = line.slice(6);
      counts.set(current, 0);
    } else if (line.startsWith("END ")) {
      current = undefined;
    } else if (current !== undefined && /Scavenge|Mark-Compact|Mark-sweep/.test(line)) {
      counts.set(current, (counts.get(current) ?? 0) + 1);
    }
  }
  return counts;
}

describe("item 30: allocation-free warm kernels", () => {
  it("two million warm rhs / eventsEnd / updateAux calls allocate nothing (no garbage collection beyond V8 re-tiering)", () => {
    const probe = fileURLToPath(new URL("./fixtures/alloc-probe.ts", import.meta.url));
    const result = spawnSync(
      process.execPath,
      [
        "--trace-gc",
        "--max-semi-space-size=1",
        "--allow-natives-syntax",
        "--expose-gc",
        "--conditions=@dyn/source",
        "--import",
        "tsx",
        probe,
      ],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8", timeout: 120_000 },
    );
    expect(result.stderr ?? "").not.toMatch(/Error/);
    expect(result.stdout).toContain("DONE ok");
    const counts = gcLinesPerLabel(result.stdout);
    // The control loop allocates 2e6 small arrays (~160 scavenges of the 1 MB young
    // generation): the probe must see it. A kernel allocating even one 16-byte heap number per
    // call would cause ~30. A few scavenges can come from V8 itself when it re-tiers the probe's
    // loop (deoptimisation materialises boxed values), so up to 5 are tolerated.
    expect(counts.get("control") ?? 0).toBeGreaterThan(40);
    expect(counts.get("lorenz.rhs")).toBeLessThanOrEqual(5);
    expect(counts.get("izhikevich.eventsEnd")).toBeLessThanOrEqual(5);
    expect(counts.get("rich.rhs+updateAux+eventsEnd+advance")).toBeLessThanOrEqual(5);
  }, 120_000);
});
