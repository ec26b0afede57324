import { pythonFloatRepr } from "@dyn/core";
import type { RunOptions, RunProgress, Sim } from "@dyn/session";
import type { ProgressBar } from "../progress.ts";

/** The bar appears once a run is predicted to take longer than this (ms)… */
const SHOW_AFTER_MS = 1000;
/** …and the prediction is trusted only after this much wall time (ms). */
const TRUST_AFTER_MS = 200;

function short(value: number): string {
  return pythonFloatRepr(Number(value.toPrecision(6)));
}

/**
 * Runs `options` on `sim` and, when `bar` is given, draws it from the session's progress
 * reports once the run is predicted to take more than about a second (short runs never flash a
 * bar). The bar is erased before returning, also when the run throws.
 */
export function runWithProgress(
  sim: Sim,
  options: RunOptions,
  bar: ProgressBar | null,
  showAfterMs = SHOW_AFTER_MS,
): void {
  if (bar === null) {
    sim.run(options);
    return;
  }
  const started = performance.now();
  let showing = false;
  const onProgress = (p: RunProgress) => {
    const elapsed = performance.now() - started;
    if (!showing) {
      const predicted = p.fraction > 0 ? elapsed / p.fraction : Number.POSITIVE_INFINITY;
      showing =
        elapsed >= showAfterMs ||
        (elapsed >= Math.min(TRUST_AFTER_MS, showAfterMs) && predicted > showAfterMs);
      if (!showing) return;
    }
    const where = sim.model.spec.kind === "map" ? `step ${p.steps}` : `t=${short(p.t - sim.timeShift)}`;
    bar.update(p.fraction, `${p.phase === "transient warm-up" ? "warm-up " : ""}${where}`);
  };
  try {
    sim.run({ ...options, onProgress });
  } finally {
    bar.done();
  }
}
