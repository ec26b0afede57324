/**
 * Hand-written Izhikevich RK4 with the end-phase reset event, over `Float64Array` stages. Stage
 * arithmetic as session-semantics Appendix A (rk4); the right-hand side as the builtin model text
 * reads (`0.04 * v * v + 5.0 * v + 140.0 - u + I` left to right); the event as §2: after the step,
 * on the proposal, `v >= v_th` → `v = c; u = u + d`, then commit.
 */
import type { Rk4Work } from "./lorenzRk4.ts";

function izhikevichRhs(s: Float64Array, out: Float64Array, a: number, b: number, I: number): void {
  const v = s[0] as number;
  const u = s[1] as number;
  out[0] = 0.04 * v * v + 5.0 * v + 140.0 - u + I;
  out[1] = a * (b * v - u);
}

/** Advances `y` = [v, u] in place by `steps` RK4 steps; `p` = [a, b, c, d, I, v_th]. Returns the number of resets. */
export function izhikevichRk4(
  y: Float64Array,
  p: Float64Array,
  dt: number,
  steps: number,
  w: Rk4Work,
  yp: Float64Array,
): number {
  const { s, k1, k2, k3, k4 } = w;
  const a = p[0] as number;
  const b = p[1] as number;
  const c = p[2] as number;
  const d = p[3] as number;
  const I = p[4] as number;
  const vTh = p[5] as number;
  const half = 0.5 * dt;
  const sixth = dt / 6.0;
  let resets = 0;
  for (let step = 0; step < steps; step++) {
    izhikevichRhs(y, k1, a, b, I);
    for (let i = 0; i < 2; i++) s[i] = (y[i] as number) + half * (k1[i] as number);
    izhikevichRhs(s, k2, a, b, I);
    for (let i = 0; i < 2; i++) s[i] = (y[i] as number) + half * (k2[i] as number);
    izhikevichRhs(s, k3, a, b, I);
    for (let i = 0; i < 2; i++) s[i] = (y[i] as number) + dt * (k3[i] as number);
    izhikevichRhs(s, k4, a, b, I);
    for (let i = 0; i < 2; i++) {
      yp[i] =
        (y[i] as number) +
        sixth * ((k1[i] as number) + 2.0 * (k2[i] as number) + 2.0 * (k3[i] as number) + (k4[i] as number));
    }
    if ((yp[0] as number) >= vTh) {
      yp[0] = c;
      yp[1] = (yp[1] as number) + d;
      resets++;
    }
    y[0] = yp[0] as number;
    y[1] = yp[1] as number;
  }
  return resets;
}
