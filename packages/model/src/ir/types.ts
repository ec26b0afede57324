/**
 * The lowered model IR (model-dsl.md §4.1): plain, frozen data that the kernel emitter and the
 * fused-kernel generator (performance.md, "The design that reaches the limit") consume.
 *
 * Every name is resolved: states, params, `t`, lag reads and loop variables are explicit
 * nodes; constants, `pi`/`e` and `math.*` values are number literals (rounded to the model dtype
 * for user constants); aux variables, user functions and macros are inlined; Python semantics
 * that JavaScript lacks (`//`, `%`, `**`, truthiness, `and`/`or` returning an operand, chained
 * comparisons, `round`, `min`/`max` folds) are explicit operations. Trees are in evaluation
 * order: children are evaluated left to right as written, a {@link IrLet} evaluates its value
 * before its body (so `a < b < c` binds `b` first; expressions are pure, so this is
 * unobservable), and only the taken branch of a {@link IrSelect} matters. No node was
 * reassociated or folded except bit-exactly (`x ** 2` → `x * x`; IEEE `+ - * /` and negation of
 * two literals).
 *
 * All values are IEEE doubles; comparisons and truth tests produce 1 or 0.
 */

/**
 * A number literal, already a double (ints converted, constants rounded to the dtype).
 * @category compilation
 * @since 0.1.0
 */
export interface IrNumber {
  readonly op: "num";
  readonly value: number;
}

/**
 * State component `y[index]` (declaration order). In `rhs` this is the stage state.
 * @category compilation
 * @since 0.1.0
 */
export interface IrState {
  readonly op: "state";
  readonly index: number;
}

/**
 * Parameter `params[index]` (declaration order).
 * @category compilation
 * @since 0.1.0
 */
export interface IrParam {
  readonly op: "param";
  readonly index: number;
}

/**
 * The time argument `t` of the kernel.
 * @category compilation
 * @since 0.1.0
 */
export interface IrTime {
  readonly op: "time";
}

/**
 * `lag_<state>(depth)`: the value committed `depth` steps before the latest commit, read from
 * the runtime workspace ring: `lag_ring[ringOffset + idx]` with
 * `idx = lag_head[headIndex] - depth`, plus `bufferLen` when negative (§4.4).
 * @category compilation
 * @since 0.1.0
 */
export interface IrLag {
  readonly op: "lag";
  readonly state: number;
  readonly depth: number;
  readonly bufferLen: number;
  readonly ringOffset: number;
  readonly headIndex: number;
}

/**
 * A variable bound by an enclosing {@link IrLet} or {@link IrReduce} (loop variable). Bindings
 * are compared by identity; emitters give each one a fresh local name.
 * @category compilation
 * @since 0.1.0
 */
export interface IrVar {
  readonly op: "var";
  readonly binding: IrBinding;
}

/**
 * Identity of a `let` temporary or a loop variable. `hint` is for readable dumps only.
 * @category compilation
 * @since 0.1.0
 */
export interface IrBinding {
  readonly hint: string;
}

/**
 * `-arg` (IEEE negation; unary `+` is dropped as the identity it is).
 * @category compilation
 * @since 0.1.0
 */
export interface IrNeg {
  readonly op: "neg";
  readonly arg: IrExpr;
}

/**
 * IEEE basic arithmetic, exactly JavaScript's (and C's) `+ - * /`.
 * @category compilation
 * @since 0.1.0
 */
export interface IrArith {
  readonly op: "add" | "sub" | "mul" | "div";
  readonly left: IrExpr;
  readonly right: IrExpr;
}

/**
 * A comparison; the value is 1 when it holds, else 0 (NaN compares false, `!=` true).
 * @category compilation
 * @since 0.1.0
 */
export interface IrCompare {
  readonly op: "lt" | "le" | "gt" | "ge" | "eq" | "ne";
  readonly left: IrExpr;
  readonly right: IrExpr;
}

/**
 * Python `not arg`: 1 when `arg == 0`, else 0 (so `not nan` = 0).
 * @category compilation
 * @since 0.1.0
 */
export interface IrNot {
  readonly op: "not";
  readonly arg: IrExpr;
}

/**
 * Python `bool(arg)`: 1 when `arg != 0` (NaN is true), else 0.
 * @category compilation
 * @since 0.1.0
 */
export interface IrTruth {
  readonly op: "truth";
  readonly arg: IrExpr;
}

/**
 * `test ? then : otherwise` with Python truthiness (`test != 0`; NaN is true). Only the chosen
 * branch needs evaluating. `and`/`or` lower to `let` + `select`.
 * @category compilation
 * @since 0.1.0
 */
export interface IrSelect {
  readonly op: "select";
  readonly test: IrExpr;
  readonly then: IrExpr;
  readonly otherwise: IrExpr;
}

/**
 * Evaluate `value` once, bind it, then evaluate `body` (which refers to it through
 * {@link IrVar}). Used for chained comparisons, `and`/`or` and macro arguments used twice.
 * Invariant: no {@link IrReduce} inside `body` refers to the binding, so emitters may hoist
 * reductions out of expressions.
 * @category compilation
 * @since 0.1.0
 */
export interface IrLet {
  readonly op: "let";
  readonly binding: IrBinding;
  readonly value: IrExpr;
  readonly body: IrExpr;
}

