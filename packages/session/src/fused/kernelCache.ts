import { KERNEL_HELPERS, type ModelIR } from "@dyn/model";
import { isStepperTemplate, type Stepper, type StepperTemplate } from "@dyn/steppers";
import { ownerId, type RunLoop } from "../internal/loopCache.ts";
import { type LoopOptions, loopOptionsKey } from "../internal/loopSource.ts";
import type { SessionModel } from "../modelPort.ts";
import { FUSED_FALLBACK_CODES as F, type FusedFallbackCode, recordFallback } from "./fallbacks.ts";
import { type ControllerField, fusedSource, WRMS_FIELDS } from "./generate.ts";
import { withinSizeGuard } from "./sizeGuard.ts";
import { recordSource } from "./sourceRegistry.ts";

/** A fused kernel, or the coded reason the plain path runs instead (see `fusedFallbacks`). */
export type FusedLookup =
  | { readonly kernel: RunLoop; readonly url: string; readonly fresh: boolean }
  | { readonly kernel: null; readonly code: FusedFallbackCode; readonly reason: string };

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

/** What in the template does not fit the stepper and the run, or null when it fits. */
function mismatch(tp: StepperTemplate, stepper: Stepper, o: LoopOptions, ir: ModelIR): string | null {
  const adaptive = tp.controller !== null;
  if (adaptive !== (o.time === "adaptive"))
    return `the template is ${adaptive ? "adaptive" : "fixed-step"} but the run is ${o.time}`;
  if ((o.time === "map") !== (stepper.meta.kind === "map"))
    return `the run is ${o.time} for a ${stepper.meta.kind} stepper`;
  if (ir.rhs.length !== o.nState) return `the model IR has ${ir.rhs.length} equations for ${o.nState} states`;
  const fields = new Map(stepper.workspace.map((f) => [f.name, f]));
  for (const name of tp.history) {
    const f = fields.get(name);
    if (f === undefined) return `history vector '${name}' is not a workspace field of the stepper`;
    const shape = f.shape(o.nState);
    if (f.dtype !== "float64" || shape.length !== 1 || shape[0] !== o.nState)
      return `history vector '${name}' is not a float64 [n] workspace field`;
  }
  for (const name of tp.counters) {
    const f = fields.get(name);
    if (f === undefined) return `counter '${name}' is not a workspace field of the stepper`;
    const shape = f.shape(o.nState);
    if (f.dtype !== "int64" || shape.length !== 1 || shape[0] !== 1)
      return `counter '${name}' is not an int64 [1] workspace field`;
  }
  const cfg = new Set(stepper.config.map((c) => c.name));
  for (const name of [...tp.config, ...(adaptive ? WRMS_FIELDS : [])])
    if (!cfg.has(name)) return `config field '${name}' is not a config field of the stepper`;
  return null;
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
  if (found.kernel === null)
    recordFallback(model, key, { stepper: stepperName, code: found.code, reason: found.reason });
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
  const no = (code: FusedFallbackCode, reason: string): FusedLookup => ({ kernel: null, code, reason });
  if (tp === undefined) return no(F.NO_TEMPLATE, `stepper '${stepperName}' has no template`);
  if (!isStepperTemplate(tp))
    return no(F.NOT_A_TEMPLATE, `stepper '${stepperName}': template is not a defineTemplate() result`);
  const ir = modelIr(model);
  if (ir === null) return no(F.NO_MODEL_IR, "the model carries no IR");
  if (ir.dtype !== "float64" || model.dtype !== "float64")
    return no(F.FLOAT32_MODEL, "fused kernels are float64 only");
  const misfit = mismatch(tp, stepper, options, ir);
  if (misfit !== null) return no(F.TEMPLATE_MISMATCH, `stepper '${stepperName}': ${misfit}`);
  const historyCounter = stepper.historyCounter;
  if (options.restartHistory && (historyCounter === undefined || !tp.counters.includes(historyCounter)))
    return no(
      F.NO_HISTORY_RESTART,
      `stepper '${stepperName}': an event assigns a state, and the template has no counter '${String(historyCounter)}' to restart the history with`,
    );
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
  if (!withinSizeGuard(source))
    return no(F.SIZE_GUARD, `the generated kernel is ${source.length} characters, over the size guard`);
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
    if (err instanceof EvalError)
      return no(F.CODE_GENERATION_UNAVAILABLE, "generated code is forbidden here (EvalError)");
    throw err;
  }
  recordSource(model, url, source);
  return { kernel, url, fresh: true };
}
