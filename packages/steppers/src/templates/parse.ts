import { STEPPER_ERROR_CODES, StepperError } from "../errors.ts";
import {
  type StepperTemplate,
  TEMPLATE_FUNCTIONS,
  type TemplateCondition,
  type TemplateController,
  type TemplateExpr,
  type TemplateFunction,
  type TemplateStatement,
} from "./types.ts";

/** Names with a fixed meaning inside a template. */
const BUILTIN_SCALARS = new Set(["t", "h", "n"]);
const RESERVED = new Set([
  "t",
  "h",
  "n",
  "y",
  "f",
  "yp",
  "yn",
  "e",
  "if",
  "else",
  "vector",
  "history",
  "counter",
  "scalar",
  "config",
  "controller",
  ...TEMPLATE_FUNCTIONS,
]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FUNCTION_ARITY: Readonly<Record<TemplateFunction, number>> = {
  abs: 1,
  sqrt: 1,
  exp: 1,
  log: 1,
  sin: 1,
  cos: 1,
  min: 2,
  max: 2,
};
const COMPARE = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne" } as const;

function fail(line: number, message: string, text: string): never {
  throw new StepperError({
    code: STEPPER_ERROR_CODES.INVALID_DEFINITION,
    message: `Stepper template line ${line}: ${message} (in ${JSON.stringify(text.trim())})`,
    details: { line, text },
  });
}

type Tok = { readonly kind: "num" | "id" | "op"; readonly text: string };

function tokenize(text: string, line: number): Tok[] {
  const out: Tok[] = [];
  const re =
    /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*/^(),=<>{}:]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) fail(line, `unexpected character ${JSON.stringify(text.slice(pos).trim()[0])}`, text);
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "num", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "id", text: m[2] });
    else out.push({ kind: "op", text: m[3] as string });
  }
  return out;
}

