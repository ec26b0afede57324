import type { StepFn, Stepper } from "./types.ts";

let compileCounter = 0;

// Markers that show a function's text was rewritten by a bundler, test transform or coverage
// instrumenter: such text refers to outside bindings and cannot be recompiled on its own.
const FOREIGN_MARKERS =
  /__vi_|__vite_ssr|cov_[0-9a-z]+|__webpack_|__require|_interopRequire|require\(|import\(/;

/**
 * Returns a copy of `stepper.step` compiled from its own source text with a unique
 * `//# sourceURL=dyn/<tag>-<name>-<k>.js`, so a (model, stepper) pair gets its own V8 feedback
 * and its `rhs` call site stays monomorphic (performance.md, point 8).
 *
 * **When to use:** once per (model, stepper) pair by the session runner; the result is a plain
 * {@link StepFn} with the same contract and bit-identical results.
 *
 * **Details:** only steppers declaring `selfContained: true` (no imports, free variables or
 * `this` in `step`) are recompiled; for any other stepper, or when the source text cannot be
 * recompiled (e.g. rewritten by coverage instrumentation), the original `step` is returned.
 * Needs `new Function` (pages with a strict CSP get the original function).
 *
 * @example
 * ```ts
 * import { getStepper, specializeStep } from "@dyn/steppers";
 * const step = specializeStep(getStepper("rk4"), "lorenz");
 * console.log(typeof step); // "function"
 * ```
 * @category steppers
 * @since 0.1.0
 */
export function specializeStep(stepper: Stepper, tag: string): StepFn {
  if (!stepper.selfContained) return stepper.step;
  const source = Function.prototype.toString.call(stepper.step);
  if (FOREIGN_MARKERS.test(source) || source.includes("[native code]")) return stepper.step;
  const safeTag = `${tag}-${stepper.meta.name}`.replace(/[^A-Za-z0-9_.-]/g, "_");
  compileCounter += 1;
  const unit = `"use strict";\nreturn (${asExpression(source)});\n//# sourceURL=dyn/${safeTag}-${compileCounter}.js`;
  try {
    const compiled: unknown = new Function(unit)();
    return typeof compiled === "function" ? (compiled as StepFn) : stepper.step;
  } catch {
    return stepper.step;
  }
}

// A method shorthand (`step(t, …) { … }`) is not an expression; turn it into a function expression.
function asExpression(source: string): string {
  if (/^(async\s+)?function\b/.test(source) || /^(async\s*)?(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.test(source))
    return source;
  return `function ${source}`;
}
