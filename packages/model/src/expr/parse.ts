import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import type {
  BinaryOperator,
  Call,
  CompareOperator,
  Expr,
  Generator,
  GeneratorClause,
  KeywordArgument,
  Span,
} from "./ast.ts";
import { PYTHON_KEYWORDS as KEYWORDS } from "./keywords.ts";
import { expressionError } from "./snippet.ts";
import { type Token, TokenizeFailure, tokenize } from "./tokenize.ts";

/** Deepest syntax tree accepted: keeps every recursive pass far from the JS stack limit. */
const MAX_DEPTH = 1000;

const COMPARE_OPS: ReadonlySet<string> = new Set(["<", "<=", ">", ">=", "==", "!="]);

/** Internal parse failure carrying the offset of the caret. */
class ParseFailure {
  constructor(
    readonly code: ModelErrorCode,
    readonly message: string,
    readonly offset: number,
  ) {}
}

/**
 * Rewrite every `^` of an expression to `**`, as the DSL does before parsing (`2^3^2` = 512).
 * Spans of the parsed tree index the rewritten text.
 *
 * @example
 * ```ts
 * rewriteCaret("x^2"); // "x**2"
 * ```
 * @category expressions
 * @since 0.1.0
 */
export function rewriteCaret(text: string): string {
  return text.replaceAll("^", "**");
}

/**
 * Parse one DSL expression (model-dsl.md §3.1) into an {@link Expr} tree with our own tokenizer
 * and recursive-descent parser (user text is never evaluated). `^` is rewritten to `**` first;
 * spans index the rewritten text. Precedence is exactly Python's.
 *
 * Constructs outside the DSL that Python would parse (subscripts, lambdas, strings, `None`,
 * walrus, comprehensions other than generators, `is`/`in`) throw code `EXPR_UNSUPPORTED`;
 * text Python would reject throws `EXPR_SYNTAX` "Invalid expression syntax: <message>". Both
 * carry `location` and quote the expression with a caret. Keyword arguments and operators such
 * as `&` parse, so that checks can reject them with the right message.
 *
 * @param text - The expression as written (comments after `#` allowed).
 * @param location - TOML location for messages, e.g. `[aux.k]`.
 * @param source - Document name for messages (`inline model`, …).
 * @throws {@link ModelLoadError} with code `EXPR_SYNTAX` or `EXPR_UNSUPPORTED`.
 * @example
 * ```ts
 * const ast = parseExpression("-2**2", "[aux.k]");
 * // { type: "unary", op: "-", operand: { type: "binary", op: "**", … } }
 * ```
 * @category expressions
 * @since 0.1.0
 */
