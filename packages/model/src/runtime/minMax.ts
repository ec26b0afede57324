/**
 * One step of Python's `min` fold: keep `current` unless `next` is smaller. The fold is
 * left-to-right, so `min(nan, 1)` is NaN and `min(1, nan)` is 1, exactly as Python.
 *
 * @example
 * ```ts
 * pyMin2(pyMin2(3, 1), 2); // 1
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyMin2(current: number, next: number): number {
  return next < current ? next : current;
}

/**
 * One step of Python's `max` fold: keep `current` unless `next` is larger.
 *
 * @example
 * ```ts
 * pyMax2(Number.NaN, 1); // NaN
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyMax2(current: number, next: number): number {
  return next > current ? next : current;
}
