import { pythonFloatRepr } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";

/** One preset as a preset file holds it (values not yet validated against a model). */
export interface PresetEntry {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<string, number>> | null;
}

/** The schema header every preset file carries. */
export const PRESET_SCHEMA = "dynlib-presets-v1";

type Table = Map<string, unknown>;

function presetError(message: string): Error {
  return sessionError(SESSION_ERROR_CODES.PRESET, message);
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function parseKeyPath(text: string, where: string, line: number): string[] {
  const keys: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (s[i] === " " || s[i] === "\t") i++;
    let key: string;
    if (s[i] === '"' || s[i] === "'") {
      const q = s[i] as string;
      const end = s.indexOf(q, i + 1);
      if (end < 0)
        throw presetError(`Invalid preset TOML in ${where} at line ${line}: unterminated quoted key`);
      key = s.slice(i + 1, end);
      i = end + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== "." && s[j] !== " " && s[j] !== "\t") j++;
      key = s.slice(i, j);
      if (!BARE_KEY.test(key))
        throw presetError(`Invalid preset TOML in ${where} at line ${line}: bad key '${key}'`);
      i = j;
    }
    keys.push(key);
    while (s[i] === " " || s[i] === "\t") i++;
    if (i < s.length) {
      if (s[i] !== ".") throw presetError(`Invalid preset TOML in ${where} at line ${line}: bad key '${s}'`);
      i++;
    }
  }
  if (keys.length === 0) throw presetError(`Invalid preset TOML in ${where} at line ${line}: empty key`);
  return keys;
}

const NUMBER = /^[+-]?(?:\d[\d_]*)(?:\.\d[\d_]*)?(?:[eE][+-]?\d[\d_]*)?$/;

function parseValue(raw: string, where: string, line: number): unknown {
  const v = raw.trim();
  if (v === "true") return true;
  if (v === "false") return false;
  if (v === "inf" || v === "+inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (v === "nan" || v === "+nan" || v === "-nan") return NaN;
  if (NUMBER.test(v)) return Number(v.replace(/_/g, ""));
  if (
    (v.startsWith('"') && v.endsWith('"') && v.length >= 2) ||
    (v.startsWith("'") && v.endsWith("'") && v.length >= 2)
  ) {
    const body = v.slice(1, -1);
    return v.startsWith('"') ? body.replace(/\\(["\\])/g, "$1") : body;
  }
  throw presetError(
    `Invalid preset TOML in ${where} at line ${line}: unsupported value '${v}' (numbers, strings and booleans only)`,
  );
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

/**
 * Parses the TOML subset preset files use: `[a.b]` table headers and `key = number | string |
 * bool` lines, comments and blank lines. Anything else is rejected with its line number (preset
 * files are small and untrusted; no general TOML is needed).
 */
export function parsePresetToml(text: string, where: string): Table {
  if (typeof text !== "string") throw new TypeError(`preset TOML must be a string (got ${typeof text})`);
  const root: Table = new Map();
  let current = root;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = stripComment(lines[n] as string).trim();
    if (line === "") continue;
    if (line.startsWith("[")) {
      if (!line.endsWith("]") || line.startsWith("[[")) {
        throw presetError(`Invalid preset TOML in ${where} at line ${n + 1}: bad table header '${line}'`);
      }
      current = root;
      for (const key of parseKeyPath(line.slice(1, -1), where, n + 1)) {
        let next = current.get(key);
        if (next === undefined) {
          next = new Map();
          current.set(key, next);
        }
        if (!(next instanceof Map)) {
          throw presetError(
            `Invalid preset TOML in ${where} at line ${n + 1}: '${key}' is a value, not a table`,
          );
        }
        current = next as Table;
      }
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) throw presetError(`Invalid preset TOML in ${where} at line ${n + 1}: expected 'key = value'`);
    const keys = parseKeyPath(line.slice(0, eq), where, n + 1);
    let table = current;
    for (const k of keys.slice(0, -1)) {
      let next = table.get(k);
      if (next === undefined) {
        next = new Map();
        table.set(k, next);
      }
      if (!(next instanceof Map))
        throw presetError(`Invalid preset TOML in ${where} at line ${n + 1}: '${k}' is not a table`);
      table = next as Table;
    }
    const last = keys[keys.length - 1] as string;
    if (table.has(last))
      throw presetError(`Invalid preset TOML in ${where} at line ${n + 1}: duplicate key '${last}'`);
    table.set(last, parseValue(line.slice(eq + 1), where, n + 1));
  }
  return root;
}

function numericTable(v: unknown, label: string, where: string): Record<string, number> | null {
  if (v === undefined) return null;
  if (!(v instanceof Map)) throw presetError(`${label} must be a table in ${where}`);
  const out: Record<string, number> = {};
  for (const [k, x] of v) {
    let num: number;
    if (typeof x === "number") num = x;
    else if (typeof x === "string" && ["nan", "+inf", "inf", "-inf"].includes(x))
      num = Number(x.replace("inf", "Infinity").replace("nan", "NaN"));
    else throw presetError(`${label}.${k} must be a number in ${where} (got ${typeof x}: ${String(x)})`);
    out[k] = num;
  }
  return out;
}

/**
 * Reads a `dynlib-presets-v1` document into its presets, in file order. Checks the schema header
 * and that every preset is a table with numeric `params`/`states` tables and at least one value.
 */
export function readPresetDocument(text: string, where: string): PresetEntry[] {
  const doc = parsePresetToml(text, where);
  const header = doc.get("__presets__");
  if (!(header instanceof Map) || header.get("schema") !== PRESET_SCHEMA) {
    throw presetError(
      `Invalid or missing schema in ${where}. Expected [__presets__].schema = '${PRESET_SCHEMA}'`,
    );
  }
  const section = doc.get("presets") ?? new Map();
  if (!(section instanceof Map)) throw presetError(`[presets] must be a table in ${where}`);
  const out: PresetEntry[] = [];
  for (const [name, table] of section as Table) {
    if (!(table instanceof Map)) throw presetError(`[presets.${name}] must be a table in ${where}`);
    for (const k of table.keys()) {
      if (k !== "params" && k !== "states") {
        throw presetError(
          `[presets.${name}] has unknown key '${k}' in ${where}; only 'params' and 'states' tables are allowed`,
        );
      }
    }
    const params = numericTable(table.get("params"), `[presets.${name}].params`, where) ?? {};
    const states = numericTable(table.get("states"), `[presets.${name}].states`, where);
    if (Object.keys(params).length === 0 && (states === null || Object.keys(states).length === 0)) {
      throw presetError(`[presets.${name}] must set at least one param or state value in ${where}`);
    }
    out.push({ name, params, states: states !== null && Object.keys(states).length > 0 ? states : null });
  }
  return out;
}

function tomlKey(k: string): string {
  return BARE_KEY.test(k) ? k : `"${k.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function tomlFloat(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return pythonFloatRepr(v);
}

/** Writes a `dynlib-presets-v1` document with the presets in the given order. */
export function writePresetDocument(presets: readonly PresetEntry[]): string {
  const lines: string[] = ["[__presets__]", `schema = "${PRESET_SCHEMA}"`, ""];
  for (const p of presets) {
    for (const [kind, values] of [
      ["params", p.params],
      ["states", p.states],
    ] as const) {
      if (values === null || Object.keys(values).length === 0) continue;
      lines.push(`[presets.${tomlKey(p.name)}.${kind}]`);
      for (const [k, v] of Object.entries(values)) lines.push(`${tomlKey(k)} = ${tomlFloat(v)}`);
      lines.push("");
    }
  }
  return lines.join("\n");
}
