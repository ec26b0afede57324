/**
 * A named set of parameter and/or state values (session-semantics §6, presets).
 *
 * @example
 * ```ts
 * import type { Preset } from "@dyn/session";
 * const p: Preset = { name: "chaotic", params: { rho: 28 }, states: null };
 * ```
 * @category presets
 * @since 0.1.0
 */
export interface Preset {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  /** null when the preset sets no states. */
  readonly states: Readonly<Record<string, number>> | null;
}

/**
 * Options of `Sim.addPreset`. Values are full-length arrays (declaration order) or `{name: value}`
 * objects; with neither, the current session's states and parameters are captured.
 *
 * @example
 * ```ts
 * import type { AddPresetOptions } from "@dyn/session";
 * const opts: AddPresetOptions = { params: { rho: 99.96 }, overwrite: true };
 * ```
 * @category presets
 * @since 0.1.0
 */
export interface AddPresetOptions {
  readonly states?: ArrayLike<number> | Readonly<Record<string, number>>;
  readonly params?: ArrayLike<number> | Readonly<Record<string, number>>;
  readonly overwrite?: boolean;
}

/**
 * Where preset text comes from or goes to: a path (Node) or
 * `{ text }` holding the TOML itself (everywhere).
 *
 * @example
 * ```ts
 * import type { PresetSource } from "@dyn/session";
 * const src: PresetSource = { text: '[__presets__]\nschema = "dynlib-presets-v1"\n' };
 * ```
 * @category presets
 * @since 0.1.0
 */
export type PresetSource = string | { readonly text: string };

/**
 * Options of `Sim.loadPreset`: what to do when a file preset's name is already in the bank
 * (`"error"` throws, `"keep"` skips it with a warning, `"replace"` replaces it with a warning).
 *
 * @example
 * ```ts
 * import type { LoadPresetOptions } from "@dyn/session";
 * const opts: LoadPresetOptions = { onConflict: "replace" };
 * ```
 * @category presets
 * @since 0.1.0
 */
export interface LoadPresetOptions {
  readonly onConflict?: "error" | "keep" | "replace";
}

/**
 * Options of `Sim.savePreset`.
 *
 * @example
 * ```ts
 * import type { SavePresetOptions } from "@dyn/session";
 * const opts: SavePresetOptions = { overwrite: true };
 * ```
 * @category presets
 * @since 0.1.0
 */
export interface SavePresetOptions {
  /** Replace a preset of the same name already in the target file (default: throw). */
  readonly overwrite?: boolean;
}
