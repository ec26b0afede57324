/**
 * The runtime workspace (model-dsl.md §4.4, S§1.3): layout, creation and the lag rings.
 */
import type { ModelIR } from "../ir/types.ts";
import type { FloatArray, RuntimeFieldLayout, RuntimeWorkspace } from "./types.ts";

/** Post-step stop phase code stored in `stop_phase_mask`. */
const STOP_PHASE_POST = 2;

/**
 * The ordered layout of the runtime workspace of `ir`.
 * @internal
 */
export function runtimeLayoutOf(ir: ModelIR, hasStop: boolean): RuntimeFieldLayout[] {
  const ringLength = ir.lagStates.reduce((sum, lag) => sum + lag.bufferLen, 0);
  const k = ir.lagStates.length;
  const stop = hasStop ? 1 : 0;
  return [
    { name: "lag_ring", dtype: ir.dtype, shape: [ringLength] },
    { name: "lag_head", dtype: "int32", shape: [k] },
    { name: "lag_info", dtype: "int32", shape: [k, 3] },
    { name: "aux_values", dtype: ir.dtype, shape: [ir.auxNames.length] },
    { name: "stop_flag", dtype: "int32", shape: [stop] },
    { name: "stop_phase_mask", dtype: "int32", shape: [stop] },
  ];
}

/**
 * A zeroed float array of the model dtype.
 * @internal
 */
export function floatArray(dtype: "float64" | "float32", length: number): FloatArray {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

/**
 * A fresh workspace: zeros, `lag_info` rows and the stop phase filled in.
 * @internal
 */
export function makeRuntimeWorkspace(ir: ModelIR, hasStop: boolean): RuntimeWorkspace {
  const ringLength = ir.lagStates.reduce((sum, lag) => sum + lag.bufferLen, 0);
  const lagInfo = new Int32Array(ir.lagStates.length * 3);
  ir.lagStates.forEach((lag, row) => {
    lagInfo[row * 3] = lag.stateIndex;
    lagInfo[row * 3 + 1] = lag.bufferLen;
    lagInfo[row * 3 + 2] = lag.ringOffset;
  });
  const stopPhase = new Int32Array(hasStop ? 1 : 0);
  if (hasStop) stopPhase[0] = STOP_PHASE_POST;
  return {
    lag_ring: floatArray(ir.dtype, ringLength),
    lag_head: new Int32Array(ir.lagStates.length),
    lag_info: lagInfo,
    aux_values: floatArray(ir.dtype, ir.auxNames.length),
    stop_flag: new Int32Array(hasStop ? 1 : 0),
    stop_phase_mask: stopPhase,
  };
}

/**
 * Flattened `[stateIndex, bufferLen, ringOffset, headIndex]` rows, read by the ring updates
 * (which run after every commit and must not allocate).
 * @internal
 */
export function lagTable(ir: ModelIR): Int32Array {
  const table = new Int32Array(ir.lagStates.length * 4);
  ir.lagStates.forEach((lag, row) =>
    table.set([lag.stateIndex, lag.bufferLen, lag.ringOffset, lag.headIndex], row * 4),
  );
  return table;
}

/**
 * Fill every ring with the state's value and point the head at the last slot.
 * @internal
 */
export function seedLagRings(table: Int32Array, ws: RuntimeWorkspace, y: ArrayLike<number>): void {
  const ring = ws.lag_ring;
  const head = ws.lag_head;
  for (let row = 0; row < table.length; row += 4) {
    const value = y[table[row] as number] as number;
    const length = table[row + 1] as number;
    const offset = table[row + 2] as number;
    for (let slot = 0; slot < length; slot++) ring[offset + slot] = value;
    head[table[row + 3] as number] = length - 1;
  }
}

/**
 * Advance every ring by one commit of `y`.
 * @internal
 */
export function advanceLagRings(table: Int32Array, ws: RuntimeWorkspace, y: ArrayLike<number>): void {
  const ring = ws.lag_ring;
  const head = ws.lag_head;
  for (let row = 0; row < table.length; row += 4) {
    const length = table[row + 1] as number;
    const headIndex = table[row + 3] as number;
    let next = (head[headIndex] as number) + 1;
    if (next >= length) next = 0;
    head[headIndex] = next;
    ring[(table[row + 2] as number) + next] = y[table[row] as number] as number;
  }
}
