/**
 * Which runner path new runs take. `"auto"` (the default) uses a fused kernel whenever the
 * stepper has a template and the model qualifies, else the plain loop; `"plain"` always runs the
 * stepper's `step` (the reference); `"fused"` is `"auto"` for tests that want to say so. Tests
 * switch paths to prove both give bit-identical results.
 */
export type KernelPath = "auto" | "plain" | "fused";

let current: KernelPath = "auto";

/** Sets the path for subsequent runs (process-wide) and returns the previous one. */
export function setKernelPath(path: KernelPath): KernelPath {
  const previous = current;
  current = path;
  return previous;
}

/** The path runs currently take. */
export function kernelPath(): KernelPath {
  return current;
}
