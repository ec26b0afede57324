import { didYouMean } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import { pyRepr } from "./pyRepr.ts";

/** Where each assigned name goes: state index or param index, last value wins. */
export interface AssignPlan {
  readonly states: Map<number, unknown>;
  readonly params: Map<number, unknown>;
}

/** Collects `mapping` then the keyword values (later keys override earlier ones). */
export function collectAssignments(
  mapping: unknown,
  keywords: Readonly<Record<string, unknown>>,
): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (mapping !== undefined && mapping !== null) {
    if (mapping instanceof Map) {
      for (const [k, v] of mapping) {
        if (typeof k !== "string")
          throw new TypeError(`assign() mapping keys must be strings (got ${typeof k})`);
        out.push([k, v]);
      }
    } else if (typeof mapping === "object" && !Array.isArray(mapping) && !ArrayBuffer.isView(mapping)) {
      out.push(...Object.entries(mapping as Record<string, unknown>));
    } else {
      throw new TypeError(
        `assign() argument must be a Mapping (an object or Map of name → value), got ${Array.isArray(mapping) ? "an array" : typeof mapping}`,
      );
    }
  }
  for (const [k, v] of Object.entries(keywords)) if (k !== "clearHistory") out.push([k, v]);
  return out;
}

/** Resolves names to states first, then params (session-semantics §6); unknown names throw. */
export function planAssignments(
  entries: readonly [string, unknown][],
  stateNames: readonly string[],
  paramNames: readonly string[],
): AssignPlan {
  const states = new Map<number, unknown>();
  const params = new Map<number, unknown>();
  const unknown: string[] = [];
  for (const [name, value] of entries) {
    const si = stateNames.indexOf(name);
    if (si >= 0) {
      states.set(si, value);
      continue;
    }
    const pi = paramNames.indexOf(name);
    if (pi >= 0) {
      params.set(pi, value);
      continue;
    }
    if (!unknown.includes(name)) unknown.push(name);
  }
  if (unknown.length > 0) {
    const all = [...stateNames, ...paramNames];
    const parts = unknown.map((n) => {
      const hint = didYouMean(n, all);
      return hint === undefined ? `'${n}'` : `'${n}' (did you mean '${hint}'?)`;
    });
    throw sessionError(
      SESSION_ERROR_CODES.UNKNOWN_NAME,
      `Unknown state/param name(s): ${parts.join(", ")}. Valid states: ${pyRepr([...stateNames])}, params: ${pyRepr([...paramNames])}`,
      { unknown, stateNames, paramNames },
    );
  }
  return { states, params };
}
