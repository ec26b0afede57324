/**
 * Lowering of one parsed expression to IR (model-dsl.md §3.2–§3.4, §4.2): names resolved in the
 * order function argument, loop variable, state, param, `t`, constant (user, then `pi`/`e`),
 * aux (inlined); calls to macros, lag reads, reductions, user functions (inlined with their
 * arguments substituted) and math functions; Python semantics made explicit. Every misuse that
 * M-11 moves to load time throws a located {@link ModelLoadError} here.
 */
import { ModelErrorCode, type ModelLoadError } from "../errors.ts";
import type { Call, CompareOperator, Expr, Generator } from "../expr/ast.ts";
import { expressionError } from "../expr/snippet.ts";
import { MAX_ROUND_DIGITS } from "../runtime/round.ts";
import { EVENT_MACROS, MATH_FUNCTIONS, MATH_VALUES, MAX_LAG_DEPTH, SCALAR_MACROS } from "./callables.ts";
import type { ModelContext } from "./context.ts";
import {
  irAnd,
  irArith,
  irBinding,
  irCall,
  irCompare,
  irNeg,
  irNum,
  irOr,
  irSelect,
  withValue,
} from "./nodes.ts";
import type { IrBinding, IrCompare, IrExpr, IrFunctionName, IrLoopClause } from "./types.ts";

/**
 * Where an expression is being lowered: its text (for carets) and the names in scope.
 * @internal
 */
export interface LowerScope {
  /** TOML location, e.g. `[aux.k]`. */
  readonly location: string;
  /** The expression text after `^` → `**` (spans index it). */
  readonly text: string;
  /** Function arguments (inside a function body): name → the caller's argument IR. */
  readonly args: ReadonlyMap<string, IrExpr>;
  /** Loop variables of enclosing generators. */
  readonly loops: ReadonlyMap<string, IrBinding>;
}

/**
 * A parsed expression with its rewritten text.
 * @internal
 */
export interface ParsedSite {
  readonly ast: Expr;
  readonly text: string;
}

const COMPARE_IR: Readonly<Record<CompareOperator, IrCompare["op"]>> = {
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
  "==": "eq",
  "!=": "ne",
};

/** One-argument math functions that map straight to an IR call of the same name. */
const DIRECT_UNARY: ReadonlySet<string> = new Set([
  "abs",
  "exp",
  "expm1",
  "log10",
  "log2",
  "log1p",
  "sqrt",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "floor",
  "ceil",
  "trunc",
  "erf",
  "erfc",
]);

function plural(count: number): string {
  return `${count} positional argument${count === 1 ? "" : "s"}`;
}

function arityText(min: number, max: number): string {
  if (min === max) return plural(min);
  if (max === Infinity) return `at least ${plural(min)}`;
  return `${min} or ${plural(max)}`;
}

/**
 * Lowers expressions of one model. Aux expressions are lowered once and shared by every use
 * (the IR is a DAG; emitters expand it). Keeps a stack of aux/functions being inlined to turn
 * a dependency cycle into an error instead of endless recursion.
 * @internal
 */
export class ExpressionLowerer {
  private readonly auxCache = new Map<string, IrExpr>();
  private readonly inlining: string[] = [];

  /**
   * @param context - the model's name tables.
   * @param parse - parses (and caches) the expression at a location.
   */
  constructor(
    private readonly context: ModelContext,
    private readonly parse: (text: string, location: string) => ParsedSite,
  ) {}

  /** Lower a whole expression site with no function arguments or loop variables in scope. */
  lowerSite(text: string, location: string): IrExpr {
    const site = this.parse(text, location);
    return this.lower(site.ast, { location, text: site.text, args: new Map(), loops: new Map() });
  }

  /** Lower a function body on its own, arguments as opaque placeholders (the standalone check). */
  lowerFunctionBody(name: string): IrExpr {
    const fn = this.context.functions.get(name);
    if (fn === undefined) throw new Error(`no function ${name}`);
    const location = `[functions.${name}].expr`;
    const site = this.parse(fn.expr, location);
    const args = new Map<string, IrExpr>(fn.args.map((arg) => [arg, { op: "var", binding: irBinding(arg) }]));
    return this.guarded(`function ${name}`, name, scopeError(this, location, site.text), () =>
      this.lower(site.ast, { location, text: site.text, args, loops: new Map() }),
    );
  }

