/**
 * The `sign(x)` macro: `(x > 0) - (x < 0)`, so NaN and ±0 give 0.
 *
 * @example
 * ```ts
 * pySign(-3); // -1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pySign(x: number): number {
  return (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);
}