export function parseExpression(text: string, location: string, source?: string): Expr {
  const rewritten = rewriteCaret(text);
  try {
    return new Parser(rewritten).parseAll();
  } catch (err) {
    if (err instanceof ParseFailure || err instanceof TokenizeFailure) {
      const message =
        err.code === ModelErrorCode.EXPR_SYNTAX
          ? `Invalid expression syntax: ${err.message}`
          : `Unsupported expression construct: ${err.message}`;
      throw expressionError(err.code, message, rewritten, err.offset, location, source);
    }
    if (err instanceof RangeError) {
      throw new ModelLoadError(
        ModelErrorCode.EXPR_UNSUPPORTED,
        `Unsupported expression construct: expression is nested too deeply in ${location}`,
        source === undefined ? { location } : { location, source },
      );
    }
    throw err;
  }
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(text: string) {
    this.tokens = tokenize(text);
  }

  parseAll(): Expr {
    this.skipNewlines();
    if (this.peek().kind === "end") throw this.syntax("invalid syntax: empty expression", this.peek().start);
    const expr = this.expression();
    this.skipNewlines();
    const tok = this.peek();
    if (tok.kind !== "end") throw this.unexpected(tok);
    return expr;
  }

  // ---- token helpers -------------------------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const tok = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return tok;
  }

  private isOp(value: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.kind === "op" && tok.value === value;
  }

  private isKeyword(value: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.kind === "name" && tok.value === value;
  }

  private expectOp(value: string): Token {
    const tok = this.peek();
    if (tok.kind !== "op" || tok.value !== value) throw this.unexpected(tok);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().kind === "newline") this.pos++;
  }

  private syntax(message: string, offset: number): ParseFailure {
    return new ParseFailure(ModelErrorCode.EXPR_SYNTAX, message, offset);
  }

  private unsupported(message: string, offset: number): ParseFailure {
    return new ParseFailure(ModelErrorCode.EXPR_UNSUPPORTED, message, offset);
  }

  /** The error for a token that cannot continue the expression, worded like Python. */
  private unexpected(tok: Token): ParseFailure {
    if (tok.kind === "end") return this.syntax("invalid syntax: unexpected end of expression", tok.start);
    if (tok.kind === "newline")
      return this.syntax("invalid syntax: line breaks are only allowed inside brackets", tok.start);
    if (tok.kind === "op") {
      switch (tok.value) {
        case "=":
          return this.syntax("invalid syntax. Maybe you meant '==' instead of '='?", tok.start);
        case ":=":
          return this.unsupported("assignment expressions (':=') are not supported", tok.start);
        case "[":
          return this.unsupported("subscripts and lists are not supported", tok.start);
        case ";":
          return this.syntax("invalid syntax: ';' separates statements, not expressions", tok.start);
        default:
          if (tok.value.length >= 2 && tok.value.endsWith("=") && !COMPARE_OPS.has(tok.value)) {
            return this.syntax(
              `invalid syntax: augmented assignment '${tok.value}' is not an expression`,
              tok.start,
            );
          }
      }
    }
    if (tok.kind === "name") {
      if (tok.value === "lambda") return this.unsupported("lambda expressions are not supported", tok.start);
      if (tok.value === "None") return this.unsupported("None is not supported", tok.start);
    }
    return this.syntax("invalid syntax", tok.start);
  }

  /** Guard every recursive descent step: untrusted text must never overflow the JS stack. */
  private enter(offset: number): void {
    if (++this.depth > MAX_DEPTH)
      throw this.unsupported(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, offset);
  }

  private leave(): void {
    this.depth--;
  }

  /** Left-associative chains also deepen the tree; count their length against the limit. */
  private chainGuard(count: number, offset: number): void {
    if (this.depth + count > MAX_DEPTH)
      throw this.unsupported(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, offset);
  }

  // ---- grammar (Python's, restricted) ---------------------------------------------------------

  /** `expression: disjunction ['if' disjunction 'else' expression] | lambda` */
  private expression(): Expr {
    const first = this.peek();
    this.enter(first.start);
    try {
      if (this.isKeyword("lambda"))
        throw this.unsupported("lambda expressions are not supported", first.start);
      const body = this.disjunction();
      if (!this.isKeyword("if")) return body;
      this.next();
      const test = this.disjunction();
      if (!this.isKeyword("else")) {
        throw this.syntax("expected 'else' after 'if' expression", this.peek().start);
      }
      this.next();
      const orelse = this.expression();
      return { type: "conditional", test, body, orelse, start: body.start, end: orelse.end };
    } finally {
      this.leave();
    }
  }

  private disjunction(): Expr {
    return this.boolChain("or", () => this.conjunction());
  }

  private conjunction(): Expr {
    return this.boolChain("and", () => this.inversion());
  }

  private boolChain(op: "and" | "or", operand: () => Expr): Expr {
    const first = operand();
    if (!this.isKeyword(op)) return first;
    const values: Expr[] = [first];
    while (this.isKeyword(op)) {
      this.next();
      values.push(operand());
    }
    return { type: "boolOp", op, values, start: first.start, end: values[values.length - 1]!.end };
  }

  /** `inversion: 'not' inversion | comparison` */
  private inversion(): Expr {
    const tok = this.peek();
    if (tok.kind === "name" && tok.value === "not") {
      this.enter(tok.start);
      try {
        this.next();
        const operand = this.inversion();
        return { type: "unary", op: "not", operand, start: tok.start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.bitOr();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === "op" && COMPARE_OPS.has(tok.value)) {
        this.next();
        ops.push(tok.value as CompareOperator);
        comparators.push(this.bitOr());
        continue;
      }
      if (tok.kind === "name" && (tok.value === "in" || tok.value === "is")) {
        throw this.unsupported(`the '${tok.value}' operator is not supported`, tok.start);
      }
      if (tok.kind === "name" && tok.value === "not" && this.isKeyword("in", 1)) {
        throw this.unsupported("the 'not in' operator is not supported", tok.start);
      }
      break;
    }
    if (ops.length === 0) return left;
    return {
      type: "compare",
      left,
      ops,
      comparators,
      start: left.start,
      end: comparators[comparators.length - 1]!.end,
    };
  }

  private binaryChain(operators: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    let count = 0;
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== "op" || !operators.includes(tok.value)) return left;
      this.chainGuard(++count, tok.start);
      this.next();
      const right = operand();
      left = {
        type: "binary",
        op: tok.value as BinaryOperator,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
  }

  private bitOr(): Expr {
    return this.binaryChain(["|"], () => this.bitAnd());
  }

  private bitAnd(): Expr {
    return this.binaryChain(["&"], () => this.shift());
  }

  private shift(): Expr {
    return this.binaryChain(["<<", ">>"], () => this.sum());
  }

  private sum(): Expr {
    return this.binaryChain(["+", "-"], () => this.term());
  }

  private term(): Expr {
    return this.binaryChain(["*", "/", "//", "%", "@"], () => this.factor());
  }

  /** `factor: ('+'|'-'|'~') factor | power` */
  private factor(): Expr {
    const tok = this.peek();
    if (tok.kind === "op" && (tok.value === "+" || tok.value === "-" || tok.value === "~")) {
      this.enter(tok.start);
      try {
        this.next();
        const operand = this.factor();
        return { type: "unary", op: tok.value, operand, start: tok.start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.power();
  }

  /** `power: primary ['**' factor]` (right-associative through `factor`). */
  private power(): Expr {
    const base = this.primary();
    if (!this.isOp("**")) return base;
    const tok = this.next();
    this.enter(tok.start);
    try {
      const exponent = this.factor();
      return { type: "binary", op: "**", left: base, right: exponent, start: base.start, end: exponent.end };
    } finally {
      this.leave();
    }
  }

  /** `primary: atom ('.' NAME | '(' args ')')*` restricted to `math.NAME` and named calls. */
  private primary(): Expr {
    let expr = this.atom();
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== "op") return expr;
      if (tok.value === ".") {
        this.next();
        const attr = this.peek();
        if (attr.kind !== "name" || KEYWORDS.has(attr.value)) throw this.syntax("invalid syntax", attr.start);
        this.next();
        if (expr.type === "name" && expr.id === "math") {
          expr = { type: "mathAttribute", attr: attr.value, start: expr.start, end: attr.end };
          continue;
        }
        throw this.unsupported("attribute access is only supported as math.NAME", tok.start);
      }
      if (tok.value === "(") {
        let callee: string;
        if (expr.type === "name") callee = expr.id;
        else if (expr.type === "mathAttribute") callee = `math.${expr.attr}`;
        else throw this.unsupported("only named functions can be called", tok.start);
        expr = this.callArguments(callee, { start: expr.start, end: expr.end });
        continue;
      }
      if (tok.value === "[") throw this.unsupported("subscripts are not supported", tok.start);
      return expr;
    }
  }

  private callArguments(callee: string, calleeSpan: Span): Call {
    const open = this.expectOp("(");
    this.enter(open.start);
    try {
      const args: Expr[] = [];
      const keywords: KeywordArgument[] = [];
      while (!this.isOp(")")) {
        const tok = this.peek();
        if (tok.kind === "op" && (tok.value === "*" || tok.value === "**")) {
          throw this.unsupported("argument unpacking ('*' / '**') is not supported", tok.start);
        }
        if (tok.kind === "name" && !KEYWORDS.has(tok.value) && this.isOp("=", 1)) {
          this.next();
          this.next();
          const value = this.expression();
          keywords.push({ name: tok.value, value, start: tok.start, end: value.end });
        } else {
          const value = this.expression();
          if (this.isKeyword("for")) {
            const gen = this.generator(value);
            if (args.length > 0 || keywords.length > 0 || !this.isOp(")")) {
              throw this.syntax("Generator expression must be parenthesized", gen.start);
            }
            args.push(gen);
            break;
          }
          if (keywords.length > 0)
            throw this.syntax("positional argument follows keyword argument", value.start);
          args.push(value);
        }
        if (this.isOp(",")) {
          this.next();
          continue;
        }
        if (!this.isOp(")")) throw this.unexpected(this.peek());
      }
      const close = this.expectOp(")");
      return { type: "call", callee, calleeSpan, args, keywords, start: calleeSpan.start, end: close.end };
    } finally {
      this.leave();
    }
  }

  /** `for_if_clause+` after the element expression of a generator. */
  private generator(element: Expr): Generator {
    const clauses: GeneratorClause[] = [];
    while (this.isKeyword("for")) {
      const forTok = this.next();
      const target = this.peek();
      if (target.kind !== "name" || KEYWORDS.has(target.value))
        throw this.syntax("invalid syntax", target.start);
      this.next();
      if (this.isOp(",")) throw this.unsupported("tuple loop targets are not supported", this.peek().start);
      if (!this.isKeyword("in")) throw this.syntax("invalid syntax: expected 'in'", this.peek().start);
      this.next();
      const iter = this.disjunction();
      const conditions: Expr[] = [];
      while (this.isKeyword("if")) {
        this.next();
        conditions.push(this.disjunction());
      }
      const last = conditions[conditions.length - 1] ?? iter;
      clauses.push({ target: target.value, iter, conditions, start: forTok.start, end: last.end });
    }
    const end = clauses[clauses.length - 1]!.end;
    return { type: "generator", element, clauses, start: element.start, end };
  }

  private atom(): Expr {
    const tok = this.peek();
    if (tok.kind === "number") {
      this.next();
      return {
        type: "number",
        value: numberValue(tok.value),
        raw: tok.value,
        start: tok.start,
        end: tok.end,
      };
    }
    if (tok.kind === "name") {
      if (tok.value === "True" || tok.value === "False") {
        this.next();
        return { type: "boolean", value: tok.value === "True", start: tok.start, end: tok.end };
      }
      if (KEYWORDS.has(tok.value)) throw this.unexpected(tok);
      this.next();
      return { type: "name", id: tok.value, start: tok.start, end: tok.end };
    }
    if (tok.kind === "op") {
      if (tok.value === "(") {
        this.next();
        this.enter(tok.start);
        try {
          if (this.isOp(")")) throw this.unsupported("tuples are not supported", tok.start);
          const inner = this.expression();
          if (this.isKeyword("for")) {
            const gen = this.generator(inner);
            const close = this.expectOp(")");
            return { ...gen, start: tok.start, end: close.end };
          }
          if (this.isOp(",")) throw this.unsupported("tuples are not supported", this.peek().start);
          this.expectOp(")");
          // Parentheses only group: the node keeps its own span (carets point inside).
          return inner;
        } finally {
          this.leave();
        }
      }
      if (tok.value === "[")
        throw this.unsupported("lists and list comprehensions are not supported", tok.start);
      if (tok.value === "{")
        throw this.unsupported("sets, dicts and their comprehensions are not supported", tok.start);
      if (tok.value === "...") throw this.unsupported("Ellipsis is not supported", tok.start);
    }
    throw this.unexpected(tok);
  }
}

/** Value of a Python number literal: ints as `bigint`, floats as correctly rounded doubles. */
function numberValue(raw: string): number | bigint {
  const clean = raw.replaceAll("_", "");
  if (/^0[xXoObB]/.test(clean)) return BigInt(clean);
  if (/[.eE]/.test(clean)) return Number(clean);
  return BigInt(clean);
}
