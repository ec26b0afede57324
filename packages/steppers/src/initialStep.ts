import { STEPPER_ERROR_CODES, StepperError } from "./errors.ts";
import { numpyPairwiseSum } from "./internal/numpySum.ts";
import type { RhsFn, RuntimeWorkspaceLike } from "./types.ts";

/**
 * Inputs of {@link initialStep}. `tEnd`/`t0` are the end and start of the runner call; `dtMax`
 * is the stepper's `dt_max` (∞ when it has none); `dt` an explicit step passed to `run`, if any.
 * @category steppers
 * @since 0.1.0
 */
export interface InitialStepOptions {
  readonly rhs: RhsFn;
  readonly t0: number;
  readonly tEnd: number;
  readonly y0: Float64Array;
  readonly params: Float64Array;
  readonly runtimeWs: RuntimeWorkspaceLike;
  /** The method order used in the exponent 1/(order + 1) (the stepper's `meta.order`). */
  readonly order: number;
  readonly atol: number;
  readonly rtol: number;
  readonly dtMax?: number;
  readonly dt?: number;
}

/**
 * The adaptive initial-step heuristic of §1.5 (Hairer–Nørsett–Wanner's, in the reference's
 * arithmetic): WRMS norms summed in numpy's pairwise order with a correctly rounded square root,
 * one `pow` for the order root, then capped by `dtMax` (or an explicit `dt`), by `|tEnd − t0|`,
 * and floored at 1e-16.
 *
 * **When to use:** non-resume runs of adaptive steppers (and the recorded part after a
 * warm-up); a resume uses the stored `dtCurr` instead.
 *
 * **Gotchas:** calls `rhs` twice and allocates four scratch vectors (once per run, not per step).
 *
 * @example
 * ```ts
 * import { initialStep } from "@dyn/steppers";
 * const h = initialStep({
 *   rhs: (_t, y, out) => { out[0] = -y[0]!; }, t0: 0, tEnd: 10, y0: new Float64Array([1]),
 *   params: new Float64Array(0), runtimeWs: {}, order: 5, atol: 1e-8, rtol: 1e-5,
 * });
 * console.log(h > 0 && h < 1); // true
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function initialStep(options: InitialStepOptions): number {
  const { rhs, t0, tEnd, y0, params, runtimeWs, order, atol, rtol } = options;
  if (!(order > 0)) {
    throw new StepperError({
      code: STEPPER_ERROR_CODES.INVALID_ARGUMENT,
      message: `initialStep: order must be positive (got ${order})`,
      details: { order },
    });
  }
  const n = y0.length;
  const span = Math.abs(tEnd - t0);
  const scale = new Float64Array(n);
  const terms = new Float64Array(n);
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  for (let i = 0; i < n; i++) scale[i] = atol + rtol * Math.abs(y0[i]!);
  const wrms = (v: (i: number) => number): number => {
    for (let i = 0; i < n; i++) {
      const q = v(i) / scale[i]!;
      terms[i] = q * q;
    }
    return Math.sqrt(numpyPairwiseSum(terms, 0, n) / n);
  };
  rhs(t0, y0, f0, params, runtimeWs);
  const d0 = wrms((i) => y0[i]!);
  const d1 = wrms((i) => f0[i]!);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? Math.min(1e-6, span) : (0.01 * d0) / d1;
  const y1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = y0[i]! + h0 * f0[i]!;
  rhs(t0 + h0, y1, f1, params, runtimeWs);
  const d2 = wrms((i) => f1[i]! - f0[i]!) / Math.max(h0, 1e-16);
  let h = 0.01 * (1.0 / Math.max(d1, d2, 1e-15)) ** (1.0 / (order + 1));
  const dtMax = options.dtMax ?? Infinity;
  if (Number.isFinite(dtMax)) h = Math.min(h, dtMax);
  else if (options.dt !== undefined) h = Math.min(h, options.dt);
  h = Math.min(h, span);
  return Math.max(h, 1e-16);
}
