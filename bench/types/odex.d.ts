// The part of odex 2.0.4's API the benchmark uses. The package ships its TypeScript source next to
// the compiled JS, and that source does not type-check under this repo's strict settings, so the
// bench's tsconfig maps "odex" here instead.
export declare enum Outcome {
  Converged = 0,
  MaxStepsExceeded = 1,
  EarlyReturn = 2,
}
export type Derivative = (x: number, y: number[]) => number[];
export interface SolverResult {
  y: number[];
  outcome: Outcome;
  nStep: number;
  xEnd: number;
  nAccept: number;
  nReject: number;
  nEval: number;
}
export declare class Solver {
  constructor(n: number);
  maxSteps: number;
  absoluteTolerance: number | number[];
  relativeTolerance: number | number[];
  solve(f: Derivative, x: number, y0: number[], xEnd: number): SolverResult;
}