  /** The IR of aux `name` (lowered once, in its own scope). */
  auxValue(name: string, at: { scope: LowerScope; offset: number } | undefined): IrExpr {
    const cached = this.auxCache.get(name);
    if (cached !== undefined) return cached;
    const text = this.context.spec.aux[name] ?? "";
    const location = `[aux.${name}]`;
    const fail =
      at === undefined
        ? scopeError(this, location, text)
        : scopeError(this, at.scope.location, at.scope.text, at.offset);
    const value = this.guarded(`aux ${name}`, name, fail, () => this.lowerSite(text, location));
    this.auxCache.set(name, value);
    return value;
  }

  /** Build a located error for `node` of `scope`. */
  error(
    code: (typeof ModelErrorCode)[keyof typeof ModelErrorCode],
    message: string,
    scope: LowerScope,
    offset: number,
  ): ModelLoadError {
    return expressionError(code, message, scope.text, offset, scope.location, this.context.source);
  }

  private guarded<T>(
    key: string,
    name: string,
    fail: (code: ModelErrorCode, message: string) => ModelLoadError,
    run: () => T,
  ): T {
    if (this.inlining.includes(key)) {
      throw fail(ModelErrorCode.CYCLE, `Cyclic dependency detected involving '${name}'`);
    }
    this.inlining.push(key);
    try {
      return run();
    } finally {
      this.inlining.pop();
    }
  }

  /** Lower `node` in `scope`. */
  lower(node: Expr, scope: LowerScope): IrExpr {
    switch (node.type) {
      case "number":
        return irNum(Number(node.value));
      case "boolean":
        return irNum(node.value ? 1 : 0);
      case "name":
        return this.lowerName(node.id, node.start, scope);
      case "mathAttribute": {
        const value = MATH_VALUES.get(node.attr);
        if (value === undefined) {
          throw this.error(
            ModelErrorCode.BAD_CALL,
            `'math.${node.attr}' is a function, not a value; call it as math.${node.attr}(...)`,
            scope,
            node.start,
          );
        }
        // math.pi / math.e are the same constants as pi / e, rounded to the dtype like them.
        return irNum(node.attr === "inf" || node.attr === "nan" ? value : this.context.roundToDtype(value));
      }
      case "unary": {
        if (node.op === "~") {
          throw this.error(
            ModelErrorCode.EXPR_UNSUPPORTED,
            "unsupported unary operator '~'",
            scope,
            node.start,
          );
        }
        const operand = this.lower(node.operand, scope);
        if (node.op === "+") return operand;
        if (node.op === "-") return irNeg(operand);
        return { op: "not", arg: operand };
      }
      case "binary":
        return this.lowerBinary(node.op, node.left, node.right, node.start, scope);
      case "compare":
        return this.lowerChain(node.left, node.ops, node.comparators, scope);
      case "boolOp": {
        const values = node.values;
        const build = (index: number): IrExpr => {
          const value = this.lower(values[index] as Expr, scope);
          if (index === values.length - 1) return value;
          return node.op === "and" ? irAnd(value, build(index + 1)) : irOr(value, build(index + 1));
        };
        return build(0);
      }
      case "conditional": {
        const test = this.lower(node.test, scope);
        return irSelect(test, this.lower(node.body, scope), this.lower(node.orelse, scope));
      }
      case "generator":
        throw this.error(
          ModelErrorCode.EXPR_UNSUPPORTED,
          "generator expressions are only supported as the single argument of sum(...) or prod(...)",
          scope,
          node.start,
        );
      case "call":
        return this.lowerCall(node, scope);
    }
  }

