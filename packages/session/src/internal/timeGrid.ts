/** Python's `round()` for finite doubles: half to even. */
export function pyRound(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; Python rounds it to the even neighbour.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** The fixed-step plan of one runner call on the session's time grid (D-10). */
export interface GridPlan {
  /** Full grid steps to take. */
  readonly fullSteps: number;
  /** Whether one clipped step to exactly `T` follows them. */
  readonly clip: boolean;
}

/**
 * Plans a fixed-step run from grid point `k` of the grid starting at `origin` with spacing `dt`
 * to the end time `T` (session-semantics D-10).
 *
 * **Details:** when `T` is on the grid (`n = round((T − origin)/dt) > k` and
 * `|origin + n·dt − T| ≤ 1e-9·dt`) the run takes `n − k` full steps and no clipped one. Otherwise
 * it takes full steps while `origin + (k+1)·dt < T − 1e-9·dt`, then one step clipped to end at
 * `T`, unless that step would be shorter than `1e-9·dt`.
 */
export function planGrid(origin: number, k: number, dt: number, T: number): GridPlan {
  const tol = 1e-9 * dt;
  const n = pyRound((T - origin) / dt);
  if (n > k && Math.abs(origin + n * dt - T) <= tol) return { fullSteps: n - k, clip: false };
  const limit = T - tol;
  // Start from the closed-form guess and settle it with the exact test of the spec.
  let full = Math.max(0, Math.floor((limit - origin) / dt) - k);
  if (!Number.isFinite(full)) full = 0;
  while (full > 0 && !(origin + (k + full) * dt < limit)) full--;
  while (origin + (k + full + 1) * dt < limit) full++;
  const tLast = origin + (k + full) * dt;
  return { fullSteps: full, clip: T - tLast > tol };
}
