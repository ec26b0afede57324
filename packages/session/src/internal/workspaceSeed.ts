import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { SavedWorkspaceArray } from "../sessionState.ts";

function dtypeOf(a: SavedWorkspaceArray | ArrayBufferView): string {
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Float32Array) return "float32";
  if (a instanceof BigInt64Array) return "int64";
  if (a instanceof Int32Array) return "int32";
  return a.constructor.name;
}

/**
 * Overwrites the fields of a freshly allocated workspace with the saved ones (session-semantics
 * §1.3): fields absent from `saved` stay fresh; a saved field whose length or dtype differs
 * throws "Workspace seed mismatch for '<field>': …".
 */
export function seedWorkspace(
  fresh: Record<string, SavedWorkspaceArray | ArrayBufferView>,
  saved: Readonly<Record<string, SavedWorkspaceArray>>,
  shapes: ReadonlyMap<string, readonly number[]>,
): void {
  for (const [name, arr] of Object.entries(saved)) {
    const target = fresh[name];
    if (target === undefined) continue;
    const t = target as SavedWorkspaceArray;
    if (t.length !== arr.length || dtypeOf(t) !== dtypeOf(arr)) {
      const shape = shapes.get(name) ?? [t.length];
      throw sessionError(
        SESSION_ERROR_CODES.WORKSPACE_MISMATCH,
        `Workspace seed mismatch for '${name}': expected shape=(${shape.join(", ")}${shape.length === 1 ? "," : ""}), ` +
          `dtype=${dtypeOf(t)}, got (${arr.length},)/${dtypeOf(arr)}`,
        {
          field: name,
          expectedLength: t.length,
          actualLength: arr.length,
          expectedDtype: dtypeOf(t),
          actualDtype: dtypeOf(arr),
        },
      );
    }
    (t as unknown as { set(a: unknown): void }).set(arr);
  }
}
