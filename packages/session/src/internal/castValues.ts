import { pythonFloatRepr } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";

const FLOAT32_MAX = 3.4028234663852886e38;

/** Python's `f"{x:.2e}"`: two-digit exponent at least (`1.49e-09`). */
export function sci2(x: number): string {
  const [mant, exp = "0"] = x.toExponential(2).split("e");
  const sign = exp.startsWith("-") ? "-" : "+";
  const digits = exp.replace(/^[+-]/, "").padStart(2, "0");
  return `${mant}e${sign}${digits}`;
}

/**
 * Casts one value to the model dtype (session-semantics §6): float32 overflow throws; a float32
 * relative rounding error above 1e-8 is reported through `warn`. `label` names the value in
 * messages (e.g. `param 'a'` or `Preset 'fast': param 'a'`).
 */
export function castToDtype(
  value: unknown,
  dtype: string,
  label: string,
  warn: (code: string, message: string) => void,
): number {
  const v = typeof value === "bigint" ? Number(value) : value;
  if (typeof v !== "number") {
    throw new TypeError(`${label} must be a number (got ${typeof value}: ${String(value)})`);
  }
  if (dtype !== "float32") return v;
  const cast = Math.fround(v);
  if (!Number.isFinite(cast) && Number.isFinite(v)) {
    throw sessionError(
      SESSION_ERROR_CODES.VALUE_OVERFLOW,
      `${label} value ${pythonFloatRepr(v)} overflows float32 (max: ${pythonFloatRepr(FLOAT32_MAX)}); ` +
        "use a smaller value or a float64 model",
      { value: v, dtype },
    );
  }
  if (v !== 0 && Number.isFinite(v) && cast !== v) {
    const rel = Math.abs((cast - v) / v);
    if (rel > 1e-8) {
      warn(
        "PRECISION_LOSS",
        `${label} may lose precision when casting ${pythonFloatRepr(v)} to float32 (relative error: ${sci2(rel)})`,
      );
    }
  }
  return cast;
}
