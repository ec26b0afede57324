/**
 * What the Python reference (dynlib 0.40.3, `runtime/sim.py`) checks when it imports a snapshot
 * file, reproduced independently of our own code (session-semantics §8.3), plus the pins the
 * reference computes for a model and stepper. Used by referenceImport.test.ts.
 */
import { crc32 } from "node:zlib";

/** A workspace field as the reference declares it: name, shape, numpy dtype number. */
export type DeclaredField = readonly [name: string, shape: readonly number[], dtypeNumber: number];

const F64 = 12;
const I64 = 7;

/** The stepper workspaces the reference declares (session-semantics §1.5), for n states. */
export function referenceStepperFields(stepper: string, n: number): DeclaredField[] {
  const v = (...names: string[]): DeclaredField[] => names.map((name) => [name, [n], F64] as const);
  const J = (name: string): DeclaredField => [name, [n, n], F64];
  const stepIndex: DeclaredField = ["step_index", [1], I64];
  switch (stepper) {
    case "map":
      return v("y_next");
    case "euler":
      return v("dy", "kv");
    case "rk2":
      return v("y_stage", "k1", "k2", "v_stage", "kv1", "kv2");
    case "rk4":
      return v("y_stage", "k1", "k2", "k3", "k4", "v_stage", "kv1", "kv2", "kv3", "kv4");
    case "rk45":
      return v("y_stage", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
    case "ab2":
      return [...v("f_prev", "f_curr", "f_next", "y_stage"), stepIndex];
    case "ab3":
      return [...v("f_nm2", "f_nm1", "f_n", "f_next", "y_stage"), stepIndex];
    case "bdf2":
      return [...v("y_nm1"), stepIndex, ...v("y_guess", "y_tmp", "f_val", "f_tmp", "residual"), J("J")];
    case "sdirk2":
      return [...v("k1", "k2", "y_stage", "y_tmp", "f_val", "f_tmp", "residual"), J("J_base"), J("J")];
    case "bdf2a":
      return [
        ...v("y_nm1"),
        stepIndex,
        ["dt_nm1", [1], F64],
        ...v("y_guess", "y_bdf2", "f_val", "f_tmp", "residual"),
        J("J"),
      ];
    case "tr-bdf2a":
      return [
        stepIndex,
        ...v("y_guess", "y_stage", "y_trbdf2", "y_be", "f_n", "f_val", "f_tmp", "residual"),
        J("J"),
        J("J_work"),
      ];
    default:
      throw new Error(`no reference declaration for stepper '${stepper}'`);
  }
}

/** The runtime workspace (§1.3) of a model without lags or stop condition, with `nAux` aux values. */
export function referenceRuntimeFields(nAux: number): DeclaredField[] {
  return [
    ["lag_ring", [0], F64],
    ["lag_head", [0], 5],
    ["lag_info", [0, 3], 5],
    ["aux_values", [nAux], F64],
    ["stop_flag", [0], 5],
    ["stop_phase_mask", [0], 5],
  ];
}

/** The reference's workspace signature (§3.1): zlib CRC-32 of the name, ndim, dims, dtype number. */
export function referenceSignature(fields: readonly DeclaredField[]): number[] {
  const out: number[] = [];
  for (const [name, shape, num] of fields)
    out.push(crc32(Buffer.from(name, "utf8")) >>> 0, shape.length, ...shape, num);
  return out;
}

/** The pins and layout a reference session built for one model and stepper would have. */
export interface ReferenceSession {
  readonly nState: number;
  readonly nParams: number;
  readonly pins: {
    readonly spec_hash: string;
    readonly stepper_name: string;
    readonly workspace_sig: readonly number[];
    readonly dtype_token: string;
    readonly dynlib_version: string;
  };
  readonly stepperFields: readonly DeclaredField[];
  readonly runtimeFields: readonly DeclaredField[];
  readonly configNames: readonly string[];
}

/**
 * A Python program doing what the reference's `import_snapshot` does up to the point where the
 * session would be replaced: `np.load(allow_pickle=False)`, `json.loads` of `meta.json` (bare
 * `Infinity`/`NaN` accepted, as Python's json does), schema, `y`/`params` shapes, each pin compared
 * with `!=` (`workspace_sig` as a tuple of ints), the required meta keys, the defaulted ones, and
 * every workspace member restored by name into the declared fields (shape and dtype as declared).
 * Prints a JSON list of problems (empty = the reference would resume the file).
 */
export const REFERENCE_IMPORT_PY = `
import json, sys
import numpy as np

path, expected = sys.argv[1], json.loads(sys.argv[2])
problems = []
with np.load(path, allow_pickle=False) as z:
    files = list(z.files)
    if "meta.json" not in files:
        problems.append("missing meta.json")
        print(json.dumps(problems)); sys.exit(0)
    meta = json.loads(z["meta.json"].tobytes().decode("utf-8"))
    y, params = z["y"], z["params"]
    if meta.get("schema") != "dynlib-snapshot-v1":
        problems.append("schema %r" % (meta.get("schema"),))
    if y.shape != (expected["n_state"],):
        problems.append("y shape %r" % (y.shape,))
    if params.shape != (expected["n_params"],):
        problems.append("params shape %r" % (params.shape,))
    pins = meta.get("pins", {})
    want = expected["pins"]
    for key in ("spec_hash", "stepper_name", "dtype_token", "dynlib_version"):
        if want[key] != pins.get(key, ""):
            problems.append("pin %s: %r != %r" % (key, want[key], pins.get(key, "")))
    if tuple(want["workspace_sig"]) != tuple(pins.get("workspace_sig", [])):
        problems.append("pin workspace_sig differs")
    if not all(type(v) is int for v in pins.get("workspace_sig", [])):
        problems.append("workspace_sig holds non-ints")
    for key in ("t_curr", "dt_curr", "step_count", "status"):
        if key not in meta:
            problems.append("missing " + key)
    float(meta["t_curr"]); float(meta["dt_curr"]); int(meta["step_count"]); int(meta["status"])
    float(meta.get("time_shift", 0.0)); float(meta.get("nominal_dt", 0.0))
    if list(meta.get("stepper_config_names", [])) != expected["config_names"]:
        problems.append("stepper_config_names %r" % (meta.get("stepper_config_names"),))
    cfg = np.array(z["stepper_config"], dtype=np.float64) if "stepper_config" in files else np.array([])
    if cfg.size not in (0, len(expected["config_names"])):
        problems.append("stepper_config size %d" % cfg.size)
    declared = {"stepper": {f[0]: f for f in expected["stepper_fields"]},
                "runtime": {f[0]: f for f in expected["runtime_fields"]}}
    numbers = {12: np.float64, 11: np.float32, 5: np.int32, 7: np.int64}
    for key in files:
        if not key.startswith("workspace/"):
            continue
        bucket, _, field = key[len("workspace/"):].partition("/")
        if bucket not in declared or field not in declared[bucket]:
            problems.append("undeclared workspace member " + key)
            continue
        arr = z[key]
        _, shape, num = declared[bucket][field]
        if arr.shape != tuple(shape) or arr.dtype != np.dtype(numbers[num]):
            problems.append("%s: %r %s, declared %r %s" % (key, arr.shape, arr.dtype, tuple(shape), np.dtype(numbers[num])))
    for bucket, fields in declared.items():
        for name, (_, shape, _) in fields.items():
            size = int(np.prod(shape))
            if size > 0 and ("workspace/%s/%s" % (bucket, name)) not in files:
                problems.append("declared field missing: %s/%s" % (bucket, name))
print(json.dumps(problems))
`;

/** The expectation JSON the Python program takes as its second argument. */
export function expectationJson(ref: ReferenceSession): string {
  return JSON.stringify({
    n_state: ref.nState,
    n_params: ref.nParams,
    pins: ref.pins,
    stepper_fields: ref.stepperFields,
    runtime_fields: ref.runtimeFields,
    config_names: ref.configNames,
  });
}
