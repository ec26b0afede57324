import { didYouMean } from "@dyn/core";
import { STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
import type { ConfigField, StepFn, Stepper, StepperCaps, StepperMeta, WorkspaceField } from "./types.ts";

/**
 * What {@link defineStepper} accepts: the meta fields that have reference defaults
 * (`geometry`, `embeddedOrder`, `stiff`, `aliases`, `caps`) may be left out.
 * @category steppers
 * @since 0.1.0
 */
export interface StepperDefinition {
  readonly meta: Omit<StepperMeta, "geometry" | "embeddedOrder" | "stiff" | "aliases" | "caps"> & {
    readonly geometry?: readonly string[];
    readonly embeddedOrder?: number | null;
    readonly stiff?: boolean;
    readonly aliases?: readonly string[];
    readonly caps?: Partial<StepperCaps>;
  };
  readonly config?: readonly ConfigField[];
  readonly workspace?: readonly WorkspaceField[];
  readonly step: StepFn;
  readonly selfContained?: boolean;
  readonly template?: unknown;
  /** The int64 `[1]` workspace counter that restarts the history when zeroed (see `Stepper`). */
  readonly historyCounter?: string;
}

const DEFAULT_CAPS: StepperCaps = {
  denseOutput: false,
  jacobian: "none",
  jitCapable: true,
  requiresScipy: false,
  variationalStepping: false,
};

const DTYPES = new Set(["float64", "int64", "int32"]);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function invalid(message: string, details: Record<string, unknown>): StepperError {
  return new StepperError({ code: STEPPER_ERROR_CODES.INVALID_DEFINITION, message, details });
}

/**
 * Validates a stepper definition, fills the reference defaults of `meta` and returns a deeply
 * frozen {@link Stepper}.
 *
 * **When to use:** every stepper, built-in or third-party, is created with it; `register`
 * expects its result.
 *
 * **Gotchas:** workspace and config field names must be unique identifiers (they become snapshot
 * entry names); renaming one is a snapshot-format change.
 *
 * @example
 * ```ts
 * import { defineStepper, OK } from "@dyn/steppers";
 * const explicitEuler = defineStepper({
 *   meta: { name: "my-euler", kind: "ode", timeControl: "fixed", scheme: "explicit", family: "euler", order: 1 },
 *   workspace: [{ name: "k", dtype: "float64", shape: (n) => [n] }],
 *   step(t, dt, y, rhs, p, rws, ws, _cfg, yProp, tProp, dtNext, errEst) {
 *     const k = ws["k"] as Float64Array;
 *     rhs(t, y, k, p, rws);
 *     for (let i = 0; i < y.length; i++) yProp[i] = y[i]! + dt * k[i]!;
 *     tProp[0] = t + dt; dtNext[0] = dt; errEst[0] = 0;
 *     return OK;
 *   },
 * });
 * console.log(explicitEuler.meta.caps.jacobian); // "none"
 * ```
 * @category constructors
 * @since 0.1.0
 */
export function defineStepper(definition: StepperDefinition): Stepper {
  const m = definition.meta;
  if (typeof m?.name !== "string" || m.name.length === 0) {
    throw invalid(`defineStepper: meta.name must be a non-empty string (got ${String(m?.name)})`, {});
  }
  const where = `defineStepper('${m.name}')`;
  if (m.kind !== "ode" && m.kind !== "map")
    throw invalid(`${where}: meta.kind must be "ode" or "map" (got ${String(m.kind)})`, { field: "kind" });
  if (m.timeControl !== "fixed" && m.timeControl !== "adaptive") {
    throw invalid(`${where}: meta.timeControl must be "fixed" or "adaptive" (got ${String(m.timeControl)})`, {
      field: "timeControl",
    });
  }
  if (m.scheme !== "explicit" && m.scheme !== "implicit" && m.scheme !== "splitting") {
    throw invalid(
      `${where}: meta.scheme must be "explicit", "implicit" or "splitting" (got ${String(m.scheme)})`,
      { field: "scheme" },
    );
  }
  if (!(typeof m.order === "number" && m.order > 0))
    throw invalid(`${where}: meta.order must be a positive number (got ${String(m.order)})`, {
      field: "order",
    });
  if (typeof definition.step !== "function")
    throw invalid(`${where}: step must be a function`, { field: "step" });

  const caps: StepperCaps = Object.freeze({ ...DEFAULT_CAPS, ...(m.caps ?? {}) });
  const meta: StepperMeta = Object.freeze({
    name: m.name,
    kind: m.kind,
    timeControl: m.timeControl,
    scheme: m.scheme,
    geometry: Object.freeze([...(m.geometry ?? [])]),
    family: m.family,
    order: m.order,
    embeddedOrder: m.embeddedOrder ?? null,
    stiff: m.stiff ?? false,
    aliases: Object.freeze([...(m.aliases ?? [])]),
    caps,
  });

  const workspace = (definition.workspace ?? []).map((field) => {
    if (typeof field.name !== "string" || !NAME_RE.test(field.name)) {
      throw invalid(
        `${where}: workspace field name ${JSON.stringify(field.name)} is not an identifier; use letters, digits and _`,
        { field: field.name },
      );
    }
    if (!DTYPES.has(field.dtype)) {
      throw invalid(
        `${where}: workspace field '${field.name}' has dtype ${JSON.stringify(field.dtype)}; use "float64", "int64" or "int32"`,
        { field: field.name },
      );
    }
    if (typeof field.shape !== "function")
      throw invalid(`${where}: workspace field '${field.name}' needs shape: (n) => number[]`, {
        field: field.name,
      });
    return Object.freeze({ name: field.name, dtype: field.dtype, shape: field.shape });
  });
  assertUnique(
    where,
    "workspace field",
    workspace.map((f) => f.name),
  );

  const config = (definition.config ?? []).map((field) => {
    if (typeof field.name !== "string" || !NAME_RE.test(field.name)) {
      throw invalid(`${where}: config field name ${JSON.stringify(field.name)} is not an identifier`, {
        field: field.name,
      });
    }
    if (field.type !== "float" && field.type !== "int")
      throw invalid(`${where}: config field '${field.name}' type must be "float" or "int"`, {
        field: field.name,
      });
    if (typeof field.default !== "number")
      throw invalid(`${where}: config field '${field.name}' needs a numeric default`, { field: field.name });
    return Object.freeze({
      name: field.name,
      type: field.type,
      default: field.default,
      ...(field.enum === undefined ? {} : { enum: Object.freeze({ ...field.enum }) }),
    });
  });
  assertUnique(
    where,
    "config field",
    config.map((f) => f.name),
  );

  const historyCounter = definition.historyCounter;
  if (historyCounter !== undefined) {
    const field = workspace.find((f) => f.name === historyCounter);
    if (field === undefined || field.dtype !== "int64" || field.shape(1).join(",") !== "1") {
      throw invalid(
        `${where}: historyCounter '${String(historyCounter)}' must name an int64 workspace field of shape [1]` +
          suggestion(
            String(historyCounter),
            workspace.map((f) => f.name),
          ),
        { field: "historyCounter", value: historyCounter },
      );
    }
  }

  return Object.freeze({
    meta,
    config: Object.freeze(config),
    workspace: Object.freeze(workspace),
    step: definition.step,
    selfContained: definition.selfContained ?? false,
    ...(definition.template === undefined ? {} : { template: definition.template }),
    ...(historyCounter === undefined ? {} : { historyCounter }),
  });
}

function suggestion(name: string, names: readonly string[]): string {
  const close = didYouMean(name, names);
  return close === undefined ? "" : `; did you mean '${close}'?`;
}

function assertUnique(where: string, what: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw invalid(`${where}: duplicate ${what} '${name}'; names must be unique`, { field: name });
    seen.add(name);
  }
}
