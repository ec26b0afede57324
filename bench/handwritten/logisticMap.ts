/**
 * Hand-written logistic map: `x ← r * x * (1 - x)`, i.e. (r·x)·(1 − x) as the builtin model text
 * reads, kept in a local across iterations (the latency bound: one multiply chain per iteration).
 */
export function logisticMap(y: Float64Array, r: number, iterations: number): void {
  let x = y[0] as number;
  for (let k = 0; k < iterations; k++) x = r * x * (1 - x);
  y[0] = x;
}
