import { KERNEL_HELPERS, type ModelIR } from "@dyn/model";
import { isStepperTemplate, type Stepper, type StepperTemplate } from "@dyn/steppers";
import { ownerId, type RunLoop } from "../internal/loopCache.ts";
import { type LoopOptions, loopOptionsKey } from "../internal/loopSource.ts";
import type { SessionModel } from "../modelPort.ts";
import { type ControllerField, fusedSource, WRMS_FIELDS } from "./generate.ts";
import { withinSizeGuard } from "./sizeGuard.ts";
import { recordSource } from "./sourceRegistry.ts";

/** Why a run did not get a fused kernel (shown by `exportSources`). */
export type FallbackReason =
  | "no template"
  | "no model IR"
  | "float32 model"
  | "template does not fit the stepper"
  | "template cannot restart the history"
  | "size guard"
  | "code generation unavailable";

/** A fused kernel, or the reason the plain path runs instead. */
export type FusedLookup =
  | { readonly kernel: RunLoop; readonly url: string; readonly fresh: boolean }
  | { readonly kernel: null; readonly reason: FallbackReason };

/** The recorded state and aux indices of a run. */
export interface Selection {
  readonly stateIdx: readonly number[];
  readonly auxIdx: readonly number[];
}

const kernels = new WeakMap<object, Map<string, FusedLookup>>();

function modelIr(model: SessionModel): ModelIR | null {
  const ir = (model as { ir?: unknown }).ir;
  return typeof ir === "object" && ir !== null && Array.isArray((ir as ModelIR).rhs) ? (ir as ModelIR) : null;
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** The template's workspace and config needs checked against the stepper and the run. */
function fits(tp: StepperTemplate, stepper: Stepper, o: LoopOptions, ir: ModelIR): boolean {
  const adaptive = tp.controller !== null;
  if (adaptive !== (o.time === "adaptive")) return false;
  if ((o.time === "map") !== (stepper.meta.kind === "map")) return false;
  if (ir.rhs.length !== o.nState) return false;
  const fields = new Map(stepper.workspace.map((f) => [f.name, f]));
  for (const name of tp.history) {
    const f = fields.get(name);
    if (f === undefined || f.dtype !== "float64") return false;
    const shape = f.shape(o.nState);
    if (shape.length !== 1 || shape[0] !== o.nState) return false;
  }
  for (const name of tp.counters) {
    const f = fields.get(name);
    if (f === undefined || f.dtype !== "int64") return false;
    const shape = f.shape(o.nState);
    if (shape.length !== 1 || shape[0] !== 1) return false;
  }
  const cfg = new Set(stepper.config.map((c) => c.name));
  for (const name of [...tp.config, ...(adaptive ? WRMS_FIELDS : [])]) if (!cfg.has(name)) return false;
  return true;
}

/**
 * The fused kernel for one (model, stepper, option set), generated, size-checked, compiled with
 * a unique `sourceURL` and cached on the model object — or why there is none (the caller then
 * runs the plain loop). `fresh` is true on the call that compiled it (the driver primes it).
 */
export function getFusedKernel(
  model: SessionModel,
  stepperName: string,
  stepper: Stepper,
  options: LoopOptions,
  selection: Selection,
): FusedLookup {
  let byKey = kernels.get(model);
  if (byKey === undefined) {
    byKey = new Map();
    kernels.set(model, byKey);
  }
  // The recording selection is part of the kernel (rows are written from locals).
  const selectionKey = options.record
    ? `-s${selection.stateIdx.join("_")}-a${selection.auxIdx.join("_")}`
    : "";
  const optionsKey = `${loopOptionsKey({ ...options, inlineStep: null })}${selectionKey}`;
  const key = `${stepperName}#${ownerId(stepper)}|${optionsKey}`;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached.kernel === null ? cached : { ...cached, fresh: false };
  const found = build(model, stepperName, stepper, { ...options, inlineStep: null }, optionsKey, selection);
  byKey.set(key, found);
  return found;
}

function build(
  model: SessionModel,
  stepperName: string,
  stepper: Stepper,
  options: LoopOptions,
  optionsKey: string,
  selection: Selection,
): FusedLookup {
  const tp = stepper.template;
  if (!isStepperTemplate(tp)) return { kernel: null, reason: "no template" };
  const ir = modelIr(model);
  if (ir === null) return { kernel: null, reason: "no model IR" };
  if (ir.dtype !== "float64" || model.dtype !== "float64") return { kernel: null, reason: "float32 model" };
  if (!fits(tp, stepper, options, ir)) return { kernel: null, reason: "template does not fit the stepper" };
  const historyCounter = stepper.historyCounter;
  if (options.restartHistory && (historyCounter === undefined || !tp.counters.includes(historyCounter)))
    return { kernel: null, reason: "template cannot restart the history" };
  const configFields = new Map<string, ControllerField>(
    stepper.config.map((c, index) => [c.name, { name: c.name, index, default: c.default }]),
  );
  const source = fusedSource(options, {
    template: tp,
    ir,
    configFields,
    configCount: stepper.config.length,
    selection,
    ...(historyCounter === undefined ? {} : { historyCounter }),
  });
  if (!withinSizeGuard(source)) return { kernel: null, reason: "size guard" };
  const url = `dyn/fused-${ownerId(model)}-${sanitize(model.specHash.slice(0, 12))}-${sanitize(stepperName)}-${ownerId(stepper)}-${optionsKey}.js`;
  let kernel: RunLoop;
  try {
    const factory = new Function("H", `${source}\n//# sourceURL=${url}`) as (
      h: typeof KERNEL_HELPERS,
    ) => RunLoop;
    kernel = factory(KERNEL_HELPERS);
  } catch (err) {
    // A Content-Security-Policy without 'unsafe-eval' forbids generated code (EvalError): plain
    // path. Anything else is a generator bug and must not hide behind the fallback.
    if (err instanceof EvalError) return { kernel: null, reason: "code generation unavailable" };
    throw err;
  }
  recordSource(model, url, source);
  return { kernel, url, fresh: true };
}
