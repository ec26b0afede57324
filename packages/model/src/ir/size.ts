/**
 * Size of an IR tree once shared subtrees (inlined aux and function arguments) are expanded,
 * as emitters will write it. Inlining can grow a model exponentially (`a2 = a1*a1`,
 * `a3 = a2*a2`, …); this bounds it before any code is generated.
 */
import type { IrExpr } from "./types.ts";

/**
 * The children of a node, in evaluation order (for walking the IR, e.g. to find the states,
 * params or lag reads an expression uses).
 *
 * @example
 * ```ts
 * const usesLag = (e: IrExpr): boolean => e.op === "lag" || irChildren(e).some(usesLag);
 * ```
 * @category compilation
 * @since 0.1.0
 */
export function irChildren(expr: IrExpr): readonly IrExpr[] {
  switch (expr.op) {
    case "num":
    case "state":
    case "param":
    case "time":
    case "lag":
    case "var":
      return [];
    case "neg":
    case "not":
    case "truth":
      return [expr.arg];
    case "add":
    case "sub":
    case "mul":
    case "div":
    case "lt":
    case "le":
    case "gt":
    case "ge":
    case "eq":
    case "ne":
      return [expr.left, expr.right];
    case "select":
      return [expr.test, expr.then, expr.otherwise];
    case "let":
      return [expr.value, expr.body];
    case "call":
      return expr.args;
    case "reduce":
      return [
        ...expr.clauses.flatMap((clause) => [clause.start, clause.stop, clause.step, ...clause.conditions]),
        expr.body,
      ];
  }
}

/**
 * Number of nodes of `expr` with shared subtrees counted at every use, saturating just above
 * `cap` (so huge DAGs cost time proportional to their distinct nodes only).
 * @internal
 */
export function expandedSize(expr: IrExpr, memo: WeakMap<IrExpr, number>, cap: number): number {
  const known = memo.get(expr);
  if (known !== undefined) return known;
  let size = 1;
  for (const child of irChildren(expr)) {
    size += expandedSize(child, memo, cap);
    if (size > cap) {
      size = cap + 1;
      break;
    }
  }
  memo.set(expr, size);
  return size;
}
