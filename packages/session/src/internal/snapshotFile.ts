import {
  decodeJsonArray,
  encodeJsonArray,
  isNpzError,
  type NdArray,
  type NpzArchive,
  openNpz,
  type PyJsonValue,
  writeNpz,
} from "@dyn/io-npz";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { FloatVector } from "../modelPort.ts";
import type { SavedWorkspace, SavedWorkspaceArray, SessionPins, SessionState } from "../sessionState.ts";
import type { SnapshotMeta } from "../snapshotMeta.ts";
import { snapshotLimits } from "./snapshotLimits.ts";
import type { FieldLayout } from "./stepperPort.ts";
import { WRITER } from "./version.ts";

/** The only snapshot schema the reference and we write. */
export const SNAPSHOT_SCHEMA = "dynlib-snapshot-v1";

/** What the session knows about its own layout, needed on both sides of the file. */
export interface SnapshotLayout {
  readonly modelDtype: string;
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly stepperFields: readonly FieldLayout[];
  readonly runtimeFields: readonly FieldLayout[];
  readonly configNames: readonly string[];
}

/** One state to write, with the values that live beside the session state. */
export interface SnapshotFileInput {
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
  readonly pins: SessionPins;
  readonly state: SessionState;
  readonly timeShift: number;
  readonly nominalDt: number;
  readonly parent: string | null;
  /** The `dynlib_version` pin: the reference version whose format the file follows (D-9). */
  readonly dynlibVersion: string;
}

const DESCR: Readonly<Record<string, string>> = {
  float64: "<f8",
  float32: "<f4",
  int64: "<i8",
  int32: "<i4",
};

function nd(descr: string, shape: readonly number[], data: ArrayBufferView): NdArray {
  return { dtype: descr, shape: [...shape], data, fortranOrder: false } as unknown as NdArray;
}

/** A stepper float field is kept as Float64Array in memory; the file stores the model dtype. */
function fileArray(arr: SavedWorkspaceArray, dtype: string): ArrayBufferView {
  if (dtype === "float32" && !(arr instanceof Float32Array)) return Float32Array.from(arr as Float64Array);
  if (dtype === "float64" && arr instanceof Float32Array) return Float64Array.from(arr);
  return arr;
}

function workspaceEntries(
  bucket: "stepper" | "runtime",
  saved: Readonly<Record<string, SavedWorkspaceArray>> = {},
  fields: readonly FieldLayout[],
  modelDtype: string,
): [string, NdArray][] {
  const out: [string, NdArray][] = [];
  for (const f of fields) {
    const arr = saved[f.name];
    if (arr === undefined || arr.length === 0) continue; // zero-size arrays are skipped (§8.1)
    const dtype = bucket === "stepper" && f.dtype === "float64" ? modelDtype : f.dtype;
    const descr = DESCR[dtype];
    if (descr === undefined) continue;
    out.push([`workspace/${bucket}/${f.name}`, nd(descr, f.shape, fileArray(arr, dtype))]);
  }
  return out;
}

/**
 * Builds the `.npz` bytes of session-semantics §8.1: `meta.json`, `y`, `params`, the stepper and
 * runtime workspace fields in layout order, then `stepper_config` when non-empty. Integers are
 * written as Python ints (bigint), floats as Python floats. The pins are the live model's, except
 * `dynlib_version`, which is the chosen reference version; `writer` names us (D-9).
 */
export function encodeSnapshotFile(input: SnapshotFileInput, layout: SnapshotLayout): Uint8Array {
  const { state, pins } = input;
  const meta: Record<string, PyJsonValue> = {
    schema: SNAPSHOT_SCHEMA,
    created_at: input.createdAt,
    name: input.name,
    description: input.description,
    pins: {
      spec_hash: pins.specHash,
      stepper_name: pins.stepperName,
      workspace_sig: pins.workspaceSig.map((v) => BigInt(v)),
      dtype_token: pins.dtypeToken,
      dynlib_version: input.dynlibVersion,
    },
    n_state: BigInt(layout.stateNames.length),
    n_params: BigInt(layout.paramNames.length),
    state_names: [...layout.stateNames],
    param_names: [...layout.paramNames],
    t_curr: state.tCurr,
    dt_curr: state.dtCurr,
    step_count: BigInt(state.stepCount),
    status: BigInt(state.status),
    time_shift: input.timeShift,
    nominal_dt: input.nominalDt,
    stepper_config_names: [...layout.configNames],
    stepper_config_values: Array.from(state.stepperCfg),
    frame_step: BigInt(state.frameStep),
    grid_origin: state.gridOrigin,
    grid_step: BigInt(state.gridStep),
    parent: input.parent,
    writer: WRITER,
  };
  const vdescr = DESCR[layout.modelDtype] ?? "<f8";
  const entries: [string, NdArray][] = [
    ["meta.json", encodeJsonArray(meta) as unknown as NdArray],
    ["y", nd(vdescr, [state.yCurr.length], state.yCurr)],
    ["params", nd(vdescr, [state.paramsCurr.length], state.paramsCurr)],
    ...workspaceEntries("stepper", state.workspace.stepper, layout.stepperFields, layout.modelDtype),
    ...workspaceEntries("runtime", state.workspace.runtime, layout.runtimeFields, layout.modelDtype),
  ];
  if (state.stepperCfg.length > 0)
    entries.push(["stepper_config", nd("<f8", [state.stepperCfg.length], state.stepperCfg)]);
  return writeNpz(entries);
}

