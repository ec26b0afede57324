/** Model build: parse + validate + hash + compile of the builtin Lorenz model (bound < 20 ms). */
import { compileModel, loadModel, parseModel, specHash } from "@dyn/model";
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

export function workloads(_quick: boolean): Workload[] {
  let counter = 0;
  // Each build gets a fresh name so no compiled-kernel cache can answer for it.
  const freshText = () => lorenzText.replace("Lorenz (bench)", `Lorenz (bench ${counter++})`);
  return [
    {
      id: "build",
      title: "model build, Lorenz (first build of a fresh text each round)",
      unit: "ms",
      prepare: () => {
        compileModel(loadModel("builtin://ode/lorenz"));
      },
      cases: [
        { label: "parse + validate", run: () => parseModel(freshText()) },
        { label: "parse + hash", run: () => specHash(parseModel(freshText())) },
        { label: "parse + compile", run: () => compileModel(parseModel(freshText())) },
      ],
      ratios: [],
      bounds: { "parse + compile": 20 },
    },
  ];
}
