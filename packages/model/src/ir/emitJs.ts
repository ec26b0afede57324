/**
 * JavaScript emission of IR expressions, shared by the model kernels and by fused-kernel
 * generators (which pass their own names for states, params and helpers, e.g. one local per
 * state component). The output evaluates exactly the IR's operations in its order, with every
 * composite parenthesised; literals round-trip exactly; no global is referenced (NaN and
 * Infinity are written as `0 / 0` and `1 / 0`).
 */
import { pyTrunc } from "../runtime/integer.ts";
import { isBooleanValued } from "./nodes.ts";
import type { IrBinding, IrExpr, IrFunctionName } from "./types.ts";

/**
 * How an emitter refers to the world outside the expression.
 * @category compilation
 * @since 0.1.0
 */
export interface JsEmitNames {
  /** JS expression reading state `index` (`y[0]`, or a local such as `s0`). */
  state(index: number): string;
  /** JS expression reading parameter `index` (`p[2]`, or a local). */
  param(index: number): string;
  /** JS expression for the time `t`. */
  readonly time: string;
  /** Name of the lag ring typed array in scope (`ws.lag_ring` loaded into a local). */
  readonly lagRing: string;
  /** Name of the lag head typed array in scope. */
  readonly lagHead: string;
  /** Name under which runtime helper `fn` is in scope (see `KERNEL_HELPERS`). */
  helper(fn: JsHelperName): string;
}

/**
 * Helpers generated code may call: the IR function names plus the `Math` builtins that inline
 * emissions use (`mathFloor` = `Math.floor`, …). All are entries of `KERNEL_HELPERS`.
 * @category compilation
 * @since 0.1.0
 */
export type JsHelperName = IrFunctionName | "mathFloor" | "mathTrunc" | "mathCeil" | "mathPow" | "mathLog";

/**
 * An exactly round-tripping JS literal for `value`: `String(value)`, negatives and `-0`
 * parenthesised, NaN and ±Infinity as divisions (no global lookups).
 *
 * @example
 * ```ts
 * jsNumberLiteral(-1.5); // "(-1.5)"
 * jsNumberLiteral(Number.NaN); // "(0 / 0)"
 * ```
 * @category compilation
 * @since 0.1.0
 */
