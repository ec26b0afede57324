import { crc32Utf8 } from "@dyn/core";
import type { SessionPins } from "../sessionState.ts";
import type { FieldLayout } from "./stepperPort.ts";

const DTYPE_NUMBER: Readonly<Record<string, number>> = {
  float64: 12,
  f8: 12,
  "<f8": 12,
  float32: 11,
  f4: 11,
  "<f4": 11,
  float16: 23,
  int32: 5,
  i4: 5,
  "<i4": 5,
  int64: 7,
  i8: 7,
  "<i8": 7,
  uint8: 2,
  u1: 2,
};

/** The numpy dtype number of a dtype name (float64 12, float32 11, int32 5, int64 7, …). */
export function numpyDtypeNumber(dtype: string): number {
  const n = DTYPE_NUMBER[dtype];
  if (n === undefined) throw new Error(`workspace signature: unsupported dtype '${dtype}'`);
  return n;
}

/**
 * The workspace signature of session-semantics §3.2: for each stepper field, then each runtime
 * field, CRC-32 of the name, ndim, each dimension and the numpy dtype number.
 *
 * **Details:** stepper float fields take the model dtype, as in the reference (its stepper
 * workspaces are allocated in the model dtype).
 */
export function workspaceSignature(
  stepperFields: readonly FieldLayout[],
  runtimeFields: readonly FieldLayout[],
  modelDtype: string,
): number[] {
  const sig: number[] = [];
  const push = (f: FieldLayout, dtype: string): void => {
    sig.push(crc32Utf8(f.name) >>> 0, f.shape.length, ...f.shape, numpyDtypeNumber(dtype));
  };
  for (const f of stepperFields) push(f, f.dtype === "float64" ? modelDtype : f.dtype);
  for (const f of runtimeFields) push(f, f.dtype);
  return sig;
}

/** Pin fields that differ, as `{field: [model, state]}` (snake_case keys, as files use). */
export function pinDiff(model: SessionPins, state: SessionPins): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  if (model.specHash !== state.specHash) diff["spec_hash"] = [model.specHash, state.specHash];
  if (model.stepperName !== state.stepperName) diff["stepper_name"] = [model.stepperName, state.stepperName];
  if (model.workspaceSig.join(",") !== state.workspaceSig.join(","))
    diff["workspace_sig"] = [model.workspaceSig, state.workspaceSig];
  if (model.dtypeToken !== state.dtypeToken) diff["dtype_token"] = [model.dtypeToken, state.dtypeToken];
  return diff;
}
