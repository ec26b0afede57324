/**
 * Hand-written Lorenz RK4 over `Float64Array` stages: the "hand-written" column of
 * performance.md. The right-hand side is a direct call V8 inlines; the stage arithmetic is that of
 * session-semantics Appendix A (rk4), in the same order, so results are bit-identical to dyn's.
 * Time is the fixed-step grid of D-10 (`t = origin + k·dt`); Lorenz is autonomous, so only the
 * recorded time column depends on it.
 */

/** Lorenz right-hand side, written as the model text reads: x*y - beta*z is (x*y) - (beta*z). */
function lorenzRhs(v: Float64Array, out: Float64Array, sigma: number, rho: number, beta: number): void {
  const x = v[0] as number;
  const y = v[1] as number;
  const z = v[2] as number;
  out[0] = sigma * (y - x);
  out[1] = x * (rho - z) - y;
  out[2] = x * y - beta * z;
}

/** Stage buffers, allocated once and reused by every call. */
export interface Rk4Work {
  readonly s: Float64Array;
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
}

export function rk4Work(n: number): Rk4Work {
  return {
    s: new Float64Array(n),
    k1: new Float64Array(n),
    k2: new Float64Array(n),
    k3: new Float64Array(n),
    k4: new Float64Array(n),
  };
}

/** Advances `y` in place by `steps` RK4 steps of size `dt`; `p` = [sigma, rho, beta]. */
export function lorenzRk4(y: Float64Array, p: Float64Array, dt: number, steps: number, w: Rk4Work): void {
  const { s, k1, k2, k3, k4 } = w;
  const sigma = p[0] as number;
  const rho = p[1] as number;
  const beta = p[2] as number;
  const half = 0.5 * dt;
  const sixth = dt / 6.0;
  for (let step = 0; step < steps; step++) {
    lorenzRhs(y, k1, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + half * (k1[i] as number);
    lorenzRhs(s, k2, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + half * (k2[i] as number);
    lorenzRhs(s, k3, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + dt * (k3[i] as number);
    lorenzRhs(s, k4, sigma, rho, beta);
    for (let i = 0; i < 3; i++) {
      y[i] =
        (y[i] as number) +
        sixth * ((k1[i] as number) + 2.0 * (k2[i] as number) + 2.0 * (k3[i] as number) + (k4[i] as number));
    }
  }
}

/** A growable recording of rows (t, x, y, z): two buffers that double when full, like dyn's. */
export class Recording {
  t: Float64Array;
  y: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.t = new Float64Array(capacity);
    this.y = new Float64Array(3 * capacity);
  }
  grow(): void {
    const t = new Float64Array(2 * this.t.length);
    t.set(this.t);
    const y = new Float64Array(2 * this.y.length);
    y.set(this.y);
    this.t = t;
    this.y = y;
  }
}

/**
 * As {@link lorenzRk4}, recording t and the three states at the start and after every step into
 * `rec` (reset to 0 rows first; its buffers are kept and grown by doubling when full).
 */
export function lorenzRk4Recorded(
  y: Float64Array,
  p: Float64Array,
  dt: number,
  steps: number,
  w: Rk4Work,
  rec: Recording,
): void {
  const { s, k1, k2, k3, k4 } = w;
  const sigma = p[0] as number;
  const rho = p[1] as number;
  const beta = p[2] as number;
  const half = 0.5 * dt;
  const sixth = dt / 6.0;
  const origin = 0.0;
  let rt = rec.t;
  let ry = rec.y;
  let cap = rt.length;
  rt[0] = origin;
  ry[0] = y[0] as number;
  ry[1] = y[1] as number;
  ry[2] = y[2] as number;
  let n = 1;
  for (let step = 0; step < steps; step++) {
    lorenzRhs(y, k1, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + half * (k1[i] as number);
    lorenzRhs(s, k2, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + half * (k2[i] as number);
    lorenzRhs(s, k3, sigma, rho, beta);
    for (let i = 0; i < 3; i++) s[i] = (y[i] as number) + dt * (k3[i] as number);
    lorenzRhs(s, k4, sigma, rho, beta);
    for (let i = 0; i < 3; i++) {
      y[i] =
        (y[i] as number) +
        sixth * ((k1[i] as number) + 2.0 * (k2[i] as number) + 2.0 * (k3[i] as number) + (k4[i] as number));
    }
    if (n === cap) {
      rec.n = n;
      rec.grow();
      rt = rec.t;
      ry = rec.y;
      cap = rt.length;
    }
    rt[n] = origin + (step + 1) * dt;
    const r = 3 * n;
    ry[r] = y[0] as number;
    ry[r + 1] = y[1] as number;
    ry[r + 2] = y[2] as number;
    n++;
  }
  rec.n = n;
}

/**
 * The source of a self-contained Lorenz RK4 loop (no imports, no free variables), for the
 * first-call workload: compiled fresh with `new Function` each round, like a generated kernel.
 */
export const lorenzRk4Source = `
"use strict";
return function lorenzRk4Fresh(y, p, dt, steps) {
  const s = new Float64Array(3), k1 = new Float64Array(3), k2 = new Float64Array(3), k3 = new Float64Array(3), k4 = new Float64Array(3);
  const sigma = p[0], rho = p[1], beta = p[2];
  const half = 0.5 * dt, sixth = dt / 6.0;
  function f(v, out) {
    const x = v[0], yy = v[1], z = v[2];
    out[0] = sigma * (yy - x);
    out[1] = x * (rho - z) - yy;
    out[2] = x * yy - beta * z;
  }
  for (let step = 0; step < steps; step++) {
    f(y, k1);
    for (let i = 0; i < 3; i++) s[i] = y[i] + half * k1[i];
    f(s, k2);
    for (let i = 0; i < 3; i++) s[i] = y[i] + half * k2[i];
    f(s, k3);
    for (let i = 0; i < 3; i++) s[i] = y[i] + dt * k3[i];
    f(s, k4);
    for (let i = 0; i < 3; i++) y[i] = y[i] + sixth * (((k1[i] + 2.0 * k2[i]) + 2.0 * k3[i]) + k4[i]);
  }
};
`;
