import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Sim, setup } from "@dyn/session";
import { usageError } from "../errors.ts";
import { parseArgv } from "../internal/argv.ts";
import { readCheckpoint, writeCheckpoint } from "../internal/snapshots.ts";
import type { CliIo } from "../io.ts";
import { type PlotSeries, renderSvgPlot } from "../plot/svgPlot.ts";
import { describeRun, formatWall, short } from "../runSummary.ts";

const MODEL = "builtin://ode/izhikevich";
const SPLIT_MS = 100;
const END_MS = 250;
const I_BASE = 10;
const I_BRANCH = 15;

/** Copies the recorded membrane potential of every segment (results are cleared by `reset`). */
function segmentSeries(sim: Sim, label: (name: string) => string): PlotSeries[] {
  const res = sim.results();
  return res.segment.records().map((_, i) => {
    const seg = res.segment.get(i);
    return { name: label(seg.name), x: seg.t.slice(), y: (seg.get("v") as Float64Array).slice() };
  });
}

/**
 * `dyn main [--out-dir dir]`: the embedded default job of the README's first command, on the
 * Izhikevich neuron. Runs to t = 100 ms at I = 10, takes snapshot `t100`, continues to 250 ms;
 * resets to `t100`, branches with I = 15 and resumes to 250 ms; writes a plot of v(t) with one
 * colour per segment (SVG) and the branch's checkpoint (.npz), proves the checkpoint resumes in a
 * fresh session, and prints the paths and the summary.
 */
export async function mainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv("main", args, { values: ["out-dir"] });
  if (parsed.positional.length > 0)
    throw usageError(`dyn main: unexpected argument '${parsed.positional[0]}'`);
  const outDir = resolve(io.cwd, parsed.values.get("out-dir") ?? "dyn-out");
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();

  const sim = setup(MODEL, {
    stepper: "rk4",
    onWarning: (w) => io.stderr.write(`dyn main: warning: ${w.message}\n`),
  });
  sim.run({ T: SPLIT_MS, dt: 0.01, params: paramsWith(sim, I_BASE), tag: `I=${I_BASE}` });
  sim.createSnapshot("t100", `after ${SPLIT_MS} ms at I=${I_BASE}`);
  sim.run({ T: END_MS, resume: true, tag: `I=${I_BASE} continued` });
  const baseline = segmentSeries(sim, (name) => name);
  const spikesBase = spikesInSegment(sim, 1);

  sim.reset("t100");
  sim.assign({ I: I_BRANCH });
  sim.run({ T: END_MS, resume: true, tag: `I=${I_BRANCH} branch` });
  const branch = segmentSeries(sim, (name) => name);
  const wall = performance.now() - started;

  const svgPath = join(outDir, "izhikevich.svg");
  writeFileSync(
    svgPath,
    renderSvgPlot({
      title: `Izhikevich neuron: branch at t = ${SPLIT_MS} ms from snapshot 't100' (I = ${I_BASE} → ${I_BRANCH})`,
      xLabel: "t (ms)",
      yLabel: "membrane potential v (mV)",
      series: [...baseline, ...branch],
    }),
  );
  const ckptPath = join(outDir, "izhikevich-branch.npz");
  const size = await writeCheckpoint(sim, ckptPath);

  // Prove the file a person would keep actually resumes: import into a fresh session, run on.
  const check = setup(MODEL, { stepper: "rk4", onWarning: () => {} });
  check.importSnapshot(await readCheckpoint(ckptPath));
  check.run({ T: END_MS + 50, resume: true });
  const checkT = check.sessionStateSummary().t;

  io.stdout.write(
    `dyn main: Izhikevich neuron — run to ${SPLIT_MS} ms at I=${I_BASE}, snapshot 't100', continue to ${END_MS} ms; reset to 't100', branch with I=${I_BRANCH}, resume to ${END_MS} ms\n`,
  );
  io.stdout.write(describeRun(sim, `Izhikevich neuron, ${MODEL}`, wall));
  io.stdout.write(
    [
      `snapshots: ${sim
        .listSnapshots()
        .map((s) => `${s.name} (t=${short(s.t)})`)
        .join(", ")}`,
      `spikes after the branch point (${SPLIT_MS}–${END_MS} ms): ${spikesBase} at I=${I_BASE}, ${spikesInSegment(sim, 0)} at I=${I_BRANCH}`,
      `plot: ${svgPath}`,
      `checkpoint: ${ckptPath} (${size} bytes; imported into a fresh session and resumed to t=${short(checkT)}: ok)`,
      `total wall time ${formatWall(performance.now() - started)}`,
      "",
    ].join("\n"),
  );
  return 0;
}

function paramsWith(sim: Sim, current: number): Float64Array {
  const p = Float64Array.from(sim.paramVector());
  p[sim.model.paramNames.indexOf("I")] = current;
  return p;
}

/**
 * Spikes in segment `index`. The builtin's `reset` event logs nothing (as in the reference), so
 * spikes are counted from the recorded trace: a reset makes v fall by more than half the
 * distance from the spike peak `v_th` to the reset potential `c` within one recorded step.
 */
function spikesInSegment(sim: Sim, index: number): number {
  const v = sim.results().segment.get(index).get("v") as Float64Array;
  const drop = (sim.param("v_th") - sim.param("c")) / 2;
  let n = 0;
  for (let i = 1; i < v.length; i++) if ((v[i - 1] as number) - (v[i] as number) > drop) n++;
  return n;
}
