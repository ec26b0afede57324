import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";

/** A resolved recording selection: indices into the state and aux vectors, in request order. */
export interface RecordingSelection {
  readonly stateIdx: readonly number[];
  readonly auxIdx: readonly number[];
  readonly stateNames: readonly string[];
  readonly auxNames: readonly string[];
}

function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(", ")}]`;
}

/**
 * Resolves `recordVars` (session-semantics §4, "Recording selection"): `undefined`/`null` →
 * every state, no aux; a list → each entry as `aux.NAME`, a state, or a bare aux name (states
 * win). `[]` records time/step/flags only.
 */
export function resolveSelection(
  recordVars: readonly string[] | null | undefined,
  stateNames: readonly string[],
  auxNames: readonly string[],
): RecordingSelection {
  if (recordVars === undefined || recordVars === null) {
    return { stateIdx: stateNames.map((_, i) => i), auxIdx: [], stateNames: [...stateNames], auxNames: [] };
  }
  if (!Array.isArray(recordVars)) {
    throw new TypeError(`record_vars must be a list of variable names (got ${typeof recordVars})`);
  }
  const stateIdx: number[] = [];
  const auxIdx: number[] = [];
  for (const entry of recordVars as readonly unknown[]) {
    if (typeof entry !== "string") {
      throw new TypeError(`record_vars entries must be strings (got ${typeof entry}: ${String(entry)})`);
    }
    if (entry.startsWith("aux.")) {
      const name = entry.slice(4);
      const i = auxNames.indexOf(name);
      if (i < 0) {
        throw sessionError(SESSION_ERROR_CODES.UNKNOWN_NAME, `Unknown aux variable: ${name}`, {
          name,
          auxNames,
        });
      }
      auxIdx.push(i);
      continue;
    }
    const si = stateNames.indexOf(entry);
    if (si >= 0) {
      stateIdx.push(si);
      continue;
    }
    const ai = auxNames.indexOf(entry);
    if (ai >= 0) {
      auxIdx.push(ai);
      continue;
    }
    throw sessionError(
      SESSION_ERROR_CODES.UNKNOWN_NAME,
      `Unknown variable: '${entry}'. Available states: ${pyList(stateNames)}. Available aux: ${pyList(auxNames)}.`,
      { name: entry, stateNames, auxNames },
    );
  }
  return {
    stateIdx,
    auxIdx,
    stateNames: stateIdx.map((i) => stateNames[i] as string),
    auxNames: auxIdx.map((i) => auxNames[i] as string),
  };
}
