/**
 * `log(x, b)` = `log(x) / log(b)`, as Python's `math.log(x, base)` computes it.
 *
 * @example
 * ```ts
 * pyLogBase(8, 2); // 3
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyLogBase(x: number, base: number): number {
  return Math.log(x) / Math.log(base);
}
