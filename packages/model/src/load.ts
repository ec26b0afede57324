/**
 * Public loading entry points (model-dsl.md §1.1): TOML text, plain-object documents, the
 * builtin catalogue and `inline:` references, and in Node file paths: `#model-files` resolves to
 * Node's file access under the `node` condition and to none in browser builds.
 */
import { sortedNames, suggestNames } from "@dyn/core";
import { modelFiles } from "#model-files";
import { builtinModelTexts } from "./builtins/embedded.generated.ts";
import { ModelErrorCode, ModelLoadError } from "./errors.ts";
import { buildSpec } from "./internal/buildSpec.ts";
import { copyDocument } from "./internal/document.ts";
import { checkShebang, normaliseModelText, parseTomlDocument } from "./internal/tomlText.ts";
import type { ModelSpec } from "./spec.ts";

/**
 * Options of {@link parseModel} and {@link modelFromObject}.
 * @category loading
 * @since 0.1.0
 */
export interface ModelSourceOptions {
  /** Names the document in messages: `inline model` (default for text), `model file '<path>'`, a builtin URI. */
  readonly source?: string;
}

/**
 * What {@link loadModel} accepts: a plain-object document, `"builtin://<kind>/<name>"` (a
 * trailing `.toml` is accepted) or `"inline:"` followed by TOML text.
 * @category loading
 * @since 0.1.0
 */
export type ModelRef = string | Readonly<Record<string, unknown>>;

const BUILTIN_SCHEME = "builtin://";
const INLINE_SCHEME = "inline:";

/**
 * Parses TOML model text into a validated, deep-frozen {@link ModelSpec}.
 *
 * A leading BOM is dropped and CRLF becomes LF before parsing (so blocks hash as in dynlib); a
 * first line `#!NAME` must name `dynlib` or `dyn` (M-15). TOML integers stay Python ints
 * (`bigint`), floats stay floats: `x = 1` and `x = 1.0` hash differently.
 *
 * @param text - the model document as TOML.
 * @param options - `source` names the text in messages (default `inline model`).
 * @throws {@link ModelLoadError} `TOML_SYNTAX` (with line, column, context and caret),
 *   `NOT_A_MODEL`, or any validation code of model-dsl.md §2–3.
 * @example
 * ```ts
 * import { parseModel, specHash } from "@dyn/model";
 * const spec = parseModel(`
 * [model]
 * type = "ode"
 * [states]
 * x = 1.0
 * [params]
 * a = 1.0
 * [equations.rhs]
 * x = "-a * x"
 * `);
 * spec.states; // ["x"]
 * specHash(spec).length; // 64
 * ```
 * @category loading
 * @since 0.1.0
 */
export function parseModel(text: string, options: ModelSourceOptions = {}): ModelSpec {
  const source = options.source ?? "inline model";
  if (typeof text !== "string") {
    throw new ModelLoadError(
      ModelErrorCode.SOURCE_UNSUPPORTED,
      `parseModel expects TOML text (a string), got ${typeof text}`,
      { source },
    );
  }
  const normalised = normaliseModelText(text);
  checkShebang(normalised, source);
  const document = copyDocument(parseTomlDocument(normalised, source), source, true);
  return buildSpec(document, { source, text: normalised });
}

/**
 * Validates a plain-object document (the tree a TOML parse yields) into a frozen
 * {@link ModelSpec}. The input is deep-copied and never modified.
 *
 * **Gotcha:** a `number` is always a Python float and a `bigint` a Python int: `{ x: 1 }` hashes
 * as `1.0`; write `1n` for the int `1`. Only plain data is accepted (objects, arrays, strings,
 * numbers, bigints, booleans); `undefined` properties count as absent.
 *
 * @param document - `{ model, states, params?, constants?, equations?, aux?, functions?, events?, sim?, presets? }`.
 * @param options - `source` names the document in messages (default `model object`).
 * @throws {@link ModelLoadError} for any validation problem.
 * @example
 * ```ts
 * import { modelFromObject } from "@dyn/model";
 * const spec = modelFromObject({
 *   model: { type: "map" },
 *   states: { x: 0.1 },
 *   params: { r: 4.0 },
 *   equations: { rhs: { x: "r * x * (1 - x)" } },
 * });
 * spec.stateIc; // [0.1]
 * ```
 * @category loading
 * @since 0.1.0
 */
