/**
 * The spec hash (model-dsl.md §5): lowercase hex SHA-256 of the UTF-8 canonical JSON of a
 * {@link ModelSpec}, bit-identical to dynlib's `compute_spec_hash`, so checkpoints cross between
 * the two libraries.
 */
import { compareCodePoints, pythonFloatRepr, sha256Hex } from "@dyn/core";
import type { ModelSpec, SpecValue } from "./spec.ts";

/** A value of the canonical object: Python-typed JSON (`bigint` = int, `number` = float). */
type CanonicalValue =
  | null
  | boolean
  | string
  | number
  | bigint
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

function canonicalRecord<T>(
  record: Readonly<Record<string, T>>,
  map: (value: T) => CanonicalValue,
): Record<string, CanonicalValue> {
  const out: Record<string, CanonicalValue> = {};
  for (const [key, value] of Object.entries(record)) out[key] = map(value);
  return out;
}

function canonicalExtra(value: SpecValue): CanonicalValue {
  if (Array.isArray(value)) return value.map(canonicalExtra);
  if (typeof value === "object")
    return canonicalRecord(value as Readonly<Record<string, SpecValue>>, canonicalExtra);
  return value;
}

/** The snake_case canonical object of §5.1 (keys are sorted at serialisation). */
function canonicalObject(spec: ModelSpec): CanonicalValue {
  const sim: Record<string, CanonicalValue> = {
    atol: spec.sim.atol,
    dt: spec.sim.dt,
    max_steps: spec.sim.maxSteps,
    record: spec.sim.record,
    rtol: spec.sim.rtol,
    stepper: spec.sim.stepper,
    t0: spec.sim.t0,
    t_end: spec.sim.tEnd,
  };
  if (spec.sim.stop !== null) sim.stop = { cond: spec.sim.stop.cond, phase: spec.sim.stop.phase };
  if (Object.keys(spec.sim.stepperDefaults).length > 0) {
    sim.stepper_defaults = canonicalRecord(spec.sim.stepperDefaults, canonicalExtra);
  }
  const strings = (record: Readonly<Record<string, string>> | null): CanonicalValue =>
    record === null ? null : canonicalRecord(record, (value) => value);
  return {
    aux: canonicalRecord(spec.aux, (value) => value),
    constant_vals: [...spec.constantVals],
    constants: [...spec.constants],
    dtype: spec.dtype,
    equations_block: spec.equationsBlock,
    equations_rhs: strings(spec.equationsRhs),
    equations_use_lag: spec.equationsUseLag,
    events: spec.events.map((event) => ({
      action_block: event.actionBlock,
      action_keyed: strings(event.actionKeyed),
      cond: event.cond,
      log: [...event.log],
      name: event.name,
      phase: event.phase,
      tags: [...event.tags],
    })),
    functions: canonicalRecord(spec.functions, (fn) => [[...fn.args], fn.expr]),
    inverse_block: spec.inverseBlock,
    inverse_rhs: strings(spec.inverseRhs),
    jacobian_exprs: spec.jacobianExprs === null ? null : spec.jacobianExprs.map((row) => [...row]),
    kind: spec.kind,
    // Lag entries are Python ints: serialise them as integers, not floats.
    lag_map: canonicalRecord(spec.lagMap, (entry) => entry.map((n) => BigInt(n))),
    name: spec.name,
    param_vals: [...spec.paramVals],
    params: [...spec.params],
    presets: spec.presets.map((preset) => ({
      name: preset.name,
      params: canonicalRecord(preset.params, (value) => value),
      states: preset.states === null ? null : canonicalRecord(preset.states, (value) => value),
    })),
    sim,
    state_ic: [...spec.stateIc],
    states: [...spec.states],
    tag_index: canonicalRecord(spec.tagIndex, (names) => [...names]),
    uses_lag: spec.usesLag,
  };
}

function serialise(value: CanonicalValue, out: string[]): void {
  if (value === null) out.push("null");
  else if (typeof value === "boolean") out.push(value ? "true" : "false");
  else if (typeof value === "string") out.push(JSON.stringify(value));
  else if (typeof value === "bigint") out.push(value.toString());
  else if (typeof value === "number") out.push(pythonFloatRepr(value));
  else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item: CanonicalValue, index: number) => {
      if (index > 0) out.push(",");
      serialise(item, out);
    });
    out.push("]");
  } else {
    const record = value as { readonly [key: string]: CanonicalValue };
    const keys = Object.keys(record).sort(compareCodePoints);
    out.push("{");
    keys.forEach((key, index) => {
      if (index > 0) out.push(",");
      out.push(JSON.stringify(key), ":");
      serialise(record[key] as CanonicalValue, out);
    });
    out.push("}");
  }
}

/**
 * The canonical JSON text the spec hash is computed over (model-dsl.md §5.1–5.2): snake_case
 * keys sorted by code point at every level, no spaces, ints as digits, floats as Python
 * `repr(float)` (`1.0`, `1e-05`, `NaN`, `Infinity`), strings escaped like `JSON.stringify`.
 *
 * **Gotcha:** this is not `JSON.stringify(spec)`: floats keep a fractional part (`2.0`) and
 * non-finite values are written as Python's `json.dumps` does.
 *
 * @example
 * ```ts
 * import { canonicalSpecJson, loadModel } from "@dyn/model";
 * canonicalSpecJson(loadModel("builtin://map/logistic")).startsWith('{"aux":{}'); // true
 * ```
 * @category hashing
 * @since 0.1.0
 */
export function canonicalSpecJson(spec: ModelSpec): string {
  const out: string[] = [];
  serialise(canonicalObject(spec), out);
  return out.join("");
}

/**
 * The spec hash: lowercase hex SHA-256 of the UTF-8 {@link canonicalSpecJson}. Identical to
 * dynlib's hash of the same model, computed synchronously (no WebCrypto) in Node and browsers.
 * It covers every value and name, declaration order, expression text (whitespace and trailing
 * comments included), tags and `[sim]`; not table key order, TOML comments or layout.
 *
 * @example
 * ```ts
 * import { loadModel, specHash } from "@dyn/model";
 * specHash(loadModel("builtin://ode/lorenz"));
 * // "a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd"
 * ```
 * @category hashing
 * @since 0.1.0
 */
export function specHash(spec: ModelSpec): string {
  return sha256Hex(new TextEncoder().encode(canonicalSpecJson(spec)));
}
