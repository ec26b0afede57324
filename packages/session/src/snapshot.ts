import type { SessionState } from "./sessionState.ts";

/**
 * An immutable capture of a session (session-semantics §3.1): the automatic `initial` snapshot
 * and those made by `Sim.createSnapshot`; `Sim.reset` returns to one, `Sim.exportSnapshot`
 * writes one to a file.
 *
 * @example
 * ```ts
 * import { type Snapshot, setup } from "@dyn/session";
 * const sim = setup("builtin://ode/lorenz");
 * const snap: Snapshot = sim.getSnapshot("initial")!;
 * console.log(snap.name, snap.state.tCurr, snap.timeShift); // "initial" 0 0
 * ```
 * @category session
 * @since 0.1.0
 */
export interface Snapshot {
  readonly name: string;
  readonly description: string;
  /** ISO-8601 UTC creation time. */
  readonly createdAt: string;
  /** Deep copy of the session state (only `initial`'s `stepperCfg` follows later configs). */
  readonly state: SessionState;
  readonly timeShift: number;
  readonly nominalDt: number;
  /** Snapshot the session was last reset to or imported from (D-13), or null. */
  readonly parent: string | null;
}
