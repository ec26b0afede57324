import type { WarningHandler } from "@dyn/core";

/**
 * Options of {@link Sim.run} (session-semantics §4). Every field is optional; the explicit
 * argument wins over `config()` defaults, which win over the model's `[sim]` table.
 *
 * @example
 * ```ts
 * import type { RunOptions } from "@dyn/session";
 * const opts: RunOptions = { T: 10, dt: 0.01, recordVars: ["x", "aux.energy"], tag: "baseline" };
 * ```
 * @category runs
 * @since 0.1.0
 */
export interface RunOptions {
  /** Start time (non-resume only). Default `[sim].t0`. */
  readonly t0?: number;
  /** End time (ODE), or the map horizon from which `N = round((T − t0)/dt)` is inferred. */
  readonly T?: number;
  /** Map iterations (maps only; default `maxSteps`). */
  readonly N?: number;
  /** Step size (non-resume only); becomes the stored nominal dt. */
  readonly dt?: number;
  /** Step guard for ODEs (per runner call). */
  readonly maxSteps?: number;
  /** Record rows (default `[sim].record`). */
  readonly record?: boolean;
  /** Record every k-th step (default 1). */
  readonly recordInterval?: number;
  /** Recorded variables: states, `aux.NAME` or bare aux names; `[]` records time only. */
  readonly recordVars?: readonly string[] | null;
  /** Initial state (non-resume only), one value per state. */
  readonly ic?: ArrayLike<number>;
  /** Parameters (non-resume only), one value per parameter. */
  readonly params?: ArrayLike<number>;
  /** Initial record capacity (grows by doubling). */
  readonly capRec?: number;
  /** Initial event-log capacity (grows by doubling). */
  readonly capEvt?: number;
  /** Unrecorded warm-up: time (ODE) or iterations (map) before recording starts. */
  readonly transient?: number;
  /** Continue from the exact session state and append to the results. */
  readonly resume?: boolean;
  /** Name for the segment this run records. */
  readonly tag?: string | null;
  /** Stepper config overrides, merged onto the stored config (D-8). */
  readonly stepperConfig?: Readonly<Record<string, number | boolean | string>>;
  /** Called between chunks of steps (every few thousand steps) and once when a phase ends. */
  readonly onProgress?: ((progress: RunProgress) => void) | undefined;
  /**
   * Cancels the run when aborted (checked between chunks): `run` throws a `SessionError` with
   * code `SESSION_RUN_CANCELLED`, exactly like a failed run (session-semantics §9): time, state,
   * parameters, step count, stepper config and snapshots stay as they were; a cancelled resume
   * keeps the earlier results, while a cancelled non-resume run has already cleared them.
   */
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * What {@link RunOptions.onProgress} receives: the phase, its current absolute time and step
 * count, and the fraction of the phase done (time for ODEs, iterations for maps; 0…1).
 *
 * @example
 * ```ts
 * import { setup } from "@dyn/session";
 * const sim = setup("builtin://ode/lorenz");
 * sim.run({ T: 100, onProgress: (p) => console.log(p.phase, (100 * p.fraction).toFixed(0) + "%") });
 * ```
 * @category runs
 * @since 0.1.0
 */
export interface RunProgress {
  readonly phase: "transient warm-up" | "recorded run";
  readonly t: number;
  readonly steps: number;
  readonly fraction: number;
}

/**
 * The part of an `AbortSignal` that `run` reads (an `AbortController`'s `signal` fits).
 *
 * @example
 * ```ts
 * import { setup } from "@dyn/session";
 * const controller = new AbortController();
 * const sim = setup("builtin://ode/lorenz");
 * controller.abort();
 * try { sim.run({ T: 1e6, signal: controller.signal }); } catch (err) { console.log((err as Error).message); }
 * ```
 * @category runs
 * @since 0.1.0
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/**
 * Progress and cancellation of one `run` call, as the runner's driver sees them (the
 * `onProgress` and `signal` fields of {@link RunOptions}).
 *
 * @example
 * ```ts
 * import type { RunControls } from "@dyn/session";
 * const controls: RunControls = { onProgress: (p) => console.log(p.fraction) };
 * ```
 * @category runs
 * @since 0.1.0
 */
export interface RunControls {
  readonly onProgress?: ((progress: RunProgress) => void) | undefined;
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * Persistent run defaults set with {@link Sim.config}.
 *
 * @example
 * ```ts
 * import type { SimConfig } from "@dyn/session";
 * const cfg: SimConfig = { dt: 0.005, recordInterval: 10 };
 * ```
 * @category runs
 * @since 0.1.0
 */
export interface SimConfig {
  readonly dt?: number;
  readonly maxSteps?: number;
  readonly record?: boolean;
  readonly recordInterval?: number;
  readonly capRec?: number;
  readonly capEvt?: number;
  readonly stepperConfig?: Readonly<Record<string, number | boolean | string>>;
}

/**
 * Options of the {@link Sim} constructor and of {@link setup}.
 *
 * @example
 * ```ts
 * import type { SimOptions } from "@dyn/session";
 * const opts: SimOptions = { stepper: "rk45", onWarning: (w) => console.log(w.code) };
 * ```
 * @category session
 * @since 0.1.0
 */
export interface SimOptions {
  /** Stepper name/alias or a stepper object; default `[sim].stepper`. */
  readonly stepper?: string | import("@dyn/steppers").Stepper;
  /** Model dtype when the session compiles the model itself (`"float64"` default). */
  readonly dtype?: "float64" | "float32";
  /** Receives warnings (default: `console.warn` with a `dyn:` prefix). */
  readonly onWarning?: WarningHandler;
}

/**
 * `sessionStateSummary()` (session-semantics §5): time, step count, dt, status name, stepper,
 * resumability and a digest of the stepper config.
 *
 * @example
 * ```ts
 * import type { SessionStateSummary } from "@dyn/session";
 * const s: SessionStateSummary = {
 *   t: 0, step: 0, dt: 0.01, status: "DONE", stepperName: "rk4", canResume: true, reason: null,
 *   stepperConfig: { size: 0, hash: "empty", preview: {} },
 * };
 * ```
 * @category session
 * @since 0.1.0
 */
export interface SessionStateSummary {
  readonly t: number;
  readonly step: number;
  readonly dt: number;
  readonly status: string;
  readonly stepperName: string;
  readonly canResume: boolean;
  readonly reason: string | null;
  readonly stepperConfig: {
    readonly size: number;
    readonly hash: string;
    readonly preview: Readonly<Record<string, number>>;
  };
}

/**
 * Where accessor vectors come from: the live session, the model's declared values, or a
 * snapshot.
 *
 * @example
 * ```ts
 * import type { VectorSourceOptions } from "@dyn/session";
 * const fromInitial: VectorSourceOptions = { source: "snapshot", snapshot: "initial" };
 * ```
 * @category session
 * @since 0.1.0
 */
export interface VectorSourceOptions {
  readonly source?: "session" | "model" | "snapshot";
  /** Snapshot name when `source` is `"snapshot"` (default `"initial"`). */
  readonly snapshot?: string;
  /** Return a copy (default true); `false` returns the live array — do not mutate it. */
  readonly copy?: boolean;
}
