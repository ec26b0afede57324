// Python's float(x) / int(x) for the value kinds a TOML [sim] table can hold. Returns undefined
// when Python would raise (ValueError / TypeError / OverflowError), so callers can report it.

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*|\d(?:_?\d)*\.)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;
const INT_RE = /^[+-]?\d(?:_?\d)*$/;

/** Python `float(value)`, or undefined where Python raises. */
export function pythonFloat(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const special = SPECIAL_RE.exec(text);
  if (special) {
    const word = special[2]!.toLowerCase();
    if (word === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  if (!FLOAT_RE.test(text)) return undefined;
  return Number(text.replace(/_/g, ""));
}

/** Python `int(value)`, or undefined where Python raises. */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) + 0 : undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!INT_RE.test(text)) return undefined;
  return Number(text.replace(/_/g, ""));
}
