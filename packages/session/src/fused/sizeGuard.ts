/**
 * The size guard of the fused path (performance.md, point 6).
 *
 * V8 never optimises a function above ~60 KB of bytecode; an unrolled kernel that large runs
 * 10× slower than the plain loop. Before that cliff there is a gentler one: with hundreds of
 * live locals the register allocator spills, and the unrolled kernel loses to the plain loop
 * (which keeps vectors in typed arrays and loops over components). Measured here with
 * Lorenz-96 (ns per step per state, fused / plain): rk4 at 20 states 13 / 18, at 40 states
 * 19 / 20, at 60 states 36 / 28, at 140 states 202 / 24 (the bytecode cliff); rk45 at 10 states
 * 25 / 33, at 20 states 52 / 34. Both crossovers sit near 30 000 characters of generated
 * source, so larger kernels are not compiled and the run takes the plain path, which is
 * bit-identical and never falls off either cliff. (Splitting the RHS into generated functions
 * or a WebAssembly backend would lift this limit; neither exists yet.)
 */
export const FUSED_SOURCE_LIMIT = 30_000;

/** True when a generated kernel source is small enough to beat the plain loop. */
export function withinSizeGuard(source: string): boolean {
  return source.length <= FUSED_SOURCE_LIMIT;
}
