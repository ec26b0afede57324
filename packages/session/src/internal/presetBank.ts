import { didYouMean, sortedNames } from "@dyn/core";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { FloatVector } from "../modelPort.ts";
import type { AddPresetOptions, Preset } from "../presets.ts";
import { castToDtype } from "./castValues.ts";
import { globToRegExp, isGlob } from "./glob.ts";
import { type PresetEntry, readPresetDocument, writePresetDocument } from "./presetToml.ts";
import { pyRepr } from "./pyRepr.ts";

type Warn = (code: string, message: string) => void;

function presetError(message: string, details?: Record<string, unknown>): Error {
  return sessionError(SESSION_ERROR_CODES.PRESET, message, details);
}

/** The model facts preset validation needs. */
export interface PresetModel {
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly dtype: string;
}

function unknownNames(
  preset: string,
  kind: "param" | "state",
  given: readonly string[],
  valid: readonly string[],
): void {
  const bad = sortedNames(given.filter((n) => !valid.includes(n)));
  if (bad.length === 0) return;
  const parts = bad.map((n) => {
    const hint = didYouMean(n, valid);
    return hint === undefined ? `'${n}'` : `'${n}' (did you mean '${hint}'?)`;
  });
  throw presetError(
    `Preset '${preset}' has unknown ${kind}(s): ${parts.join(", ")}. Valid ${kind}s: ${pyRepr(sortedNames([...valid]))}`,
    { preset, kind, unknown: bad },
  );
}

/** Checks names against the model (unknown → error with suggestions). */
export function validatePreset(p: PresetEntry, model: PresetModel): void {
  unknownNames(p.name, "param", Object.keys(p.params), model.paramNames);
  if (p.states !== null) unknownNames(p.name, "state", Object.keys(p.states), model.stateNames);
}

function toRecord(
  values: ArrayLike<number> | Readonly<Record<string, number>>,
  names: readonly string[],
  what: "states" | "params",
): Record<string, number> {
  if (typeof (values as ArrayLike<number>).length === "number") {
    const arr = values as ArrayLike<number>;
    if (arr.length !== names.length) {
      throw presetError(
        `addPreset ${what} has length ${arr.length}, expected ${names.length} (one value per ${what === "states" ? "state" : "param"} in declaration order)`,
      );
    }
    const out: Record<string, number> = {};
    names.forEach((n, i) => {
      out[n] = arr[i] as number;
    });
    return out;
  }
  if (values === null || typeof values !== "object")
    throw new TypeError(`addPreset ${what} must be an array or an object`);
  return { ...(values as Record<string, number>) };
}

/** The session's preset bank (session-semantics §6), seeded from the model's inline presets. */
export class PresetBank {
  readonly #presets = new Map<string, Preset>();
  readonly #model: PresetModel;

