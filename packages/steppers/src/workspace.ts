import { STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
import type { Stepper, StepperWorkspace, WorkspaceArray, WorkspaceDtype } from "./types.ts";

/**
 * A workspace field resolved for one state size: name, dtype and concrete shape.
 * @category steppers
 * @since 0.1.0
 */
export interface ResolvedWorkspaceField {
  readonly name: string;
  readonly dtype: WorkspaceDtype;
  readonly shape: readonly number[];
}

function checkSize(n: number, where: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.INVALID_ARGUMENT,
      message: `${where}: state size must be a non-negative integer (got ${String(n)})`,
      details: { n },
    });
  }
}

/**
 * The stepper's workspace layout for state size `n`, in declaration order — what the workspace
 * signature and seed-mismatch checks compare.
 *
 * @example
 * ```ts
 * import { describeWorkspace, getStepper } from "@dyn/steppers";
 * console.log(describeWorkspace(getStepper("ab2"), 3).map((f) => `${f.name}:${f.dtype}[${f.shape}]`));
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function describeWorkspace(stepper: Stepper, n: number): ResolvedWorkspaceField[] {
  checkSize(n, "describeWorkspace");
  return stepper.workspace.map((field) => ({
    name: field.name,
    dtype: field.dtype,
    shape: Object.freeze([...field.shape(n)]),
  }));
}

/**
 * Allocates a zeroed array of `dtype` holding `length` elements (`int64` → `BigInt64Array`).
 * @example
 * ```ts
 * import { allocateArray } from "@dyn/steppers";
 * console.log(allocateArray("int64", 1)); // BigInt64Array [ 0n ]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function allocateArray(dtype: WorkspaceDtype, length: number): WorkspaceArray {
  switch (dtype) {
    case "float64":
      return new Float64Array(length);
    case "int64":
      return new BigInt64Array(length);
    case "int32":
      return new Int32Array(length);
  }
}

/**
 * Allocates a fresh, zero-initialised workspace for `stepper` at state size `n`: one flat
 * row-major typed array per declared field, keys in declaration order.
 *
 * **Details:** `int64` fields (such as `step_index`) are `BigInt64Array`s, whose bytes are
 * exactly numpy's `<i8`; `float64` fields are `Float64Array`s even for float32 models (the
 * session converts at the snapshot boundary).
 *
 * @example
 * ```ts
 * import { allocateWorkspace, getStepper } from "@dyn/steppers";
 * const ws = allocateWorkspace(getStepper("rk4"), 3);
 * console.log(Object.keys(ws)); // ["y_stage","k1","k2","k3","k4","v_stage","kv1","kv2","kv3","kv4"]
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function allocateWorkspace(stepper: Stepper, n: number): StepperWorkspace {
  checkSize(n, "allocateWorkspace");
  const ws: Record<string, WorkspaceArray> = {};
  for (const field of stepper.workspace) {
    const length = field.shape(n).reduce((a, b) => a * b, 1);
    ws[field.name] = allocateArray(field.dtype, length);
  }
  return Object.freeze(ws);
}