/** The raw content of a snapshot file, before any validation against the model. */
export interface SnapshotFileContent {
  readonly meta: SnapshotMeta;
  readonly y: NdArray;
  readonly params: NdArray;
  readonly workspace: { stepper: Map<string, NdArray>; runtime: Map<string, NdArray> };
  readonly stepperConfig: NdArray | null;
}

function fileError(message: string, cause?: unknown): Error {
  return sessionError(SESSION_ERROR_CODES.SNAPSHOT_FILE, message, undefined, cause);
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function openArchive(bytes: Uint8Array, layout: SnapshotLayout): NpzArchive {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `snapshot source must be a Uint8Array of .npz bytes or, in Node, a path (got ${typeof bytes})`,
    );
  }
  try {
    return openNpz(bytes, { limits: snapshotLimits(layout) });
  } catch (err) {
    throw fileError(`Cannot read snapshot file: ${reasonOf(err)}`, err);
  }
}

function readMeta(archive: NpzArchive, wrapMissing: boolean): SnapshotMeta {
  if (!archive.has("meta.json")) {
    const msg = "Missing 'meta.json' in snapshot file";
    throw fileError(wrapMissing ? `Error reading snapshot file: ${msg}` : msg);
  }
  let meta: PyJsonValue;
  try {
    meta = decodeJsonArray(archive.get("meta.json"));
  } catch (err) {
    if (isNpzError(err) && err.code === "JSON_SYNTAX")
      throw fileError(`Invalid JSON in meta.json: ${err.message}`, err);
    throw fileError(`${wrapMissing ? "Error reading" : "Cannot read"} snapshot file: ${reasonOf(err)}`, err);
  }
  if (meta === null || typeof meta !== "object" || Array.isArray(meta) || meta instanceof Map) {
    throw fileError(
      `Invalid JSON in meta.json: expected an object, got ${Array.isArray(meta) ? "a list" : typeof meta}`,
    );
  }
  return meta as SnapshotMeta;
}

/** `inspectSnapshot`: only `meta.json` is inflated and checked. */
export function inspectSnapshotBytes(bytes: Uint8Array, layout: SnapshotLayout): SnapshotMeta {
  return readMeta(openArchive(bytes, layout), false);
}

/**
 * `importSnapshot`'s read step: every member the session uses is read (CRC-checked) here, so a
 * broken file fails before anything is validated or changed. Failures other than "cannot open" and bad JSON are
 * wrapped as "Error reading snapshot file: …" (§8.2).
 */
export function readSnapshotFile(bytes: Uint8Array, layout: SnapshotLayout): SnapshotFileContent {
  const archive = openArchive(bytes, layout);
  const declared = {
    stepper: new Set(layout.stepperFields.map((f) => f.name)),
    runtime: new Set(layout.runtimeFields.map((f) => f.name)),
  };
  const meta = readMeta(archive, true);
  try {
    if (!archive.has("y")) throw new Error("Missing 'y' array in snapshot file");
    if (!archive.has("params")) throw new Error("Missing 'params' array in snapshot file");
    const y = archive.get("y");
    const params = archive.get("params");
    const workspace = { stepper: new Map<string, NdArray>(), runtime: new Map<string, NdArray>() };
    for (const key of archive.keys) {
      if (!key.startsWith("workspace/")) continue;
      const rest = key.slice("workspace/".length);
      const slash = rest.indexOf("/");
      const bucket = slash >= 0 ? rest.slice(0, slash) : "stepper";
      const field = slash >= 0 ? rest.slice(slash + 1) : rest;
      if (field === "" || (bucket !== "stepper" && bucket !== "runtime")) continue;
      // A field this stepper/model does not declare is ignored on restore (as in the reference),
      // so it is not even inflated: its size is bounded by nothing this session knows.
      if (!declared[bucket].has(field)) continue;
      workspace[bucket].set(field, archive.get(key, { order: "C" }));
    }
    const stepperConfig = archive.has("stepper_config") ? archive.get("stepper_config") : null;
    return { meta, y, params, workspace, stepperConfig };
  } catch (err) {
    throw fileError(`Error reading snapshot file: ${reasonOf(err)}`, err);
  }
}

