/**
 * Lowering of a whole {@link ModelSpec} to the {@link ModelIR}, and the load-time expression
 * checks built on it (model-dsl.md §3, M-1, M-3, M-11): every expression is parsed, its names
 * resolved, its calls checked, and the result lowered; the first problem throws a located
 * {@link ModelLoadError}.
 */
import { pythonStrListRepr, pythonStrRepr } from "@dyn/core";
import { splitActionBlock, splitEquationBlock } from "../blocks.ts";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import { parseExpression, rewriteCaret } from "../expr/parse.ts";
import type { ModelSpec } from "../spec.ts";
import { createModelContext, type KernelDtype, type ModelContext } from "./context.ts";
import { checkIdentifiers } from "./identifiers.ts";
import { ExpressionLowerer, type ParsedSite } from "./lowerExpression.ts";
import { expandedSize } from "./size.ts";
import type { IrAssignment, IrEvent, IrExpr, IrLagState, IrLogField, ModelIR } from "./types.ts";

/**
 * Options of {@link lowerModel}.
 * @category compilation
 * @since 0.1.0
 */
export interface LowerModelOptions {
  /** Kernel dtype: constants are rounded to it. Default: the spec's dtype. */
  readonly dtype?: KernelDtype;
  /** Document name for messages. */
  readonly source?: string;
  /**
   * Only check (the loader's use): a state without an equation is left to the loader's own
   * completeness check (M-6), which runs later in the validation order.
   */
  readonly checkOnly?: boolean;
}

/**
 * Largest expanded tree (after inlining aux and functions) of one expression.
 * @category compilation
 * @since 0.1.0
 */
export const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Largest total of expanded trees over the whole model (bounds generated source size).
 * @category compilation
 * @since 0.1.0
 */
export const MAX_TOTAL_EXPANDED_NODES = 4_000_000;

/** One expression of the model, where it is and what names it sees. */
interface Site {
  readonly location: string;
  readonly text: string;
  /** Function arguments in scope (function bodies only). */
  readonly args?: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOG_PREFIX = /^(state|param|aux)\s*:\s*(.*)$/s;

/** Parses expressions of one model once each. */
class SiteParser {
  private readonly cache = new Map<string, ParsedSite>();
  constructor(private readonly source: string | undefined) {}

