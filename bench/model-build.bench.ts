/**
 * Model build: parse + validate, + hash, + compile, + the first kernel (a `setup` and a one-step
 * run, which is where a session generates its loop) of a fresh Lorenz text each round, so no cache
 * can answer. Bound (performance.md): parse + compile + kernel < 20 ms.
 */
import { parseModel, specHash } from "@dyn/model";
import { loadDyn, modelExport } from "./dyn.ts";
import type { Workload } from "./harness.ts";

const lorenzText = `#! dynlib
[model]
type = "ode"
name = "Lorenz (bench)"

[states]
x = 1.0
y = 1.0
z = 1.0

[params]
sigma = 10.0
rho = 28.0
beta = "8.0/3.0"

[equations.rhs]
x = "sigma * (y - x)"
y = "x * (rho - z) - y"
z = "x * y - beta * z"
`;

const COMPILE = "parse + compile";
const KERNEL = "parse + compile + kernel (setup + 1 step)";

export async function workloads(quick: boolean): Promise<Workload[]> {
  let counter = 0;
  // Each build gets a fresh name so no compiled-kernel cache can answer for it.
  const freshText = () => lorenzText.replace("Lorenz (bench)", `Lorenz (bench ${process.pid}-${counter++})`);
  const compileModel = await modelExport<(spec: ReturnType<typeof parseModel>) => unknown>("compileModel");
  const dyn = await loadDyn();
  return [
    {
      id: "build",
      title: "model build, Lorenz (first build of a fresh text each round)",
      unit: "ms",
      // Milliseconds per round: more rounds cost little and steady the median.
      rounds: quick ? 21 : 61,
      prepare: (context) => {
        parseModel(freshText());
        if (typeof compileModel !== "string") compileModel(parseModel(freshText()));
        if (typeof dyn !== "string") {
          try {
            dyn.session
              .setup(`inline:${freshText()}`, { stepper: "rk4" })
              .run({ T: 0.01, dt: 0.01, record: false });
          } catch (error) {
            context.unavailable(KERNEL, error instanceof Error ? error.message : String(error));
          }
        }
      },
      cases: [
        { label: "parse + validate", run: () => parseModel(freshText()) },
        { label: "parse + hash", run: () => specHash(parseModel(freshText())) },
        typeof compileModel === "string"
          ? { label: COMPILE, run: () => undefined, unavailable: compileModel }
          : { label: COMPILE, run: () => compileModel(parseModel(freshText())) },
        typeof dyn === "string"
          ? { label: KERNEL, run: () => undefined, unavailable: dyn }
          : {
              label: KERNEL,
              run: () => {
                const sim = dyn.session.setup(`inline:${freshText()}`, { stepper: "rk4" });
                sim.run({ T: 0.01, dt: 0.01, record: false });
                return sim;
              },
            },
      ],
      ratios: [],
      bounds: { [KERNEL]: 20 },
    },
  ];
}
