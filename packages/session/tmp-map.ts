import { setup } from "./src/setup.ts";
function hand(y: Float64Array, r: number, n: number) { let x = y[0]!; for (let k = 0; k < n; k++) x = r * x * (1 - x); y[0] = x; }
const N = 3_000_000;
const sim = setup("builtin://map/logistic", { stepper: "map" });
const y = new Float64Array(1);
const ratios: number[] = [];
for (let round = 0; round < 31; round++) {
  let t0 = performance.now(); sim.run({ N, record: false, ic: [0.1], params: [4] }); const a = performance.now() - t0;
  t0 = performance.now(); y[0] = 0.1; hand(y, 4, N); const b = performance.now() - t0;
  ratios.push(a / b);
}
ratios.sort((a, b) => a - b);
console.log("median ratio", ratios[15]!.toFixed(3), "min", ratios[0]!.toFixed(3));
if (process.argv[2]) console.log(Object.entries(sim.exportSources()).find(([u]) => u.includes("fused"))?.[1]);
