/**
 * The normalised, deep-frozen model specification (model-dsl.md §2.8). Numbers keep Python's
 * int/float distinction: `bigint` is a Python int, `number` a Python float. Expression strings
 * are kept verbatim (untrimmed), because the spec hash covers them.
 */

/** A Python-typed scalar: `bigint` = int, `number` = float. @category models @since 0.1.0 */
export type SpecNumber = number | bigint;

/** Any `[sim]` extra value kept verbatim (TOML values but datetimes). @category models @since 0.1.0 */
export type SpecValue =
  | SpecNumber
  | string
  | boolean
  | readonly SpecValue[]
  | { readonly [key: string]: SpecValue };

/** The model kind: an ODE system or a discrete map. @category models @since 0.1.0 */
export type ModelKind = "ode" | "map";
/** When an event is tested: before a step, after it, or both. @category models @since 0.1.0 */
export type EventPhase = "start" | "end" | "both";

/** A user function `[functions.NAME]`. @category models @since 0.1.0 */
export interface FunctionSpec {
  readonly args: readonly string[];
  readonly expr: string;
}

/** An event `[events.NAME]` after normalisation. @category models @since 0.1.0 */
export interface EventSpec {
  readonly name: string;
  readonly phase: EventPhase;
  readonly cond: string;
  /** Keyed action (`action.x = "…"`) in table order; null when absent or empty. */
  readonly actionKeyed: Readonly<Record<string, string>> | null;
  /** Action block text; null when absent, `""` kept. */
  readonly actionBlock: string | null;
  readonly log: readonly string[];
  /** Deduplicated and sorted by code point. */
  readonly tags: readonly string[];
}

/** The `[sim]` table with defaults filled in. @category models @since 0.1.0 */
export interface SimSpec {
  readonly t0: number;
  readonly tEnd: number;
  readonly dt: number;
  readonly stepper: string;
  readonly record: boolean;
  readonly atol: number;
  readonly rtol: number;
  readonly maxSteps: bigint;
  readonly stop: { readonly cond: string; readonly phase: "post" } | null;
  /** Extra keys (hashed as `stepper_defaults`), applied to same-named stepper config fields. */
  readonly stepperDefaults: Readonly<Record<string, SpecValue>>;
}

/** A preset `[presets.NAME]`. @category models @since 0.1.0 */
export interface PresetSpec {
  readonly name: string;
  readonly params: Readonly<Record<string, SpecNumber>>;
  /** null when the preset sets no states. */
  readonly states: Readonly<Record<string, SpecNumber>> | null;
}

/**
 * The validated model. Produced by `parseModel`, `modelFromObject`, `loadModel` and
 * `loadModelFile`; consumed by `compileModel` and `specHash`.
 * @category models
 * @since 0.1.0
 */
export interface ModelSpec {
  readonly kind: ModelKind;
  readonly name: string | null;
  /** Canonical dtype: `float64` (default) or `float32`. */
  readonly dtype: string;
  readonly constants: readonly string[];
  readonly constantVals: readonly SpecNumber[];
  readonly states: readonly string[];
  readonly stateIc: readonly SpecNumber[];
  readonly params: readonly string[];
  readonly paramVals: readonly SpecNumber[];
  /** `[equations.rhs]` in table order; null if absent or empty. */
  readonly equationsRhs: Readonly<Record<string, string>> | null;
  /** `[equations].expr` block text; null if absent or `""`. */
  readonly equationsBlock: string | null;
  readonly inverseRhs: Readonly<Record<string, string>> | null;
  readonly inverseBlock: string | null;
  /** Jacobian entry texts, n × n rows; null when not given. */
  readonly jacobianExprs: readonly (readonly string[])[] | null;
  /** Aux definitions in declaration order. */
  readonly aux: Readonly<Record<string, string>>;
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  readonly events: readonly EventSpec[];
  readonly sim: SimSpec;
  /** tag → event names in declaration order. */
  readonly tagIndex: Readonly<Record<string, readonly string[]>>;
  readonly presets: readonly PresetSpec[];
  /** state → [bufferLen, ringOffset, headIndex], states in declaration order. */
  readonly lagMap: Readonly<Record<string, readonly [number, number, number]>>;
  readonly usesLag: boolean;
  readonly equationsUseLag: boolean;
}
