/**
 * Templates of the built-in explicit steppers. Each one performs exactly the arithmetic of the
 * stepper's plain `step` (session-semantics Appendix A), in the same order, so the fused and the
 * plain path give bit-identical trajectories.
 */
import { defineTemplate } from "./parse.ts";

/** map: y' = F(t, y). */
export const mapTemplate = defineTemplate(`
vector y_next
y_next = f(t, y)
yp = y_next
`);

/** euler: y' = y + h·f(t, y). */
export const eulerTemplate = defineTemplate(`
vector dy
dy = f(t, y)
yp = y + h * dy
`);

/** rk2 (explicit midpoint). */
export const rk2Template = defineTemplate(`
vector y_stage, k1, k2
scalar half
k1 = f(t, y)
half = 0.5 * h
y_stage = y + half * k1
k2 = f(t + half, y_stage)
yp = y + h * k2
`);

/** rk4 (classical); dt/6 is one division applied to the whole bracket. */
export const rk4Template = defineTemplate(`
vector y_stage, k1, k2, k3, k4
scalar half, sixth
half = 0.5 * h
k1 = f(t, y)
y_stage = y + half * k1
k2 = f(t + half, y_stage)
y_stage = y + half * k2
k3 = f(t + half, y_stage)
y_stage = y + h * k3
k4 = f(t + h, y_stage)
sixth = h / 6.0
yp = y + sixth * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
`);

/** ab2 with its Heun start; history and step_index live in the workspace. */
export const ab2Template = defineTemplate(`
history f_prev, f_curr
vector f_next, y_stage
counter step_index
scalar tnew, half
tnew = t + h
if step_index == 0 {
  f_prev = f(t, y)
  y_stage = y + h * f_prev
  f_curr = f(tnew, y_stage)
  half = 0.5 * h
  yp = y + half * (f_prev + f_curr)
  f_curr = f(tnew, yp)
} else {
  yp = y + h * (1.5 * f_curr - 0.5 * f_prev)
  f_next = f(tnew, yp)
  f_prev = f_curr
  f_curr = f_next
}
step_index = step_index + 1
`);

/** ab3: Heun start, one AB2 step, then AB3 with once-rounded coefficients. */
export const ab3Template = defineTemplate(`
history f_nm2, f_nm1, f_n
vector f_next, y_stage
counter step_index
scalar tnew, half, c23, c16, c5
tnew = t + h
if step_index == 0 {
  f_nm1 = f(t, y)
  y_stage = y + h * f_nm1
  f_n = f(tnew, y_stage)
  half = 0.5 * h
  yp = y + half * (f_nm1 + f_n)
  f_n = f(tnew, yp)
} else {
  if step_index == 1 {
    yp = y + h * (1.5 * f_n - 0.5 * f_nm1)
  } else {
    c23 = 23.0 / 12.0
    c16 = 16.0 / 12.0
    c5 = 5.0 / 12.0
    yp = y + h * (c23 * f_n - c16 * f_nm1 + c5 * f_nm2)
  }
  f_next = f(tnew, yp)
  f_nm2 = f_nm1
  f_nm1 = f_n
  f_n = f_next
}
step_index = step_index + 1
`);

/**
 * rk45 (Dormand–Prince 5(4), no FSAL): one attempt; the session's `wrms` controller owns the
 * retries, the error norm and the step-size update.
 */
export const rk45Template = defineTemplate(`
controller wrms grow=0.2 shrink=0.25
vector y_stage, k1, k2, k3, k4, k5, k6, k7
scalar h21
begin:
k1 = f(t, y)
attempt:
h21 = h * (1.0 / 5.0)
y_stage = y + h21 * k1
k2 = f(t + (1.0 / 5.0) * h, y_stage)
y_stage = y + h * ((3.0 / 40.0) * k1 + (9.0 / 40.0) * k2)
k3 = f(t + (3.0 / 10.0) * h, y_stage)
y_stage = y + h * ((44.0 / 45.0) * k1 + (-56.0 / 15.0) * k2 + (32.0 / 9.0) * k3)
k4 = f(t + (4.0 / 5.0) * h, y_stage)
y_stage = y + h * ((19372.0 / 6561.0) * k1 + (-25360.0 / 2187.0) * k2 + (64448.0 / 6561.0) * k3 + (-212.0 / 729.0) * k4)
k5 = f(t + (8.0 / 9.0) * h, y_stage)
y_stage = y + h * ((9017.0 / 3168.0) * k1 + (-355.0 / 33.0) * k2 + (46732.0 / 5247.0) * k3 + (49.0 / 176.0) * k4 + (-5103.0 / 18656.0) * k5)
k6 = f(t + 1.0 * h, y_stage)
yn = y + h * ((35.0 / 384.0) * k1 + (500.0 / 1113.0) * k3 + (125.0 / 192.0) * k4 + (-2187.0 / 6784.0) * k5 + (11.0 / 84.0) * k6)
k7 = f(t + h, yn)
e = h * abs((35.0 / 384.0 - 5179.0 / 57600.0) * k1 + (500.0 / 1113.0 - 7571.0 / 16695.0) * k3 + (125.0 / 192.0 - 393.0 / 640.0) * k4 + (-2187.0 / 6784.0 - -92097.0 / 339200.0) * k5 + (11.0 / 84.0 - 187.0 / 2100.0) * k6 - (1.0 / 40.0) * k7)
`);