/** A recursive-descent reader over one line's tokens. */
class Reader {
  pos = 0;
  constructor(
    readonly toks: readonly Tok[],
    readonly line: number,
    readonly text: string,
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  take(expected?: string): Tok {
    const tok = this.toks[this.pos];
    if (tok === undefined)
      fail(this.line, `unexpected end of line${expected ? `, expected '${expected}'` : ""}`, this.text);
    if (expected !== undefined && tok.text !== expected)
      fail(this.line, `expected '${expected}' but found '${tok.text}'`, this.text);
    this.pos++;
    return tok;
  }
  done(): boolean {
    return this.pos >= this.toks.length;
  }
  expr(): TemplateExpr {
    let left = this.term();
    for (let tok = this.peek(); tok?.text === "+" || tok?.text === "-"; tok = this.peek()) {
      this.pos++;
      left = { op: tok.text === "+" ? "add" : "sub", left, right: this.term() };
    }
    return left;
  }
  term(): TemplateExpr {
    let left = this.unary();
    for (let tok = this.peek(); tok?.text === "*" || tok?.text === "/"; tok = this.peek()) {
      this.pos++;
      left = { op: tok.text === "*" ? "mul" : "div", left, right: this.unary() };
    }
    return left;
  }
  unary(): TemplateExpr {
    if (this.peek()?.text === "-") {
      this.pos++;
      return { op: "neg", arg: this.unary() };
    }
    return this.power();
  }
  power(): TemplateExpr {
    const base = this.primary();
    if (this.peek()?.text === "^") {
      this.pos++;
      return { op: "pow", left: base, right: this.unary() };
    }
    return base;
  }
  primary(): TemplateExpr {
    const tok = this.take();
    if (tok.kind === "num") return { op: "num", value: Number(tok.text), text: tok.text };
    if (tok.text === "(") {
      const inner = this.expr();
      this.take(")");
      return inner;
    }
    if (tok.kind !== "id") fail(this.line, `unexpected '${tok.text}'`, this.text);
    if (this.peek()?.text === "(") {
      if (!(TEMPLATE_FUNCTIONS as readonly string[]).includes(tok.text))
        fail(
          this.line,
          `unknown function '${tok.text}'; templates may call ${TEMPLATE_FUNCTIONS.join(", ")} (f only as 'V = f(T, W)')`,
          this.text,
        );
      const fn = tok.text as TemplateFunction;
      this.take("(");
      const args: TemplateExpr[] = [this.expr()];
      while (this.peek()?.text === ",") {
        this.pos++;
        args.push(this.expr());
      }
      this.take(")");
      if (args.length !== FUNCTION_ARITY[fn])
        fail(this.line, `${fn} takes ${FUNCTION_ARITY[fn]} argument(s), got ${args.length}`, this.text);
      return { op: "call", fn, args };
    }
    return { op: "ref", name: tok.text };
  }
  condition(): TemplateCondition {
    const left = this.expr();
    const tok = this.take();
    const op = COMPARE[tok.text as keyof typeof COMPARE];
    if (op === undefined)
      fail(this.line, `expected a comparison (<, <=, >, >=, ==, !=), found '${tok.text}'`, this.text);
    return { op, left, right: this.expr() };
  }
}

interface Declared {
  vectors: string[];
  history: string[];
  counters: string[];
  scalars: string[];
  config: string[];
}

function refs(expr: TemplateExpr, out: string[]): string[] {
  switch (expr.op) {
    case "num":
      break;
    case "ref":
      out.push(expr.name);
      break;
    case "neg":
      refs(expr.arg, out);
      break;
    case "call":
      for (const arg of expr.args) refs(arg, out);
      break;
    default:
      refs(expr.left, out);
      refs(expr.right, out);
  }
  return out;
}

/**
 * Parses and checks a stepper template (the template language of the fused kernels; see the
 * "Templates" section of docs/writing-a-stepper.md).
 *
 * **Details:** a template is line-based. Declarations first: `vector a, b` (scratch vectors of
 * length n), `history p, q` (vectors kept between steps in the float64 workspace fields of the
 * same names), `counter step_index` (an int64 workspace field of shape [1]), `scalar m` (per-step
 * scalars), `config atol, rtol` (config fields read by name), `controller wrms grow=0.2
 * shrink=0.25` (adaptive steppers). Then statements, evaluated exactly in the written order with
 * no reassociation or folding: `V = expr` (per component for a vector target), `V = f(T, W)` (one
 * right-hand-side evaluation), `if a == b {` … `} else if … {` … `} else {` … `}`. Built-ins: `t`,
 * `h` (the step), `n` (state count), `y` (the current state, read-only); fixed-step templates
 * assign `yp` (the proposal); adaptive ones have a `begin:` section (once per step) and an
 * `attempt:` section that assigns `yn` (new state) and `e` (error estimate per component).
 * `a ^ b` is JavaScript's `a ** b`; `#` starts a comment.
 *
 * **Gotchas:** throws a `StepperError` (`STEPPER_INVALID_DEFINITION`) naming the line for any
 * unknown name, a vector used where a scalar is needed, `f(T, W)` writing its own argument, or a
 * missing `yp` (`yn`/`e`).
 *
 * @example
 * ```ts
 * import { defineTemplate } from "@dyn/steppers";
 * const heun = defineTemplate(`
 *   vector k1, k2, s
 *   k1 = f(t, y)
 *   s = y + h * k1
 *   k2 = f(t + h, s)
 *   yp = y + (0.5 * h) * (k1 + k2)
 * `);
 * console.log(heun.vectors); // ["k1", "k2", "s"]
 * ```
 * @category templates
 * @since 0.1.0
 */
export function defineTemplate(text: string): StepperTemplate {
  if (typeof text !== "string") fail(0, "a template must be a string", String(text));
  const declared: Declared = { vectors: [], history: [], counters: [], scalars: [], config: [] };
  let controller: TemplateController | null = null;
  const begin: TemplateStatement[] = [];
  const body: TemplateStatement[] = [];
  let section: TemplateStatement[] = body;
  let sawBegin = false;
  // Open `if` blocks: the statement list being filled and the branch lists of each block.
  const stack: {
    ifTrue: TemplateStatement[];
    ifFalse: TemplateStatement[];
    inElse: boolean;
    parent: TemplateStatement[];
    cond: TemplateCondition;
    chained: number;
  }[] = [];
  const current = (): TemplateStatement[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? section : top.inElse ? top.ifFalse : top.ifTrue;
  };
  const lines = text.split("\n");
  const names = new Set<string>();
  const declare = (list: string[], r: Reader): void => {
    do {
      const tok = r.take();
      if (tok.kind !== "id" || !IDENT.test(tok.text))
        fail(r.line, `expected a name, found '${tok.text}'`, r.text);
      if (RESERVED.has(tok.text)) fail(r.line, `'${tok.text}' is reserved; choose another name`, r.text);
      if (names.has(tok.text)) fail(r.line, `'${tok.text}' is declared twice`, r.text);
      names.add(tok.text);
      list.push(tok.text);
    } while (!r.done() && r.take(",").text === ",");
  };
  // Closes the innermost `if`, folding an `else if` chain back into nested ifs.
  const closeIf = (): void => {
    for (;;) {
      const top = stack.pop();
      if (top === undefined) return;
      top.parent.push({ kind: "if", cond: top.cond, ifTrue: top.ifTrue, ifFalse: top.ifFalse });
      if (top.chained === 0) return;
    }
  };
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const src = raw.replace(/#.*$/, "");
    const toks = tokenize(src, lineNo);
    if (toks.length === 0) return;
    const r = new Reader(toks, lineNo, raw);
    const head = toks[0] as Tok;
    const inStatements = begin.length > 0 || body.length > 0 || stack.length > 0 || sawBegin;
    switch (head.text) {
      case "vector":
      case "history":
      case "counter":
      case "scalar":
      case "config": {
        if (inStatements) fail(lineNo, "declarations must come before statements", raw);
        r.take();
        const list = {
          vector: declared.vectors,
          history: declared.history,
          counter: declared.counters,
          scalar: declared.scalars,
          config: declared.config,
        }[head.text];
        declare(list, r);
        return;
      }
      case "controller": {
        r.take();
        const kind = r.take();
        if (kind.text !== "wrms")
          fail(lineNo, `unknown controller '${kind.text}'; the only one is 'wrms'`, raw);
        const exps: { grow?: number; shrink?: number } = {};
        while (!r.done()) {
          const key = r.take().text;
          r.take("=");
          const v = r.take();
          if (v.kind !== "num" || (key !== "grow" && key !== "shrink"))
            fail(lineNo, "expected grow=<number> shrink=<number>", raw);
          exps[key] = Number(v.text);
        }
        const { grow, shrink } = exps;
        if (grow === undefined || shrink === undefined)
          fail(lineNo, "the controller needs grow= and shrink=", raw);
        controller = { kind: "wrms", grow, shrink };
        return;
      }
      case "begin":
      case "attempt": {
        r.take();
        r.take(":");
        if (stack.length > 0) fail(lineNo, `'${head.text}:' inside an if block`, raw);
        if (head.text === "begin") {
          sawBegin = true;
          section = begin;
        } else section = body;
        return;
      }
      case "if": {
        r.take();
        const cond = r.condition();
        r.take("{");
        if (!r.done()) fail(lineNo, "an 'if' line ends with '{'", raw);
        stack.push({ ifTrue: [], ifFalse: [], inElse: false, parent: current(), cond, chained: 0 });
        return;
      }
      case "}": {
        r.take();
        const top = stack[stack.length - 1];
        if (top === undefined) fail(lineNo, "'}' without an open 'if'", raw);
        if (r.done()) {
          closeIf();
          return;
        }
        r.take("else");
        if (top.inElse) fail(lineNo, "a second 'else' for one 'if'", raw);
        top.inElse = true;
        if (r.peek()?.text === "if") {
          r.take();
          const cond = r.condition();
          r.take("{");
          stack.push({ ifTrue: [], ifFalse: [], inElse: false, parent: top.ifFalse, cond, chained: 1 });
        } else r.take("{");
        if (!r.done()) fail(lineNo, "'else' lines end with '{'", raw);
        return;
      }
      default: {
        const target = r.take();
        if (target.kind !== "id") fail(lineNo, `a statement starts with a name, found '${target.text}'`, raw);
        r.take("=");
        const next = r.peek();
        if (next?.text === "f" && r.toks[r.pos + 1]?.text === "(") {
          r.take();
          r.take("(");
          const time = r.expr();
          r.take(",");
          const arg = r.take();
          r.take(")");
          if (!r.done()) fail(lineNo, "nothing may follow 'f(T, W)' on its line", raw);
          current().push({ kind: "eval", target: target.text, time, arg: arg.text });
        } else {
          const value = r.expr();
          if (!r.done()) fail(lineNo, `unexpected '${r.peek()?.text}' after the expression`, raw);
          current().push({ kind: "assign", target: target.text, value });
        }
      }
    }
  });
  if (stack.length > 0) fail(lines.length, "an 'if' block is not closed with '}'", "");
  const template: StepperTemplate = {
    brand: "dyn-stepper-template",
    vectors: declared.vectors,
    history: declared.history,
    counters: declared.counters,
    scalars: declared.scalars,
    config: declared.config,
    controller,
    begin,
    body,
    source: text,
  };
  checkTemplate(template, lines);
  return deepFreeze(template);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Name resolution and kind checks over the parsed statements. */
function checkTemplate(tp: StepperTemplate, lines: readonly string[]): void {
  const adaptive = tp.controller !== null;
  const vectors = new Set([
    ...tp.vectors,
    ...tp.history,
    "y",
    adaptive ? "yn" : "yp",
    ...(adaptive ? ["e"] : []),
  ]);
  const scalars = new Set([...tp.scalars, ...tp.counters, ...tp.config, ...BUILTIN_SCALARS]);
  const where = (s: TemplateStatement): string => JSON.stringify(s).slice(0, 80);
  const bad = (message: string, s: TemplateStatement): never => {
    const lineNo = lines.findIndex((l) => "target" in s && new RegExp(`^\\s*${s.target}\\s*=`).test(l)) + 1;
    return fail(lineNo, message, lines[lineNo - 1] ?? where(s));
  };
  const assigned = new Set<string>();
  const scalarExpr = (e: TemplateExpr, s: TemplateStatement): void => {
    for (const name of refs(e, [])) {
      if (vectors.has(name)) bad(`vector '${name}' used where a scalar is needed`, s);
      if (!scalars.has(name)) bad(`unknown name '${name}'`, s);
    }
  };
  const walk = (list: readonly TemplateStatement[], inBegin: boolean): void => {
    for (const s of list) {
      if (s.kind === "if") {
        for (const side of [s.cond.left, s.cond.right]) scalarExpr(side, s);
        walk(s.ifTrue, inBegin);
        walk(s.ifFalse, inBegin);
        continue;
      }
      if (s.target === "y") bad("'y' (the current state) is read-only; write the proposal to 'yp'", s);
      if (BUILTIN_SCALARS.has(s.target) || tp.config.includes(s.target)) bad(`'${s.target}' is read-only`, s);
      assigned.add(s.target);
      if (s.kind === "eval") {
        if (!vectors.has(s.target)) bad(`'${s.target} = f(...)' needs a vector target`, s);
        if (!vectors.has(s.arg)) bad(`f's state argument '${s.arg}' is not a vector`, s);
        if (s.arg === s.target)
          bad(`'${s.target} = f(T, ${s.arg})' would overwrite its own argument; use another vector`, s);
        scalarExpr(s.time, s);
        continue;
      }
      if (vectors.has(s.target)) {
        for (const name of refs(s.value, [])) {
          if (!vectors.has(name) && !scalars.has(name)) bad(`unknown name '${name}'`, s);
        }
      } else if (scalars.has(s.target)) scalarExpr(s.value, s);
      else bad(`'${s.target}' is not declared; declare it with 'vector' or 'scalar'`, s);
    }
  };
  walk(tp.begin, true);
  walk(tp.body, false);
  const needed = adaptive ? ["yn", "e"] : ["yp"];
  for (const name of needed) {
    if (!assigned.has(name)) fail(lines.length, `the template never assigns '${name}'`, "");
  }
  if (!adaptive && tp.begin.length > 0)
    fail(1, "'begin:' needs a controller (fixed-step templates have one section)", "");
}

/**
 * True when `value` is a template made by {@link defineTemplate}.
 *
 * @example
 * ```ts
 * import { getStepper, isStepperTemplate } from "@dyn/steppers";
 * console.log(isStepperTemplate(getStepper("rk4").template)); // true
 * ```
 * @category templates
 * @since 0.1.0
 */
export function isStepperTemplate(value: unknown): value is StepperTemplate {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { brand?: unknown }).brand === "dyn-stepper-template"
  );
}
