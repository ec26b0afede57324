import { didYouMean, sha1Hex } from "@dyn/core";
import { STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
import { pythonFloat, pythonInt } from "./internal/pythonCast.ts";
import type { ConfigField, Stepper } from "./types.ts";

/**
 * A value accepted for a config override: a number, a boolean (→ 1/0) or, for enum fields, one
 * of the enum's strings.
 * @category steppers
 * @since 0.1.0
 */
export type ConfigValue = number | boolean | string;

/**
 * The names of `stepper`'s config fields, in packing order (empty when it has no config).
 * @example
 * ```ts
 * import { configFieldNames, getStepper } from "@dyn/steppers";
 * console.log(configFieldNames(getStepper("bdf2"))); // ["newton_tol","newton_max_iter","jac_eps","jacobian_mode"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function configFieldNames(stepper: Stepper): string[] {
  return stepper.config.map((field) => field.name);
}

/**
 * The stepper's class defaults packed in field order (no `[sim]` table applied).
 * @example
 * ```ts
 * import { classDefaultConfig, getStepper } from "@dyn/steppers";
 * console.log(classDefaultConfig(getStepper("sdirk2"))); // Float64Array [1e-8, 50, 1e-8, 0]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function classDefaultConfig(stepper: Stepper): Float64Array {
  return Float64Array.from(stepper.config, (field) => field.default);
}

/**
 * The default config of §1.4: class defaults, then every field whose name appears in the model's
 * `[sim]` table, cast with Python `float(...)` / `int(...)` (an int field truncates `2.7` → 2,
 * `true` → 1, `"7"` → 7).
 *
 * **Gotchas:** stricter than the reference (D-12): a `[sim]` value that cannot be cast throws a
 * `STEPPER_SIM_CAST` error naming the field, including enum strings — write
 * `jacobian_mode = 1`, not `"external"`. Keys that are not config fields are ignored.
 *
 * @example
 * ```ts
 * import { cfgHash, defaultConfig, getStepper } from "@dyn/steppers";
 * const cfg = defaultConfig(getStepper("rk45"), { atol: 1e-8, rtol: 1e-5, t_end: 10 });
 * console.log(cfgHash(cfg)); // "ada93cd41e"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function defaultConfig(
  stepper: Stepper,
  simTable: Readonly<Record<string, unknown>> = {},
): Float64Array {
  const packed = classDefaultConfig(stepper);
  stepper.config.forEach((field, index) => {
    if (!Object.hasOwn(simTable, field.name)) return;
    const raw = simTable[field.name];
    const cast = field.type === "int" ? pythonInt(raw) : pythonFloat(raw);
    if (cast === undefined) {
      const hint = field.enum
        ? `use one of the numeric codes ${describeEnum(field)}`
        : field.type === "int"
          ? "use an integer"
          : "use a number";
      throw new StepperError({
        code: STEPPER_ERROR_CODES.SIM_CAST,
        message:
          `defaultConfig('${stepper.meta.name}'): [sim] value for '${field.name}' cannot be cast to ${field.type} ` +
          `(got ${formatValue(raw)}); ${hint}`,
        details: { field: field.name, value: raw, stepper: stepper.meta.name },
      });
    }
    packed[index] = cast;
  });
  return packed;
}

/**
 * Merges `overrides` onto a `stored` config (D-8: fields not overridden keep their stored
 * values) and returns a new packed array. Enum strings map to their codes.
 *
 * **Gotchas:** throws a coded error naming the field for an unknown field (with a did-you-mean),
 * a wrong type (e.g. a string for a float field, `2.5` for an int field, an unknown enum string),
 * a NaN or a negative tolerance; overrides for a stepper without config throw `STEPPER_NO_CONFIG`.
 *
 * @example
 * ```ts
 * import { defaultConfig, getStepper, resolveConfig } from "@dyn/steppers";
 * const bdf2a = getStepper("bdf2a");
 * const cfg = resolveConfig(bdf2a, defaultConfig(bdf2a), { rtol: 1e-6, jacobian_mode: "external" });
 * console.log(cfg[1], cfg[11]); // 1e-6 1
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function resolveConfig(
  stepper: Stepper,
  stored: Float64Array,
  overrides: Readonly<Record<string, unknown>> = {},
): Float64Array {
  const where = `resolveConfig('${stepper.meta.name}')`;
  const keys = Object.keys(overrides);
  if (stored.length !== stepper.config.length) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.CONFIG_SHAPE,
      message: `${where}: stored config has ${stored.length} values but the stepper has ${stepper.config.length} fields; pass defaultConfig(stepper, sim) instead`,
      details: { expected: stepper.config.length, actual: stored.length },
    });
  }
  if (stepper.config.length === 0 && keys.length > 0) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.NO_CONFIG,
      message: `${where}: stepper '${stepper.meta.name}' has no config, but overrides were given (${keys.join(", ")}); remove them`,
      details: { field: keys[0], fields: keys },
    });
  }
  const names = configFieldNames(stepper);
  const packed = Float64Array.from(stored);
  for (const key of keys) {
    const index = names.indexOf(key);
    if (index < 0) {
      const suggestion = didYouMean(key, names);
      throw new StepperError({
        code: STEPPER_ERROR_CODES.UNKNOWN_CONFIG_FIELD,
        message:
          `${where}: unknown config field '${key}'` +
          (suggestion === undefined ? "" : `; did you mean '${suggestion}'?`) +
          ` Valid fields: ${names.join(", ")}`,
        details: { field: key, ...(suggestion === undefined ? {} : { suggestion }), validFields: names },
      });
    }
    packed[index] = coerceOverride(where, stepper.config[index]!, overrides[key]);
  }
  return packed;
}

function coerceOverride(where: string, field: ConfigField, value: unknown): number {
  let number: number;
  if (typeof value === "boolean") {
    number = value ? 1 : 0;
  } else if (typeof value === "number") {
    number = value;
  } else if (typeof value === "string" && field.enum !== undefined) {
    const code = field.enum[value];
    if (code === undefined || !Object.hasOwn(field.enum, value)) {
      throw typeError(where, field, value, `valid options: ${describeEnum(field)}`);
    }
    number = code;
  } else {
    throw typeError(
      where,
      field,
      value,
      field.enum ? `use a number or one of ${describeEnum(field)}` : "use a number",
    );
  }
  if (Number.isNaN(number)) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.CONFIG_RANGE,
      message: `${where}: config field '${field.name}' is NaN; use a number`,
      details: { field: field.name, value },
    });
  }
  if (field.type === "int" && !Number.isInteger(number)) {
    throw typeError(where, field, value, "this field takes an integer");
  }
  if (field.enum !== undefined && !Object.values(field.enum).includes(number)) {
    throw typeError(where, field, value, `valid options: ${describeEnum(field)}`);
  }
  if (number < 0 && /(?:tol|_eps|min_step|dt_max)$/.test(field.name)) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.CONFIG_RANGE,
      message: `${where}: config field '${field.name}' must not be negative (got ${number}); tolerances are absolute values`,
      details: { field: field.name, value },
    });
  }
  return number;
}

function typeError(where: string, field: ConfigField, value: unknown, hint: string): StepperError {
  return new StepperError({
    code: STEPPER_ERROR_CODES.CONFIG_TYPE,
    message: `${where}: config field '${field.name}' expects ${field.type === "int" ? "an integer" : "a number"} (got ${formatValue(value)}); ${hint}`,
    details: { field: field.name, value },
  });
}

function describeEnum(field: ConfigField): string {
  return Object.entries(field.enum ?? {})
    .map(([name, code]) => `'${name}' (${code})`)
    .join(", ");
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Unpacks a packed config into a `{field: value}` record (enum fields stay numeric).
 * @example
 * ```ts
 * import { configToObject, defaultConfig, getStepper } from "@dyn/steppers";
 * const rk45 = getStepper("rk45");
 * console.log(configToObject(rk45, defaultConfig(rk45)).max_tries); // 10
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function configToObject(stepper: Stepper, config: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  stepper.config.forEach((field, index) => {
    out[field.name] = index < config.length ? config[index]! : field.default;
  });
  return out;
}

/**
 * The config digest of §1.4: the first 10 hex characters of SHA-1 over the array's
 * little-endian float64 bytes, or `"empty"` for an empty array.
 * @example
 * ```ts
 * import { cfgHash } from "@dyn/steppers";
 * console.log(cfgHash(new Float64Array([1e-8, 50, 1e-8, 0]))); // "b8e94fff17"
 * console.log(cfgHash(new Float64Array(0))); // "empty"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function cfgHash(config: Float64Array): string {
  if (config.length === 0) return "empty";
  const bytes = new Uint8Array(config.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < config.length; i++) view.setFloat64(i * 8, config[i]!, true);
  return sha1Hex(bytes).slice(0, 10);
}