export function jsNumberLiteral(value: number): string {
  if (value !== value) return "(0 / 0)";
  if (value === Infinity) return "(1 / 0)";
  if (value === -Infinity) return "(-1 / 0)";
  if (Object.is(value, -0)) return "(-0)";
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

const COMPARE_JS = { lt: "<", le: "<=", gt: ">", ge: ">=", eq: "===", ne: "!==" } as const;
const ARITH_JS = { add: "+", sub: "-", mul: "*", div: "/" } as const;

/**
 * Emits IR expressions as JavaScript. Reductions (`sum`/`prod` loops) cannot live inside a JS
 * expression, so they are hoisted as statements into the caller's `prelude` (pure code, so
 * evaluating them before the expression is bit-identical). `let` bindings and loop counters
 * become temporaries named `<prefix><n>`; declare them with {@link declarations} at the top of
 * the enclosing function. One emitter per generated function.
 *
 * @example
 * ```ts
 * import { compileModel, loadModel } from "@dyn/model";
 * const emitter = new JsExpressionEmitter({
 *   state: (i) => `y[${i}]`, param: (j) => `p[${j}]`, time: "t",
 *   lagRing: "lr", lagHead: "lh", helper: (fn) => `h_${fn}`,
 * });
 * const compiled = compileModel(loadModel("builtin://ode/lorenz"));
 * const prelude: string[] = [];
 * const js = emitter.expression(compiled.ir.rhs[0]!, prelude);
 * const body = `${emitter.declarations()}\n${prelude.join("\n")}\nout[0] = ${js};`;
 * const out = [0];
 * new Function("y", "p", "t", "out", body)([1, 2, 3], [10, 28, 8 / 3], 0, out);
 * out[0]; // 10 (sigma * (y - x))
 * ```
 * @category compilation
 * @since 0.1.0
 */
export class JsExpressionEmitter {
  private readonly temps: string[] = [];
  private readonly bound = new Map<IrBinding, string>();
  /** Helpers referenced so far (the caller brings them into scope). */
  readonly helpersUsed = new Set<JsHelperName>();
  /** True once a lag read was emitted (the caller loads the ring and head arrays). */
  usesLag = false;

  constructor(
    private readonly names: JsEmitNames,
    private readonly tempPrefix = "v",
  ) {}

  /** `let v0 = 0.0, …;` for every temporary used, or `""`. */
  declarations(): string {
    return this.temps.length === 0 ? "" : `let ${this.temps.map((name) => `${name} = 0.0`).join(", ")};`;
  }

  private temp(): string {
    const name = `${this.tempPrefix}${this.temps.length}`;
    this.temps.push(name);
    return name;
  }

  private helper(fn: JsHelperName): string {
    this.helpersUsed.add(fn);
    return this.names.helper(fn);
  }

  /** A JS boolean expression that is true iff `expr` is truthy in Python (≠ 0, NaN true). */
  condition(expr: IrExpr, prelude: string[]): string {
    switch (expr.op) {
      case "lt":
      case "le":
      case "gt":
      case "ge":
      case "eq":
      case "ne":
        return `(${this.expression(expr.left, prelude)} ${COMPARE_JS[expr.op]} ${this.expression(expr.right, prelude)})`;
      case "not":
        // A 0/1 operand is falsy exactly when its condition is false.
        if (isBooleanValued(expr.arg)) return `(!${this.condition(expr.arg, prelude)})`;
        return `(${this.expression(expr.arg, prelude)} === 0)`;
      case "truth":
        return `(${this.expression(expr.arg, prelude)} !== 0)`;
      case "num":
        return expr.value !== 0 ? "true" : "false";
      case "select":
        return `(${this.condition(expr.test, prelude)} ? ${this.condition(expr.then, prelude)} : ${this.condition(expr.otherwise, prelude)})`;
      default:
        return `(${this.expression(expr, prelude)} !== 0)`;
    }
  }

  /** A JS expression with the value of `expr`; hoisted statements go to `prelude`. */
  expression(expr: IrExpr, prelude: string[]): string {
    switch (expr.op) {
      case "num":
        return jsNumberLiteral(expr.value);
      case "state":
        return this.names.state(expr.index);
      case "param":
        return this.names.param(expr.index);
      case "time":
        return this.names.time;
      case "lag": {
        this.usesLag = true;
        const head = `${this.names.lagHead}[${expr.headIndex}]`;
        // idx = head - depth, wrapped into [0, bufferLen) (§4.4).
        const offset = expr.ringOffset === 0 ? "" : `${expr.ringOffset} + `;
        return `${this.names.lagRing}[${offset}(${head} >= ${expr.depth} ? ${head} - ${expr.depth} : ${head} + ${expr.bufferLen - expr.depth})]`;
      }
      case "var": {
        const name = this.bound.get(expr.binding);
        if (name === undefined) throw new Error(`unbound IR variable '${expr.binding.hint}'`);
        return name;
      }
      case "neg":
        return `(-${this.expression(expr.arg, prelude)})`;
      case "add":
      case "sub":
      case "mul":
      case "div":
        return `(${this.expression(expr.left, prelude)} ${ARITH_JS[expr.op]} ${this.expression(expr.right, prelude)})`;
      case "lt":
      case "le":
      case "gt":
      case "ge":
      case "eq":
      case "ne":
        return `(${this.condition(expr, prelude)} ? 1 : 0)`;
      case "not":
      case "truth":
        return `(${this.condition(expr, prelude)} ? 1 : 0)`;
      case "select":
        return `(${this.condition(expr.test, prelude)} ? ${this.expression(expr.then, prelude)} : ${this.expression(expr.otherwise, prelude)})`;
      case "let": {
        const name = this.temp();
        const value = this.expression(expr.value, prelude);
        this.bound.set(expr.binding, name);
        return `(${name} = ${value}, ${this.expression(expr.body, prelude)})`;
      }
      case "call":
        return this.call(expr.fn, expr.args, prelude);
      case "reduce":
        return this.reduction(expr, prelude);
    }
  }

  /**
   * An operand used more than once: simple ones (literals, `y[i]`, `p[j]`, `t`, temporaries)
   * are repeated, others are evaluated once into a fresh temporary. Returns the text to use
   * and the assignment to put first (or "").
   */
  private operand(expr: IrExpr, prelude: string[]): [use: string, assign: string] {
    const text = this.expression(expr, prelude);
    if (
      expr.op === "num" ||
      expr.op === "state" ||
      expr.op === "param" ||
      expr.op === "time" ||
      expr.op === "var"
    )
      return [text, ""];
    const name = this.temp();
    return [name, `${name} = ${text}, `];
  }

  /**
   * A helper call. The small Python-semantics helpers are written out inline (the same
   * operations as their `KERNEL_HELPERS` versions, so bit-identical): a call V8 does not inline
   * would box its double arguments and result, costing time and allocations.
   */
  private call(fn: IrFunctionName, args: readonly IrExpr[], prelude: string[]): string {
    const [first, second] = args as [IrExpr, IrExpr];
    switch (fn) {
      case "min2":
      case "max2": {
        const [a, setA] = this.operand(first, prelude);
        const [b, setB] = this.operand(second, prelude);
        return `(${setA}${setB}${b} ${fn === "min2" ? "<" : ">"} ${a} ? ${b} : ${a})`;
      }
      case "sign": {
        const [a, setA] = this.operand(first, prelude);
        return `(${setA}(${a} > 0 ? 1 : 0) - (${a} < 0 ? 1 : 0))`;
      }
      case "heaviside":
        return `(${this.expression(first, prelude)} >= 0 ? 1 : 0)`;
      case "trunc":
      case "floor":
      case "ceil": {
        // Python ints have no -0: adding 0 turns a -0 result into +0.
        const builtin = fn === "trunc" ? "mathTrunc" : fn === "floor" ? "mathFloor" : "mathCeil";
        return `(${this.helper(builtin)}(${this.expression(first, prelude)}) + 0)`;
      }
      case "logBase": {
        const log = this.helper("mathLog");
        return `(${log}(${this.expression(first, prelude)}) / ${log}(${this.expression(second, prelude)}))`;
      }
      case "pow": {
        // C99 pow: 1 ** anything and (-1) ** ±inf are 1; otherwise Math.pow.
        const [a, setA] = this.operand(first, prelude);
        const [b, setB] = this.operand(second, prelude);
        return `(${setA}${setB}(${a} === 1 || (${a} === -1 && (${b} === (1 / 0) || ${b} === (-1 / 0)))) ? 1 : ${this.helper("mathPow")}(${a}, ${b}))`;
      }
      case "mod": {
        // fmod, then move a nonzero remainder to the divisor's sign; a zero takes the divisor's sign.
        const [a, setA] = this.operand(first, prelude);
        const [b, setB] = this.operand(second, prelude);
        const m = this.temp();
        return `(${setA}${setB}${m} = ${a} % ${b}, ${m} !== 0 ? ((${b} < 0) !== (${m} < 0) ? ${m} + ${b} : ${m}) : (${b} < 0 ? -0 : 0))`;
      }
      case "floordiv": {
        // CPython float_floor_div: div = (a - fmod(a, b)) / b, corrected toward -inf, then
        // snapped to the nearest integer; a zero quotient keeps the sign of a / b.
        const [a, setA] = this.operand(first, prelude);
        const [b, setB] = this.operand(second, prelude);
        const [m, d, f, q] = [this.temp(), this.temp(), this.temp(), this.temp()];
        const floor = this.helper("mathFloor");
        return (
          `(${setA}${setB}${b} === 0 ? ${a} / ${b} : (${m} = ${a} % ${b}, ${d} = (${a} - ${m}) / ${b}, ` +
          `${d} = (${m} !== 0 && (${b} < 0) !== (${m} < 0)) ? ${d} - 1 : ${d}, ` +
          `${d} !== 0 ? (${f} = ${floor}(${d}), ${d} - ${f} > 0.5 ? ${f} + 1 : ${f}) : ` +
          `(${q} = ${a} / ${b}, (${q} < 0 || (${q} === 0 && 1 / ${q} < 0)) ? -0 : 0)))`
        );
      }
      default:
        return `${this.helper(fn)}(${args.map((arg) => this.expression(arg, prelude)).join(", ")})`;
    }
  }

  private reduction(expr: Extract<IrExpr, { op: "reduce" }>, prelude: string[]): string {
    const acc = this.temp();
    prelude.push(`${acc} = ${expr.kind === "sum" ? "0.0" : "1.0"};`);
    this.loops(expr, 0, acc, prelude);
    return acc;
  }

  /** `int(bound)`: literals are truncated here (bit-exact), other bounds at run time. */
  private truncated(bound: IrExpr, prelude: string[]): string {
    if (bound.op === "num") return jsNumberLiteral(pyTrunc(bound.value));
    return `(${this.helper("mathTrunc")}(${this.expression(bound, prelude)}) + 0)`;
  }

  private loops(
    expr: Extract<IrExpr, { op: "reduce" }>,
    depth: number,
    acc: string,
    prelude: string[],
  ): void {
    const clause = expr.clauses[depth];
    if (clause === undefined) {
      const value = this.expression(expr.body, prelude);
      prelude.push(`${acc} = ${acc} ${expr.kind === "sum" ? "+" : "*"} ${value};`);
      return;
    }
    const [start, stop, step, counter] = [this.temp(), this.temp(), this.temp(), this.temp()];
    prelude.push(`${start} = ${this.truncated(clause.start, prelude)};`);
    prelude.push(`${stop} = ${this.truncated(clause.stop, prelude)};`);
    prelude.push(`${step} = ${this.truncated(clause.step, prelude)};`);
    // Non-finite bounds or a zero step: NaN without iterating (x - x === 0 iff x is finite).
    prelude.push(
      `if (${start} - ${start} === 0 && ${stop} - ${stop} === 0 && ${step} - ${step} === 0 && ${step} !== 0) {`,
    );
    prelude.push(
      `for (${counter} = ${start}; ${step} > 0 ? ${counter} < ${stop} : ${counter} > ${stop}; ${counter} += ${step}) {`,
    );
    this.bound.set(clause.binding, counter);
    const inner: string[] = [];
    const conditions = clause.conditions.map((condition) => this.condition(condition, inner));
    const body: string[] = [];
    this.loops(expr, depth + 1, acc, body);
    prelude.push(...inner);
    if (conditions.length > 0) prelude.push(`if (${conditions.join(" && ")}) {`, ...body, "}");
    else prelude.push(...body);
    prelude.push("}", `} else { ${acc} = 0 / 0; }`);
  }
}
