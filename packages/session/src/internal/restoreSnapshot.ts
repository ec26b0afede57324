import { getStepper } from "@dyn/steppers";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import { type SessionPins, SessionState } from "../sessionState.ts";
import type { SnapshotMeta } from "../snapshotMeta.ts";
import { metaNumber, optionalMetaNumber } from "./metaNumbers.ts";
import { pinDiff } from "./pins.ts";
import { pinDiffRepr, pyRepr } from "./pyRepr.ts";
import {
  checkVectorShape,
  restoreConfig,
  restoreWorkspace,
  SNAPSHOT_SCHEMA,
  type SnapshotFileContent,
  type SnapshotLayout,
  toModelDtype,
} from "./snapshotFile.ts";
import { pyRound } from "./timeGrid.ts";

function fileError(message: string, details?: Record<string, unknown>): Error {
  return sessionError(SESSION_ERROR_CODES.SNAPSHOT_FILE, message, details);
}

/** The reference pins the stepper as spelled (an alias may appear): canonicalise it (D-9). */
function canonicalStepper(name: string): string {
  try {
    return getStepper(name).meta.name;
  } catch {
    return name;
  }
}

/** A file's pins as {@link SessionPins}; missing entries become "" / [] as in the reference. */
export function pinsFromMeta(meta: SnapshotMeta): SessionPins {
  const raw = meta["pins"];
  const p = (raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  const str = (k: string): string => (typeof p[k] === "string" ? (p[k] as string) : "");
  const sig = Array.isArray(p["workspace_sig"])
    ? (p["workspace_sig"] as unknown[]).map((v) => Number(v))
    : [];
  return {
    specHash: str("spec_hash"),
    stepperName: canonicalStepper(str("stepper_name")),
    workspaceSig: sig,
    dtypeToken: str("dtype_token"),
    libVersion: str("dynlib_version"),
  };
}

/** The `VERSION_DIFFERS` warning: the version pin is compared but never rejects a file (D-9). */
export function versionDiffersMessage(file: string, ours: string): string {
  return (
    `Snapshot pins dynlib_version ${pyRepr(file)}, this session ${pyRepr(ours)} ` +
    "(informational: a version difference does not make a snapshot incompatible)"
  );
}

/** What an import replaces the session with. */
export interface RestoredSnapshot {
  readonly state: SessionState;
  readonly timeShift: number;
  readonly nominalDt: number;
  readonly parent: string | null;
}

/**
 * Validates a read snapshot file against the session, in the order of session-semantics §8.2
 * (schema, `y` shape, `params` shape, pins, meta keys), and builds the state to install. Nothing
 * is changed here: the caller installs the result only when this returns.
 */
export function restoreSnapshot(
  content: SnapshotFileContent,
  ctx: {
    readonly layout: SnapshotLayout;
    readonly pins: SessionPins;
    readonly isMap: boolean;
    readonly warn: (code: string, message: string) => void;
  },
): RestoredSnapshot {
  const { meta } = content;
  const { layout } = ctx;
  if (meta["schema"] !== SNAPSHOT_SCHEMA) {
    throw fileError(`Unsupported schema: ${meta["schema"] === undefined ? "None" : String(meta["schema"])}`, {
      schema: meta["schema"],
    });
  }
  checkVectorShape(content.y, layout.stateNames.length, "State vector");
  checkVectorShape(content.params, layout.paramNames.length, "Parameters");
  const filePins = pinsFromMeta(meta);
  const diff = pinDiff(ctx.pins, filePins);
  if (Object.keys(diff).length > 0) {
    throw sessionError(
      SESSION_ERROR_CODES.SNAPSHOT_INCOMPATIBLE,
      `Snapshot incompatible: ${pinDiffRepr(diff)}`,
      {
        diff,
      },
    );
  }
  const tCurr = metaNumber(meta, "t_curr", "finite");
  const dtCurr = metaNumber(meta, "dt_curr", "positive");
  const stepCount = metaNumber(meta, "step_count", "count");
  const status = metaNumber(meta, "status", "count");
  const timeShift = metaNumber(meta, "time_shift", "finite");
  const nominalDt = metaNumber(meta, "nominal_dt", "positive");
  const frameStep =
    optionalMetaNumber(meta, "frame_step", "count") ??
    (ctx.isMap ? Math.max(0, stepCount - pyRound(timeShift / nominalDt)) : stepCount);
  if (frameStep > stepCount) {
    throw fileError(`Snapshot meta.json key 'frame_step' (${frameStep}) exceeds 'step_count' (${stepCount})`);
  }
  const gridOrigin = optionalMetaNumber(meta, "grid_origin", "finite");
  const gridStep = optionalMetaNumber(meta, "grid_step", "count");
  const stepperCfg = restoreConfig(content);
  if (stepperCfg.length !== 0 && stepperCfg.length !== layout.configNames.length) {
    throw fileError(
      `Snapshot stepper_config has ${stepperCfg.length} values, but stepper '${ctx.pins.stepperName}' has ` +
        `${layout.configNames.length} config fields ${pyRepr([...layout.configNames])}`,
    );
  }
  const workspace = restoreWorkspace(content, layout);
  if (filePins.libVersion !== ctx.pins.libVersion) {
    ctx.warn("VERSION_DIFFERS", versionDiffersMessage(filePins.libVersion, ctx.pins.libVersion));
  }
  const parent = typeof meta["name"] === "string" ? (meta["name"] as string) : null;
  return {
    state: new SessionState({
      tCurr,
      yCurr: toModelDtype(content.y, "y", layout.modelDtype),
      paramsCurr: toModelDtype(content.params, "params", layout.modelDtype),
      dtCurr,
      stepCount,
      frameStep,
      // A file without a grid starts a new one at t_curr (D-10).
      gridOrigin: gridOrigin ?? tCurr,
      gridStep: gridOrigin === undefined ? 0 : (gridStep ?? 0),
      workspace,
      stepperCfg,
      status,
      pins: ctx.pins,
    }),
    timeShift,
    nominalDt,
    parent,
  };
}