  private lowerName(id: string, offset: number, scope: LowerScope): IrExpr {
    const arg = scope.args.get(id);
    if (arg !== undefined) return arg;
    const loop = scope.loops.get(id);
    if (loop !== undefined) return { op: "var", binding: loop };
    const state = this.context.stateIndex.get(id);
    if (state !== undefined) return { op: "state", index: state };
    const param = this.context.paramIndex.get(id);
    if (param !== undefined) return { op: "param", index: param };
    if (id === "t") return { op: "time" };
    const constant = this.context.constantValues.get(id);
    if (constant !== undefined) return irNum(constant);
    if (this.context.auxNames.has(id)) return this.auxValue(id, { scope, offset });
    if (
      this.context.functions.has(id) ||
      MATH_FUNCTIONS.has(id) ||
      SCALAR_MACROS.has(id) ||
      EVENT_MACROS.has(id) ||
      id === "sum" ||
      id === "prod" ||
      id === "range" ||
      id === "len"
    ) {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `'${id}' is a function, not a value; call it as ${id}(...)`,
        scope,
        offset,
      );
    }
    throw this.error(
      ModelErrorCode.UNKNOWN_IDENTIFIER,
      `Unknown identifier(s) in ${scope.location}: ${id}. Declare them as states/params/aux/functions or constants.`,
      scope,
      offset,
    );
  }

  private lowerBinary(
    op: string,
    leftNode: Expr,
    rightNode: Expr,
    offset: number,
    scope: LowerScope,
  ): IrExpr {
    switch (op) {
      case "+":
      case "-":
      case "*":
      case "/": {
        const left = this.lower(leftNode, scope);
        const right = this.lower(rightNode, scope);
        return irArith(op === "+" ? "add" : op === "-" ? "sub" : op === "*" ? "mul" : "div", left, right);
      }
      case "//":
        return irCall("floordiv", this.lower(leftNode, scope), this.lower(rightNode, scope));
      case "%":
        return irCall("mod", this.lower(leftNode, scope), this.lower(rightNode, scope));
      case "**": {
        const base = this.lower(leftNode, scope);
        const exponent = this.lower(rightNode, scope);
        // pow(x, 2) is correctly rounded, so x*x is bit-identical (and much cheaper).
        if (exponent.op === "num" && exponent.value === 2) {
          return withValue(base, "sq", (ref) => irArith("mul", ref, ref));
        }
        return irCall("pow", base, exponent);
      }
      default:
        throw this.error(ModelErrorCode.EXPR_UNSUPPORTED, `unsupported operator '${op}'`, scope, offset);
    }
  }

  /** `a < b < c` = `a < b and b < c` with `b` evaluated once. */
  private lowerChain(
    leftNode: Expr,
    ops: readonly CompareOperator[],
    comparators: readonly Expr[],
    scope: LowerScope,
  ): IrExpr {
    const build = (left: IrExpr, index: number): IrExpr => {
      const op = COMPARE_IR[ops[index] as CompareOperator];
      const right = this.lower(comparators[index] as Expr, scope);
      if (index === ops.length - 1) return irCompare(op, left, right);
      return withValue(right, "cmp", (ref) =>
        irSelect(irCompare(op, left, ref), build(ref, index + 1), irNum(0)),
      );
    };
    return build(this.lower(leftNode, scope), 0);
  }

  private lowerCall(node: Call, scope: LowerScope): IrExpr {
    const callee = node.callee;
    const keyword = node.keywords[0];
    if (keyword !== undefined) {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `keyword arguments are not supported: ${callee}(${keyword.name}=...); pass arguments by position`,
        scope,
        keyword.start,
      );
    }
    if (callee === "sum" || callee === "prod") return this.lowerReduction(callee, node, scope);
    const generator = node.args.find((arg) => arg.type === "generator");
    if (generator !== undefined) {
      throw this.error(
        ModelErrorCode.EXPR_UNSUPPORTED,
        "generator expressions are only supported as the single argument of sum(...) or prod(...)",
        scope,
        generator.start,
      );
    }
    if (callee === "range") {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        "range() is only allowed as the iterator of a sum(...) or prod(...) generator",
        scope,
        node.start,
      );
    }
    if (callee === "len") {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        "len() is not supported in model expressions",
        scope,
        node.start,
      );
    }
    if (callee.startsWith("lag_") && this.context.stateIndex.has(callee.slice(4)))
      return this.lowerLagCall(node, scope);
    const macroArity = SCALAR_MACROS.get(callee);
    if (macroArity !== undefined) {
      this.checkArity(node, macroArity, macroArity, scope);
      return this.lowerScalarMacro(
        callee,
        node.args.map((arg) => this.lower(arg, scope)),
      );
    }
    const eventArity = EVENT_MACROS.get(callee);
    if (eventArity !== undefined) {
      if (node.args.length !== eventArity) {
        throw this.error(
          ModelErrorCode.BAD_CALL,
          `${callee}() expects ${plural(eventArity)}`,
          scope,
          node.start,
        );
      }
      return this.lowerEventMacro(callee, node, scope);
    }
    const fn = this.context.functions.get(callee);
    if (fn !== undefined) {
      if (node.args.length !== fn.args.length) {
        throw this.error(
          ModelErrorCode.BAD_CALL,
          `${callee}() expects ${plural(fn.args.length)} (${fn.args.join(", ")}), got ${node.args.length}`,
          scope,
          node.start,
        );
      }
      const args = node.args.map((arg) => this.lower(arg, scope));
      const location = `[functions.${callee}].expr`;
      const site = this.parse(fn.expr, location);
      const bound = new Map<string, IrExpr>(fn.args.map((name, index) => [name, args[index] as IrExpr]));
      return this.guarded(
        `function ${callee}`,
        callee,
        scopeError(this, scope.location, scope.text, node.start),
        () => this.lower(site.ast, { location, text: site.text, args: bound, loops: new Map() }),
      );
    }
    const mathName = callee.startsWith("math.") ? callee.slice(5) : callee;
    const arity = MATH_FUNCTIONS.get(mathName);
    if (arity !== undefined) {
      this.checkArity(node, arity[0], arity[1], scope);
      return this.lowerMath(mathName, node, scope);
    }
    if (
      this.context.stateIndex.has(callee) ||
      this.context.paramIndex.has(callee) ||
      this.context.auxNames.has(callee) ||
      this.context.constantValues.has(callee) ||
      callee === "t" ||
      scope.args.has(callee) ||
      scope.loops.has(callee)
    ) {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `'${callee}' is not a function and cannot be called`,
        scope,
        node.start,
      );
    }
    throw this.error(
      ModelErrorCode.UNKNOWN_IDENTIFIER,
      `Unknown identifier(s) in ${scope.location}: ${callee}. Declare them as states/params/aux/functions or constants.`,
      scope,
      node.start,
    );
  }

  private checkArity(node: Call, min: number, max: number, scope: LowerScope): void {
    const count = node.args.length;
    if (count < min || count > max) {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `${node.callee}() expects ${arityText(min, max)}, got ${count}`,
        scope,
        node.start,
      );
    }
  }

  private lowerMath(name: string, node: Call, scope: LowerScope): IrExpr {
    const args = node.args.map((arg) => this.lower(arg, scope));
    const [first, second] = args as [IrExpr, IrExpr];
    if (DIRECT_UNARY.has(name)) return irCall(name as IrFunctionName, first);
    switch (name) {
      case "min":
        return args.slice(1).reduce((acc, next) => irCall("min2", acc, next), first);
      case "max":
        return args.slice(1).reduce((acc, next) => irCall("max2", acc, next), first);
      case "round": {
        if (args.length === 1) return irCall("round", first);
        const digitsNode = node.args[1] as Expr;
        const digits =
          digitsNode.type === "number" && typeof digitsNode.value === "bigint" ? digitsNode.value : undefined;
        if (digits === undefined || digits < 0n || digits > BigInt(MAX_ROUND_DIGITS)) {
          throw this.error(
            ModelErrorCode.BAD_CALL,
            `round(x, n) is supported only with an integer literal n from 0 to ${MAX_ROUND_DIGITS} (results then match Python exactly)`,
            scope,
            digitsNode.start,
          );
        }
        return irCall("roundDigits", first, irNum(Number(digits)));
      }
      case "log":
        return args.length === 1 ? irCall("log", first) : irCall("logBase", first, second);
      case "atan2":
        return irCall("atan2", first, second);
      case "copysign":
        return irCall("copysign", first, second);
      case "hypot":
        return args.length === 0 ? irNum(0) : { op: "call", fn: "hypot", args };
      case "int":
        return irCall("trunc", first);
      case "float":
        return first;
      case "bool":
        return { op: "truth", arg: first };
      default:
        throw new Error(`unhandled math function ${name}`);
    }
  }

  private lowerScalarMacro(name: string, args: IrExpr[]): IrExpr {
    const [a, b, c] = args as [IrExpr, IrExpr, IrExpr];
    switch (name) {
      case "sign":
        return irCall("sign", a);
      case "heaviside":
      case "step":
        return irCall("heaviside", a);
      case "relu":
        return irCall("max2", a, irNum(0));
      case "clip":
        return irCall("min2", irCall("max2", a, b), c);
      case "approx":
        return irCompare("le", irCall("abs", irArith("sub", a, b)), c);
      default:
        throw new Error(`unhandled macro ${name}`);
    }
  }

  /** A lag read of `state` at `depth`, checked against the ring the spec sized for it. */
  private lagRead(state: string, depth: number, scope: LowerScope, offset: number): IrExpr {
    const index = this.context.stateIndex.get(state) as number;
    const ring = this.context.spec.lagMap[state];
    const kept = ring === undefined ? 0 : ring[0] - 1;
    if (ring === undefined || depth > kept) {
      throw this.error(
        ModelErrorCode.BAD_LAG,
        `lag_${state}(${depth}) reads ${depth} committed step(s) back, but the model keeps ${kept} for '${state}'. ` +
          "Lag buffers are sized from lag_/event-macro uses in equations, aux, functions, events and the stop condition (Jacobian entries are not scanned)",
        scope,
        offset,
      );
    }
    return { op: "lag", state: index, depth, bufferLen: ring[0], ringOffset: ring[1], headIndex: ring[2] };
  }

  private lowerLagCall(node: Call, scope: LowerScope): IrExpr {
    const state = node.callee.slice(4);
    if (node.args.length === 0) return this.lagRead(state, 1, scope, node.start);
    const arg = node.args[0] as Expr;
    if (node.args.length > 1 || arg.type !== "number" || typeof arg.value !== "bigint") {
      throw this.error(
        ModelErrorCode.BAD_LAG,
        `${node.callee}() expects no args or a single integer literal`,
        scope,
        node.start,
      );
    }
    if (arg.value <= 0n) {
      throw this.error(
        ModelErrorCode.BAD_LAG,
        `Lag depth must be positive, got ${node.callee}(${arg.value})`,
        scope,
        node.start,
      );
    }
    if (arg.value > BigInt(MAX_LAG_DEPTH)) {
      throw this.error(
        ModelErrorCode.BAD_LAG,
        `Lag depth ${arg.value} exceeds sanity limit (${MAX_LAG_DEPTH}) for ${node.callee}`,
        scope,
        node.start,
      );
    }
    return this.lagRead(state, Number(arg.value), scope, node.start);
  }

  private lowerEventMacro(name: string, node: Call, scope: LowerScope): IrExpr {
    if (name === "in_interval") {
      const [v, lo, hi] = node.args.map((arg) => this.lower(arg, scope)) as [IrExpr, IrExpr, IrExpr];
      return withValue(v, "v", (value) =>
        irSelect(irCompare("le", lo, value), irCompare("le", value, hi), irNum(0)),
      );
    }
    const first = node.args[0] as Expr;
    if (first.type !== "name") {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `${name}() first argument must be a state identifier (e.g. x)`,
        scope,
        first.start,
      );
    }
    const stateIndex = this.context.stateIndex.get(first.id);
    if (stateIndex === undefined || scope.args.has(first.id) || scope.loops.has(first.id)) {
      throw this.error(
        ModelErrorCode.BAD_LAG,
        `lag_${first.id}() used in ${scope.location}, but '${first.id}' is not a declared state. Lag notation only applies to state variables.`,
        scope,
        first.start,
      );
    }
    const x: IrExpr = { op: "state", index: stateIndex };
    const previous = this.lagRead(first.id, 1, scope, node.start);
    const rest = node.args.slice(1).map((arg) => this.lower(arg, scope));
    switch (name) {
      case "changed":
        return irCompare("ne", x, previous);
      case "increasing":
        return irCompare("gt", x, previous);
      case "decreasing":
        return irCompare("lt", x, previous);
      case "cross_up":
        return withValue(rest[0] as IrExpr, "c", (c) =>
          irSelect(irCompare("le", previous, c), irCompare("gt", x, c), irNum(0)),
        );
      case "cross_down":
        return withValue(rest[0] as IrExpr, "c", (c) =>
          irSelect(irCompare("ge", previous, c), irCompare("lt", x, c), irNum(0)),
        );
      case "cross_either":
        return withValue(rest[0] as IrExpr, "c", (c) =>
          irOr(
            irSelect(irCompare("le", previous, c), irCompare("gt", x, c), irNum(0)),
            irSelect(irCompare("ge", previous, c), irCompare("lt", x, c), irNum(0)),
          ),
        );
      case "enters_interval":
        return withValue(rest[0] as IrExpr, "lo", (lo) =>
          withValue(rest[1] as IrExpr, "hi", (hi) =>
            irAnd(
              irOr(irCompare("lt", previous, lo), irCompare("gt", previous, hi)),
              irSelect(irCompare("le", lo, x), irCompare("le", x, hi), irNum(0)),
            ),
          ),
        );
      case "leaves_interval":
        return withValue(rest[0] as IrExpr, "lo", (lo) =>
          withValue(rest[1] as IrExpr, "hi", (hi) =>
            irAnd(
              irSelect(irCompare("le", lo, previous), irCompare("le", previous, hi), irNum(0)),
              irOr(irCompare("lt", x, lo), irCompare("gt", x, hi)),
            ),
          ),
        );
      default:
        throw new Error(`unhandled event macro ${name}`);
    }
  }

  private lowerReduction(kind: "sum" | "prod", node: Call, scope: LowerScope): IrExpr {
    const generator = node.args[0];
    if (node.args.length !== 1 || generator === undefined || generator.type !== "generator") {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `${kind}() takes a single generator expression, e.g. ${kind}(x * i for i in range(3))`,
        scope,
        node.start,
      );
    }
    return this.lowerGenerator(kind, generator, scope);
  }

  private lowerGenerator(kind: "sum" | "prod", generator: Generator, scope: LowerScope): IrExpr {
    if (generator.clauses.length !== 1) {
      const second = generator.clauses[1];
      throw this.error(
        ModelErrorCode.EXPR_UNSUPPORTED,
        `Only a single generator is supported inside ${kind}(...)`,
        scope,
        second === undefined ? generator.start : second.start,
      );
    }
    const clause = generator.clauses[0]!;
    const iter = clause.iter;
    if (
      iter.type !== "call" ||
      iter.callee !== "range" ||
      iter.args.length < 1 ||
      iter.args.length > 3 ||
      iter.keywords.length > 0
    ) {
      throw this.error(
        ModelErrorCode.BAD_CALL,
        `${kind}() generators must iterate over range(...) with 1 to 3 positional arguments`,
        scope,
        iter.start,
      );
    }
    const target = clause.target;
    if (
      scope.args.has(target) ||
      scope.loops.has(target) ||
      this.context.stateIndex.has(target) ||
      this.context.paramIndex.has(target) ||
      this.context.constantValues.has(target) ||
      this.context.auxNames.has(target) ||
      this.context.functions.has(target) ||
      target === "t" ||
      MATH_FUNCTIONS.has(target) ||
      SCALAR_MACROS.has(target) ||
      EVENT_MACROS.has(target)
    ) {
      throw this.error(
        ModelErrorCode.BAD_NAME,
        `loop variable '${target}' shadows a declared name; choose another name`,
        scope,
        clause.start,
      );
    }
    const bounds = iter.args.map((arg) => {
      if (arg.type === "generator") {
        throw this.error(
          ModelErrorCode.EXPR_UNSUPPORTED,
          "generator expressions are only supported as the single argument of sum(...) or prod(...)",
          scope,
          arg.start,
        );
      }
      return this.lower(arg, scope);
    });
    const [start, stop, step] =
      bounds.length === 1
        ? [irNum(0), bounds[0]!, irNum(1)]
        : [bounds[0]!, bounds[1]!, bounds[2] ?? irNum(1)];
    const binding = irBinding(target);
    const loops = new Map(scope.loops);
    loops.set(target, binding);
    const inner: LowerScope = { ...scope, loops };
    const conditions = clause.conditions.map((condition) => this.lower(condition, inner));
    const body = this.lower(generator.element, inner);
    const loop: IrLoopClause = { binding, start, stop, step, conditions };
    return { op: "reduce", kind, clauses: [loop], body };
  }
}

/** An error factory pointing at `offset` (default 0) of a site. */
function scopeError(
  lowerer: ExpressionLowerer,
  location: string,
  text: string,
  offset = 0,
): (code: ModelErrorCode, message: string) => ModelLoadError {
  return (code, message) =>
    lowerer.error(code, message, { location, text, args: new Map(), loops: new Map() }, offset);
}
