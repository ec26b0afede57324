import type { RuntimeWorkspace } from "../modelPort.ts";
import type { SavedWorkspace, SavedWorkspaceArray } from "../sessionState.ts";

/** True when a saved workspace holds no field at all (fresh session). */
export function isEmptyWorkspace(ws: SavedWorkspace): boolean {
  return Object.keys(ws.stepper).length === 0 && Object.keys(ws.runtime ?? {}).length === 0;
}

/** Deep-copies a workspace (an absent runtime bucket stays absent). */
export function cloneWorkspace(ws: SavedWorkspace): SavedWorkspace {
  const stepper = copyArrays(ws.stepper);
  return ws.runtime === undefined ? { stepper } : { stepper, runtime: copyArrays(ws.runtime) };
}

/** Copies every array of a workspace bucket (none: an empty bucket). */
export function copyArrays(
  src: Readonly<Record<string, SavedWorkspaceArray>> | RuntimeWorkspace | undefined,
): Record<string, SavedWorkspaceArray> {
  const out: Record<string, SavedWorkspaceArray> = {};
  if (src === undefined) return out;
  for (const [name, arr] of Object.entries(src)) out[name] = arr.slice();
  return out;
}