export function modelFromObject(
  document: Readonly<Record<string, unknown>>,
  options: ModelSourceOptions = {},
): ModelSpec {
  const source = options.source ?? "model object";
  return buildSpec(copyDocument(document, source, false), { source });
}

/**
 * The URIs of the builtin catalogue (`builtin://map/henon`, …, `builtin://ode/vanderpol`),
 * sorted by code point.
 * @example
 * ```ts
 * import { listBuiltins } from "@dyn/model";
 * listBuiltins().includes("builtin://ode/lorenz"); // true
 * ```
 * @category loading
 * @since 0.1.0
 */
export function listBuiltins(): string[] {
  return sortedNames(Object.keys(builtinModelTexts).map((key) => `${BUILTIN_SCHEME}${key}`));
}

function loadBuiltin(ref: string): ModelSpec {
  const key = ref.slice(BUILTIN_SCHEME.length).replace(/\.toml$/, "");
  const text = Object.hasOwn(builtinModelTexts, key) ? builtinModelTexts[key] : undefined;
  if (text === undefined) {
    const keys = Object.keys(builtinModelTexts);
    const byKey = suggestNames(key, keys);
    // A near miss of the bare name (`lorenzz`) also counts, whatever the kind.
    const name = key.slice(key.lastIndexOf("/") + 1);
    const byName = keys.filter(
      (candidate) =>
        suggestNames(name, [candidate.slice(candidate.indexOf("/") + 1)]).length > 0 ||
        candidate.endsWith(`/${name}`),
    );
    const suggestions = [...new Set([...byKey, ...byName])].map(
      (candidate) => `${BUILTIN_SCHEME}${candidate}`,
    );
    const hint = suggestions.length > 0 ? ` (did you mean '${suggestions[0] as string}'?)` : "";
    throw new ModelLoadError(
      ModelErrorCode.SOURCE_NOT_FOUND,
      `Unknown builtin model '${ref}'${hint}. Available: ${listBuiltins().join(", ")}`,
      { source: ref, suggestions },
    );
  }
  return parseModel(text, { source: `${BUILTIN_SCHEME}${key}` });
}

/**
 * Loads a model from a reference: a plain-object document, `"builtin://<kind>/<name>"` (a
 * trailing `.toml` is accepted), `"inline:"` + TOML text, and in Node a file path or `file:` URL
 * (`.toml` may be omitted; the same as `loadModelFile` of `@dyn/model/node`).
 *
 * **Details:** Node resolves the package's `node` condition to a build that reads files; browser
 * and bundler builds contain no `node:` import and refuse paths.
 *
 * @throws {@link ModelLoadError} `SOURCE_NOT_FOUND` for a missing file (Node) or an unknown
 *   builtin (with did-you-mean), `SOURCE_UNSUPPORTED` for a path in a browser build, or any
 *   validation error.
 * @example
 * ```ts
 * import { loadModel } from "@dyn/model";
 * const lorenz = loadModel("builtin://ode/lorenz");
 * lorenz.params; // ["sigma", "rho", "beta"]
 * ```
 * @category loading
 * @since 0.1.0
 */
export function loadModel(ref: ModelRef): ModelSpec {
  if (typeof ref !== "string") return modelFromObject(ref);
  if (ref.startsWith(BUILTIN_SCHEME)) return loadBuiltin(ref);
  if (ref.startsWith(INLINE_SCHEME))
    return parseModel(ref.slice(INLINE_SCHEME.length), { source: "inline model" });
  if (modelFiles !== null) {
    const { text, source } = modelFiles.readText(ref);
    return parseModel(text, { source });
  }
  const shown = ref.length > 80 ? `${ref.slice(0, 77)}...` : ref;
  throw new ModelLoadError(
    ModelErrorCode.SOURCE_UNSUPPORTED,
    `loadModel cannot load '${shown}': this build has no file access (file paths are read only in Node, by loadModel or loadModelFile from '@dyn/model/node'); here it accepts document objects, 'builtin://<kind>/<name>' and 'inline:<TOML text>'. In a browser, fetch the text and call parseModel.`,
    { source: shown },
  );
}
