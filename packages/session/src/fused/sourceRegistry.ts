/**
 * The generated sources compiled for each model (fused kernels and plain loops), keyed by their
 * `sourceURL`, for `Sim.exportSources()`.
 */
const byModel = new WeakMap<object, Map<string, string>>();

/** Remembers a compiled source. */
export function recordSource(model: object, url: string, source: string): void {
  let map = byModel.get(model);
  if (map === undefined) {
    map = new Map();
    byModel.set(model, map);
  }
  map.set(url, source);
}

/** Every source compiled for `model`, in compilation order. */
export function sourcesOf(model: object): ReadonlyMap<string, string> {
  return byModel.get(model) ?? new Map();
}
