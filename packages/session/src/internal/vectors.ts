import { didYouMean } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { FloatVector } from "../modelPort.ts";

/**
 * Copies `values` into a fresh vector of the same type as `like` (the model dtype), checking the
 * length. `what` names the argument in messages (`ic`, `params`).
 */
export function toModelVector(values: ArrayLike<number>, like: FloatVector, what: string): FloatVector {
  if (
    values === null ||
    typeof values !== "object" ||
    typeof (values as { length?: unknown }).length !== "number"
  ) {
    throw new TypeError(
      `${what} must be an array of numbers (got ${values === null ? "null" : typeof values})`,
    );
  }
  if (values.length !== like.length) {
    throw sessionError(
      SESSION_ERROR_CODES.INVALID_ARGUMENT,
      `${what} has length ${values.length}, expected ${like.length}; pass one value per ${what === "ic" ? "state" : "parameter"} in declaration order`,
      { argument: what, expected: like.length, actual: values.length },
    );
  }
  const out = like.slice();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") {
      throw new TypeError(`${what}[${i}] must be a number (got ${typeof v}: ${String(v)})`);
    }
    out[i] = v;
  }
  return out;
}

/** Throws the reference's unknown-name error: "Unknown state 'x'. Did you mean 'y'? Valid states: …". */
export function unknownNameError(kind: "state" | "param", name: string, names: readonly string[]): Error {
  const hint = didYouMean(name, names);
  const plural = kind === "state" ? "states" : "params";
  return sessionError(
    SESSION_ERROR_CODES.UNKNOWN_NAME,
    `Unknown ${kind} '${name}'.${hint === undefined ? "" : ` Did you mean '${hint}'?`} Valid ${plural}: ${names.join(", ")}`,
    { name, kind, valid: names, ...(hint === undefined ? {} : { suggestion: hint }) },
  );
}

/** `{name: value}` in declaration order. */
export function toDict(names: readonly string[], values: FloatVector): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((n, i) => {
    out[n] = values[i] as number;
  });
  return out;
}