function numbersOf(a: NdArray, what: string): number[] {
  const data = a.data as unknown;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array)
    return Array.from(data, (v) => Number(v));
  const isNumeric = /^[<>|=]?[fiub][1248]$/.test(a.dtype) && a.dtype.slice(-2) !== "f2";
  if (!isNumeric || !ArrayBuffer.isView(data)) {
    throw fileError(
      `Error reading snapshot file: '${what}' has unsupported dtype ${a.dtype}; expected a real numeric array`,
    );
  }
  return Array.from(data as unknown as ArrayLike<number>, (v) => (typeof v === "boolean" ? Number(v) : v));
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}

/** `y`/`params` cast to the model dtype. */
export function toModelDtype(a: NdArray, what: string, dtype: string): FloatVector {
  const vals = numbersOf(a, what);
  return dtype === "float32" ? Float32Array.from(vals) : Float64Array.from(vals);
}

/** Shape check of §8.2 with the reference's wording (`expected (n,), got (m,)`). */
export function checkVectorShape(a: NdArray, n: number, label: string): void {
  if (a.shape.length !== 1 || a.shape[0] !== n) {
    throw fileError(`${label} shape mismatch: expected (${n},), got ${shapeText(a.shape)}`);
  }
}

function memoryArray(
  f: FieldLayout,
  bucket: "stepper" | "runtime",
  modelDtype: string,
  a: NdArray,
): SavedWorkspaceArray {
  const declared = bucket === "stepper" && f.dtype === "float64" ? modelDtype : f.dtype;
  const fileKind = a.dtype.replace(/^[<>|=]/, "");
  const sameShape = a.shape.length === f.shape.length && a.shape.every((d, i) => d === f.shape[i]);
  const okKind = declared.startsWith("float")
    ? fileKind === "f8" || fileKind === "f4"
    : /^[iu][1248]$/.test(fileKind);
  if (!sameShape || !okKind) {
    throw fileError(
      `Workspace seed mismatch for '${f.name}': expected shape=${shapeText(f.shape)}, dtype=${declared}, ` +
        `got ${shapeText(a.shape)}/${a.dtype}`,
    );
  }
  const data = a.data as unknown;
  if (f.dtype === "int64") {
    if (data instanceof BigInt64Array) return data.slice();
    return BigInt64Array.from(numbersOf(a, f.name), (v) => BigInt(v));
  }
  if (f.dtype === "int32") return Int32Array.from(numbersOf(a, f.name));
  // Stepper float fields live as Float64Array in memory even for float32 models; runtime float
  // fields are in the model dtype (session-semantics §1.3).
  const vals = numbersOf(a, f.name);
  if (bucket === "runtime" && f.dtype === "float32") return Float32Array.from(vals);
  return Float64Array.from(vals);
}

/**
 * Workspace arrays converted to the in-memory types of the layout; unknown fields are dropped.
 * The runtime bucket exists only when the file has runtime members (the reference groups file
 * members by bucket, so it has no runtime bucket otherwise).
 */
export function restoreWorkspace(content: SnapshotFileContent, layout: SnapshotLayout): SavedWorkspace {
  const stepper: Record<string, SavedWorkspaceArray> = {};
  const runtime: Record<string, SavedWorkspaceArray> = {};
  for (const f of layout.stepperFields) {
    const a = content.workspace.stepper.get(f.name);
    if (a !== undefined) stepper[f.name] = memoryArray(f, "stepper", layout.modelDtype, a);
  }
  for (const f of layout.runtimeFields) {
    const a = content.workspace.runtime.get(f.name);
    if (a !== undefined) runtime[f.name] = memoryArray(f, "runtime", layout.modelDtype, a);
  }
  return content.workspace.runtime.size === 0 ? { stepper } : { stepper, runtime };
}

/** The stepper config: the file array, else the meta values, else empty (§8.2). */
export function restoreConfig(content: SnapshotFileContent): Float64Array {
  if (content.stepperConfig !== null && content.stepperConfig.shape.reduce((p, d) => p * d, 1) > 0) {
    return Float64Array.from(numbersOf(content.stepperConfig, "stepper_config"));
  }
  const values = content.meta["stepper_config_values"];
  if (Array.isArray(values) && values.length > 0) {
    if (!values.every((v) => typeof v === "number")) {
      throw fileError("Error reading snapshot file: 'stepper_config_values' must be a list of numbers");
    }
    return Float64Array.from(values as number[]);
  }
  return new Float64Array(0);
}
