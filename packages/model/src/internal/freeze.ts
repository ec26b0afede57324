/** Deep freezing of the spec (model-dsl.md §1.3: the spec is deep-frozen). */

/** Freezes `value` and everything reachable from it; returns it typed as given. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
