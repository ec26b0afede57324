import { ResultsError, ResultsErrorCode } from "../errors.ts";

/** Where a recorded variable lives. */
export interface VariableSlot {
  readonly kind: "state" | "aux";
  readonly index: number;
}

/** Python's list repr for names, as the reference prints them: `['x', 'y']`. */
export function pyNameList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(", ")}]`;
}

/**
 * Resolves a recorded variable name (§7.3): `aux.NAME` is an aux; otherwise states win, then aux
 * without prefix. Unknown → "Unknown variable: 'y'. Available states: […]. Available aux: […]."
 */
export function resolveVariable(
  stateNames: readonly string[],
  auxNames: readonly string[],
  name: string,
): VariableSlot {
  if (typeof name === "string") {
    if (name.startsWith("aux.")) {
      const idx = auxNames.indexOf(name.slice(4));
      if (idx >= 0) return { kind: "aux", index: idx };
    } else {
      const s = stateNames.indexOf(name);
      if (s >= 0) return { kind: "state", index: s };
      const a = auxNames.indexOf(name);
      if (a >= 0) return { kind: "aux", index: a };
    }
  }
  throw new ResultsError({
    code: ResultsErrorCode.UNKNOWN_VARIABLE,
    message:
      `Unknown variable: '${String(name)}'. Available states: ${pyNameList(stateNames)}. ` +
      `Available aux: ${pyNameList(auxNames)}.`,
    details: { name, stateNames: [...stateNames], auxNames: [...auxNames] },
  });
}
