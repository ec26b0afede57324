/**
 * The benchmark harness: every workload runs its cases (ours, a hand-written loop, a peer)
 * interleaved in one process, round after round, and reports medians, so machine noise hits all
 * cases alike and ratios stay honest. Absolute times are reported, never gated on.
 *
 * A case that cannot run yet (a missing dyn feature) is reported as unavailable with its reason,
 * and so is every ratio that needs it: a gap is visible in the table, it never fails the suite.
 */
import { performance } from "node:perf_hooks";

export interface BenchCase {
  /** Short label, e.g. "dyn Sim.run", "hand-written", "odex". */
  readonly label: string;
  /**
   * Runs one measured unit of work and returns a value that is kept, so nothing is optimised
   * away. A returned promise is awaited inside the timed region (worker pools).
   */
  readonly run: () => unknown;
  /** Untimed work before every timed run (e.g. compiling a fresh model for a first-call timing). */
  readonly setup?: () => unknown;
  /** Set when the case cannot run at all; the reason is reported in its place. */
  readonly unavailable?: string;
}

export interface BenchRatio {
  /** Label of the numerator case. */
  readonly of: string;
  /** Label of the denominator case. */
  readonly over: string;
  /** The target from performance.md, if any. */
  readonly target?: number;
  /** `"atMost"` (default): ratio ≤ target; `"atLeast"`: ratio ≥ target (speed-ups). */
  readonly direction?: "atMost" | "atLeast";
  /** What the ratio means when the label pair does not say it (e.g. "speed-up"). */
  readonly note?: string;
}

/** Passed to `prepare`: lets a workload mark a case unavailable after trying it once. */
export interface PrepareContext {
  unavailable(label: string, reason: string): void;
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
  /** Rounds override (heavy workloads); the runner's default otherwise. */
  readonly rounds?: number;
  /**
   * Called once before timing: warm-up, equality checks between cases (throw when a hand-written
   * loop is not bit-identical to dyn: the workload then fails instead of reporting a ratio).
   */
  readonly prepare?: (context: PrepareContext) => unknown;
  /** Called once after timing (closing worker pools). */
  readonly teardown?: () => unknown;
  /** Free-form facts worth printing with the result (step counts, evaluations). */
  readonly notes?: () => readonly string[];
}

export interface CaseResult {
  readonly label: string;
  readonly medianMs: number;
  readonly perUnit: number;
  readonly rounds: number;
  readonly unavailable?: string;
}

export interface RatioResult extends BenchRatio {
  readonly value: number;
  /** null: no target, or a side unavailable. */
  readonly met: boolean | null;
  readonly unavailable?: string;
}

export interface BoundResult {
  readonly label: string;
  readonly maxMs: number;
  readonly medianMs: number;
  readonly met: boolean | null;
  readonly unavailable?: string;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly unit: Workload["unit"];
  readonly cases: readonly CaseResult[];
  readonly ratios: readonly RatioResult[];
  readonly bounds: readonly BoundResult[];
  readonly notes: readonly string[];
}

let sink: unknown;

/** Keeps a value alive so the work producing it cannot be optimised away. */
export function keep(value: unknown): void {
  sink = value;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}

/** One timed run of a case (its untimed setup first); returns the elapsed milliseconds. */
async function runOnce(benchCase: BenchCase): Promise<number> {
  if (benchCase.setup !== undefined) {
    const prepared = benchCase.setup();
    if (isThenable(prepared)) await prepared;
  }
  const start = performance.now();
  let value = benchCase.run();
  if (isThenable(value)) value = await value;
  const elapsed = performance.now() - start;
  keep(value);
  return elapsed;
}

/**
 * Runs a workload: a warm-up of every available case, then `rounds` interleaved rounds of them,
 * medians and ratios.
 */
export async function runWorkload(
  workload: Workload,
  defaultRounds: number,
  warmupMs: number,
): Promise<WorkloadResult> {
  const rounds = workload.rounds ?? defaultRounds;
  const gaps = new Map<string, string>();
  for (const c of workload.cases) if (c.unavailable !== undefined) gaps.set(c.label, c.unavailable);
  try {
    await workload.prepare?.({ unavailable: (label, reason) => gaps.set(label, reason) });
    const live = workload.cases.filter((c) => !gaps.has(c.label));
    // Warm-up: every case runs until it has had `warmupMs` of work (at least twice), so that
    // background (concurrent) optimisation has finished on a busy machine before timing starts.
    for (const benchCase of live) {
      const until = performance.now() + warmupMs;
      for (let i = 0; i < 2 || performance.now() < until; i++) await runOnce(benchCase);
    }
    const samples = new Map<string, number[]>(live.map((c) => [c.label, []]));
    for (let round = 0; round < rounds; round++) {
      // Alternate the order every round so no case always runs first on a warm cache.
      const order = round % 2 === 0 ? live : [...live].reverse();
      for (const benchCase of order) {
        samples.get(benchCase.label)?.push(await runOnce(benchCase));
      }
    }
    const units = workload.unitsPerRun ?? 1;
    const cases: CaseResult[] = workload.cases.map((c) => {
      const reason = gaps.get(c.label);
      const medianMs = median(samples.get(c.label) ?? []);
      const perUnit = workload.unit === "ns/step" ? (medianMs * 1e6) / units : medianMs;
      return reason === undefined
        ? { label: c.label, medianMs, perUnit, rounds }
        : { label: c.label, medianMs, perUnit, rounds: 0, unavailable: reason };
    });
    const byLabel = new Map(cases.map((c) => [c.label, c]));
    const ratios = workload.ratios.map((r): RatioResult => {
      const reason = gaps.get(r.of) ?? gaps.get(r.over);
      const value =
        (byLabel.get(r.of)?.medianMs ?? Number.NaN) / (byLabel.get(r.over)?.medianMs ?? Number.NaN);
      if (reason !== undefined) return { ...r, value: Number.NaN, met: null, unavailable: reason };
      const met =
        r.target === undefined ? null : r.direction === "atLeast" ? value >= r.target : value <= r.target;
      return { ...r, value, met };
    });
    const bounds = Object.entries(workload.bounds ?? {}).map(([label, maxMs]): BoundResult => {
      const reason = gaps.get(label);
      const medianMs = byLabel.get(label)?.medianMs ?? Number.NaN;
      return reason === undefined
        ? { label, maxMs, medianMs, met: medianMs <= maxMs }
        : { label, maxMs, medianMs, met: null, unavailable: reason };
    });
    keep(sink);
    return {
      id: workload.id,
      title: workload.title,
      unit: workload.unit,
      cases,
      ratios,
      bounds,
      notes: workload.notes?.() ?? [],
    };
  } finally {
    await workload.teardown?.();
  }
}
