import type { SessionModel } from "../../src/modelPort.ts";
import { type FakeSpec, fakeModel } from "./fakeModel.ts";

/** Lorenz with the reference's expression order (sigma*(y-x), x*(rho-z)-y, x*y-beta*z). */
export function lorenz(overrides: Partial<FakeSpec> = {}): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 1, y: 1, z: 1 },
    params: { sigma: 10, rho: 28, beta: 8.0 / 3.0 },
    rhs: (_t, s, out, p) => {
      const x = s[0]!,
        y = s[1]!,
        z = s[2]!;
      out[0] = p[0]! * (y - x);
      out[1] = x * (p[1]! - z) - y;
      out[2] = x * y - p[2]! * z;
    },
    ...overrides,
  });
}

export function decay(overrides: Partial<FakeSpec> = {}): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 1 },
    params: { a: 1 },
    rhs: (_t, y, out, p) => {
      out[0] = -p[0]! * y[0]!;
    },
    ...overrides,
  });
}

/** x' = cos(t) + 0·x: non-autonomous, exercises the time grid. */
export function forced(overrides: Partial<FakeSpec> = {}): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 0, v: 1 },
    params: { w: 1.3 },
    rhs: (t, y, out, p) => {
      out[0] = y[1]!;
      out[1] = -p[0]! * p[0]! * y[0]! + Math.cos(t);
    },
    ...overrides,
  });
}

export function logistic(overrides: Partial<FakeSpec> = {}): SessionModel {
  return fakeModel({
    kind: "map",
    states: { x: 0.1 },
    params: { r: 4 },
    rhs: (_t, y, out, p) => {
      out[0] = p[0]! * y[0]! * (1 - y[0]!);
    },
    ...overrides,
  });
}
