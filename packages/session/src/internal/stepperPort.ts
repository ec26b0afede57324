import {
  allocateWorkspace,
  configFieldNames,
  configToObject,
  defaultConfig,
  describeWorkspace,
  getStepper,
  initialStep,
  resolveConfig,
  type Stepper,
  specializeStep,
  cfgHash as stepperCfgHash,
} from "@dyn/steppers";
import { type InlinedStep, inlineStepSource } from "./inlineStep.ts";
import type { LoopStepFn, StepperWorkspaceArrays } from "./runFrame.ts";

/** One resolved workspace field (name, numpy dtype name, concrete shape). */
export interface FieldLayout {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/**
 * The session's view of a stepper: everything the runner and the session state need, resolved
 * once from the `@dyn/steppers` object. Keeping this seam small means the session depends on a
 * handful of the steppers package's exports only.
 */
export interface StepperPort {
  readonly stepper: Stepper;
  readonly name: string;
  readonly kind: "ode" | "map";
  readonly timeControl: "fixed" | "adaptive";
  readonly order: number;
  readonly configNames: readonly string[];
  layout(nState: number): FieldLayout[];
  allocate(nState: number): StepperWorkspaceArrays;
  defaultConfig(simTable: Readonly<Record<string, unknown>>): Float64Array;
  mergeConfig(stored: Float64Array, overrides: Readonly<Record<string, unknown>>): Float64Array;
  cfgHash(config: Float64Array): string;
  /** Config as `{field: value}` (enum fields as their codes). */
  configObject(config: Float64Array): Record<string, number>;
  /** The step function for one model: recompiled once per (model, stepper) pair and cached. */
  stepFor(model: object, tag: string): LoopStepFn;
  /** The step's body for pasting into the runner loop, or null (see `inlineStep`). */
  readonly inlined: InlinedStep | null;
  /** The adaptive initial-step heuristic (§1.5). */
  initialStep(options: Parameters<typeof initialStep>[0]): number;
}

const stepCache = new WeakMap<object, Map<Stepper, LoopStepFn>>();
const inlineCache = new WeakMap<Stepper, InlinedStep | null>();

function inlinedFor(s: Stepper): InlinedStep | null {
  let v = inlineCache.get(s);
  if (v === undefined) {
    v = inlineStepSource(s.step, s.selfContained === true);
    inlineCache.set(s, v);
  }
  return v;
}

/** Resolves a stepper object or a registered name/alias (canonicalised, D-9). */
export function resolveStepper(stepper: string | Stepper): StepperPort {
  const s = typeof stepper === "string" ? getStepper(stepper) : stepper;
  return {
    stepper: s,
    name: s.meta.name,
    kind: s.meta.kind,
    timeControl: s.meta.timeControl,
    order: s.meta.order,
    configNames: configFieldNames(s),
    layout: (n) =>
      describeWorkspace(s, n).map((f) => ({ name: f.name, dtype: f.dtype, shape: [...f.shape] })),
    allocate: (n) => ({ ...allocateWorkspace(s, n) }) as StepperWorkspaceArrays,
    defaultConfig: (sim) => defaultConfig(s, sim),
    mergeConfig: (stored, overrides) => resolveConfig(s, stored, overrides),
    cfgHash: (config) => stepperCfgHash(config),
    configObject: (config) => configToObject(s, config),
    stepFor: (model, tag) => {
      let byStepper = stepCache.get(model);
      if (byStepper === undefined) {
        byStepper = new Map();
        stepCache.set(model, byStepper);
      }
      let fn = byStepper.get(s);
      if (fn === undefined) {
        fn = specializeStep(s, tag) as unknown as LoopStepFn;
        byStepper.set(s, fn);
      }
      return fn;
    },
    initialStep: (options) => initialStep(options),
    inlined: inlinedFor(s),
  };
}
