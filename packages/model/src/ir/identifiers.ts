/**
 * The identifier check (model-dsl.md §3.4): every value name and callee of an expression must
 * resolve, else "Unknown identifier(s) in [aux.foo]: bar, baz. Declare them as
 * states/params/aux/functions or constants." with the names sorted by code point.
 * Callable names used as values and other misuse are left to the lowering (M-11 checks run
 * after this one, in the reference's order).
 */
import { didYouMean, sortedNames } from "@dyn/core";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import type { Expr } from "../expr/ast.ts";
import { caretSnippet } from "../expr/snippet.ts";
import { isBuiltinCallable, MATH_FUNCTIONS, MATH_VALUES } from "./callables.ts";
import type { ModelContext } from "./context.ts";

/** True when `name` can be a value in any expression of the model (before scoping). */
function isModelValueName(context: ModelContext, name: string): boolean {
  return (
    name === "t" ||
    context.stateIndex.has(name) ||
    context.paramIndex.has(name) ||
    context.constantValues.has(name) ||
    context.auxNames.has(name) ||
    // Callables used as values resolve here and are rejected by the lowering with a better message.
    context.functions.has(name) ||
    isBuiltinCallable(name)
  );
}

/** True when `callee` names something callable. */
function isKnownCallee(context: ModelContext, callee: string): boolean {
  if (callee.startsWith("math.")) return MATH_FUNCTIONS.has(callee.slice(5));
  if (isBuiltinCallable(callee) || context.functions.has(callee)) return true;
  if (callee.startsWith("lag_") && context.stateIndex.has(callee.slice(4))) return true;
  // Calling a declared value (`x(1)`) is a call error, not an unknown name.
  return isModelValueName(context, callee);
}

/** First occurrence of each unknown name, in source order. */
function collectUnknown(
  context: ModelContext,
  node: Expr,
  scope: ReadonlySet<string>,
  out: Map<string, number>,
): void {
  const note = (name: string, at: number): void => {
    if (!out.has(name)) out.set(name, at);
  };
  switch (node.type) {
    case "number":
    case "boolean":
      return;
    case "name":
      if (!scope.has(node.id) && !isModelValueName(context, node.id)) note(node.id, node.start);
      return;
    case "mathAttribute":
      if (!MATH_VALUES.has(node.attr) && !MATH_FUNCTIONS.has(node.attr))
        note(`math.${node.attr}`, node.start);
      return;
    case "unary":
      collectUnknown(context, node.operand, scope, out);
      return;
    case "binary":
      collectUnknown(context, node.left, scope, out);
      collectUnknown(context, node.right, scope, out);
      return;
    case "compare":
      collectUnknown(context, node.left, scope, out);
      for (const comparator of node.comparators) collectUnknown(context, comparator, scope, out);
      return;
    case "boolOp":
      for (const value of node.values) collectUnknown(context, value, scope, out);
      return;
    case "conditional":
      collectUnknown(context, node.body, scope, out);
      collectUnknown(context, node.test, scope, out);
      collectUnknown(context, node.orelse, scope, out);
      return;
    case "generator": {
      // Each clause's iterator sees the targets of the clauses before it.
      const inner = new Set(scope);
      for (const clause of node.clauses) {
        collectUnknown(context, clause.iter, inner, out);
        inner.add(clause.target);
        for (const condition of clause.conditions) collectUnknown(context, condition, inner, out);
      }
      collectUnknown(context, node.element, inner, out);
      return;
    }
    case "call":
      if (!scope.has(node.callee) && !isKnownCallee(context, node.callee))
        note(node.callee, node.calleeSpan.start);
      for (const arg of node.args) collectUnknown(context, arg, scope, out);
      for (const keyword of node.keywords) collectUnknown(context, keyword.value, scope, out);
      return;
  }
}

/**
 * Throw `UNKNOWN_IDENTIFIER` when `ast` (the parse of `text`, after `^` → `**`) uses a name
 * that resolves to nothing. `scope` holds function arguments when checking a function body.
 * @internal
 */
export function checkIdentifiers(
  context: ModelContext,
  ast: Expr,
  rewrittenText: string,
  location: string,
  scope: ReadonlySet<string> = new Set(),
): void {
  const unknown = new Map<string, number>();
  collectUnknown(context, ast, scope, unknown);
  if (unknown.size === 0) return;
  const names = sortedNames(unknown.keys());
  const first = names[0] as string;
  let message = `Unknown identifier(s) in ${location}: ${names.join(", ")}. Declare them as states/params/aux/functions or constants.`;
  const candidates = [
    ...context.stateIndex.keys(),
    ...context.paramIndex.keys(),
    ...context.constantValues.keys(),
    ...context.auxNames,
    ...context.functions.keys(),
    "t",
  ];
  const suggestion = names.length === 1 ? didYouMean(first, candidates) : undefined;
  if (suggestion !== undefined) message += ` Did you mean '${suggestion}'?`;
  const where: { location: string; source?: string; suggestions: string[] } = {
    location,
    suggestions: suggestion === undefined ? [] : [suggestion],
  };
  if (context.source !== undefined) where.source = context.source;
  throw new ModelLoadError(
    ModelErrorCode.UNKNOWN_IDENTIFIER,
    `${message}\n${caretSnippet(rewrittenText, unknown.get(first) ?? 0)}`,
    where,
  );
}
