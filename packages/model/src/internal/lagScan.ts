/**
 * The textual lag scan of model-dsl.md §3.5, reproduced exactly because it feeds the hash:
 * `lag_NAME(k)` (no word boundary, so `flag_x()` requests a lag of `x`) and event macros
 * (`cross_up(x, …)` etc., depth 1) over the raw text of every scanned field, comments after an
 * expression included, full-line block comments excluded (M-2).
 */
import { blockLines, isIgnorableBlockLine } from "../blocks.ts";
import { ModelErrorCode, type ModelLoadError } from "../errors.ts";
import type { EventSpec, FunctionSpec, ModelSpec } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { dependencyGraph, tokens } from "./dependencies.ts";
import { LAG_EVENT_MACROS } from "./names.ts";

const MAX_LAG_DEPTH = 1000n;
// Python's \w is Unicode-aware: letters, digits and '_' of any script.
const LAG_CALL = /lag_([A-Za-z_][\p{L}\p{N}_]*)\s*\(\s*([0-9]*)\s*\)/gu;
const MACRO_CALL = new RegExp(
  `(?<![\\p{L}\\p{N}_])(${LAG_EVENT_MACROS.join("|")})\\s*\\(\\s*([A-Za-z_][\\p{L}\\p{N}_]*)`,
  "gu",
);

/** One lag request found in a text. */
interface LagRequest {
  readonly state: string;
  readonly depth: bigint;
  /** The matched call text, for messages (`lag_x(0)`, `cross_up(a`). */
  readonly call: string;
}

/** All lag requests of a text, lag_ calls first, then event macros (as the reference scans). */
function lagRequests(text: string): LagRequest[] {
  const found: LagRequest[] = [];
  for (const match of text.matchAll(LAG_CALL)) {
    const digits = match[2] as string;
    found.push({ state: match[1] as string, depth: digits === "" ? 1n : BigInt(digits), call: match[0] });
  }
  for (const match of text.matchAll(MACRO_CALL)) {
    found.push({ state: match[2] as string, depth: 1n, call: `${match[1] as string}()` });
  }
  return found;
}

/** Block text without its full-line comments and blank lines (M-2: those are not scanned). */
function scannedBlockText(block: string): string {
  return blockLines(block)
    .filter((line) => !isIgnorableBlockLine(line.text))
    .map((line) => line.text)
    .join("\n");
}

/** A scanned field: where it is, and its text. */
interface ScannedField {
  readonly location: string;
  readonly text: string;
}

/** Log entries that are expressions (M-3): not `t`, a prefixed signal, or a bare declared name. */
export function isExpressionLogEntry(entry: string, bareNames: ReadonlySet<string>): boolean {
  const trimmed = entry.trim();
  if (trimmed === "t" || bareNames.has(trimmed)) return false;
  return !/^(state|param|aux)\s*:/.test(trimmed);
}

function eventFields(event: EventSpec, bareNames: ReadonlySet<string>): ScannedField[] {
  const label = `[events.${event.name}]`;
  const fields: ScannedField[] = [{ location: `${label}.cond`, text: event.cond }];
  if (event.actionKeyed !== null) {
    for (const [target, expr] of Object.entries(event.actionKeyed))
      fields.push({ location: `${label}.action.${target}`, text: expr });
  }
  if (event.actionBlock !== null)
    fields.push({ location: `${label}.action`, text: scannedBlockText(event.actionBlock) });
  event.log.forEach((entry, index) => {
    if (isExpressionLogEntry(entry, bareNames))
      fields.push({ location: `${label}.log[${index}]`, text: entry });
  });
  return fields;
}

/** What the scan contributes to the spec. */
export interface LagScanResult {
  readonly lagMap: Record<string, readonly [number, number, number]>;
  readonly usesLag: boolean;
  readonly equationsUseLag: boolean;
  /** The first scan error (non-state lag, bad depth), thrown by the caller at its stage. */
  readonly error: ModelLoadError | undefined;
}

type ScanInput = Pick<
  ModelSpec,
  | "states"
  | "params"
  | "aux"
  | "functions"
  | "events"
  | "equationsRhs"
  | "equationsBlock"
  | "inverseRhs"
  | "inverseBlock"
  | "sim"
>;

/**
 * Runs the §3.5 lag scan: lag map, `usesLag`, `equationsUseLag`, and the first error.
 * @param stopLocation - `[sim].stop` (string form) or `[sim.stop].cond` (table form).
 */
