/**
 * `pnpm bench [--quick] [filter[,filter…]]`: warms the model zoo, runs every workload in
 * bench/*.bench.ts, prints a table of medians and ratios, and writes bench/results/latest.json
 * and (complete runs only: full, unfiltered) docs/benchmarks.md with the machine's details. Ratios only; nothing here fails on absolute time.
 * A workload whose hand-written loop is not bit-identical to dyn fails (exit code 1), since its
 * ratio would not be honest; a dyn feature that does not exist yet is reported as a gap.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { bundleSizeLine } from "./bundleSize.ts";
import { loadDyn } from "./dyn.ts";
import { type RatioResult, runWorkload, type Workload, type WorkloadResult } from "./harness.ts";
import { warmModelZoo } from "./zoo.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
// `pnpm bench A-rec,B`: the workloads whose id contains any of the comma-separated parts.
const filters = args.find((a) => !a.startsWith("--"))?.split(",");
const startedAt = Date.now();

// A full garbage collection between workloads, so that one workload's garbage (A-rec's 10⁶-row
// recordings) is not collected during the next one's timing.
let collectGarbage: () => void = () => {};
try {
  setFlagsFromString("--expose-gc");
  collectGarbage = runInNewContext("gc") as () => void;
} catch {
  // Without an exposed gc the suite still runs; it only loses this isolation between workloads.
}

const dyn = await loadDyn();
let zooLine: string;
if (typeof dyn === "string") {
  zooLine = `model zoo not warmed: ${dyn}`;
} else {
  const zoo = warmModelZoo(dyn);
  zooLine = `model zoo warmed before timing: ${zoo.ran.length} models (${zoo.ran.join(", ")})${zoo.failed.length > 0 ? `; failed: ${zoo.failed.join("; ")}` : ""}`;
}
console.log(zooLine);
// Cheap (two esbuild bundles, well under a second): not a timed workload, so it never skews one.
const bundleLine = await bundleSizeLine().catch(
  (error: unknown) => `browser bundles: not measured (${String(error)})`,
);
console.log(bundleLine);

// The order of performance.md's tables; files not listed here run after them, alphabetically.
const ORDER = [
  "lorenz-rk4",
  "lorenz-dopri5",
  "izhikevich",
  "logistic",
  "sweep",
  "model-build",
  "snapshot",
  "first-call",
];
const rank = (f: string) => {
  const i = ORDER.indexOf(f.replace(/\.bench\.ts$/, ""));
  return i < 0 ? ORDER.length : i;
};
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
const results: WorkloadResult[] = [];
const failures: { id: string; error: string }[] = [];
for (const file of files) {
  let list: Workload[];
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as {
      workloads: (quick: boolean) => Workload[] | Promise<Workload[]>;
    };
    list = await mod.workloads(quick);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    failures.push({ id: file, error: `cannot load: ${text}` });
    console.log(`\n${file}\n  FAILED to load: ${text}`);
    continue;
  }
  for (const workload of list) {
    if (filters !== undefined && !filters.some((f) => workload.id.includes(f))) continue;
    collectGarbage();
    try {
      const result = await runWorkload(workload, quick ? 7 : 21, quick ? 150 : 400);
      results.push(result);
      printResult(result);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      failures.push({ id: workload.id, error: text });
      console.log(`\n${workload.id}  ${workload.title}\n  FAILED: ${text}`);
    }
  }
}

const machine = {
  node: process.version,
  v8: process.versions.v8,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  date: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  seconds: Math.round((Date.now() - startedAt) / 1000),
  zoo: zooLine,
  bundles: bundleLine,
};
printSummary(results);
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(
  join(here, "results", "latest.json"),
  `${JSON.stringify({ machine, results, failures }, null, 2)}\n`,
);
// docs/benchmarks.md shows complete runs only; quick or filtered runs update the JSON alone.
const complete = !quick && filters === undefined;
if (complete) writeFileSync(join(here, "..", "docs", "benchmarks.md"), renderMarkdown(machine, results));
console.log(
  `\n${machine.mode} run: ${machine.seconds} s; load average ${machine.loadAverage.join(" ")}; wrote bench/results/latest.json${complete ? " and docs/benchmarks.md" : ""}`,
);
if (failures.length > 0) {
  console.log(`FAILED workloads: ${failures.map((f) => f.id).join(", ")}`);
  process.exitCode = 1;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3)) : "n/a";
}

function targetText(q: RatioResult): string {
  if (q.target === undefined) return "";
  return q.direction === "atLeast" ? `≥ ${q.target}` : `≤ ${q.target}`;
}

function verdict(met: boolean | null, unavailable: string | undefined): string {
  if (unavailable !== undefined) return "GAP";
  return met === null ? "" : met ? "met" : "MISSED";
}

function printResult(r: WorkloadResult): void {
  console.log(`\n${r.id}  ${r.title}`);
  for (const c of r.cases) {
    if (c.unavailable !== undefined) console.log(`  ${c.label.padEnd(36)} unavailable: ${c.unavailable}`);
    else
      console.log(
        `  ${c.label.padEnd(36)} ${fmt(c.perUnit).padStart(10)} ${r.unit}   (median of ${c.rounds})`,
      );
  }
  for (const q of r.ratios) {
    const name = `${q.of} ÷ ${q.over}${q.note === undefined ? "" : ` (${q.note})`}`;
    const t = targetText(q);
    console.log(
      `  ${name.padEnd(60)} ${fmt(q.value).padStart(8)}${t === "" ? "" : `  target ${t} ${verdict(q.met, q.unavailable)}`}`,
    );
  }
  for (const b of r.bounds)
    console.log(`  ${b.label} < ${b.maxMs} ms: ${fmt(b.medianMs)} ms ${verdict(b.met, b.unavailable)}`);
  for (const n of r.notes) console.log(`  note: ${n}`);
}

function printSummary(rs: WorkloadResult[]): void {
  console.log("\nSummary (targets of performance.md)");
  for (const r of rs) {
    for (const q of r.ratios) {
      if (q.target === undefined) continue;
      console.log(
        `  ${r.id.padEnd(12)} ${`${q.of} ÷ ${q.over}`.padEnd(60)} ${fmt(q.value).padStart(8)}  ${targetText(q).padEnd(7)} ${verdict(q.met, q.unavailable)}`,
      );
    }
    for (const b of r.bounds) {
      console.log(
        `  ${r.id.padEnd(12)} ${b.label.padEnd(60)} ${`${fmt(b.medianMs)} ms`.padStart(8)}  < ${b.maxMs} ms ${verdict(b.met, b.unavailable)}`,
      );
    }
  }
}

function renderMarkdown(m: typeof machine, rs: WorkloadResult[]): string {
  const mark = (met: boolean | null, unavailable: string | undefined) =>
    unavailable !== undefined ? "gap" : met === null ? "" : met ? "✓" : "✗";
  const lines = [
    "# Benchmarks",
    "",
    "Generated by `pnpm bench` (see `bench/README.md` and [performance](performance.md)). Medians of",
    "interleaved rounds in one process; targets are ratios from the performance targets, so machine",
    "speed cancels out. The machine is shared: expect run-to-run noise of 10–30 %.",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}); ${m.mode} run on ${m.date}`,
    `(${m.seconds} s, load average at the end ${m.loadAverage.join(" ")}). ${m.zoo}.`,
    `${m.bundles}.`,
    "",
    "## Ratios against targets",
    "",
    "| workload | ratio | value | target | |",
    "|---|---|---|---|---|",
  ];
  for (const r of rs) {
    for (const q of r.ratios) {
      if (q.target === undefined) continue;
      lines.push(
        `| ${r.id} | ${q.of} ÷ ${q.over} | ${fmt(q.value)} | ${targetText(q)} | ${mark(q.met, q.unavailable)} |`,
      );
    }
    for (const b of r.bounds)
      lines.push(
        `| ${r.id} | ${b.label} | ${fmt(b.medianMs)} ms | < ${b.maxMs} ms | ${mark(b.met, b.unavailable)} |`,
      );
  }
  lines.push(
    "",
    "## All cases",
    "",
    "| workload | case | median | ratio | target |",
    "|---|---|---|---|---|",
  );
  for (const r of rs) {
    for (const c of r.cases) {
      const value =
        c.unavailable === undefined ? `${fmt(c.perUnit)} ${r.unit}` : `unavailable: ${c.unavailable}`;
      lines.push(`| ${r.id} ${r.title} | ${c.label} | ${value} | | |`);
    }
    for (const q of r.ratios) {
      const name = `${q.of} ÷ ${q.over}${q.note === undefined ? "" : ` (${q.note})`}`;
      lines.push(
        `| ${r.id} | ${name} | | ${fmt(q.value)} | ${targetText(q)} ${mark(q.met, q.unavailable)} |`,
      );
    }
    for (const n of r.notes) lines.push(`| ${r.id} | note: ${n} | | | |`);
  }
  if (failures.length > 0) {
    lines.push("", "## Failed workloads", "");
    for (const f of failures) lines.push(`- ${f.id}: ${f.error}`);
  }
  return `${lines.join("\n")}\n`;
}
