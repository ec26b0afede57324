import type { SnapshotInfo } from "./snapshotMeta.ts";

/**
 * Draws the branch tree of a session's snapshots (D-13) from `listSnapshots()`: each snapshot
 * hangs under its `parent`; snapshots whose parent is null or not in the list are roots.
 * Children keep creation order.
 *
 * @example
 * ```ts
 * import { setup, snapshotTree } from "@dyn/session";
 * const sim = setup("builtin://ode/expdecay");
 * sim.run({ T: 1 });
 * sim.createSnapshot("a");
 * sim.reset("a");
 * sim.run({ T: 2, resume: true });
 * sim.createSnapshot("b");
 * console.log(snapshotTree(sim.listSnapshots()));
 * // initial
 * // a
 * // └─ b
 * ```
 * @category snapshots
 * @since 0.1.0
 */
export function snapshotTree(snapshots: readonly SnapshotInfo[]): string {
  const names = new Set(snapshots.map((s) => s.name));
  const children = new Map<string | null, SnapshotInfo[]>();
  for (const s of snapshots) {
    const key = s.parent !== null && names.has(s.parent) && s.parent !== s.name ? s.parent : null;
    const list = children.get(key) ?? [];
    list.push(s);
    children.set(key, list);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const walk = (parent: string, prefix: string): void => {
    const kids = children.get(parent) ?? [];
    kids.forEach((k, i) => {
      if (seen.has(k.name)) return;
      seen.add(k.name);
      const last = i === kids.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${k.name}`);
      walk(k.name, `${prefix}${last ? "   " : "│  "}`);
    });
  };
  for (const root of children.get(null) ?? []) {
    seen.add(root.name);
    lines.push(root.name);
    walk(root.name, "");
  }
  return lines.join("\n");
}
