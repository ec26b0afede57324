import type { WorkspaceField } from "../types.ts";

/** A float64 vector field of length n. */
export function vec(name: string): WorkspaceField {
  return { name, dtype: "float64", shape: (n) => [n] };
}

/** A float64 n×n matrix field (row-major). */
export function mat(name: string): WorkspaceField {
  return { name, dtype: "float64", shape: (n) => [n, n] };
}

/** An int64 scalar counter, shape [1]. */
export function counter(name: string): WorkspaceField {
  return { name, dtype: "int64", shape: () => [1] };
}

/** A float64 scalar, shape [1]. */
export function scalar(name: string): WorkspaceField {
  return { name, dtype: "float64", shape: () => [1] };
}
