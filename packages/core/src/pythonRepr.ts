/**
 * Python's `repr(float)` for a JS number: shortest round-trip digits, fixed notation with at
 * least one fractional digit when the decimal exponent E satisfies −4 ≤ E < 16, scientific
 * notation `d[.ddd]e±XX` (two or more exponent digits) otherwise; `nan`/`inf` are rendered as the
 * JSON-ish tokens `NaN`, `Infinity`, `-Infinity` that Python's `json.dumps` writes.
 *
 * @example
 * ```ts
 * import { pythonFloatRepr } from "@dyn/core";
 * pythonFloatRepr(1e-5); // "1e-05"
 * pythonFloatRepr(2); // "2.0"
 * pythonFloatRepr(1e16); // "1e+16"
 * ```
 * @category utilities
 * @since 0.1.0
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [digits, exponent] = shortestDigits(Math.abs(x));
  if (exponent >= -4 && exponent < 16) {
    const pointAt = exponent + 1;
    if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
    if (pointAt >= digits.length) return `${sign}${digits}${"0".repeat(pointAt - digits.length)}.0`;
    return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  }
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** Shortest round-trip significant digits (no leading/trailing zeros) and decimal exponent. */
function shortestDigits(x: number): [string, number] {
  const text = x.toExponential();
  const [mantissa, exp] = text.split("e") as [string, string];
  let digits = mantissa.replace(".", "");
  digits = digits.replace(/0+$/, "") || "0";
  return [digits, Number(exp)];
}
