/**
 * The `heaviside(x)` / `step(x)` macro: 1 when `x >= 0` (so `heaviside(0)` = 1), else 0
 * (NaN gives 0).
 *
 * @example
 * ```ts
 * pyHeaviside(0); // 1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyHeaviside(x: number): number {
  return x >= 0 ? 1 : 0;
}