  constructor(model: PresetModel, inline: readonly PresetEntry[]) {
    this.#model = model;
    for (const p of inline) if (!this.#presets.has(p.name)) this.#presets.set(p.name, freeze(p));
  }

  list(pattern = "*"): string[] {
    const re = globToRegExp(pattern);
    return sortedNames([...this.#presets.keys()].filter((n) => re.test(n)));
  }

  get(name: string): Preset {
    const p = this.#presets.get(name);
    if (p === undefined) {
      throw presetError(`Preset '${name}' not found in bank. Available: ${pyRepr(this.list())}`, { name });
    }
    return p;
  }

  /** Validates and casts a preset; the caller writes params then states. */
  resolve(name: string, warn: Warn): { params: Map<number, number>; states: Map<number, number> } {
    const p = this.get(name);
    validatePreset(p, this.#model);
    const { paramNames, stateNames, dtype } = this.#model;
    const params = new Map<number, number>();
    const states = new Map<number, number>();
    for (const [k, v] of Object.entries(p.params)) {
      params.set(paramNames.indexOf(k), castToDtype(v, dtype, `Preset '${name}': param '${k}'`, warn));
    }
    for (const [k, v] of Object.entries(p.states ?? {})) {
      states.set(stateNames.indexOf(k), castToDtype(v, dtype, `Preset '${name}': state '${k}'`, warn));
    }
    return { params, states };
  }

  add(name: string, options: AddPresetOptions, y: FloatVector, params: FloatVector): void {
    if (typeof name !== "string" || name === "") throw presetError("preset name must be a non-empty string");
    if (this.#presets.has(name) && options.overwrite !== true) {
      throw presetError(`Preset '${name}' already exists in bank; pass overwrite: true to replace it`, {
        name,
      });
    }
    const { stateNames, paramNames } = this.#model;
    const capture = options.states === undefined && options.params === undefined;
    const p: PresetEntry = {
      name,
      params: capture
        ? toRecord(Array.from(params), paramNames, "params")
        : options.params === undefined
          ? {}
          : toRecord(options.params, paramNames, "params"),
      states: capture
        ? toRecord(Array.from(y), stateNames, "states")
        : options.states === undefined
          ? null
          : toRecord(options.states, stateNames, "states"),
    };
    if (Object.keys(p.params).length === 0 && (p.states === null || Object.keys(p.states).length === 0)) {
      throw presetError(`Preset '${name}' must set at least one param or state value`);
    }
    validatePreset(p, this.#model);
    for (const [k, v] of Object.entries({ ...p.params, ...(p.states ?? {}) })) {
      if (typeof v !== "number")
        throw new TypeError(`Preset '${name}': value of '${k}' must be a number (got ${typeof v})`);
    }
    this.#presets.set(name, freeze(p));
  }

  load(
    pattern: string,
    text: string,
    where: string,
    onConflict: "error" | "keep" | "replace",
    warn: Warn,
  ): number {
    if (!["error", "keep", "replace"].includes(onConflict)) {
      throw presetError(`onConflict must be 'error', 'keep' or 'replace' (got ${pyRepr(onConflict)})`);
    }
    const doc = readPresetDocument(text, where);
    const re = isGlob(pattern) ? globToRegExp(pattern) : null;
    const matchedNames = doc.names.filter((n) => (re === null ? n === pattern : re.test(n)));
    if (matchedNames.length === 0) {
      throw presetError(
        `No presets matching '${pattern}' found in ${where}. Available: ${pyRepr(sortedNames([...doc.names]))}`,
      );
    }
    // Structure and names of every matched preset are checked before the bank changes.
    const matched = matchedNames.map((n) => doc.entry(n, warn));
    for (const p of matched) validatePreset(p, this.#model);
    if (onConflict === "error") {
      for (const p of matched) {
        if (this.#presets.has(p.name)) {
          throw presetError(
            `Preset '${p.name}' already exists in bank. Use onConflict 'keep' or 'replace' (on_conflict) to resolve.`,
            { name: p.name },
          );
        }
      }
    }
    let count = 0;
    for (const p of matched) {
      if (this.#presets.has(p.name)) {
        if (onConflict === "keep") {
          warn("PRESET_KEPT", `Skipping file preset '${p.name}' (already in bank, on_conflict='keep')`);
          continue;
        }
        warn("PRESET_REPLACED", `Replacing bank preset '${p.name}' with file preset (on_conflict='replace')`);
      }
      this.#presets.set(p.name, freeze(p));
      count++;
    }
    return count;
  }

  /** The preset file text after adding/replacing `name` in `existing` (or a new document). */
  save(name: string, existing: string | null, where: string, overwrite: boolean): string {
    return writePresetDocument(this.get(name), existing, where, overwrite);
  }
}

function freeze(p: PresetEntry): Preset {
  return Object.freeze({
    name: p.name,
    params: Object.freeze({ ...p.params }),
    states: p.states === null ? null : Object.freeze({ ...p.states }),
  });
}

/** The model's inline `[presets.NAME]` tables (bigint TOML integers become numbers). */
export function inlinePresets(model: object): PresetEntry[] {
  const spec = (model as { spec?: { presets?: readonly unknown[] } }).spec;
  const list = spec?.presets ?? [];
  const num = (r: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries((r ?? {}) as Record<string, unknown>)) out[k] = Number(v);
    return out;
  };
  return list.map((p) => {
    const q = p as { name: string; params?: unknown; states?: unknown };
    return {
      name: q.name,
      params: num(q.params),
      states: q.states === null || q.states === undefined ? null : num(q.states),
    };
  });
}
