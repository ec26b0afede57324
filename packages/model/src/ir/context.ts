/**
 * What expression checks and lowering know about a model: its declared names and the values
 * inlined for constants.
 */
import type { FunctionSpec, ModelSpec } from "../spec.ts";

/**
 * The dtypes kernels can be compiled for (M-16).
 * @category compilation
 * @since 0.1.0
 */
export type KernelDtype = "float64" | "float32";

/**
 * Name tables of one model, shared by the identifier check and the lowering.
 * @internal
 */
export interface ModelContext {
  readonly spec: ModelSpec;
  readonly source: string | undefined;
  readonly dtype: KernelDtype;
  readonly stateIndex: ReadonlyMap<string, number>;
  readonly paramIndex: ReadonlyMap<string, number>;
  /** User constants, then `pi` and `e`, as literals rounded to the dtype. */
  readonly constantValues: ReadonlyMap<string, number>;
  readonly auxNames: ReadonlySet<string>;
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  /** Rounds a double to the dtype (identity for float64, `Math.fround` for float32). */
  readonly roundToDtype: (value: number) => number;
}

/**
 * Build the name tables of `spec` for kernels of `dtype`.
 * @internal
 */
export function createModelContext(
  spec: ModelSpec,
  dtype: KernelDtype,
  source: string | undefined,
): ModelContext {
  const roundToDtype = dtype === "float32" ? Math.fround : (value: number): number => value;
  const constantValues = new Map<string, number>();
  spec.constants.forEach((name, index) => {
    const value = spec.constantVals[index];
    constantValues.set(name, roundToDtype(Number(value ?? Number.NaN)));
  });
  if (!constantValues.has("pi")) constantValues.set("pi", roundToDtype(Math.PI));
  if (!constantValues.has("e")) constantValues.set("e", roundToDtype(Math.E));
  return {
    spec,
    source,
    dtype,
    stateIndex: new Map(spec.states.map((name, index) => [name, index])),
    paramIndex: new Map(spec.params.map((name, index) => [name, index])),
    constantValues,
    auxNames: new Set(Object.keys(spec.aux)),
    functions: new Map(Object.entries(spec.functions)),
    roundToDtype,
  };
}
