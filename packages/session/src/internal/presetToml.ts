/**
 * `dynlib-presets-v1` documents read and written with smol-toml, accepting what the reference's
 * `load_preset` accepts (any TOML its `tomllib` reads, values converted with Python `float()`)
 * and writing what it reads back (session-semantics §6).
 */
import { parse, stringify, TomlError } from "smol-toml";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import { pyRepr } from "./pyRepr.ts";
import { pythonFloat } from "./pythonFloat.ts";

/** One preset as a preset file holds it (values not yet validated against a model). */
export interface PresetEntry {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<string, number>> | null;
}

/** The schema header every preset file carries. */
export const PRESET_SCHEMA = "dynlib-presets-v1";

/** No preset document nests deeper than a few tables; deeper inline values are refused. */
const MAX_TOML_DEPTH = 32;

type Table = Record<string, unknown>;
type Warn = (code: string, message: string) => void;

function presetError(message: string, cause?: unknown): Error {
  return sessionError(SESSION_ERROR_CODES.PRESET, message, undefined, cause);
}

/** A TOML table: smol-toml builds them without a prototype; ours are plain objects. */
function isTable(v: unknown): v is Table {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** Python's type name of a parsed TOML value, for messages that match the reference's. */
function pyTypeName(v: unknown): string {
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  if (isTable(v)) return "dict";
  return "datetime";
}

/** Parses TOML text; integers stay `bigint` so that rewriting a document keeps them integers. */
export function parsePresetToml(text: string, where: string): Table {
  if (typeof text !== "string") throw new TypeError(`preset TOML must be a string (got ${typeof text})`);
  try {
    return parse(text, { integersAsBigInt: true, maxDepth: MAX_TOML_DEPTH }) as Table;
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0]?.trim();
    const at = err instanceof TomlError ? ` (line ${err.line}, column ${err.column})` : "";
    throw presetError(`Invalid preset TOML in ${where}: ${first}${at}`, err);
  }
}

/** A parsed preset document: its preset names in file order, each read only when asked for. */
export interface PresetDocument {
  readonly names: readonly string[];
  /** The preset `name`, checked as the reference checks a preset it loads. */
  entry(name: string, warn: Warn): PresetEntry;
}

/**
 * Reads a `dynlib-presets-v1` document: the `[__presets__]` schema header and a `[presets]`
 * table are checked now; a preset's own table only when {@link PresetDocument.entry} asks for it
 * (the reference checks only the presets a load matches).
 */
export function readPresetDocument(text: string, where: string): PresetDocument {
  const doc = parsePresetToml(text, where);
  const header = doc["__presets__"] ?? {};
  if (!isTable(header) || header["schema"] !== PRESET_SCHEMA) {
    throw presetError(
      `Invalid or missing schema in ${where}. Expected [__presets__].schema = '${PRESET_SCHEMA}'`,
    );
  }
  const section = doc["presets"] ?? {};
  if (!isTable(section)) throw presetError(`[presets] must be a table in ${where}`);
  return {
    names: Object.keys(section),
    entry: (name, warn) => presetEntry(name, section[name], where, warn),
  };
}

function presetEntry(name: string, table: unknown, where: string, warn: Warn): PresetEntry {
  if (!isTable(table)) throw presetError(`[presets.${name}] must be a table in ${where}`);
  for (const key of Object.keys(table)) {
    if (key !== "params" && key !== "states") {
      warn(
        "PRESET_UNKNOWN_KEY",
        `Preset '${name}' in ${where}: ignoring key '${key}' (only 'params' and 'states' are read)`,
      );
    }
  }
  const params = numericTable(table["params"], `[presets.${name}].params`, where);
  const states = numericTable(table["states"], `[presets.${name}].states`, where);
  if (Object.keys(params).length === 0 && Object.keys(states).length === 0) {
    throw presetError(`[presets.${name}] must set at least one param or state value in ${where}`);
  }
  return { name, params, states: Object.keys(states).length > 0 ? states : null };
}

/** A `params`/`states` table: absent is empty; every value goes through Python `float()`. */
function numericTable(v: unknown, label: string, where: string): Record<string, number> {
  if (v === undefined) return {};
  if (!isTable(v)) throw presetError(`${label} must be a table in ${where}`);
  // Object.fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const num = pythonFloat(x);
      if (num === undefined) {
        throw presetError(
          `${label}.${k} must be a number in ${where} (got ${pyTypeName(x)}: ${shortRepr(x)})`,
        );
      }
      return [k, num];
    }),
  );
}

/**
 * The document text after putting `preset` into `existing` (or into a new document), as the
 * reference's `save_preset` does: a missing header is added, another schema or a `[presets]`
 * that is not a table is refused, other tables are kept. The preset's states come before its
 * params, as the reference writes them.
 */
export function writePresetDocument(
  preset: PresetEntry,
  existing: string | null,
  where: string,
  overwrite: boolean,
): string {
  const doc: Table = existing === null ? {} : parsePresetToml(existing, where);
  const header = doc["__presets__"] ?? {};
  if (!isTable(header)) {
    throw presetError(`Expected [__presets__] table in ${where}, found ${pyTypeName(header)}`);
  }
  const schema = header["schema"] ?? PRESET_SCHEMA;
  if (schema !== PRESET_SCHEMA) {
    throw presetError(
      `[__presets__].schema in ${where} must be '${PRESET_SCHEMA}', found ${shortRepr(schema)}`,
    );
  }
  const presets = doc["presets"] ?? {};
  if (!isTable(presets))
    throw presetError(`Expected [presets] table in ${where}, found ${pyTypeName(presets)}`);
  if (!overwrite && Object.hasOwn(presets, preset.name)) {
    throw presetError(`Preset '${preset.name}' already exists in ${where}. Use overwrite: true to replace.`);
  }
  const entry: Table = {};
  if (preset.states !== null && Object.keys(preset.states).length > 0) entry["states"] = { ...preset.states };
  if (Object.keys(preset.params).length > 0) entry["params"] = { ...preset.params };
  const out: Table = { __presets__: { ...header, schema } };
  for (const [k, v] of Object.entries(doc)) if (k !== "__presets__" && k !== "presets") out[k] = v;
  out["presets"] = Object.fromEntries([...Object.entries(presets), [preset.name, entry]]);
  return stringifyPresetToml(out);
}

/** Python repr of a parsed value for a message, cut to a readable length. */
function shortRepr(v: unknown): string {
  const text = pyRepr(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * smol-toml's writer, keeping the sign of a negative zero: it writes every integral float with
 * `toFixed(1)`, which prints -0 as `0.0`. Negative zeros are swapped for a marker string that
 * cannot occur in the document and put back as `-0.0` afterwards.
 */
function stringifyPresetToml(doc: Table): string {
  const marker = `\u0000dyn-negative-zero-${Math.random().toString(36).slice(2)}\u0000`;
  let swapped = false;
  const swap = (v: unknown): unknown => {
    if (Object.is(v, -0)) {
      swapped = true;
      return marker;
    }
    if (isTable(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return Array.isArray(v) ? v.map(swap) : v;
  };
  const text = stringify(swap(doc), { numbersAsFloat: true });
  return swapped ? text.replaceAll(JSON.stringify(marker), "-0.0") : text;
}
