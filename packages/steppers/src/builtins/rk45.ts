import { defineStepper } from "../defineStepper.ts";
import { rk45Template } from "../templates/builtinTemplates.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { vec } from "./shared.ts";

function rk45Step(
  t: number,
  dt: number,
  yCurr: Float64Array,
  rhs: RhsFn,
  params: Float64Array,
  runtimeWs: RuntimeWorkspaceLike,
  ws: StepperWorkspace,
  config: Float64Array,
  yProp: Float64Array,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
): number {
  const yStage = ws.y_stage as Float64Array;
  const k1 = ws.k1 as Float64Array;
  const k2 = ws.k2 as Float64Array;
  const k3 = ws.k3 as Float64Array;
  const k4 = ws.k4 as Float64Array;
  const k5 = ws.k5 as Float64Array;
  const k6 = ws.k6 as Float64Array;
  const k7 = ws.k7 as Float64Array;
  const n = yCurr.length;

  const full = config.length >= 8;
  const atol = full ? config[0] : 1e-8;
  const rtol = full ? config[1] : 1e-5;
  const safety = full ? config[2] : 0.9;
  const minFactor = full ? config[3] : 0.2;
  const maxFactor = full ? config[4] : 5.0;
  let maxTries = full ? Math.trunc(config[5]) : 10;
  const minStep = full ? config[6] : 1e-12;
  const dtMax = full ? config[7] : Infinity;
  if (!(maxTries >= 1)) maxTries = 1;

  // Dormand–Prince 5(4); each coefficient is one rounded division of two literals.
  const a21 = 1.0 / 5.0;
  const a31 = 3.0 / 40.0,
    a32 = 9.0 / 40.0;
  const a41 = 44.0 / 45.0,
    a42 = -56.0 / 15.0,
    a43 = 32.0 / 9.0;
  const a51 = 19372.0 / 6561.0,
    a52 = -25360.0 / 2187.0,
    a53 = 64448.0 / 6561.0,
    a54 = -212.0 / 729.0;
  const a61 = 9017.0 / 3168.0,
    a62 = -355.0 / 33.0,
    a63 = 46732.0 / 5247.0,
    a64 = 49.0 / 176.0,
    a65 = -5103.0 / 18656.0;
  const c2 = 1.0 / 5.0,
    c3 = 3.0 / 10.0,
    c4 = 4.0 / 5.0,
    c5 = 8.0 / 9.0;
  const b1 = 35.0 / 384.0,
    b3 = 500.0 / 1113.0,
    b4 = 125.0 / 192.0,
    b5 = -2187.0 / 6784.0,
    b6 = 11.0 / 84.0;
  const e1 = b1 - 5179.0 / 57600.0;
  const e3 = b3 - 7571.0 / 16695.0;
  const e4 = b4 - 393.0 / 640.0;
  const e5 = b5 - -92097.0 / 339200.0;
  const e6 = b6 - 187.0 / 2100.0;
  const bs7 = 1.0 / 40.0;

  let h = dt < dtMax ? dt : dtMax;
  let error = Infinity;

  rhs(t, yCurr, k1, params, runtimeWs);
  for (let i = 0; i < n; i++) {
    if (k1[i] - k1[i] !== 0) {
      errEst[0] = Infinity;
      return 2;
    }
  }

  for (let attempt = 0; attempt < maxTries; attempt++) {
    let finite = true;
    const h21 = h * a21;
    for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + h21 * k1[i];
    rhs(t + c2 * h, yStage, k2, params, runtimeWs);
    for (let i = 0; i < n; i++) if (k2[i] - k2[i] !== 0) finite = false;
    if (finite) {
      for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + h * (a31 * k1[i] + a32 * k2[i]);
      rhs(t + c3 * h, yStage, k3, params, runtimeWs);
      for (let i = 0; i < n; i++) if (k3[i] - k3[i] !== 0) finite = false;
    }
    if (finite) {
      for (let i = 0; i < n; i++) yStage[i] = yCurr[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
      rhs(t + c4 * h, yStage, k4, params, runtimeWs);
      for (let i = 0; i < n; i++) if (k4[i] - k4[i] !== 0) finite = false;
    }
    if (finite) {
      for (let i = 0; i < n; i++)
        yStage[i] = yCurr[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
      rhs(t + c5 * h, yStage, k5, params, runtimeWs);
      for (let i = 0; i < n; i++) if (k5[i] - k5[i] !== 0) finite = false;
    }
    if (finite) {
      for (let i = 0; i < n; i++)
        yStage[i] = yCurr[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
      rhs(t + 1.0 * h, yStage, k6, params, runtimeWs);
      for (let i = 0; i < n; i++) if (k6[i] - k6[i] !== 0) finite = false;
    }
    if (finite) {
      // The fifth-order solution goes to y_stage, not yProp: yProp may alias yCurr.
      for (let i = 0; i < n; i++) {
        const v = yCurr[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]);
        yStage[i] = v;
        if (v - v !== 0) finite = false;
      }
    }
    if (finite) {
      rhs(t + h, yStage, k7, params, runtimeWs);
      for (let i = 0; i < n; i++) if (k7[i] - k7[i] !== 0) finite = false;
    }
    if (finite) {
      let acc = 0.0;
      for (let i = 0; i < n; i++) {
        const ei = h * Math.abs(e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] - bs7 * k7[i]);
        const ay = Math.abs(yCurr[i]);
        const ay5 = Math.abs(yStage[i]);
        const sc = atol + rtol * (ay > ay5 ? ay : ay5);
        acc = acc + (ei / sc) ** 2;
      }
      error = (acc / n) ** 0.5;
      if (error - error !== 0) finite = false;
    }
    if (!finite) {
      error = Infinity;
      if (h <= minStep) {
        errEst[0] = error;
        return 2;
      }
      h = h * minFactor;
      if (h < minStep) h = minStep;
      continue;
    }
    if (error <= 1.0 || h <= minStep) {
      for (let i = 0; i < n; i++) yProp[i] = yStage[i];
      tProp[0] = t + h;
      errEst[0] = error;
      let next: number;
      if (error > 0.0) {
        let factor = safety * (1.0 / error) ** 0.2;
        if (factor > maxFactor) factor = maxFactor;
        if (factor < minFactor) factor = minFactor;
        next = h * factor;
      } else {
        next = h * maxFactor;
      }
      dtNext[0] = next < dtMax ? next : dtMax;
      return 0;
    }
    let shrink = safety * (1.0 / error) ** 0.25;
    if (shrink < minFactor) shrink = minFactor;
    h = h * shrink;
    if (h < minStep) {
      errEst[0] = error;
      return 2;
    }
  }
  errEst[0] = error;
  return 2;
}

/**
 * `rk45` (aliases `dopri5`, `dormand_prince`): Dormand–Prince 5(4) with the reference's
 * accept/reject controller (retries internally; returns only on acceptance or failure).
 *
 * **Details:** order 5, embedded order 4, 7 evaluations per attempt (no FSAL reuse), adaptive,
 * no dense output. WRMS error with scale `atol + rtol·max(|y_n|, |y_new|)`; growth
 * `safety·err^(-1/5)` clamped to `[min_factor, max_factor]`, shrink `max(min_factor,
 * safety·err^(-1/4))`; `dt_max` caps the step. Config: atol, rtol, safety (0.9), min_factor
 * (0.2), max_factor (5), max_tries (10), min_step (1e-12), dt_max (∞).
 * Reference: Dormand & Prince (1980), doi:10.1016/0771-050X(80)90013-3.
 *
 * **Gotchas:** uses `Math.pow`, so it matches the Python reference within tolerance, not bit
 * for bit (Appendix A).
 *
 * @example
 * ```ts
 * import { rk45Stepper, configFieldNames } from "@dyn/steppers";
 * console.log(configFieldNames(rk45Stepper).join(",")); // "atol,rtol,safety,min_factor,max_factor,max_tries,min_step,dt_max"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const rk45Stepper = defineStepper({
  meta: {
    name: "rk45",
    kind: "ode",
    timeControl: "adaptive",
    scheme: "explicit",
    family: "runge-kutta",
    order: 5,
    embeddedOrder: 4,
    aliases: ["dopri5", "dormand_prince"],
  },
  config: [
    { name: "atol", type: "float", default: 1e-8 },
    { name: "rtol", type: "float", default: 1e-5 },
    { name: "safety", type: "float", default: 0.9 },
    { name: "min_factor", type: "float", default: 0.2 },
    { name: "max_factor", type: "float", default: 5.0 },
    { name: "max_tries", type: "int", default: 10 },
    { name: "min_step", type: "float", default: 1e-12 },
    { name: "dt_max", type: "float", default: Infinity },
  ],
  workspace: [vec("y_stage"), vec("k1"), vec("k2"), vec("k3"), vec("k4"), vec("k5"), vec("k6"), vec("k7")],
  step: rk45Step,
  selfContained: true,
  template: rk45Template,
});
