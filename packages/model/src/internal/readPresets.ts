/**
 * `[presets.NAME]` (model-dsl.md §2.7): the stage-3 read (tables of plain numbers, at least one
 * entry, unknown keys M-9) and the later check that they name declared params and states.
 */
import { pythonStrListRepr, sortedNames } from "@dyn/core";
import { ModelErrorCode } from "../errors.ts";
import type { PresetSpec, SpecNumber } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, isTable, typeWord } from "./document.ts";
import { checkUnknownKeys } from "./unknownKeys.ts";

function readNumberTable(
  context: LoadContext,
  label: string,
  key: string,
  raw: unknown,
): Record<string, SpecNumber> {
  const out = Object.create(null) as Record<string, SpecNumber>;
  if (raw === undefined) return out;
  if (!isTable(raw))
    throw loadError(
      context,
      ModelErrorCode.BAD_PRESET,
      `${label}.${key} must be a table, got ${typeWord(raw)}`,
      `${label}.${key}`,
    );
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "bigint" && typeof value !== "number") {
      throw loadError(
        context,
        ModelErrorCode.BAD_PRESET,
        `${label}.${key}.${name} must be a number, got ${typeWord(value)}`,
        `${label}.${key}.${name}`,
      );
    }
    out[name] = value;
  }
  return out;
}

/** Reads presets in declaration order. */
export function readPresets(context: LoadContext, table: DocTable): PresetSpec[] {
  const presets: PresetSpec[] = [];
  for (const [name, body] of Object.entries(table)) {
    const label = `[presets.${name}]`;
    if (!isTable(body))
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `${label} must be a table, got ${typeWord(body)}`,
        label,
      );
    checkUnknownKeys(context, body, label, ["params", "states"]);
    const params = readNumberTable(context, label, "params", body.params);
    const states = readNumberTable(context, label, "states", body.states);
    if (Object.keys(params).length === 0 && Object.keys(states).length === 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_PRESET,
        `${label} must define at least one param or state`,
        label,
      );
    }
    presets.push({ name, params, states: Object.keys(states).length === 0 ? null : states });
  }
  return presets;
}

/** Every preset entry names a declared param/state. */
export function checkPresetNames(
  context: LoadContext,
  presets: readonly PresetSpec[],
  states: readonly string[],
  params: readonly string[],
): void {
  for (const preset of presets) {
    const label = `[presets.${preset.name}]`;
    const badParams = sortedNames(Object.keys(preset.params).filter((name) => !params.includes(name)));
    if (badParams.length > 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_PRESET,
        `${label}.params contains unknown parameter(s): ${pythonStrListRepr(badParams)}. Valid params: ${pythonStrListRepr(sortedNames(params))}`,
        `${label}.params`,
      );
    }
    const badStates = sortedNames(Object.keys(preset.states ?? {}).filter((name) => !states.includes(name)));
    if (badStates.length > 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_PRESET,
        `${label}.states contains unknown state(s): ${pythonStrListRepr(badStates)}. Valid states: ${pythonStrListRepr(sortedNames(states))}`,
        `${label}.states`,
      );
    }
  }
}
