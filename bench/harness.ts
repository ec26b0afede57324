/**
 * The benchmark harness: every workload runs its cases (ours, a hand-written loop, a peer)
 * interleaved in one process, round after round, and reports medians, so machine noise hits all
 * cases alike and ratios stay honest. Absolute times are reported, never gated on.
 */
import { performance } from "node:perf_hooks";

export interface BenchCase {
  /** Short label, e.g. "dyn Sim.run", "hand-written", "odex". */
  readonly label: string;
  /** Runs one measured unit of work and returns a value that is kept, so nothing is optimised away. */
  readonly run: () => unknown;
}

export interface BenchRatio {
  /** Label of the numerator case. */
  readonly of: string;
  /** Label of the denominator case. */
  readonly over: string;
  /** The target from performance.md (ours ÷ theirs must be ≤ target), if any. */
  readonly target?: number;
}

export interface Workload {
  readonly id: string;
  readonly title: string;
  /** Unit the median is reported in, per run() call. */
  readonly unit: "ms" | "ns/step";
  /** Work units per run() (steps), used to turn ms into ns/step. */
  readonly unitsPerRun?: number;
  readonly cases: readonly BenchCase[];
  readonly ratios: readonly BenchRatio[];
  /** Absolute bounds (performance.md milliseconds rows): label → max ms per run. */
  readonly bounds?: Readonly<Record<string, number>>;
  /** Called once before timing: warm-up, equality checks between cases. */
  readonly prepare?: () => void;
}

export interface CaseResult {
  readonly label: string;
  readonly medianMs: number;
  readonly perUnit: number;
  readonly rounds: number;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly unit: Workload["unit"];
  readonly cases: readonly CaseResult[];
  readonly ratios: ReadonlyArray<BenchRatio & { readonly value: number; readonly met: boolean | null }>;
  readonly bounds: ReadonlyArray<{ readonly label: string; readonly maxMs: number; readonly medianMs: number; readonly met: boolean }>;
}

let sink: unknown;

/** Keeps a value alive so the work producing it cannot be optimised away. */
export function keep(value: unknown): void {
  sink = value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs a workload: `rounds` interleaved rounds of every case, medians and ratios. */
export function runWorkload(workload: Workload, rounds: number): WorkloadResult {
  workload.prepare?.();
  const samples = new Map<string, number[]>(workload.cases.map((c) => [c.label, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate the order every round so no case always runs first on a warm cache.
    const order = round % 2 === 0 ? workload.cases : [...workload.cases].reverse();
    for (const benchCase of order) {
      const start = performance.now();
      keep(benchCase.run());
      samples.get(benchCase.label)?.push(performance.now() - start);
    }
  }
  const units = workload.unitsPerRun ?? 1;
  const cases = workload.cases.map((c) => {
    const medianMs = median(samples.get(c.label) ?? []);
    return { label: c.label, medianMs, perUnit: workload.unit === "ns/step" ? (medianMs * 1e6) / units : medianMs, rounds };
  });
  const byLabel = new Map(cases.map((c) => [c.label, c]));
  const ratios = workload.ratios.map((r) => {
    const value = (byLabel.get(r.of)?.medianMs ?? Number.NaN) / (byLabel.get(r.over)?.medianMs ?? Number.NaN);
    return { ...r, value, met: r.target === undefined ? null : value <= r.target };
  });
  const bounds = Object.entries(workload.bounds ?? {}).map(([label, maxMs]) => {
    const medianMs = byLabel.get(label)?.medianMs ?? Number.NaN;
    return { label, maxMs, medianMs, met: medianMs <= maxMs };
  });
  keep(sink);
  return { id: workload.id, title: workload.title, unit: workload.unit, cases, ratios, bounds };
}
