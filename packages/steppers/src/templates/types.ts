/**
 * The syntax tree of a stepper template (see `defineTemplate`). Plain data: the session's
 * kernel generator walks it and unrolls every vector statement per state component.
 */

/**
 * An expression in a template. `ref` names a declared vector, scalar, counter, a config field,
 * or one of the built-ins `t`, `h`, `y`, `n`; `call` is one of {@link TEMPLATE_FUNCTIONS}.
 * @example
 * ```ts
 * import { defineTemplate } from "@dyn/steppers";
 * const tp = defineTemplate("yp = y + h * y");
 * console.log(tp.body[0]?.kind); // "assign"
 * ```
 * @category templates
 * @since 0.1.0
 */
export type TemplateExpr =
  | { readonly op: "num"; readonly value: number; readonly text: string }
  | { readonly op: "ref"; readonly name: string }
  | { readonly op: "neg"; readonly arg: TemplateExpr }
  | {
      readonly op: "add" | "sub" | "mul" | "div" | "pow";
      readonly left: TemplateExpr;
      readonly right: TemplateExpr;
    }
  | { readonly op: "call"; readonly fn: TemplateFunction; readonly args: readonly TemplateExpr[] };

/**
 * A comparison used by `if` (scalar operands only).
 * @example
 * ```ts
 * import { defineTemplate } from "@dyn/steppers";
 * const tp = defineTemplate("scalar s\nif h > 0.1 {\n  s = 1\n}\nyp = y");
 * const first = tp.body[0];
 * console.log(first?.kind === "if" ? first.cond.op : null); // "gt"
 * ```
 * @category templates
 * @since 0.1.0
 */
export interface TemplateCondition {
  readonly op: "lt" | "le" | "gt" | "ge" | "eq" | "ne";
  readonly left: TemplateExpr;
  readonly right: TemplateExpr;
}

/**
 * One template statement. `assign` to a vector is applied per component in index order;
 * `eval` is `V = f(T, W)`: one evaluation of the model's right-hand side at time `T` and state
 * vector `W`, written to vector `V` (`V` ≠ `W`).
 * @example
 * ```ts
 * import { getStepper, type StepperTemplate } from "@dyn/steppers";
 * const tp = getStepper("euler").template as StepperTemplate;
 * console.log(tp.body.map((s) => s.kind)); // ["eval", "assign"]
 * ```
 * @category templates
 * @since 0.1.0
 */
export type TemplateStatement =
  | { readonly kind: "assign"; readonly target: string; readonly value: TemplateExpr }
  | { readonly kind: "eval"; readonly target: string; readonly time: TemplateExpr; readonly arg: string }
  | {
      readonly kind: "if";
      readonly cond: TemplateCondition;
      readonly ifTrue: readonly TemplateStatement[];
      readonly ifFalse: readonly TemplateStatement[];
    };

/**
 * The math functions a template may call: `abs`, `sqrt`, `exp`, `log`, `sin`, `cos`, `min`,
 * `max` (two arguments); `a ^ b` is `a ** b` (the same `pow` as JavaScript's `**`).
 *
 * @example
 * ```ts
 * import { TEMPLATE_FUNCTIONS } from "@dyn/steppers";
 * console.log(TEMPLATE_FUNCTIONS.includes("sqrt")); // true
 * ```
 * @category templates
 * @since 0.1.0
 */
export const TEMPLATE_FUNCTIONS = ["abs", "sqrt", "exp", "log", "sin", "cos", "min", "max"] as const;

/**
 * One of {@link TEMPLATE_FUNCTIONS}.
 * @example
 * ```ts
 * import type { TemplateFunction } from "@dyn/steppers";
 * const fn: TemplateFunction = "abs";
 * console.log(fn);
 * ```
 * @category templates
 * @since 0.1.0
 */
export type TemplateFunction = (typeof TEMPLATE_FUNCTIONS)[number];

/**
 * The accept/reject controller an adaptive template asks the session for. Only `"wrms"` exists:
 * error `err = (Σ (e_i / sc_i)^2 / n)^0.5` with `sc_i = atol + rtol·max(|y_i|, |yn_i|)`, accept
 * when `err ≤ 1` or `h ≤ min_step`, growth `safety·(1/err)^grow` clamped to
 * `[min_factor, max_factor]`, shrink `max(min_factor, safety·(1/err)^shrink)` (session-semantics
 * §1.5, rk45). It reads the config fields atol, rtol, safety, min_factor, max_factor, max_tries,
 * min_step and dt_max.
 * @example
 * ```ts
 * import { getStepper, type StepperTemplate } from "@dyn/steppers";
 * console.log((getStepper("rk45").template as StepperTemplate).controller); // { kind: "wrms", grow: 0.2, shrink: 0.25 }
 * ```
 * @category templates
 * @since 0.1.0
 */
export interface TemplateController {
  readonly kind: "wrms";
  readonly grow: number;
  readonly shrink: number;
}

/**
 * A parsed stepper template: what `defineTemplate` returns and what a `Stepper`'s optional
 * `template` member holds.
 *
 * **Details:** fixed-step templates have only `body` (statements run once per step; they must
 * assign `yp`, the proposal). Adaptive ones (`controller` set) have `begin` (run once per step,
 * e.g. `k1 = f(t, y)`; a non-finite result fails the step) and `body` (one attempt with step
 * `h`; must assign `yn`, the new state, and `e`, the per-component error estimate); the session
 * owns the retry loop. Counters hold integers (they are written back as int64).
 *
 * @example
 * ```ts
 * import { getStepper, type StepperTemplate } from "@dyn/steppers";
 * const tp = getStepper("ab2").template as StepperTemplate;
 * console.log(tp.history, tp.counters); // ["f_prev", "f_curr"] ["step_index"]
 * ```
 * @category templates
 * @since 0.1.0
 */
export interface StepperTemplate {
  readonly brand: "dyn-stepper-template";
  /** Scratch vectors (length n), in declaration order. */
  readonly vectors: readonly string[];
  /** Vectors that carry state between steps: workspace fields of the same name (float64, [n]). */
  readonly history: readonly string[];
  /** Integer counters kept in int64 workspace fields of shape [1] (e.g. `step_index`). */
  readonly counters: readonly string[];
  /** Per-step scalars. */
  readonly scalars: readonly string[];
  /** Config fields read by name (float64 values of the packed config). */
  readonly config: readonly string[];
  readonly controller: TemplateController | null;
  readonly begin: readonly TemplateStatement[];
  readonly body: readonly TemplateStatement[];
  /** The template text it was parsed from (shown by `exportSources`). */
  readonly source: string;
}
