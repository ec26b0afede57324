import { pythonFloatRepr, pythonStrRepr } from "@dyn/core";

/**
 * Python `repr` of the plain values a pin diff holds (strings, numbers, arrays, 2-tuples), so
 * messages read like the reference's `f"{diff}"`: `{'stepper_name': ('rk4', 'euler')}`.
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return pythonStrRepr(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`,
    );
    return `{${parts.join(", ")}}`;
  }
  return String(value);
}

/** A pin diff `{field: [model, other]}` rendered as Python prints a dict of 2-tuples. */
export function pinDiffRepr(diff: Readonly<Record<string, readonly [unknown, unknown]>>): string {
  const parts = Object.entries(diff).map(([k, [a, b]]) => `${pyRepr(k)}: (${pyRepr(a)}, ${pyRepr(b)})`);
  return `{${parts.join(", ")}}`;
}
