/**
 * The parsed `meta.json` of a snapshot file (session-semantics §8.1), as `inspectSnapshot`
 * returns it: the reference's keys (`schema`, `created_at`, `name`, `description`, `pins`,
 * `n_state`, …, `stepper_config_values`) plus ours (`frame_step`, `grid_origin`, `grid_step`,
 * `parent`, `writer`). Unknown keys a file carries are kept. `pins.dynlib_version` is the
 * reference version whose format the file follows (`"0.40.3"` unless chosen otherwise at export);
 * `writer` (e.g. `"dyn 0.1.0"`) says which library wrote it (files of the reference have none).
 *
 * @example
 * ```ts
 * import { type SnapshotMeta, type Sim, setup } from "@dyn/session";
 * const sim: Sim = setup("builtin://ode/lorenz");
 * const meta: SnapshotMeta = sim.inspectSnapshot(sim.exportSnapshot());
 * console.log(meta["schema"], meta["t_curr"]); // "dynlib-snapshot-v1" 0
 * ```
 * @category snapshots
 * @since 0.1.0
 */
export type SnapshotMeta = Record<string, unknown>;

/**
 * Options of `Sim.exportSnapshot`: which state to write (session-semantics §8.2) and which
 * reference version the file is pinned to (D-9).
 *
 * @example
 * ```ts
 * import type { ExportSnapshotOptions } from "@dyn/session";
 * const opts: ExportSnapshotOptions = { source: "snapshot", name: "warm", dynlibVersion: "0.40.3" };
 * ```
 * @category snapshots
 * @since 0.1.0
 */
export interface ExportSnapshotOptions {
  /** `"current"` (default): the live session; `"snapshot"`: the stored snapshot `name`. */
  readonly source?: "current" | "snapshot";
  /** Required with `source: "snapshot"`, forbidden with `"current"`. */
  readonly name?: string;
  /**
   * The `dynlib_version` pin (default `"0.40.3"`). The reference imports a file only when this
   * equals its own installed version, so pick the version of the dynlib that will resume it. A
   * version string such as `"0.41.0"` (letters, digits and `. + ! _ -`, at most 64 characters).
   */
  readonly dynlibVersion?: string;
}

/**
 * One entry of `Sim.listSnapshots()` (session-semantics §5, D-13).
 *
 * @example
 * ```ts
 * import { type SnapshotInfo, type Sim, setup } from "@dyn/session";
 * const sim: Sim = setup("builtin://ode/lorenz");
 * const first: SnapshotInfo | undefined = sim.listSnapshots()[0];
 * console.log(first?.name, first?.parent); // "initial" null
 * ```
 * @category snapshots
 * @since 0.1.0
 */
export interface SnapshotInfo {
  readonly name: string;
  /** Absolute session time of the snapshot. */
  readonly t: number;
  readonly step: number;
  /** ISO-8601 UTC creation time (Python `isoformat()`). */
  readonly createdAt: string;
  readonly description: string;
  /** The snapshot the session was last reset to or imported from when this one was taken. */
  readonly parent: string | null;
}
