import { defineStepper } from "../defineStepper.ts";
import type { RhsFn, RuntimeWorkspaceLike, StepperWorkspace } from "../types.ts";
import { NEWTON_CONFIG } from "./implicitConfig.ts";
import { newtonSolve, RESIDUAL_BASE_FIRST } from "./newton.ts";
import { mat, vec } from "./shared.ts";

// The doubles newtonSolve takes, [tNew, cH, tol, jacEps, form, a, b], written right before each call: passed
// as plain arguments they would be boxed, and every step would allocate.
const newtonScalars = new Float64Array(7);

function sdirk2Step(
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
  const k1 = ws.k1 as Float64Array;
  const k2 = ws.k2 as Float64Array;
  const yStage = ws.y_stage as Float64Array;
  const yTmp = ws.y_tmp as Float64Array;
  const fVal = ws.f_val as Float64Array;
  const fTmp = ws.f_tmp as Float64Array;
  const residual = ws.residual as Float64Array;
  const jBase = ws.J_base as Float64Array;
  const jm = ws.J as Float64Array;
  const n = yCurr.length;
  const full = config.length >= 4;
  const tol = full ? config[0] : 1e-8;
  const maxIter = full ? Math.trunc(config[1]) : 50;
  const jacEps = full ? config[2] : 1e-8;
  const jac = full && config[3] === 1 ? rhs.jacobian : undefined;
  const gamma = (2.0 - Math.SQRT2) / 2.0;
  const dtGamma = dt * gamma;

  // Stage 1: Y1 = y_n + γ·dt·f(t + γ·dt, Y1), modified Newton from Y1 ≈ y_n.
  const t1 = t + gamma * dt;
  for (let i = 0; i < n; i++) yStage[i] = yCurr[i];
  newtonScalars[0] = t1;
  newtonScalars[1] = dtGamma;
  newtonScalars[2] = tol;
  newtonScalars[3] = jacEps;
  newtonScalars[4] = RESIDUAL_BASE_FIRST;
  if (
    !newtonSolve(
      rhs,
      params,
      runtimeWs,
      newtonScalars,
      yCurr,
      yCurr,
      yCurr,
      yStage,
      fVal,
      fTmp,
      residual,
      jm,
      jBase,
      maxIter,
      jac,
    )
  )
    return 2;
  rhs(t1, yStage, k1, params, runtimeWs);

  // Stage 2: Y2 = y_n + dt·((1 − γ)·k1 + γ·f(t + dt, Y2)); stiffly accurate, y_{n+1} = Y2.
  const t2 = t + dt;
  const oneMinusGamma = 1.0 - gamma;
  for (let i = 0; i < n; i++) {
    yTmp[i] = yCurr[i] + dt * oneMinusGamma * k1[i];
    yStage[i] = yTmp[i];
  }
  newtonScalars[0] = t2;
  newtonScalars[1] = dtGamma;
  newtonScalars[2] = tol;
  newtonScalars[3] = jacEps;
  newtonScalars[4] = RESIDUAL_BASE_FIRST;
  if (
    !newtonSolve(
      rhs,
      params,
      runtimeWs,
      newtonScalars,
      yTmp,
      yCurr,
      yTmp,
      yStage,
      fVal,
      fTmp,
      residual,
      jm,
      jBase,
      maxIter,
      jac,
    )
  )
    return 2;
  rhs(t2, yStage, k2, params, runtimeWs);
  for (let i = 0; i < n; i++) yProp[i] = yStage[i];
  tProp[0] = t2;
  dtNext[0] = dt;
  errEst[0] = 0.0;
  return 0;
}

/**
 * `sdirk2` (aliases `sdirk2_jit`, `alexander2`): Alexander's two-stage, stiffly accurate,
 * L-stable SDIRK method with γ = (2 − √2)/2 and modified Newton (Jacobian frozen per stage).
 *
 * **Details:** order 2, 2 implicit stages, fixed step, stiff, `jacobian: "optional"`. Config as
 * bdf2. Reference: Alexander (1977), doi:10.1137/0714068.
 *
 * **Performance:** not `selfContained`: the step calls the shared Newton/LU module
 * (`newtonSolve`), so `specializeStep` returns it unchanged and the session calls it rather than
 * pasting it into its loop. That costs little: implicit steps are dominated by Newton
 * iterations, finite-difference Jacobian columns and LU solves, and the shared code allocates
 * nothing per step (the per-step helper copies it replaced allocated closures on every call).
 *
 * @example
 * ```ts
 * import { sdirk2Stepper } from "@dyn/steppers";
 * console.log(sdirk2Stepper.meta.family); // "dirk"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export const sdirk2Stepper = defineStepper({
  meta: {
    name: "sdirk2",
    kind: "ode",
    timeControl: "fixed",
    scheme: "implicit",
    family: "dirk",
    order: 2,
    stiff: true,
    aliases: ["sdirk2_jit", "alexander2"],
    caps: { jacobian: "optional" },
  },
  config: NEWTON_CONFIG,
  workspace: [
    vec("k1"),
    vec("k2"),
    vec("y_stage"),
    vec("y_tmp"),
    vec("f_val"),
    vec("f_tmp"),
    vec("residual"),
    mat("J_base"),
    mat("J"),
  ],
  step: sdirk2Step,
  selfContained: false,
});
