import type { ConfigField } from "../types.ts";

/** `jacobian_mode`: 0 = finite differences (internal), 1 = the model's Jacobian (external). */
export const JACOBIAN_MODE_FIELD: ConfigField = {
  name: "jacobian_mode",
  type: "int",
  default: 0,
  enum: { internal: 0, external: 1 },
};

/** Newton settings of the fixed-step implicit steppers (bdf2, sdirk2), in packing order. */
export const NEWTON_CONFIG: readonly ConfigField[] = [
  { name: "newton_tol", type: "float", default: 1e-8 },
  { name: "newton_max_iter", type: "int", default: 50 },
  { name: "jac_eps", type: "float", default: 1e-8 },
  JACOBIAN_MODE_FIELD,
];

/** Controller + Newton settings of the adaptive implicit steppers (bdf2a, tr-bdf2a), in packing order. */
export const ADAPTIVE_IMPLICIT_CONFIG: readonly ConfigField[] = [
  { name: "atol", type: "float", default: 1e-6 },
  { name: "rtol", type: "float", default: 1e-3 },
  { name: "safety", type: "float", default: 0.9 },
  { name: "min_factor", type: "float", default: 0.2 },
  { name: "max_factor", type: "float", default: 5.0 },
  { name: "max_tries", type: "int", default: 10 },
  { name: "min_step", type: "float", default: 1e-12 },
  { name: "newton_tol", type: "float", default: 1e-8 },
  { name: "newton_max_iter", type: "int", default: 50 },
  { name: "jac_eps", type: "float", default: 1e-8 },
  { name: "dt_max", type: "float", default: Infinity },
  JACOBIAN_MODE_FIELD,
];
