/**
 * Variadic `math.hypot(*coords)`: the Euclidean norm. `hypot()` is 0; any infinite argument
 * gives inf even next to NaN (as Python). Uses `Math.hypot`, which scales to avoid overflow.
 *
 * @example
 * ```ts
 * pyHypot(3, 4); // 5
 * ```
 * @category runtime
 * @since 0.1.0
 */
export const pyHypot: (...coords: number[]) => number = Math.hypot;
