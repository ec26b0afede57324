import { consoleWarningHandler, type DynWarning, pythonFloatRepr, type WarningHandler } from "@dyn/core";
import {
  type EventCatalog,
  type RawResults,
  type RecordedChunk,
  ResultsAccumulator,
  ResultsView,
  type Segment,
} from "@dyn/results";
import type { Stepper } from "@dyn/steppers";
import type { AssignMapping, AssignOptions } from "./assignOptions.ts";
import { SESSION_ERROR_CODES, sessionError } from "./errors.ts";
import { sourcesOf } from "./fused/sourceRegistry.ts";
import { collectAssignments, planAssignments } from "./internal/assignValues.ts";
import { castToDtype } from "./internal/castValues.ts";
import { filePort } from "./internal/filePort.ts";
import { nowIso } from "./internal/now.ts";
import { pinDiff, workspaceSignature } from "./internal/pins.ts";
import { inlinePresets, PresetBank } from "./internal/presetBank.ts";
import { pinDiffRepr, pyRepr } from "./internal/pyRepr.ts";
import { pinsFromMeta, restoreSnapshot, versionDiffersMessage } from "./internal/restoreSnapshot.ts";
import {
  checkEarlyArgs,
  checkRunPlan,
  invalid,
  isPositiveInteger,
  num,
  type RunDefaults,
} from "./internal/runArgs.ts";
import type { RunFrame } from "./internal/runFrame.ts";
import {
  type PhaseContext,
  type PhaseResult,
  runPhase,
  type Seed,
  stateFromPhase,
} from "./internal/runPhase.ts";
import { type RecordingSelection, resolveSelection } from "./internal/selection.ts";
import {
  encodeSnapshotFile,
  inspectSnapshotBytes,
  readSnapshotFile,
  type SnapshotLayout,
} from "./internal/snapshotFile.ts";
import { resolveStepper, type StepperPort } from "./internal/stepperPort.ts";
import { toDict, toModelVector, unknownNameError } from "./internal/vectors.ts";
import { DEFAULT_DYNLIB_VERSION, isVersionText } from "./internal/version.ts";
import { cloneWorkspace, copyArrays } from "./internal/workspaceCopy.ts";
import { snapshotTree } from "./lineage.ts";
import type { FloatVector, SessionModel } from "./modelPort.ts";
import type { AddPresetOptions, LoadPresetOptions, PresetSource, SavePresetOptions } from "./presets.ts";
import type {
  RunOptions,
  SessionStateSummary,
  SimConfig,
  SimOptions,
  VectorSourceOptions,
} from "./runOptions.ts";
import { type SavedWorkspace, type SessionPins, SessionState } from "./sessionState.ts";
import type { Snapshot } from "./snapshot.ts";
import type { ExportSnapshotOptions, SnapshotInfo, SnapshotMeta } from "./snapshotMeta.ts";
import { RUN_STATUS, statusName } from "./status.ts";

const EMPTY_WORKSPACE: SavedWorkspace = Object.freeze({
  stepper: Object.freeze({}),
  runtime: Object.freeze({}),
});

/**
 * A simulation session over one compiled model and one stepper: run, resume, read results
 * (session-semantics §3–§7).
 *
 * **When to use:** build one per (model, stepper); run it as often as you like. Non-resume runs
 * restart the clock at `t0` but continue from the session's current state and parameters;
 * `resume: true` continues exactly where the last run stopped and appends to the results.
 *
 * **Details:** every run works on private copies of the state, parameters and workspaces; the
 * session is updated only when the run succeeds, so a throwing run (bad argument, STEPFAIL,
 * NaN, user code throwing) leaves it as session-semantics §9 says. The hot loop is generated
 * once per (model, stepper, option set) and allocates nothing per step.
 *
 * @example
 * ```ts
 * import { setup } from "@dyn/session";
 * const sim = setup("builtin://ode/lorenz", { stepper: "rk4" });
 * sim.run({ T: 10, dt: 0.01 });
 * const res = sim.results();
 * console.log(res.t.length, sim.sessionStateSummary().t); // 1001 10
 * ```
 * @category session
 * @since 0.1.0
 */
export class Sim {
  /** The compiled model. */
  readonly model: SessionModel;
  /** Warnings of the latest run (cleared when the next run starts). */
  warnings: DynWarning[] = [];

  readonly #stepper: StepperPort;
  readonly #onWarning: WarningHandler;
  readonly #pins: SessionPins;
  readonly #runtimeShapes: ReadonlyMap<string, readonly number[]>;
  readonly #stepperShapes: ReadonlyMap<string, readonly number[]>;
  readonly #catalog: EventCatalog;
  #state: SessionState;
  #nominalDt: number;
  #timeShift = 0;
  #defaults: RunDefaults = {};
  #snapshots = new Map<string, Snapshot>();
  #selection: RecordingSelection | null = null;
  #acc: ResultsAccumulator | null = null;
  #raw: RawResults<SavedWorkspace> | null = null;
  #view: ResultsView<SavedWorkspace> | null = null;
  #spareFrame: RunFrame | null = null;
  /** Snapshot last reset to or imported from (D-13 lineage). */
  #parent: string | null = null;
  readonly #presets: PresetBank;

