import type { RuntimeWorkspace } from "../modelPort.ts";
import type { SavedWorkspace, SavedWorkspaceArray } from "../sessionState.ts";

/** True when a saved workspace holds no field at all (fresh session). */
export function isEmptyWorkspace(ws: SavedWorkspace): boolean {
  return Object.keys(ws.stepper).length === 0 && Object.keys(ws.runtime).length === 0;
}

/** Deep-copies a workspace. */
export function cloneWorkspace(ws: SavedWorkspace): SavedWorkspace {
  return { stepper: copyArrays(ws.stepper), runtime: copyArrays(ws.runtime) };
}

/** Copies every array of a workspace bucket. */
export function copyArrays(
  src: Readonly<Record<string, SavedWorkspaceArray>> | RuntimeWorkspace,
): Record<string, SavedWorkspaceArray> {
  const out: Record<string, SavedWorkspaceArray> = {};
  for (const [name, arr] of Object.entries(src)) out[name] = arr.slice();
  return out;
}