/**
 * Runtime helper or math function call. Names are those of {@link IrFunctionName}; all are pure,
 * allocation-free and never throw.
 * @category compilation
 * @since 0.1.0
 */
export interface IrCall {
  readonly op: "call";
  readonly fn: IrFunctionName;
  readonly args: readonly IrExpr[];
}

/**
 * The callable operations. `Math`-backed: `abs exp expm1 log log10 log2 log1p sqrt sin cos tan
 * asin acos atan atan2 sinh cosh tanh asinh acosh atanh hypot`; Python-semantics helpers:
 * `floordiv mod pow round roundDigits trunc floor ceil min2 max2 copysign sign heaviside erf
 * erfc logBase`.
 * @category compilation
 * @since 0.1.0
 */
export type IrFunctionName =
  | "abs"
  | "exp"
  | "expm1"
  | "log"
  | "log10"
  | "log2"
  | "log1p"
  | "sqrt"
  | "sin"
  | "cos"
  | "tan"
  | "asin"
  | "acos"
  | "atan"
  | "atan2"
  | "sinh"
  | "cosh"
  | "tanh"
  | "asinh"
  | "acosh"
  | "atanh"
  | "hypot"
  | "floordiv"
  | "mod"
  | "pow"
  | "round"
  | "roundDigits"
  | "trunc"
  | "floor"
  | "ceil"
  | "min2"
  | "max2"
  | "copysign"
  | "sign"
  | "heaviside"
  | "erf"
  | "erfc"
  | "logBase";

/**
 * One `for VAR in range(start, stop, step) if …` clause of a reduction.
 * @category compilation
 * @since 0.1.0
 */
export interface IrLoopClause {
  readonly binding: IrBinding;
  /** Already truncated toward zero by the emitted code (Python `int()`), evaluated once. */
  readonly start: IrExpr;
  readonly stop: IrExpr;
  readonly step: IrExpr;
  /** `if` filters of this clause, and-ed; empty when none. */
  readonly conditions: readonly IrExpr[];
}

/**
 * `sum(body for … in range(…) …)` / `prod(…)`: accumulator starts at 0.0 / 1.0 and is updated
 * `acc = acc + body` / `acc = acc * body` in iteration order. Clauses nest left to right (the
 * first is outermost). A clause whose truncated bounds are not finite or whose step is 0 makes
 * the whole reduction NaN without iterating.
 * @category compilation
 * @since 0.1.0
 */
export interface IrReduce {
  readonly op: "reduce";
  readonly kind: "sum" | "prod";
  readonly clauses: readonly IrLoopClause[];
  readonly body: IrExpr;
}

/**
 * Any IR expression node.
 * @category compilation
 * @since 0.1.0
 */
export type IrExpr =
  | IrNumber
  | IrState
  | IrParam
  | IrTime
  | IrLag
  | IrVar
  | IrNeg
  | IrArith
  | IrCompare
  | IrNot
  | IrTruth
  | IrSelect
  | IrLet
  | IrCall
  | IrReduce;

/**
 * An event action statement: write `value` to a state or param, in place.
 * @category compilation
 * @since 0.1.0
 */
export interface IrAssignment {
  readonly target: { readonly kind: "state" | "param"; readonly index: number };
  /** For augmented forms this already reads the target (`x += e` → `x + (e)`). */
  readonly value: IrExpr;
}

/**
 * One column of an event log, evaluated after the action.
 * @category compilation
 * @since 0.1.0
 */
export interface IrLogField {
  /** The log entry text (`t`, `x`, `aux:E`, `x*2`), used as the column name. */
  readonly name: string;
  readonly value: IrExpr;
}

/**
 * A lowered event (§4.3).
 * @category compilation
 * @since 0.1.0
 */
export interface IrEvent {
  readonly name: string;
  /** Global declaration index, the code returned when it fires (M-4). */
  readonly index: number;
  readonly phase: "start" | "end" | "both";
  readonly cond: IrExpr;
  /** Keyed entries in table order, then block statements in text order. */
  readonly actions: readonly IrAssignment[];
  readonly log: readonly IrLogField[];
}

/**
 * A lagged state's ring in the runtime workspace.
 * @category compilation
 * @since 0.1.0
 */
export interface IrLagState {
  readonly stateIndex: number;
  readonly bufferLen: number;
  readonly ringOffset: number;
  readonly headIndex: number;
}

/**
 * The whole lowered model, as exposed by `compiled.ir`.
 * @category compilation
 * @since 0.1.0
 */
export interface ModelIR {
  readonly kind: "ode" | "map";
  readonly dtype: "float64" | "float32";
  readonly stateNames: readonly string[];
  readonly paramNames: readonly string[];
  readonly auxNames: readonly string[];
  /** Per state, in state order: dx_i/dt (ODE) or the next value (map). */
  readonly rhs: readonly IrExpr[];
  /** Per state: the inverse map, or null. */
  readonly inverse: readonly IrExpr[] | null;
  /** Per aux in declaration order, fully inlined. */
  readonly aux: readonly IrExpr[];
  readonly events: readonly IrEvent[];
  readonly stop: IrExpr | null;
  /** Row-major n × n entries ∂f_i/∂x_j, or null. */
  readonly jacobian: readonly (readonly IrExpr[])[] | null;
  readonly lagStates: readonly IrLagState[];
}
