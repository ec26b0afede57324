/**
 * Timings that used to be assertions inside unit tests (a unit test must not depend on how busy
 * the machine is). The functional half of each stayed in its test; the time half is here, with the
 * threshold the test used printed as a bound:
 * - **model-load**: a warm Lorenz parse (load-loading.test.ts: < 5 ms), and one load of every text
 *   the load fuzzer starts from (load-fuzz.test.ts: no single load may take 2 s, its hang guard);
 * - **aux-chain**: rejecting a 20 000-long aux chain with a coded error (validate-scale.test.ts:
 *   < 10 s; it took 22 s while the dependency graph was quadratic);
 * - **fused-l96**: Lorenz-96 with 400 states, RK4, T = 2, on the fused path ÷ the plain path
 *   (fused-driver.test.ts: fused no slower than 1.5 × plain); the fused kernel is refused by the
 *   size guard here, so both paths run the same plain loop and the ratio stays near 1.
 */
import { builtinModelTexts } from "../packages/model/src/builtins/embedded.generated.ts";
import { setKernelPath } from "../packages/session/src/fused/kernelPath.ts";
import { assertBitIdentical } from "./check.ts";
import { loadDyn } from "./dyn.ts";
import type { Workload } from "./harness.ts";

const WARM_LORENZ = "warm Lorenz parse";
const EVERY_SEED = "load every fuzz seed text once";
const AUX_CHAIN = "reject a 20 000-long aux chain";
const PLAIN = "Lorenz-96 (400) rk4, plain path";
const FUSED = "Lorenz-96 (400) rk4, fused path";

function auxChain(n: number): string {
  let aux = 'a0 = "x"\n';
  for (let i = 1; i < n; i++) aux += `a${i} = "a${i - 1} + 1"\n`;
  return `[model]\ntype = "ode"\n[states]\nx = 1.0\n[aux]\n${aux}[equations.rhs]\nx = "-a${n - 1}"\n`;
}

function lorenz96Text(n: number): string {
  const states = Array.from({ length: n }, (_, i) => `x${i} = ${i === 0 ? 8.01 : 8.0}`).join("\n");
  const x = (i: number): string => `x${((i % n) + n) % n}`;
  const rhs = Array.from(
    { length: n },
    (_, i) => `${x(i)} = "(${x(i + 1)} - ${x(i - 2)}) * ${x(i - 1)} - ${x(i)} + F"`,
  ).join("\n");
  return `[model]\ntype = "ode"\nname = "Lorenz-96 ${n}"\n[states]\n${states}\n[params]\nF = 8.0\n[equations.rhs]\n${rhs}\n`;
}

export async function workloads(quick: boolean): Promise<Workload[]> {
  const dyn = await loadDyn();
  if (typeof dyn === "string") {
    const gap = (label: string) => ({ label, run: () => undefined, unavailable: dyn });
    return [
      {
        id: "model-load",
        title: "model load (timings moved out of unit tests)",
        unit: "ms",
        cases: [gap(WARM_LORENZ), gap(EVERY_SEED)],
        ratios: [],
      },
    ];
  }
  const { parseModel, compileModel } = dyn.model;
  const lorenz = builtinModelTexts["ode/lorenz"] as string;
  const seeds = Object.values(builtinModelTexts);
  const chain = auxChain(20_000);
  const l96 = compileModel(parseModel(lorenz96Text(400)));
  const runOn = (path: "plain" | "fused") => {
    const previous = setKernelPath(path);
    try {
      const sim = new dyn.session.Sim(l96, { stepper: "rk4", onWarning: () => {} });
      sim.run({ T: 2, dt: 0.01 });
      return sim;
    } finally {
      setKernelPath(previous);
    }
  };
  return [
    {
      id: "model-load",
      title: "model load (timings moved out of unit tests)",
      unit: "ms",
      rounds: quick ? 21 : 61,
      prepare: () => {
        for (const text of seeds) parseModel(text);
      },
      cases: [
        { label: WARM_LORENZ, run: () => parseModel(lorenz) },
        { label: EVERY_SEED, run: () => seeds.map((text) => parseModel(text)) },
      ],
      ratios: [],
      bounds: { [WARM_LORENZ]: 5, [EVERY_SEED]: 2000 },
    },
    {
      id: "aux-chain",
      title: "validation of a 20 000-long aux chain (rejected with a coded error)",
      unit: "ms",
      rounds: quick ? 3 : 7,
      prepare: () => {
        try {
          parseModel(chain);
        } catch {
          return;
        }
        throw new Error("the 20 000-long aux chain loaded; it must be rejected");
      },
      cases: [
        {
          label: AUX_CHAIN,
          run: () => {
            try {
              parseModel(chain);
            } catch (error) {
              return error;
            }
            return undefined;
          },
        },
      ],
      ratios: [],
      bounds: { [AUX_CHAIN]: 10_000 },
    },
    {
      id: "fused-l96",
      title: "Lorenz-96 with 400 states, RK4, T = 2: fused path ÷ plain path",
      unit: "ms",
      rounds: quick ? 5 : 11,
      prepare: () => {
        const plain = runOn("plain");
        const fused = runOn("fused");
        assertBitIdentical("Lorenz-96 final state", fused.stateVector(), plain.stateVector());
      },
      cases: [
        { label: PLAIN, run: () => runOn("plain") },
        { label: FUSED, run: () => runOn("fused") },
      ],
      ratios: [{ of: FUSED, over: PLAIN, target: 1.5 }],
    },
  ];
}
