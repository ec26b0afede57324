import type { SessionModel } from "../modelPort.ts";

/**
 * Why a run took the plain loop instead of a fused kernel: a stable code per cause.
 * @example
 * ```ts
 * import { FUSED_FALLBACK_CODES } from "@dyn/session";
 * console.log(FUSED_FALLBACK_CODES.TEMPLATE_MISMATCH); // "FUSED_TEMPLATE_MISMATCH"
 * ```
 * @category kernels
 * @since 0.2.0
 */
export const FUSED_FALLBACK_CODES = {
  /** The stepper has no template (the normal case for implicit steppers). */
  NO_TEMPLATE: "FUSED_NO_TEMPLATE",
  /** `stepper.template` is set but is not a `defineTemplate()` result. */
  NOT_A_TEMPLATE: "FUSED_NOT_A_TEMPLATE",
  /** The model carries no IR (e.g. a hand-written `SessionModel`). */
  NO_MODEL_IR: "FUSED_NO_MODEL_IR",
  /** Fused kernels are float64 only. */
  FLOAT32_MODEL: "FUSED_FLOAT32_MODEL",
  /** The template's fields, config or time control do not match the stepper or the run. */
  TEMPLATE_MISMATCH: "FUSED_TEMPLATE_MISMATCH",
  /** A state-assigning event needs the history restarted, and the template has no such counter. */
  NO_HISTORY_RESTART: "FUSED_NO_HISTORY_RESTART",
  /** The generated source would exceed the size guard. */
  SIZE_GUARD: "FUSED_SIZE_GUARD",
  /** The page forbids generated code (Content-Security-Policy without 'unsafe-eval'). */
  CODE_GENERATION_UNAVAILABLE: "FUSED_CODEGEN_UNAVAILABLE",
} as const;

/**
 * One of the {@link FUSED_FALLBACK_CODES} values.
 * @category kernels
 * @since 0.2.0
 */
export type FusedFallbackCode = (typeof FUSED_FALLBACK_CODES)[keyof typeof FUSED_FALLBACK_CODES];

/**
 * A run configuration of a model that fell back to the plain loop, and why.
 * @category kernels
 * @since 0.2.0
 */
export interface FusedFallback {
  /** The stepper name the session used. */
  readonly stepper: string;
  readonly code: FusedFallbackCode;
  /** What exactly did not fit (names the field, counter or limit). */
  readonly reason: string;
}

const byModel = new WeakMap<object, Map<string, FusedFallback>>();

/** Records a fallback for (model, stepper, option set); the latest per key wins. */
export function recordFallback(model: SessionModel, key: string, fallback: FusedFallback): void {
  let m = byModel.get(model);
  if (m === undefined) {
    m = new Map();
    byModel.set(model, m);
  }
  m.set(key, fallback);
}

/**
 * The runs of `model` (in any session) that wanted a fused kernel and took the plain loop, with a
 * coded reason each, so that a template that cannot be used never goes unnoticed. Steppers
 * without a template are listed too (code `FUSED_NO_TEMPLATE`).
 *
 * @example
 * ```ts
 * import { compileModel, loadModel } from "@dyn/model";
 * import { fusedFallbacks, Sim, type SessionModel } from "@dyn/session";
 * const model = compileModel(loadModel("builtin://ode/lorenz")) as unknown as SessionModel;
 * new Sim(model, { stepper: "bdf2" }).run({ T: 0.1 });
 * console.log(fusedFallbacks(model).map((f) => f.code)); // ["FUSED_NO_TEMPLATE"]
 * ```
 * @category kernels
 * @since 0.2.0
 */
export function fusedFallbacks(model: SessionModel): readonly FusedFallback[] {
  return [...(byModel.get(model)?.values() ?? [])];
}
