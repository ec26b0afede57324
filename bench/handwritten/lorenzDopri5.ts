// biome-ignore-all lint/style/useExponentiationOperator: Math.pow exactly as rk45.ts calls it (bit parity)
/**
 * Hand-written Lorenz Dormand–Prince 5(4) over `Float64Array` stages, with exactly the controller
 * of dyn's `rk45` (packages/steppers/src/builtins/rk45.ts; session-semantics §1.5 and Appendix A):
 * no FSAL, k1 once per step, finiteness checks per stage, WRMS error through `Math.pow`, the same
 * accept/reject factors, and the runner's clipping `h = dt; if (t + h > T) h = T − t`. The first
 * step comes from the initial-step heuristic of §1.5 (n = 3 < 8: sums left to right from 0).
 * Results are bit-identical to dyn's (checked in the workload's prepare). `Math.pow` is kept as
 * rk45.ts writes it (biome's `**` rewrite is disabled here on purpose).
 */

function lorenzRhs(v: Float64Array, out: Float64Array, sigma: number, rho: number, beta: number): void {
  const x = v[0] as number;
  const y = v[1] as number;
  const z = v[2] as number;
  out[0] = sigma * (y - x);
  out[1] = x * (rho - z) - y;
  out[2] = x * y - beta * z;
}

/** The controller settings of `rk45` (its config fields, same defaults). */
export interface Dopri5Options {
  readonly atol: number;
  readonly rtol: number;
  readonly safety?: number;
  readonly minFactor?: number;
  readonly maxFactor?: number;
  readonly maxTries?: number;
  readonly minStep?: number;
  readonly dtMax?: number;
  readonly maxSteps?: number;
}

export interface Dopri5Result {
  /** Accepted steps. */
  steps: number;
  /** Right-hand-side evaluations (initial step included). */
  evals: number;
  t: number;
  /** The step size proposed for the next step. */
  dt: number;
  /** 0 done, 2 step failure, 3 non-finite. */
  status: number;
}

export interface Dopri5Work {
  readonly s: Float64Array;
  readonly y5: Float64Array;
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  readonly k5: Float64Array;
  readonly k6: Float64Array;
  readonly k7: Float64Array;
  readonly result: Dopri5Result;
}

export function dopri5Work(): Dopri5Work {
  const v = () => new Float64Array(3);
  return {
    s: v(),
    y5: v(),
    k1: v(),
    k2: v(),
    k3: v(),
    k4: v(),
    k5: v(),
    k6: v(),
    k7: v(),
    result: { steps: 0, evals: 0, t: 0, dt: 0, status: 0 },
  };
}

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
// Lorenz is autonomous: the stage times t + c_j·h are not needed (c2 … c5 omitted).
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

/** Initial step of §1.5 for n = 3 (order 5), no dt_max and no explicit dt. */
function initialStep(
  y: Float64Array,
  t0: number,
  tEnd: number,
  sigma: number,
  rho: number,
  beta: number,
  atol: number,
  rtol: number,
  w: Dopri5Work,
): number {
  const { s, k1: f0, k2: f1 } = w;
  const span = Math.abs(tEnd - t0);
  const sc0 = atol + rtol * Math.abs(y[0] as number);
  const sc1 = atol + rtol * Math.abs(y[1] as number);
  const sc2 = atol + rtol * Math.abs(y[2] as number);
  lorenzRhs(y, f0, sigma, rho, beta);
  let q0 = (y[0] as number) / sc0,
    q1 = (y[1] as number) / sc1,
    q2 = (y[2] as number) / sc2;
  const d0 = Math.sqrt((0.0 + q0 * q0 + q1 * q1 + q2 * q2) / 3);
  q0 = (f0[0] as number) / sc0;
  q1 = (f0[1] as number) / sc1;
  q2 = (f0[2] as number) / sc2;
  const d1 = Math.sqrt((0.0 + q0 * q0 + q1 * q1 + q2 * q2) / 3);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? Math.min(1e-6, span) : (0.01 * d0) / d1;
  for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + h0 * (f0[i] as number);
  lorenzRhs(s, f1, sigma, rho, beta);
  q0 = ((f1[0] as number) - (f0[0] as number)) / sc0;
  q1 = ((f1[1] as number) - (f0[1] as number)) / sc1;
  q2 = ((f1[2] as number) - (f0[2] as number)) / sc2;
  const d2 = Math.sqrt((0.0 + q0 * q0 + q1 * q1 + q2 * q2) / 3) / Math.max(h0, 1e-16);
  let h = 0.01 * Math.pow(1.0 / Math.max(d1, d2, 1e-15), 1.0 / (5 + 1));
  h = Math.min(h, span);
  return Math.max(h, 1e-16);
}

/**
 * Integrates Lorenz from `t0` to `tEnd` in place; `p` = [sigma, rho, beta]. Writes the counts to
 * `w.result` (no allocation).
 */