  /**
   * @param model - A compiled model (`compileModel` of `@dyn/model`, or anything implementing
   *   {@link SessionModel}).
   * @param options - Stepper (default `[sim].stepper`), warning handler.
   */
  constructor(model: SessionModel, options: SimOptions = {}) {
    this.model = model;
    if (options.dtype !== undefined && options.dtype !== model.dtype) {
      throw invalid(
        `dtype '${options.dtype}' differs from the compiled model's dtype '${model.dtype}'; compile the model with ` +
          `compileModel(spec, { dtype: '${options.dtype}' }) or let setup() compile it`,
        { requested: options.dtype, model: model.dtype },
      );
    }
    const stepper: string | Stepper = options.stepper ?? model.spec.sim.stepper;
    this.#stepper = resolveStepper(stepper);
    if (this.#stepper.kind !== model.spec.kind) {
      throw sessionError(
        SESSION_ERROR_CODES.STEPPER_MISMATCH,
        `Stepper '${this.#stepper.name}' is for ${this.#stepper.kind === "map" ? "maps" : "ODEs"} but the model is ` +
          `${model.spec.kind === "map" ? "a map" : "an ODE"}; pick a ${model.spec.kind === "map" ? "'map'" : "continuous (e.g. 'rk4')"} stepper`,
        { stepper: this.#stepper.name, modelKind: model.spec.kind },
      );
    }
    this.#onWarning = options.onWarning ?? consoleWarningHandler;
    const stepperLayout = this.#stepper.layout(model.nState);
    this.#stepperShapes = new Map(stepperLayout.map((f) => [f.name, f.shape]));
    this.#runtimeShapes = new Map(model.runtimeLayout.map((f) => [f.name, f.shape]));
    this.#pins = Object.freeze({
      specHash: model.specHash,
      stepperName: this.#stepper.name,
      workspaceSig: Object.freeze(workspaceSignature(stepperLayout, model.runtimeLayout, model.dtype)),
      dtypeToken: model.dtype,
      libVersion: DEFAULT_DYNLIB_VERSION,
    });
    this.#catalog = {
      events: model.eventNames.map((name, i) => ({ name, fields: [...(model.eventLogFields[i] ?? [])] })),
      tags: tagIndexOf(model),
    };
    const sim = model.spec.sim;
    this.#nominalDt = num(sim.dt);
    this.#presets = new PresetBank(model, inlinePresets(model));
    this.#state = new SessionState({
      tCurr: num(sim.t0),
      yCurr: model.initialState(),
      paramsCurr: model.initialParams(),
      dtCurr: num(sim.dt),
      stepCount: 0,
      frameStep: 0,
      gridOrigin: num(sim.t0),
      gridStep: 0,
      workspace: EMPTY_WORKSPACE,
      stepperCfg: this.#stepper.defaultConfig(simTable(model)),
      status: RUN_STATUS.DONE,
      pins: this.#pins,
    });
  }

  /** Canonical name of the session's stepper. */
  get stepperName(): string {
    return this.#stepper.name;
  }

  /** The stepper object the session runs. */
  get stepper(): Stepper {
    return this.#stepper.stepper;
  }

  /** The model's pins (spec hash, stepper, workspace signature, dtype, library version). */
  get pins(): SessionPins {
    return this.#pins;
  }

  /** Stored nominal dt (fixed-step size / map label spacing). */
  get nominalDt(): number {
    return this.#nominalDt;
  }

  /** Offset between absolute session time and recorded time after a transient warm-up. */
  get timeShift(): number {
    return this.#timeShift;
  }

  /** A deep copy of the live session state. */
  sessionState(): SessionState {
    return this.#state.clone();
  }

  /**
   * The generated JavaScript this session's model has run through, keyed by `sourceURL`: fused
   * kernels (`dyn/fused-…`: the stepper's template unrolled over the model's IR) and plain
   * runner loops (`dyn/run-…`: the stepper's `step` called or pasted in). For inspection and
   * debugging; the texts are not a stable interface.
   *
   * **Details:** a fused kernel exists per (model, stepper, option set) once a run used it; a
   * run falls back to the plain loop when the stepper has no template (implicit steppers), the
   * model is float32 or interpreted, or the kernel would exceed the size guard (~50 kB of source,
   * where V8 stops optimising).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz", { stepper: "rk4" });
   * sim.run({ T: 1 });
   * for (const url of Object.keys(sim.exportSources())) console.log(url);
   * ```
   */
  exportSources(): Record<string, string> {
    const out: Record<string, string> = {};
    const tag = `-${this.#stepper.name.replace(/[^A-Za-z0-9_.-]/g, "_")}-`;
    for (const [url, source] of sourcesOf(this.model)) if (url.includes(tag)) out[url] = source;
    return out;
  }

  /**
   * Runs the model (session-semantics §4): checks the arguments in the reference's order, seeds
   * from the session, optionally warms up, runs the recorded part, then updates the session and
   * publishes stitched results. Returns nothing; read results with {@link Sim.results} or
   * {@link Sim.rawResults}.
   *
   * **Gotchas:** an explicit `dt` becomes the stored nominal dt as soon as it passes its check,
   * even if a later check fails (as in the reference). A non-resume run clears earlier results
   * before it starts, so a failing one leaves no results.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/vanderpol");
   * sim.run({ T: 5, dt: 0.01, tag: "first" });
   * sim.run({ T: 10, resume: true, tag: "second" });
   * ```
   */
  run(options: RunOptions = {}): void {
    const o = options;
    const model = this.model;
    const isMap = model.spec.kind === "map";
    const early = checkEarlyArgs(o);
    const { tag, resume } = early;
    if (early.dt !== undefined) this.#nominalDt = early.dt;
    const nominalDt = this.#nominalDt;
    const { record, recordInterval, maxSteps, capRec, capEvt, t0, targetT, targetN, transient } =
      checkRunPlan(o, resume, model, nominalDt, this.#defaults);
    // Everything below may change the session; from here on, warnings belong to this run.
    this.warnings = [];
    // 7. clear
    if (!resume) {
      this.#clearHistory();
      this.#timeShift = 0;
      this.#selection = null;
    }
    // 8. seed
    const seed = resume ? this.#resumeSeed() : this.#freshSeed(t0, o);
    // 9. initial snapshot
    this.#ensureInitialSnapshot(seed);
    // 10. resume horizon
    if (resume && targetT + this.#timeShift <= seed.t) {
      throw invalid(
        `Resume target ${isMap ? "T (from N)" : "T"} (${pythonFloatRepr(targetT)}) must exceed current time ` +
          `(${pythonFloatRepr(seed.t - this.#timeShift)})`,
        { target: targetT, current: seed.t - this.#timeShift },
      );
    }
    // 11. stepper config
    // The session stores it only when the run succeeds (a failed run leaves the session as it was).
    const config = this.#stepper.mergeConfig(this.#state.stepperCfg, o.stepperConfig ?? {});
    this.#syncInitialConfig(config);
    // 12. map horizon
    let remaining = 0;
    if (isMap) {
      remaining = targetN - (resume ? Math.max(0, seed.frameStep) : 0);
      if (remaining <= 0) {
        throw invalid(
          "Requested discrete horizon already satisfied by current state; increase N/T or reset() to start over.",
          {
            N: targetN,
            done: seed.frameStep,
          },
        );
      }
    }
    // 13. transient warm-up
    let recordSeed = seed;
    const explicitDt = resume ? undefined : o.dt;
    if (transient > 0) {
      const warmIter = isMap ? Math.floor(transient) : 0;
      const warm = runPhase(
        this.#phaseContext(),
        seed,
        {
          tEnd: isMap ? seed.t + warmIter * nominalDt : seed.t + transient,
          nIter: warmIter,
          maxSteps: isMap ? warmIter : maxSteps,
          record: false,
          recordInterval,
          selection: resolveSelection([], model.stateNames, model.auxNames),
          capRec,
          capEvt,
          config,
          fresh: true,
          heuristicDt: true,
          explicitDt,
          reuse: null,
          controls: { onProgress: o.onProgress, signal: o.signal },
        },
        "transient warm-up",
      );
      const warmState = this.#stateAfter(warm, seed.stepCount, 0, config);
      this.#state = warmState;
      if (targetT - t0 <= 0)
        throw invalid("transient exceeds or equals requested horizon; nothing left to record");
      this.#timeShift = warmState.tCurr - t0;
      recordSeed = {
        t: warmState.tCurr,
        y: warmState.yCurr,
        params: warmState.paramsCurr,
        dt: nominalDt,
        stepCount: warmState.stepCount,
        frameStep: 0,
        gridOrigin: warmState.gridOrigin,
        gridStep: warmState.gridStep,
        workspace: warmState.workspace,
      };
    }
    // 14. selection
    const selection =
      resume && this.#selection !== null
        ? this.#selection
        : resolveSelection(o.recordVars, model.stateNames, model.auxNames);
    // 15. recorded run
    const rec = runPhase(
      this.#phaseContext(),
      recordSeed,
      {
        tEnd: targetT + this.#timeShift,
        nIter: remaining,
        maxSteps,
        record,
        recordInterval,
        selection,
        capRec,
        capEvt,
        config,
        fresh: !resume && transient <= 0,
        heuristicDt: !resume,
        explicitDt,
        reuse: this.#spareFrame,
        controls: { onProgress: o.onProgress, signal: o.signal },
      },
      "recorded run",
    );
    const outcome = rec.outcome;
    // 17. maxSteps warning
    if (!isMap && outcome.steps >= maxSteps) {
      this.#warn({
        code: "MAX_STEPS_REACHED",
        message:
          `Simulation terminated after reaching max_steps (${maxSteps}) steps. ` +
          `The target end time T=${pythonFloatRepr(targetT)} may not have been reached.`,
      });
    }
    // 18–20. stage the results first (may throw without side effects), then commit everything.
    const acc =
      this.#acc ??
      new ResultsAccumulator({
        stateNames: selection.stateNames,
        auxNames: selection.auxNames,
        events: this.#catalog,
      });
    const frame = outcome.frame;
    const chunk: RecordedChunk = {
      n: outcome.nRec,
      t: frame.recT,
      step: frame.recStep,
      states: { data: frame.recY, rowStride: selection.stateIdx.length, colStride: 1 },
      aux: { data: frame.recAux, rowStride: selection.auxIdx.length, colStride: 1 },
      m: outcome.nEvt,
      eventCodes: frame.evtCode,
      eventOwners: frame.evtOwner,
      eventLogs: { data: frame.evtLog, rowStride: frame.logWidth, colStride: 1 },
    };
    const staged = acc.stage(chunk, {
      tag,
      resume,
      cfgHash: this.#stepper.cfgHash(config),
      frameStep: recordSeed.frameStep,
      timeShift: this.#timeShift,
    });
    const finalState = this.#stateAfter(rec, recordSeed.stepCount, recordSeed.frameStep, config);
    this.#state = finalState;
    acc.commit(staged);
    // The accumulator copied the rows: the frame's buffers are free for the next run.
    this.#spareFrame = frame;
    this.#acc = acc;
    this.#selection = selection;
    this.#raw = acc.publish<SavedWorkspace>({
      status: outcome.status,
      finalState: finalState.yCurr.slice(),
      finalParams: finalState.paramsCurr.slice(),
      tFinal: finalState.tCurr,
      finalDt: finalState.dtCurr,
      stepCountFinal: finalState.stepCount,
      finalWorkspace: {
        stepper: copyArrays(finalState.workspace.stepper),
        runtime: copyArrays(finalState.workspace.runtime),
      },
    });
    this.#view = null;
  }

  /**
   * The stitched results as filled arrays (session-semantics §7.2).
   *
   * **Gotchas:** throws "No simulation results available; call run() first (reset() clears
   * history)." before the first run.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://map/logistic");
   * sim.run({ N: 10 });
   * console.log(sim.rawResults().n); // 11
   * ```
   */
  rawResults(): RawResults<SavedWorkspace> {
    if (this.#raw === null) {
      throw sessionError(
        SESSION_ERROR_CODES.NO_RESULTS,
        "No simulation results available; call run() first (reset() clears history).",
      );
    }
    return this.#raw;
  }

  /** Segments of the current results (frozen records, creation order). */
  segments(): readonly Segment[] {
    return this.#acc?.segments ?? [];
  }

  /**
   * The name-aware view of the stitched results (session-semantics §7.3), cached until the next
   * run, history clear or segment rename.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/expdecay");
   * sim.run({ T: 1, dt: 0.1 });
   * const res = sim.results();
   * console.log(res.get("x").length, res.segment.length); // 11 1
   * ```
   */
  results(): ResultsView<SavedWorkspace> {
    if (this.#view === null) {
      const raw = this.rawResults();
      this.#view = new ResultsView(raw, { segments: this.#acc?.segments ?? [], events: this.#catalog });
    }
    return this.#view;
  }

  /**
   * Renames a segment addressed by index or by name/`run#i` (session-semantics §7.4); a name
   * used by another segment gets `-2`, `-3`, … appended.
   */
  nameSegment(indexOrName: number | string, newName: string): void {
    if (this.#acc === null) {
      if (typeof newName !== "string") throw new TypeError("segment name must be a string");
      throw sessionError(SESSION_ERROR_CODES.INVALID_ARGUMENT, "No recorded segments available to rename");
    }
    if (this.#acc.nameSegment(indexOrName, newName)) this.#view = null;
  }

  /** Renames the newest segment (see {@link Sim.nameSegment}). */
  nameLastSegment(newName: string): void {
    if (this.#acc === null) {
      if (typeof newName !== "string") throw new TypeError("segment name must be a string");
      throw sessionError(SESSION_ERROR_CODES.INVALID_ARGUMENT, "No recorded segments available to rename");
    }
    if (this.#acc.nameLastSegment(newName)) this.#view = null;
  }

  /**
   * `[true, null]` when the session state may be resumed with this model and stepper, else
   * `[false, "pin mismatch: {…}"]`.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * console.log(setup("builtin://ode/expdecay").canResume()); // [true, null]
   * ```
   */
  canResume(): [true, null] | [false, string] {
    const diff = pinDiff(this.#pins, this.#state.pins);
    if (Object.keys(diff).length === 0) return [true, null];
    return [false, `pin mismatch: ${JSON.stringify(diff)}`];
  }

  /**
   * A summary of the live session (session-semantics §5).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const s = setup("builtin://ode/expdecay").sessionStateSummary();
   * console.log(s.t, s.step, s.status); // 0 0 "DONE"
   * ```
   */
  sessionStateSummary(): SessionStateSummary {
    const [ok, reason] = this.canResume();
    const cfg = this.#state.stepperCfg;
    const names = this.#stepper.configNames;
    const preview: Record<string, number> = {};
    for (let i = 0; i < Math.min(3, cfg.length); i++) preview[names[i] ?? `field${i}`] = cfg[i] as number;
    return {
      t: this.#state.tCurr,
      step: this.#state.stepCount,
      dt: this.#state.dtCurr,
      status: statusName(this.#state.status),
      stepperName: this.#stepper.name,
      canResume: ok,
      reason,
      stepperConfig: { size: cfg.length, hash: this.#stepper.cfgHash(cfg), preview },
    };
  }

  /**
   * The state vector from the session (default), the model's declared ICs, or a snapshot.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * console.log(sim.stateVector({ source: "model" })); // Float64Array [1, 1, 1]
   * ```
   */
  stateVector(options: VectorSourceOptions = {}): FloatVector {
    return this.#vector("state", options);
  }

  /** The parameter vector; sources as {@link Sim.stateVector}. */
  paramVector(options: VectorSourceOptions = {}): FloatVector {
    return this.#vector("param", options);
  }

  /** `{name: value}` of the states, in declaration order. */
  stateDict(options: VectorSourceOptions = {}): Record<string, number> {
    return toDict(this.model.stateNames, this.#vector("state", { ...options, copy: false }));
  }

  /** `{name: value}` of the parameters, in declaration order. */
  paramDict(options: VectorSourceOptions = {}): Record<string, number> {
    return toDict(this.model.paramNames, this.#vector("param", { ...options, copy: false }));
  }

  /**
   * The current value of one state. Unknown names throw "Unknown state 'x'. Did you mean 'y'?
   * Valid states: …".
   */
  state(name: string): number {
    const i = this.model.stateNames.indexOf(name);
    if (i < 0) throw unknownNameError("state", name, this.model.stateNames);
    return this.#state.yCurr[i] as number;
  }

  /** The current value of one parameter (unknown names throw as {@link Sim.state}). */
  param(name: string): number {
    const i = this.model.paramNames.indexOf(name);
    if (i < 0) throw unknownNameError("param", name, this.model.paramNames);
    return this.#state.paramsCurr[i] as number;
  }

  /**
   * Persistent run defaults (session-semantics §6). `dt` also sets the nominal dt and the
   * session's current dt; `stepperConfig` behaves as {@link Sim.stepperConfig}.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.config({ dt: 0.005, recordInterval: 10 });
   * ```
   */
  config(options: SimConfig = {}): void {
    const { dt, maxSteps, record, recordInterval, capRec, capEvt, stepperConfig } = options;
    if (dt !== undefined && (typeof dt !== "number" || !(dt > 0) || !Number.isFinite(dt))) {
      throw invalid(`dt must be positive (got ${String(dt)})`);
    }
    if (maxSteps !== undefined && !isPositiveInteger(maxSteps))
      throw invalid(`max_steps must be positive (got ${String(maxSteps)})`);
    if (recordInterval !== undefined && !isPositiveInteger(recordInterval)) {
      throw invalid(`record_interval must be >= 1 (got ${String(recordInterval)})`);
    }
    if (capRec !== undefined && !isPositiveInteger(capRec))
      throw invalid(`cap_rec must be positive (got ${String(capRec)})`);
    if (capEvt !== undefined && !isPositiveInteger(capEvt))
      throw invalid(`cap_evt must be positive (got ${String(capEvt)})`);
    if (record !== undefined && typeof record !== "boolean")
      throw new TypeError(`record must be a boolean (got ${typeof record})`);
    // Validate the stepper overrides before changing anything.
    const cfg =
      stepperConfig === undefined
        ? undefined
        : this.#stepper.mergeConfig(this.#state.stepperCfg, stepperConfig);
    if (dt !== undefined) {
      this.#defaults.dt = dt;
      this.#nominalDt = dt;
      this.#state.dtCurr = dt;
    }
    if (maxSteps !== undefined) this.#defaults.maxSteps = maxSteps;
    if (record !== undefined) this.#defaults.record = record;
    if (recordInterval !== undefined) this.#defaults.recordInterval = recordInterval;
    if (capRec !== undefined) this.#defaults.capRec = capRec;
    if (capEvt !== undefined) this.#defaults.capEvt = capEvt;
    if (cfg !== undefined) {
      this.#state.stepperCfg = cfg;
      this.#syncInitialConfig(cfg);
    }
  }

  /**
   * Without arguments: a copy of the stored stepper config. With overrides: merges them onto
   * the stored config (D-8; unknown fields and steppers without config throw), stores the
   * result (also in the `initial` snapshot) and returns a copy.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz", { stepper: "rk45" });
   * sim.stepperConfig({ atol: 1e-9 });
   * sim.stepperConfig({ rtol: 1e-7 }); // atol stays 1e-9
   * ```
   */
  stepperConfig(overrides?: Readonly<Record<string, number | boolean | string>>): Float64Array {
    if (overrides === undefined) return this.#state.stepperCfg.slice();
    const cfg = this.#stepper.mergeConfig(this.#state.stepperCfg, overrides);
    this.#state.stepperCfg = cfg;
    this.#syncInitialConfig(cfg);
    return cfg.slice();
  }

  /**
   * Stores a deep copy of the live session under `name` (session-semantics §5), with the time
   * shift, nominal dt and lineage parent (D-13). Creates `initial` first if needed.
   *
   * **Gotchas:** an empty name throws "snapshot name cannot be empty"; an existing one throws
   * "Snapshot 'n' already exists". Snapshots never change afterwards (except `initial`'s stored
   * stepper config, which follows the latest config).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.run({ T: 1 });
   * sim.createSnapshot("warm", "after 1 time unit");
   * console.log(sim.listSnapshots().map((s) => s.name)); // ["initial", "warm"]
   * ```
   */
  createSnapshot(name: string, description = ""): void {
    if (typeof name !== "string") throw new TypeError(`snapshot name must be a string (got ${typeof name})`);
    if (name === "") throw invalid("snapshot name cannot be empty");
    if (this.#snapshots.has(name)) throw invalid(`Snapshot '${name}' already exists`, { name });
    if (typeof description !== "string") throw new TypeError("snapshot description must be a string");
    this.#ensureInitialSnapshot(null);
    this.#snapshots.set(name, {
      name,
      description,
      createdAt: nowIso(),
      state: this.#state.clone(),
      timeShift: this.#timeShift,
      nominalDt: this.#nominalDt,
      parent: this.#parent,
    });
  }

  /**
   * The stored snapshots in creation order (`initial` first), with their lineage parent (D-13).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/expdecay");
   * console.log(sim.listSnapshots()[0]?.name); // "initial"
   * ```
   */
  listSnapshots(): SnapshotInfo[] {
    this.#ensureInitialSnapshot(null);
    return [...this.#snapshots.values()].map((s) => ({
      name: s.name,
      t: s.state.tCurr,
      step: s.state.stepCount,
      createdAt: s.createdAt,
      description: s.description,
      parent: s.parent,
    }));
  }

  /**
   * The branch tree of the stored snapshots as text (see {@link snapshotTree}).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/expdecay");
   * console.log(sim.snapshotTree()); // "initial"
   * ```
   */
  snapshotTree(): string {
    return snapshotTree(this.listSnapshots());
  }

  /**
   * Returns the session to a stored snapshot (default `initial`): state, time shift and nominal
   * dt restored; results, segments and the recording selection cleared; snapshots kept.
   *
   * **Gotchas:** unknown names throw "Unknown snapshot 'n'"; a snapshot whose pins differ throws
   * "Snapshot 'n' is incompatible: {…}".
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.run({ T: 1 });
   * sim.reset(); // back to the state before the first run
   * console.log(sim.sessionStateSummary().t); // 0
   * ```
   */
  reset(name = "initial"): void {
    const snap = this.#resolveSnapshot(name);
    const [ok, diff] = this.compatCheck(snap);
    if (!ok) {
      throw sessionError(
        SESSION_ERROR_CODES.SNAPSHOT_INCOMPATIBLE,
        `Snapshot '${name}' is incompatible: ${pinDiffRepr(diff)}`,
        { name, diff },
      );
    }
    this.#state = snap.state.clone();
    this.#clearHistory();
    this.#timeShift = snap.timeShift;
    this.#nominalDt = snap.nominalDt;
    this.#selection = null;
    this.#parent = snap.name;
  }

  /**
   * Compares the model's pins with a snapshot's (a stored one, by name or object, or a snapshot
   * file's bytes): `[true, {}]` or `[false, {field: [model, snapshot]}]` (snake_case fields).
   * The library version is informational (D-9): a file from another version only warns.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * console.log(sim.compatCheck("initial")); // [true, {}]
   * ```
   */
  compatCheck(snapshotOrName: Snapshot | string | Uint8Array): [boolean, Record<string, [unknown, unknown]>] {
    let pins: SessionPins;
    if (snapshotOrName instanceof Uint8Array) {
      // A snapshot file: its pins (stepper name canonicalised, D-9); the version only warns.
      pins = pinsFromMeta(inspectSnapshotBytes(snapshotOrName, this.#snapshotLayout()));
      if (pins.libVersion !== this.#pins.libVersion) {
        this.#warn({
          code: "VERSION_DIFFERS",
          message: versionDiffersMessage(pins.libVersion, this.#pins.libVersion),
        });
      }
    } else pins = this.#resolveSnapshot(snapshotOrName).state.pins;
    const diff = pinDiff(this.#pins, pins);
    return [Object.keys(diff).length === 0, diff];
  }

  /**
   * Sets states and/or parameters by name (session-semantics §6): names resolve to states first,
   * then params; later keys win; values are cast to the model dtype (float32 overflow throws,
   * precision loss warns). Time, dt, step, workspaces, snapshots and config are untouched;
   * `clearHistory: true` also drops results and segments (the recording selection stays).
   *
   * **Gotchas:** unknown names throw "Unknown state/param name(s): 'Ix' (did you mean 'I'?).
   * Valid states: …, params: …"; a non-object mapping throws a TypeError ("must be a Mapping").
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.assign({ x: 2, rho: 99.96 });
   * sim.assign(null, { y: 0.5, clearHistory: true });
   * console.log(sim.state("x"), sim.param("rho"), sim.state("y")); // 2 99.96 0.5
   * ```
   */
  assign(mapping?: AssignMapping | null, options: AssignOptions = {}): void {
    if (options === null || typeof options !== "object") {
      throw new TypeError(
        `assign() options must be an object (got ${options === null ? "null" : typeof options})`,
      );
    }
    const clear = options.clearHistory ?? false;
    if (typeof clear !== "boolean")
      throw new TypeError(`clearHistory must be a boolean (got ${typeof clear})`);
    const entries = collectAssignments(mapping, options);
    if (entries.length === 0) return;
    const plan = planAssignments(entries, this.model.stateNames, this.model.paramNames);
    const dtype = this.model.dtype;
    const warn = (code: string, message: string): void => this.#warn({ code, message });
    const y = this.#state.yCurr.slice();
    const p = this.#state.paramsCurr.slice();
    for (const [i, v] of plan.states)
      y[i] = castToDtype(v, dtype, `state '${this.model.stateNames[i]}'`, warn);
    for (const [i, v] of plan.params)
      p[i] = castToDtype(v, dtype, `param '${this.model.paramNames[i]}'`, warn);
    this.#state.yCurr.set(y);
    this.#state.paramsCurr.set(p);
    if (clear) this.#clearHistory();
  }

  /**
   * Preset names in the bank matching a glob (`*`, `?`, `[…]`), sorted.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.addPreset("chaos", { params: { rho: 28 } });
   * console.log(sim.listPresets("c*")); // ["chaos"]
   * ```
   */
  listPresets(pattern = "*"): string[] {
    return this.#presets.list(pattern);
  }

  /**
   * Writes a bank preset into the session: validates and casts every value first, then writes
   * params, then states. Touches nothing else (time, dt, step, workspaces, results).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.addPreset("hot", { params: { rho: 99.96 } });
   * sim.applyPreset("hot");
   * console.log(sim.param("rho")); // 99.96
   * ```
   */
  applyPreset(name: string): void {
    const warn = (code: string, message: string): void => this.#warn({ code, message });
    const { params, states } = this.#presets.resolve(name, warn);
    for (const [i, v] of params) this.#state.paramsCurr[i] = v;
    for (const [i, v] of states) this.#state.yCurr[i] = v;
  }

  /**
   * Adds a preset to the bank: `states`/`params` as full-length arrays or `{name: value}`
   * objects; with neither, the current session's states and params are captured. A name already
   * in the bank throws unless `overwrite: true`.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.addPreset("here"); // captures x, y, z, sigma, rho, beta
   * ```
   */
  addPreset(name: string, options: AddPresetOptions = {}): void {
    this.#presets.add(name, options, this.#state.yCurr, this.#state.paramsCurr);
  }

  /**
   * Loads presets matching a name or glob from a `dynlib-presets-v1` TOML document into the bank
   * and returns how many were added. `source` is `{ text }` (everywhere) or a path (Node).
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * const text = '[__presets__]\nschema = "dynlib-presets-v1"\n[presets.slow.params]\nrho = 10.0\n';
   * console.log(sim.loadPreset("*", { text })); // 1
   * ```
   */
  loadPreset(nameOrGlob: string, source: PresetSource, options: LoadPresetOptions = {}): number {
    const { text, where } = this.#presetText(source, "loadPreset");
    const warn = (code: string, message: string): void => this.#warn({ code, message });
    return this.#presets.load(nameOrGlob, text, where, options.onConflict ?? "error", warn);
  }

  /**
   * Writes a bank preset into a preset document and returns the new TOML text. With a path
   * (Node) the file is read if it exists and rewritten atomically; with `{ text }` that text is
   * the existing document; without a target a new document is returned. A preset of the same
   * name already in the document throws unless `overwrite: true`.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.addPreset("hot", { params: { rho: 99.96 } });
   * console.log(sim.savePreset("hot")); // [__presets__] … [presets.hot.params] rho = 99.96
   * ```
   */
  savePreset(name: string, target?: PresetSource, options: SavePresetOptions = {}): string {
    const overwrite = options.overwrite === true;
    if (typeof target === "string") {
      const port = filePort("savePreset");
      const existing = port.exists(target) ? new TextDecoder().decode(port.readBytes(target)) : null;
      const text = this.#presets.save(name, existing, target, overwrite);
      port.writeBytesAtomic(target, new TextEncoder().encode(text));
      return text;
    }
    return this.#presets.save(name, target === undefined ? null : target.text, "<text>", overwrite);
  }

  /**
   * Writes the live session (`source: "current"`, default) or a stored snapshot as `.npz` bytes
   * in the reference's layout (session-semantics §8.1) and returns them. Given a path (Node),
   * the bytes are also written atomically there.
   *
   * **Details:** the file pins `dynlib_version: "0.40.3"` (or `dynlibVersion`), the version the
   * Python reference must have to resume it (D-9); the meta key `writer` names dyn.
   *
   * **Gotchas:** `source: "snapshot"` needs `name` ("name is required when source='snapshot'");
   * `"current"` refuses one ("name should not be provided when source='current'").
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * sim.run({ T: 1 });
   * const bytes = sim.exportSnapshot();
   * const fresh = setup("builtin://ode/lorenz");
   * fresh.importSnapshot(bytes);
   * fresh.run({ T: 2, resume: true });
   * ```
   */
  exportSnapshot(target?: string | ExportSnapshotOptions, options: ExportSnapshotOptions = {}): Uint8Array {
    const path = typeof target === "string" ? target : undefined;
    const opts = typeof target === "object" && target !== null ? target : options;
    const source = opts.source ?? "current";
    if (source !== "current" && source !== "snapshot") {
      throw invalid(`source must be 'current' or 'snapshot' (got ${pyRepr(source)})`);
    }
    if (source === "snapshot" && opts.name === undefined)
      throw invalid("name is required when source='snapshot'");
    if (source === "current" && opts.name !== undefined) {
      throw invalid("name should not be provided when source='current'");
    }
    const dynlibVersion = opts.dynlibVersion ?? DEFAULT_DYNLIB_VERSION;
    if (!isVersionText(dynlibVersion)) {
      throw invalid(
        `exportSnapshot: dynlibVersion must be a version string such as '${DEFAULT_DYNLIB_VERSION}' (got ${pyRepr(dynlibVersion)})`,
      );
    }
    const picked =
      source === "current"
        ? {
            name: "current",
            description: "Current session state",
            state: this.#state,
            timeShift: this.#timeShift,
            nominalDt: this.#nominalDt,
            parent: this.#parent,
          }
        : this.#resolveSnapshot(opts.name as string);
    const bytes = encodeSnapshotFile(
      { ...picked, createdAt: nowIso(), pins: this.#pins, dynlibVersion },
      this.#snapshotLayout(),
    );
    if (path !== undefined) filePort("exportSnapshot").writeBytesAtomic(path, bytes);
    return bytes;
  }

  /**
   * The parsed `meta.json` of a snapshot file (bytes, or a path in Node); the session is
   * untouched. Errors: "Cannot read snapshot file: …", "Missing 'meta.json' in snapshot file",
   * "Invalid JSON in meta.json: …".
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const sim = setup("builtin://ode/lorenz");
   * const meta = sim.inspectSnapshot(sim.exportSnapshot());
   * console.log(meta["name"], meta["n_state"]); // "current" 3
   * ```
   */
  inspectSnapshot(source: Uint8Array | string): SnapshotMeta {
    return inspectSnapshotBytes(this.#snapshotBytes(source, "inspectSnapshot"), this.#snapshotLayout());
  }

  /**
   * Replaces the session with a snapshot file's state (bytes, or a path in Node) after checking,
   * in order, schema, `y` shape, `params` shape, pins (D-9: stepper names canonicalised, library
   * version only warned about) and the meta keys. Results and segments are cleared; stored
   * snapshots and the recording selection are kept. A failing import changes nothing.
   *
   * @example
   * ```ts
   * import { setup } from "@dyn/session";
   * const a = setup("builtin://ode/lorenz", { stepper: "ab3" });
   * a.run({ T: 1 });
   * const b = setup("builtin://ode/lorenz", { stepper: "adams_bashforth_3" });
   * b.importSnapshot(a.exportSnapshot());
   * b.run({ T: 2, resume: true });
   * ```
   */
  importSnapshot(source: Uint8Array | string): void {
    const layout = this.#snapshotLayout();
    const content = readSnapshotFile(this.#snapshotBytes(source, "importSnapshot"), layout);
    const restored = restoreSnapshot(content, {
      layout,
      pins: this.#pins,
      isMap: this.model.spec.kind === "map",
      warn: (code, message) => this.#warn({ code, message }),
    });
    this.#state = restored.state;
    this.#clearHistory();
    this.#timeShift = restored.timeShift;
    this.#nominalDt = restored.nominalDt;
    this.#parent = restored.parent;
  }

  /**
   * The stored snapshot named `name` (creating `initial` from the current session first if it
   * does not exist yet), or undefined.
   */
  getSnapshot(name: string): Snapshot | undefined {
    this.#ensureInitialSnapshot(null);
    return this.#snapshots.get(name);
  }

  #resolveSnapshot(snapshotOrName: Snapshot | string): Snapshot {
    if (typeof snapshotOrName !== "string") return snapshotOrName;
    this.#ensureInitialSnapshot(null);
    const snap = this.#snapshots.get(snapshotOrName);
    if (snap === undefined) {
      throw sessionError(
        SESSION_ERROR_CODES.UNKNOWN_SNAPSHOT,
        `Unknown snapshot '${snapshotOrName}'; known snapshots: ${pyRepr([...this.#snapshots.keys()])}`,
        { name: snapshotOrName },
      );
    }
    return snap;
  }

  #snapshotLayout(): SnapshotLayout {
    return {
      modelDtype: this.model.dtype,
      stateNames: this.model.stateNames,
      paramNames: this.model.paramNames,
      stepperFields: this.#stepper.layout(this.model.nState),
      runtimeFields: this.model.runtimeLayout,
      configNames: this.#stepper.configNames,
    };
  }

  #snapshotBytes(source: Uint8Array | string, what: string): Uint8Array {
    if (typeof source !== "string") return source;
    const port = filePort(what);
    try {
      return port.readBytes(source);
    } catch (err) {
      throw sessionError(
        SESSION_ERROR_CODES.SNAPSHOT_FILE,
        `Cannot read snapshot file: ${err instanceof Error ? err.message : String(err)}`,
        { path: source },
        err,
      );
    }
  }

  #presetText(source: PresetSource, what: string): { text: string; where: string } {
    if (typeof source === "string") {
      const port = filePort(what);
      if (!port.exists(source)) {
        throw sessionError(SESSION_ERROR_CODES.PRESET, `Preset file not found: ${source}`, { path: source });
      }
      return { text: new TextDecoder().decode(port.readBytes(source)), where: source };
    }
    if (source === null || typeof source !== "object" || typeof source.text !== "string") {
      throw new TypeError("preset source must be a path string (Node) or { text: string }");
    }
    return { text: source.text, where: "<text>" };
  }

  #warn(w: DynWarning): void {
    this.warnings.push(w);
    this.#onWarning(w);
  }

  #vector(kind: "state" | "param", options: VectorSourceOptions): FloatVector {
    const source = options.source ?? "session";
    let v: FloatVector;
    if (source === "session") v = kind === "state" ? this.#state.yCurr : this.#state.paramsCurr;
    else if (source === "model")
      v = kind === "state" ? this.model.initialState() : this.model.initialParams();
    else if (source === "snapshot") {
      const name = options.snapshot ?? "initial";
      const snap = this.getSnapshot(name);
      if (snap === undefined) {
        throw sessionError(SESSION_ERROR_CODES.UNKNOWN_SNAPSHOT, `Unknown snapshot '${name}'`, { name });
      }
      v = kind === "state" ? snap.state.yCurr : snap.state.paramsCurr;
    } else {
      throw invalid(`source must be 'session', 'model' or 'snapshot' (got '${String(source)}')`);
    }
    return options.copy === false ? v : v.slice();
  }

  #freshSeed(t0: number, o: RunOptions): Seed {
    const st = this.#state;
    return {
      t: t0,
      y: o.ic === undefined ? st.yCurr.slice() : toModelVector(o.ic, st.yCurr, "ic"),
      params:
        o.params === undefined ? st.paramsCurr.slice() : toModelVector(o.params, st.paramsCurr, "params"),
      dt: this.#nominalDt,
      stepCount: 0,
      frameStep: 0,
      gridOrigin: t0,
      gridStep: 0,
      workspace: EMPTY_WORKSPACE,
    };
  }

  #resumeSeed(): Seed {
    const st = this.#state;
    return {
      t: st.tCurr,
      y: st.yCurr.slice(),
      params: st.paramsCurr.slice(),
      dt: this.#stepper.timeControl === "fixed" ? this.#nominalDt : st.dtCurr,
      stepCount: st.stepCount,
      frameStep: st.frameStep,
      gridOrigin: st.gridOrigin,
      gridStep: st.gridStep,
      workspace: st.workspace,
    };
  }

  #ensureInitialSnapshot(seed: Seed | null): void {
    if (this.#snapshots.has("initial")) return;
    const st = this.#state;
    const state =
      seed === null
        ? st.clone()
        : new SessionState({
            tCurr: seed.t,
            yCurr: seed.y.slice(),
            paramsCurr: seed.params.slice(),
            dtCurr: seed.dt,
            stepCount: seed.stepCount,
            frameStep: seed.frameStep,
            gridOrigin: seed.gridOrigin,
            gridStep: seed.gridStep,
            workspace: cloneWorkspace(seed.workspace),
            stepperCfg: st.stepperCfg.slice(),
            status: st.status,
            pins: st.pins,
          });
    this.#snapshots.set("initial", {
      name: "initial",
      description: "auto-created before first run",
      createdAt: nowIso(),
      state,
      timeShift: this.#timeShift,
      nominalDt: this.#nominalDt,
      parent: null,
    });
  }

  /**
   * Drops results, the cached view and segments (non-resume runs; later also `reset`,
   * `importSnapshot` and `assign({clearHistory: true})`).
   */
  #clearHistory(): void {
    this.#acc = null;
    this.#raw = null;
    this.#view = null;
  }

  #syncInitialConfig(cfg: Float64Array): void {
    const initial = this.#snapshots.get("initial");
    if (initial !== undefined) initial.state.stepperCfg = cfg.slice();
  }

  #phaseContext(): PhaseContext {
    return {
      model: this.model,
      stepper: this.#stepper,
      stepperShapes: this.#stepperShapes,
      runtimeShapes: this.#runtimeShapes,
    };
  }

  #stateAfter(
    result: PhaseResult,
    baseSteps: number,
    baseFrameStep: number,
    config: Float64Array,
  ): SessionState {
    return stateFromPhase(result, {
      baseSteps,
      baseFrameStep,
      config,
      fixedStep: this.#stepper.timeControl === "fixed",
      nominalDt: this.#nominalDt,
      pins: this.#pins,
    });
  }
}

function simTable(model: SessionModel): Record<string, unknown> {
  const sim = model.spec.sim;
  return { ...(sim.stepperDefaults ?? {}), atol: num(sim.atol), rtol: num(sim.rtol) };
}

function tagIndexOf(model: SessionModel): Record<string, readonly string[]> {
  const spec = model.spec as { tagIndex?: Readonly<Record<string, readonly string[]>> };
  return { ...(spec.tagIndex ?? {}) };
}
