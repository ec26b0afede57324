import { pythonFloatRepr } from "@dyn/core";
import type { Sim } from "@dyn/session";

/** Formats a float compactly for a terminal: 6 significant digits, Python-style repr. */
export function short(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return pythonFloatRepr(value);
  return pythonFloatRepr(Number(value.toPrecision(6)));
}

/** Wall time in ms or s, three significant digits. */
export function formatWall(ms: number): string {
  return ms < 1000 ? `${ms.toPrecision(3)} ms` : `${(ms / 1000).toPrecision(3)} s`;
}

/**
 * The one-screen summary printed after `dyn run` (and `dyn main`): model and stepper, time span,
 * steps, rows, wall time, final state, events (count, first and last time) and segments.
 */
export function describeRun(sim: Sim, label: string, wallMs: number): string {
  const res = sim.results();
  const summary = sim.sessionStateSummary();
  const model = sim.model;
  const t = res.t;
  const lines: string[] = [];
  lines.push(
    `model: ${label} (${model.spec.kind}) · stepper ${sim.stepperName} · dt ${short(sim.nominalDt)}`,
  );
  const last = t.length - 1;
  const times = `t ${short(t[0] as number)} → ${short(t[last] as number)}`;
  const span =
    t.length === 0
      ? "no rows"
      : model.spec.kind === "map"
        ? `n ${res.step[0]} → ${res.step[last]} (${times})`
        : times;
  lines.push(
    `ran: ${span} · ${res.stepCountFinal} steps · ${res.length} rows recorded · wall ${formatWall(wallMs)} · status ${summary.status}`,
  );
  const state = sim.stateDict();
  lines.push(
    `final state (t=${short(summary.t)}): ${Object.entries(state)
      .map(([k, v]) => `${k}=${short(v)}`)
      .join(", ")}`,
  );
  const eventParts = res.eventNames().map((name) => {
    if (res.eventFields(name).length === 0) return `${name} (not logged: add log = ["t"] to record it)`;
    const view = res.event(name);
    if (view.count === 0 || !res.eventFields(name).includes("t")) return `${name} ×${view.count}`;
    const times = view.t;
    return `${name} ×${times.length} (t ${short(times[0] as number)} … ${short(times[times.length - 1] as number)})`;
  });
  lines.push(`events: ${eventParts.length > 0 ? eventParts.join(", ") : "(none)"}`);
  const segments = res.segment.records();
  const segText = segments.map(
    (s, i) =>
      `${res.segment.get(i).name} [${short(s.tStart)} → ${short(s.tEnd)}]${s.resume ? " (resume)" : ""}`,
  );
  lines.push(
    `segments: ${segText.length <= 4 ? segText.join(", ") : `${segText.length} (${segText[0]} … ${segText[segText.length - 1]})`}`,
  );
  return `${lines.join("\n")}\n`;
}