export function lorenzDopri5(
  y: Float64Array,
  p: Float64Array,
  t0: number,
  tEnd: number,
  o: Dopri5Options,
  w: Dopri5Work,
): Dopri5Result {
  const { s, y5, k1, k2, k3, k4, k5, k6, k7, result } = w;
  const sigma = p[0] as number;
  const rho = p[1] as number;
  const beta = p[2] as number;
  const atol = o.atol;
  const rtol = o.rtol;
  const safety = o.safety ?? 0.9;
  const minFactor = o.minFactor ?? 0.2;
  const maxFactor = o.maxFactor ?? 5.0;
  const minStep = o.minStep ?? 1e-12;
  const dtMax = o.dtMax ?? Infinity;
  const maxSteps = o.maxSteps ?? 1e9;
  let maxTries = Math.trunc(o.maxTries ?? 10);
  if (!(maxTries >= 1)) maxTries = 1;

  let t = t0;
  let dt = initialStep(y, t0, tEnd, sigma, rho, beta, atol, rtol, w);
  let evals = 2;
  let steps = 0;
  let status = 0;
  while (steps < maxSteps && t < tEnd) {
    let h = dt;
    if (t + h > tEnd) h = tEnd - t;
    // --- one rk45 call: k1 once, then attempts ---
    if (h > dtMax) h = dtMax;
    lorenzRhs(y, k1, sigma, rho, beta);
    evals++;
    if (!(k1[0] - k1[0] === 0 && k1[1] - k1[1] === 0 && k1[2] - k1[2] === 0)) {
      status = 2;
      break;
    }
    let accepted = false;
    let error = Infinity;
    let next = 0;
    for (let attempt = 0; attempt < maxTries; attempt++) {
      let finite = true;
      const h21 = h * a21;
      for (let i = 0; i < 3; i++) s[i] = y[i] + h21 * k1[i];
      lorenzRhs(s, k2, sigma, rho, beta);
      evals++;
      for (let i = 0; i < 3; i++) if (k2[i] - k2[i] !== 0) finite = false;
      if (finite) {
        for (let i = 0; i < 3; i++) s[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
        lorenzRhs(s, k3, sigma, rho, beta);
        evals++;
        for (let i = 0; i < 3; i++) if (k3[i] - k3[i] !== 0) finite = false;
      }
      if (finite) {
        for (let i = 0; i < 3; i++) s[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
        lorenzRhs(s, k4, sigma, rho, beta);
        evals++;
        for (let i = 0; i < 3; i++) if (k4[i] - k4[i] !== 0) finite = false;
      }
      if (finite) {
        for (let i = 0; i < 3; i++) s[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
        lorenzRhs(s, k5, sigma, rho, beta);
        evals++;
        for (let i = 0; i < 3; i++) if (k5[i] - k5[i] !== 0) finite = false;
      }
      if (finite) {
        for (let i = 0; i < 3; i++)
          s[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
        lorenzRhs(s, k6, sigma, rho, beta);
        evals++;
        for (let i = 0; i < 3; i++) if (k6[i] - k6[i] !== 0) finite = false;
      }
      if (finite) {
        for (let i = 0; i < 3; i++) {
          const v = y[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]);
          y5[i] = v;
          if (v - v !== 0) finite = false;
        }
      }
      if (finite) {
        lorenzRhs(y5, k7, sigma, rho, beta);
        evals++;
        for (let i = 0; i < 3; i++) if (k7[i] - k7[i] !== 0) finite = false;
      }
      if (finite) {
        let acc = 0.0;
        for (let i = 0; i < 3; i++) {
          const ei =
            h * Math.abs(e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] - bs7 * k7[i]);
          const ay = Math.abs(y[i]);
          const ay5 = Math.abs(y5[i]);
          const sc = atol + rtol * (ay > ay5 ? ay : ay5);
          acc = acc + Math.pow(ei / sc, 2);
        }
        error = Math.pow(acc / 3, 0.5);
        if (error - error !== 0) finite = false;
      }
      if (!finite) {
        error = Infinity;
        if (h <= minStep) break;
        h = h * minFactor;
        if (h < minStep) h = minStep;
        continue;
      }
      if (error <= 1.0 || h <= minStep) {
        if (error > 0.0) {
          let factor = safety * Math.pow(1.0 / error, 0.2);
          if (factor > maxFactor) factor = maxFactor;
          if (factor < minFactor) factor = minFactor;
          next = h * factor;
        } else {
          next = h * maxFactor;
        }
        if (next > dtMax) next = dtMax;
        accepted = true;
        break;
      }
      let shrink = safety * Math.pow(1.0 / error, 0.25);
      if (shrink < minFactor) shrink = minFactor;
      h = h * shrink;
      if (h < minStep) break;
    }
    if (!accepted) {
      status = 2;
      break;
    }
    // --- the runner: finiteness guard, commit, advance ---
    const tNew = t + h;
    if (
      !(y5[0] - y5[0] === 0 && y5[1] - y5[1] === 0 && y5[2] - y5[2] === 0) ||
      tNew - tNew !== 0 ||
      next - next !== 0
    ) {
      status = 3;
      break;
    }
    y[0] = y5[0];
    y[1] = y5[1];
    y[2] = y5[2];
    steps++;
    t = tNew;
    dt = next;
  }
  result.steps = steps;
  result.evals = evals;
  result.t = t;
  result.dt = dt;
  result.status = status;
  return result;
}
