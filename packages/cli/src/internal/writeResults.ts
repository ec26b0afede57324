import { type NdArray, writeNpz } from "@dyn/io-npz";
import { writeFileAtomic } from "@dyn/io-npz/node";
import type { Sim } from "@dyn/session";
import { badInput } from "../errors.ts";

function column(data: Float64Array): NdArray<"<f8"> {
  return { dtype: "<f8", shape: [data.length], data, fortranOrder: false };
}

/** Checks the `--out` file name before any work is done: `.csv` or `.npz`. */
export function checkResultsPath(path: string): void {
  const lower = path.toLowerCase();
  if (!lower.endsWith(".csv") && !lower.endsWith(".npz"))
    throw badInput(`--out must end in .csv or .npz (got '${path}')`);
}

/**
 * Writes the session's recorded results to `path`: `.csv` (header `t,step,<vars>`, one row per
 * record) or `.npz` (one float64 array per column: `t`, `step`, then each recorded variable,
 * aux as `aux.<name>`). Returns a short description of what was written.
 */
export async function writeResults(sim: Sim, path: string): Promise<string> {
  const res = sim.results();
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) {
    await writeFileAtomic(path, new TextEncoder().encode(res.toCsv()));
  } else if (lower.endsWith(".npz")) {
    const entries: Array<[string, NdArray]> = [
      ["t", column(res.t.slice())],
      ["step", column(res.step.slice())],
    ];
    for (const name of res.stateNames) entries.push([name, column((res.get(name) as Float64Array).slice())]);
    for (const name of res.auxNames)
      entries.push([`aux.${name}`, column((res.get(`aux.${name}`) as Float64Array).slice())]);
    await writeFileAtomic(path, writeNpz(entries));
  } else {
    throw badInput(`--out must end in .csv or .npz (got '${path}')`);
  }
  return `${res.length} rows × ${2 + res.stateNames.length + res.auxNames.length} columns`;
}