export function scanLags(context: LoadContext, spec: ScanInput, stopLocation = "[sim].stop"): LagScanResult {
  const states = new Set(spec.states);
  const bareNames = new Set([...spec.states, ...spec.params, ...Object.keys(spec.aux)]);
  const equationFields: ScannedField[] = [];
  for (const [name, expr] of Object.entries(spec.equationsRhs ?? {}))
    equationFields.push({ location: `[equations.rhs.${name}]`, text: expr });
  if (spec.equationsBlock !== null)
    equationFields.push({ location: "[equations].expr", text: scannedBlockText(spec.equationsBlock) });
  const fields: ScannedField[] = [...equationFields];
  for (const [name, expr] of Object.entries(spec.inverseRhs ?? {}))
    fields.push({ location: `[equations.inverse.rhs.${name}]`, text: expr });
  if (spec.inverseBlock !== null)
    fields.push({ location: "[equations.inverse].expr", text: scannedBlockText(spec.inverseBlock) });
  const auxFields = Object.entries(spec.aux).map(([name, expr]) => ({
    location: `[aux.${name}]`,
    text: expr,
  }));
  const functionFields = Object.entries(spec.functions).map(([name, fn]: [string, FunctionSpec]) => ({
    location: `[functions.${name}].expr`,
    text: fn.expr,
  }));
  fields.push(...auxFields, ...functionFields);
  for (const event of spec.events) fields.push(...eventFields(event, bareNames));
  if (spec.sim.stop !== null) fields.push({ location: stopLocation, text: spec.sim.stop.cond });

  const depth = new Map<string, bigint>();
  let error: ModelLoadError | undefined;
  for (const field of fields) {
    const requests = lagRequests(field.text);
    error ??= requestError(context, requests, field.location, states);
    for (const request of requests) {
      if (!states.has(request.state) || request.depth < 1n || request.depth > MAX_LAG_DEPTH) continue;
      const known = depth.get(request.state) ?? 0n;
      depth.set(request.state, known < request.depth ? request.depth : known);
    }
  }
  const lagMap = Object.create(null) as Record<string, readonly [number, number, number]>;
  let offset = 0;
  let count = 0;
  for (const state of spec.states) {
    const d = depth.get(state);
    if (d === undefined) continue;
    const bufferLen = Number(d) + 1;
    lagMap[state] = [bufferLen, offset, count];
    offset += bufferLen;
    count += 1;
  }
  return { lagMap, usesLag: count > 0, equationsUseLag: equationsUseLag(spec, equationFields), error };
}

/**
 * The first problem among one field's requests, in dynlib's order: depth errors of `lag_` calls
 * (in text order), then names that are no state (in order of first request).
 */
function requestError(
  context: LoadContext,
  requests: readonly LagRequest[],
  location: string,
  states: ReadonlySet<string>,
): ModelLoadError | undefined {
  for (const request of requests) {
    const lagName = `lag_${request.state}`;
    if (request.depth < 1n) {
      return loadError(
        context,
        ModelErrorCode.BAD_LAG,
        `Lag depth must be positive, got ${lagName}(${request.depth}) in ${location}`,
        location,
      );
    }
    if (request.depth > MAX_LAG_DEPTH) {
      return loadError(
        context,
        ModelErrorCode.BAD_LAG,
        `Lag depth ${request.depth} exceeds sanity limit (${MAX_LAG_DEPTH}) for ${lagName} in ${location}`,
        location,
      );
    }
  }
  const notState = requests.find((request) => !states.has(request.state));
  if (notState === undefined) return undefined;
  return loadError(
    context,
    ModelErrorCode.BAD_LAG,
    `lag_${notState.state}() used in ${location}, but '${notState.state}' is not a declared state. Lag notation only applies to state variables.`,
    location,
  );
}

/** True when an rhs value or the block lags, directly or through an aux/function that lags. */
function equationsUseLag(spec: ScanInput, equationFields: readonly ScannedField[]): boolean {
  const states = new Set(spec.states);
  const lagsOf = (text: string): boolean => lagRequests(text).some((request) => states.has(request.state));
  if (equationFields.some((field) => lagsOf(field.text))) return true;
  const graph = dependencyGraph(spec.aux, spec.functions);
  const usesLag = new Map<string, boolean>();
  for (const name of graph.keys()) {
    const text = name in spec.aux ? (spec.aux[name] as string) : (spec.functions[name] as FunctionSpec).expr;
    usesLag.set(name, lagsOf(text));
  }
  // Propagate along dependencies until nothing changes (the graph is acyclic, but a fixpoint is simplest).
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, deps] of graph) {
      if (!usesLag.get(name) && deps.some((dep) => usesLag.get(dep))) {
        usesLag.set(name, true);
        changed = true;
      }
    }
  }
  return equationFields.some((field) => tokens(field.text).some((token) => usesLag.get(token) === true));
}