  parse = (text: string, location: string): ParsedSite => {
    const key = `${location}\u0000${text}`;
    let site = this.cache.get(key);
    if (site === undefined) {
      site = { ast: parseExpression(text, location, this.source), text: rewriteCaret(text) };
      this.cache.set(key, site);
    }
    return site;
  };
}

/** Every expression site of the model, in checking order. */
function expressionSites(spec: ModelSpec, source: string | undefined): Site[] {
  const sites: Site[] = [];
  for (const [state, text] of Object.entries(spec.equationsRhs ?? {}))
    sites.push({ location: `[equations.rhs.${state}]`, text });
  if (spec.equationsBlock !== null) {
    for (const statement of splitEquationBlock(
      spec.equationsBlock,
      spec.kind,
      spec.states,
      "[equations].expr",
      source,
    )) {
      sites.push({ location: "[equations].expr", text: statement.expr });
    }
  }
  for (const [state, text] of Object.entries(spec.inverseRhs ?? {}))
    sites.push({ location: `[equations.inverse.rhs.${state}]`, text });
  if (spec.inverseBlock !== null) {
    for (const statement of splitEquationBlock(
      spec.inverseBlock,
      spec.kind,
      spec.states,
      "[equations.inverse].expr",
      source,
    )) {
      sites.push({ location: "[equations.inverse].expr", text: statement.expr });
    }
  }
  for (const [name, text] of Object.entries(spec.aux)) sites.push({ location: `[aux.${name}]`, text });
  for (const [name, fn] of Object.entries(spec.functions))
    sites.push({ location: `[functions.${name}].expr`, text: fn.expr, args: fn.args });
  const bare = new Set([...spec.states, ...spec.params, ...Object.keys(spec.aux)]);
  for (const event of spec.events) {
    const label = `[events.${event.name}]`;
    sites.push({ location: `${label}.cond`, text: event.cond });
    for (const [target, text] of Object.entries(event.actionKeyed ?? {}))
      sites.push({ location: `${label}.action.${target}`, text });
    if (event.actionBlock !== null) {
      for (const statement of splitActionBlock(event.actionBlock, `${label}.action`, source)) {
        sites.push({ location: `${label}.action`, text: statement.expr });
      }
    }
    event.log.forEach((entry, index) => {
      const trimmed = entry.trim();
      if (trimmed !== "t" && !bare.has(trimmed) && !LOG_PREFIX.test(trimmed)) {
        sites.push({ location: `${label}.log[${index}]`, text: entry });
      }
    });
  }
  if (spec.sim.stop !== null) sites.push({ location: "[sim].stop", text: spec.sim.stop.cond });
  spec.jacobianExprs?.forEach((row, i) =>
    row.forEach((text, j) => sites.push({ location: `[equations.jacobian].expr[${i}][${j}]`, text })),
  );
  return sites;
}

/**
 * Parse every expression of `spec` and check that its names resolve (model-dsl.md §3.1, §3.4):
 * the "expression syntax and identifiers" step of the validation order. Throws the first
 * `EXPR_SYNTAX`, `EXPR_UNSUPPORTED` or `UNKNOWN_IDENTIFIER` {@link ModelLoadError}.
 *
 * @example
 * ```ts
 * checkExpressionIdentifiers(spec, "inline model"); // throws for `[aux.foo] = "bar + baz"`
 * ```
 * @category validation
 * @since 0.1.0
 */
export function checkExpressionIdentifiers(spec: ModelSpec, source?: string): void {
  const context = createModelContext(spec, spec.dtype === "float32" ? "float32" : "float64", source);
  const parser = new SiteParser(source);
  for (const site of expressionSites(spec, source)) {
    const parsed = parser.parse(site.text, site.location);
    checkIdentifiers(context, parsed.ast, parsed.text, site.location, new Set(site.args ?? []));
  }
}

/**
 * Lower `spec` to the {@link ModelIR} that the kernel emitter and fused-kernel generators
 * consume. Runs every expression check on the way (syntax, identifiers, calls, macros, lags,
 * logs, action targets) and throws the first failure as a located {@link ModelLoadError}.
 *
 * @example
 * ```ts
 * import { parseModel } from "@dyn/model";
 * const text = '[model]\ntype = "ode"\n[states]\nx = 1.0\n[params]\na = 1.0\n[equations.rhs]\nx = "-a * x"';
 * const ir = lowerModel(parseModel(text));
 * ir.rhs.length; // 1
 * ir.rhs[0]; // { op: "mul", left: { op: "neg", … }, right: { op: "state", index: 0 } }
 * ```
 * @category compilation
 * @since 0.1.0
 */
export function lowerModel(spec: ModelSpec, options: LowerModelOptions = {}): ModelIR {
  try {
    return lowerModelUnguarded(spec, options);
  } catch (error) {
    // Inlining deeply nested aux/function chains can exceed the JS stack: a load error, not a crash.
    if (error instanceof RangeError) {
      throw new ModelLoadError(
        ModelErrorCode.EXPR_UNSUPPORTED,
        "The model's expressions nest too deeply once aux variables and functions are inlined; flatten the aux/function chain",
        options.source === undefined ? {} : { source: options.source },
        error,
      );
    }
    throw error;
  }
}

function lowerModelUnguarded(spec: ModelSpec, options: LowerModelOptions): ModelIR {
  const dtype: KernelDtype = options.dtype ?? (spec.dtype === "float32" ? "float32" : "float64");
  const source = options.source;
  checkExpressionIdentifiers(spec, source);
  const context = createModelContext(spec, dtype, source);
  const parser = new SiteParser(source);
  const lowerer = new ExpressionLowerer(context, parser.parse);
  const roots: { location: string; expr: IrExpr }[] = [];
  const lower = (text: string, location: string): IrExpr => {
    const expr = lowerer.lowerSite(text, location);
    roots.push({ location, expr });
    return expr;
  };

  const complete = options.checkOnly !== true;
  const rhs = lowerEquations(spec, context, spec.equationsRhs, spec.equationsBlock, "", lower, complete);
  const inverse =
    spec.inverseRhs === null && spec.inverseBlock === null
      ? null
      : lowerEquations(spec, context, spec.inverseRhs, spec.inverseBlock, "inverse", lower, complete);
  const aux = Object.keys(spec.aux).map((name) => {
    const expr = lowerer.auxValue(name, undefined);
    roots.push({ location: `[aux.${name}]`, expr });
    return expr;
  });
  // Function bodies are checked on their own even when unused (M-11).
  for (const name of Object.keys(spec.functions)) lowerer.lowerFunctionBody(name);
  const events = spec.events.map((event, index) => lowerEvent(context, event, index, lower));
  const stop = spec.sim.stop === null ? null : lower(spec.sim.stop.cond, "[sim].stop");
  const jacobian =
    spec.jacobianExprs?.map((row, i) =>
      row.map((text, j) => lower(text, `[equations.jacobian].expr[${i}][${j}]`)),
    ) ?? null;

  const sizes = new WeakMap<IrExpr, number>();
  let total = 0;
  for (const root of roots) {
    const size = expandedSize(root.expr, sizes, MAX_EXPANDED_NODES);
    total += size;
    if (size > MAX_EXPANDED_NODES || total > MAX_TOTAL_EXPANDED_NODES) {
      const limit =
        size > MAX_EXPANDED_NODES
          ? `${MAX_EXPANDED_NODES} operations`
          : `${MAX_TOTAL_EXPANDED_NODES} operations in total`;
      throw new ModelLoadError(
        ModelErrorCode.EXPR_UNSUPPORTED,
        `${root.location} expands to more than ${limit} once aux variables and functions are inlined; ` +
          "simplify the expression or split it into fewer nested aux/function uses",
        whereOf(root.location, source),
      );
    }
  }

  const lagStates: IrLagState[] = Object.entries(spec.lagMap).map(
    ([state, [bufferLen, ringOffset, headIndex]]) => ({
      stateIndex: context.stateIndex.get(state) ?? -1,
      bufferLen,
      ringOffset,
      headIndex,
    }),
  );
  return deepFreezeIr({
    kind: spec.kind,
    dtype,
    stateNames: [...spec.states],
    paramNames: [...spec.params],
    auxNames: Object.keys(spec.aux),
    rhs,
    inverse,
    aux,
    events,
    stop,
    jacobian,
    lagStates,
  });
}

function whereOf(location: string, source: string | undefined): { location: string; source?: string } {
  return source === undefined ? { location } : { location, source };
}

/** Per-state expressions from an rhs table and/or a block (the last definition of a state wins). */
function lowerEquations(
  spec: ModelSpec,
  context: ModelContext,
  table: Readonly<Record<string, string>> | null,
  block: string | null,
  prefix: "" | "inverse",
  lower: (text: string, location: string) => IrExpr,
  complete: boolean,
): IrExpr[] {
  const byState = new Map<number, IrExpr>();
  const head = prefix === "" ? "[equations" : "[equations.inverse";
  for (const [state, text] of Object.entries(table ?? {})) {
    const index = context.stateIndex.get(state);
    if (index !== undefined) byState.set(index, lower(text, `${head}.rhs.${state}]`));
  }
  if (block !== null) {
    const location = `${head}].expr`;
    for (const statement of splitEquationBlock(block, spec.kind, spec.states, location, context.source)) {
      const index = context.stateIndex.get(statement.target);
      if (index !== undefined) byState.set(index, lower(statement.expr, location));
    }
  }
  const missing = spec.states.filter((_, index) => !byState.has(index));
  if (missing.length > 0 && complete) {
    const first = missing[0] as string;
    const keep = spec.kind === "map" ? `${first} = ${first}` : `d${first} = 0`;
    throw new ModelLoadError(
      ModelErrorCode.BAD_EQUATIONS,
      `[equations]${prefix === "" ? "" : " inverse"} no equation for state(s): ${missing.join(", ")} (write \`${keep}\` to keep ${spec.kind === "map" ? "a map state" : "a constant ODE state"})`,
      whereOf(prefix === "" ? "[equations]" : "[equations.inverse]", context.source),
    );
  }
  return spec.states.map((_, index) => byState.get(index) ?? { op: "num", value: 0 });
}

function lowerEvent(
  context: ModelContext,
  event: ModelSpec["events"][number],
  index: number,
  lower: (text: string, location: string) => IrExpr,
): IrEvent {
  const label = `[events.${event.name}]`;
  const where = whereOf(`${label}.action`, context.source);
  const cond = lower(event.cond, `${label}.cond`);
  const actions: IrAssignment[] = [];
  const targetOf = (name: string, location: string): IrAssignment["target"] => {
    const state = context.stateIndex.get(name);
    if (state !== undefined) return { kind: "state", index: state };
    const param = context.paramIndex.get(name);
    if (param !== undefined) return { kind: "param", index: param };
    if (!IDENTIFIER.test(name)) {
      throw new ModelLoadError(
        ModelErrorCode.BAD_EVENT,
        `${location}: invalid assignment target ${pythonStrRepr(name)}. Supported forms: x = e, x += e, x -= e, x *= e, x /= e`,
        whereOf(location, context.source),
      );
    }
    throw new ModelLoadError(
      ModelErrorCode.BAD_EVENT,
      `${label} may mutate only states/params; illegal: ${pythonStrListRepr([name])}`,
      whereOf(location, context.source),
    );
  };
  for (const [name, text] of Object.entries(event.actionKeyed ?? {})) {
    const location = `${label}.action.${name}`;
    const target = targetOf(name, location);
    actions.push({ target, value: lower(text, location) });
  }
  if (event.actionBlock !== null) {
    for (const statement of splitActionBlock(event.actionBlock, where.location, context.source)) {
      const target = targetOf(statement.target, where.location);
      const expr = lower(statement.expr, where.location);
      const current: IrExpr =
        target.kind === "state" ? { op: "state", index: target.index } : { op: "param", index: target.index };
      let value = expr;
      if (statement.op === "+=") value = { op: "add", left: current, right: expr };
      else if (statement.op === "-=") value = { op: "sub", left: current, right: expr };
      else if (statement.op === "*=") value = { op: "mul", left: current, right: expr };
      else if (statement.op === "/=") value = { op: "div", left: current, right: expr };
      actions.push({ target, value });
    }
  }
  const log: IrLogField[] = event.log.map((entry, position) => ({
    name: entry,
    value: lowerLogEntry(context, entry, `${label}.log[${position}]`, lower),
  }));
  return { name: event.name, index, phase: event.phase, cond, actions, log };
}

function lowerLogEntry(
  context: ModelContext,
  entry: string,
  location: string,
  lower: (text: string, location: string) => IrExpr,
): IrExpr {
  const trimmed = entry.trim();
  if (trimmed === "t") return { op: "time" };
  const prefixed = LOG_PREFIX.exec(trimmed);
  if (prefixed !== null) {
    const kind = prefixed[1] as "state" | "param" | "aux";
    const name = (prefixed[2] ?? "").trim();
    const resolved = resolveSignal(context, kind, name, location, lower);
    if (resolved !== undefined) return resolved;
    const known =
      kind === "state"
        ? context.spec.states
        : kind === "param"
          ? context.spec.params
          : Object.keys(context.spec.aux);
    throw new ModelLoadError(
      ModelErrorCode.BAD_EVENT,
      `${location}: unknown ${kind} ${pythonStrRepr(name)} in log entry ${pythonStrRepr(entry)}. Declared ${kind}s: ${pythonStrListRepr([...known])}`,
      whereOf(location, context.source),
    );
  }
  for (const kind of ["state", "param", "aux"] as const) {
    const resolved = resolveSignal(context, kind, trimmed, location, lower);
    if (resolved !== undefined) return resolved;
  }
  // M-3: anything else is an expression over the post-action values.
  return lower(entry, location);
}

function resolveSignal(
  context: ModelContext,
  kind: "state" | "param" | "aux",
  name: string,
  location: string,
  lower: (text: string, location: string) => IrExpr,
): IrExpr | undefined {
  if (kind === "state") {
    const index = context.stateIndex.get(name);
    return index === undefined ? undefined : { op: "state", index };
  }
  if (kind === "param") {
    const index = context.paramIndex.get(name);
    return index === undefined ? undefined : { op: "param", index };
  }
  if (!context.auxNames.has(name)) return undefined;
  return lower(name, location);
}

/** Freeze the IR so consumers can share it (nodes may be shared; freezing is idempotent). */
function deepFreezeIr<T>(value: T): T {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    for (const child of Object.values(item)) stack.push(child);
    Object.freeze(item);
  }
  return value;
}
