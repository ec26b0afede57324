/**
 * Python's `float(x)` for the values a TOML document can hold: what the reference applies to
 * every preset value. Returns undefined where Python raises (a list, a table, a date, a string
 * that is no number, an integer beyond the float range).
 */

/** `float(str)`: decimal digits with single underscores between them, optional exponent. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const DECIMAL = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
/** Python strips whitespace (`str.isspace`: JS's \s plus the separators U+001C–U+001F and U+0085). */
const PY_SPACE = String.raw`[\s\x1c-\x1f\x85]+`;
const SPACE = new RegExp(`^${PY_SPACE}|${PY_SPACE}$`, "g");

/** Largest integer `float(int)` accepts: above it Python raises OverflowError. */
const FLOAT_MAX_INT = 2n ** 1024n - 2n ** 970n;

export function pythonFloat(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") {
    const a = v < 0n ? -v : v;
    return a >= FLOAT_MAX_INT ? undefined : Number(v);
  }
  if (typeof v !== "string") return undefined;
  const s = v.replace(SPACE, "");
  const special = SPECIAL.exec(s);
  if (special !== null) {
    if ((special[2] as string).toLowerCase() === "nan") return Number.NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  return DECIMAL.test(s) ? Number(s.replaceAll("_", "")) : undefined;
}
