/**
 * Constructors and predicates for IR nodes. Constructors fold only what is bit-exact: IEEE
 * negation and `+ - * /` of two literals (the same correctly rounded operations the kernel
 * would perform).
 */
import type { IrBinding, IrCompare, IrExpr, IrFunctionName } from "./types.ts";

/**
 * A number literal node.
 * @internal
 */
export function irNum(value: number): IrExpr {
  return { op: "num", value };
}

/**
 * A fresh binding (identity matters; the hint only names it in dumps).
 * @internal
 */
export function irBinding(hint: string): IrBinding {
  return { hint };
}

/**
 * `-arg`, folded for literals.
 * @internal
 */
export function irNeg(arg: IrExpr): IrExpr {
  if (arg.op === "num") return irNum(-arg.value);
  return { op: "neg", arg };
}

/**
 * IEEE `+ - * /`, folded when both sides are literals.
 * @internal
 */
export function irArith(op: "add" | "sub" | "mul" | "div", left: IrExpr, right: IrExpr): IrExpr {
  if (left.op === "num" && right.op === "num") {
    const a = left.value;
    const b = right.value;
    return irNum(op === "add" ? a + b : op === "sub" ? a - b : op === "mul" ? a * b : a / b);
  }
  return { op, left, right };
}

/**
 * A comparison with value 1/0.
 * @internal
 */
export function irCompare(op: IrCompare["op"], left: IrExpr, right: IrExpr): IrExpr {
  return { op, left, right };
}

/**
 * `test ? then : otherwise` with Python truthiness.
 * @internal
 */
export function irSelect(test: IrExpr, then: IrExpr, otherwise: IrExpr): IrExpr {
  return { op: "select", test, then, otherwise };
}

/**
 * A helper or math function call.
 * @internal
 */
export function irCall(fn: IrFunctionName, ...args: IrExpr[]): IrExpr {
  return { op: "call", fn, args };
}

/**
 * Nodes that are cheap to evaluate twice and need no temporary.
 * @internal
 */
export function isLeaf(expr: IrExpr): boolean {
  switch (expr.op) {
    case "num":
    case "state":
    case "param":
    case "time":
    case "var":
    case "lag":
      return true;
    default:
      return false;
  }
}

/**
 * Nodes whose value is always exactly 0 or 1.
 * @internal
 */
export function isBooleanValued(expr: IrExpr): boolean {
  switch (expr.op) {
    case "lt":
    case "le":
    case "gt":
    case "ge":
    case "eq":
    case "ne":
    case "not":
    case "truth":
      return true;
    case "num":
      return expr.value === 0 || expr.value === 1;
    case "select":
      return isBooleanValued(expr.then) && isBooleanValued(expr.otherwise);
    default:
      return false;
  }
}

/**
 * Evaluate `value` once and build `body` from a reference to it. Leaves are used directly
 * (re-reading a leaf is bit-identical and cheaper than a temporary).
 * @internal
 */
export function withValue(value: IrExpr, hint: string, body: (ref: IrExpr) => IrExpr): IrExpr {
  if (isLeaf(value)) return body(value);
  const binding = irBinding(hint);
  return { op: "let", binding, value, body: body({ op: "var", binding }) };
}

/**
 * Python `a and b`: the first operand if it is falsy, else the second.
 * @internal
 */
export function irAnd(first: IrExpr, second: IrExpr): IrExpr {
  // A 0/1 operand that is falsy is exactly 0, so no temporary is needed.
  if (isBooleanValued(first)) return irSelect(first, second, irNum(0));
  return withValue(first, "and", (ref) => irSelect(ref, second, ref));
}

/**
 * Python `a or b`: the first operand if it is truthy, else the second.
 * @internal
 */
export function irOr(first: IrExpr, second: IrExpr): IrExpr {
  if (isBooleanValued(first)) return irSelect(first, irNum(1), second);
  return withValue(first, "or", (ref) => irSelect(ref, ref, second));
}
