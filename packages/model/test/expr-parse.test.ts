import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelLoadError } from "../src/errors.ts";
import type { Expr } from "../src/expr/ast.ts";
import { parseExpression } from "../src/expr/parse.ts";

/** Compact Python-like rendering of a tree, fully parenthesised, to check precedence. */
function show(node: Expr): string {
  switch (node.type) {
    case "number":
      return typeof node.value === "bigint" ? `${node.value}n` : String(node.value);
    case "boolean":
      return String(node.value);
    case "name":
      return node.id;
    case "mathAttribute":
      return `math.${node.attr}`;
    case "unary":
      return `(${node.op === "not" ? "not " : node.op}${show(node.operand)})`;
    case "binary":
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case "compare":
      return `(${[show(node.left), ...node.ops.flatMap((op, i) => [op, show(node.comparators[i] as Expr)])].join(" ")})`;
    case "boolOp":
      return `(${node.values.map(show).join(` ${node.op} `)})`;
    case "conditional":
      return `(${show(node.body)} if ${show(node.test)} else ${show(node.orelse)})`;
    case "generator":
      return `<${show(node.element)} ${node.clauses.map((c) => `for ${c.target} in ${show(c.iter)}${c.conditions.map((x) => ` if ${show(x)}`).join("")}`).join(" ")}>`;
    case "call":
      return `${node.callee}(${[...node.args.map(show), ...node.keywords.map((k) => `${k.name}=${show(k.value)}`)].join(", ")})`;
  }
}

const parsed = (text: string): string => show(parseExpression(text, "[aux.k]"));

function failure(text: string): ModelLoadError {
  try {
    parseExpression(text, "[aux.k]", "inline model");
  } catch (error) {
    if (error instanceof ModelLoadError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("parseExpression: precedence is Python's", () => {
  it.each([
    ["-2**2", "(-(2n ** 2n))"],
    ["2**-1", "(2n ** (-1n))"],
    ["2^3^2", "(2n ** (3n ** 2n))"],
    ["a - b - c", "((a - b) - c)"],
    ["a + b * c // d % e", "(a + (((b * c) // d) % e))"],
    ["not a < b", "(not (a < b))"],
    ["not a or b and c", "((not a) or (b and c))"],
    ["a if b else c if d else e", "(a if b else (c if d else e))"],
    ["x or y if c else z", "((x or y) if c else z)"],
    ["1 < 2 < 3", "(1n < 2n < 3n)"],
    ["-x ** -y ** 2", "(-(x ** (-(y ** 2n))))"],
    ["a & b | c << 1", "((a & b) | (c << 1n))"],
    ["+-~x", "(+(-(~x)))"],
    ["math.sin(math.pi) + math.e", "(math.sin(math.pi) + math.e)"],
    ["f(a, k=2)", "f(a, k=2n)"],
    ["sum(i*i for i in range(10) if i % 2 == 0)", "sum(<(i * i) for i in range(10n) if ((i % 2n) == 0n)>)"],
    ["sum((i for i in range(3)))", "sum(<i for i in range(3n)>)"],
    ["(1 +\n 2)  # comment", "(1n + 2n)"],
    ["x # trailing ^ note", "x"],
    ["  x\n", "x"],
  ])("%s → %s", (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe("parseExpression: literals", () => {
  it("ints become bigint, floats numbers, as Python", () => {
    const value = (text: string): unknown => {
      const node = parseExpression(text, "[aux.k]");
      return node.type === "number" ? node.value : undefined;
    };
    expect(value("1_000")).toBe(1000n);
    expect(value("0x10")).toBe(16n);
    expect(value("0o17")).toBe(15n);
    expect(value("0b101")).toBe(5n);
    expect(value("00")).toBe(0n);
    expect(value(".5")).toBe(0.5);
    expect(value("5.")).toBe(5);
    expect(value("1e400")).toBe(Infinity);
    expect(value("1e-5")).toBe(1e-5);
    expect(value("01.5")).toBe(1.5);
    expect(value("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(parseExpression("True", "[aux.k]")).toMatchObject({ type: "boolean", value: true });
  });
});

describe("parseExpression: errors", () => {
  it.each([
    ["x +", "EXPR_SYNTAX", "Invalid expression syntax: invalid syntax"],
    ["(1", "EXPR_SYNTAX", "'(' was never closed"],
    [")", "EXPR_SYNTAX", "unmatched ')'"],
    ["(1]", "EXPR_SYNTAX", "closing parenthesis ']' does not match opening parenthesis '('"],
    ["1 2", "EXPR_SYNTAX", "invalid syntax"],
    ["x = 1", "EXPR_SYNTAX", "Maybe you meant '=='"],
    ["1 +\n2", "EXPR_SYNTAX", "line breaks"],
    ["01", "EXPR_SYNTAX", "leading zeros in decimal integer literals are not permitted"],
    ["1x", "EXPR_SYNTAX", "invalid decimal literal"],
    ["", "EXPR_SYNTAX", "empty expression"],
    ["   ", "EXPR_SYNTAX", "empty expression"],
    ["f(x for x in y, 1)", "EXPR_SYNTAX", "Generator expression must be parenthesized"],
    ["f(a=1, 2)", "EXPR_SYNTAX", "positional argument follows keyword argument"],
    ["x $ 1", "EXPR_SYNTAX", "invalid character '$'"],
    ["é", "EXPR_SYNTAX", "U+00E9"],
    ["x[0]", "EXPR_UNSUPPORTED", "subscripts"],
    ["'a'", "EXPR_UNSUPPORTED", "string literals"],
    ["None", "EXPR_UNSUPPORTED", "None"],
    ["lambda: 1", "EXPR_UNSUPPORTED", "lambda"],
    ["(y := 1)", "EXPR_UNSUPPORTED", "':='"],
    ["[i for i in x]", "EXPR_UNSUPPORTED", "list"],
    ["{1: 2}", "EXPR_UNSUPPORTED", "dict"],
    ["(1, 2)", "EXPR_UNSUPPORTED", "tuples"],
    ["1j", "EXPR_UNSUPPORTED", "imaginary"],
    ["a is b", "EXPR_UNSUPPORTED", "'is'"],
    ["a not in b", "EXPR_UNSUPPORTED", "'not in'"],
    ["x.y", "EXPR_UNSUPPORTED", "math.NAME"],
    ["f(*a)", "EXPR_UNSUPPORTED", "unpacking"],
    ["f(x)(y)", "EXPR_UNSUPPORTED", "only named functions"],
    ["2(3)", "EXPR_UNSUPPORTED", "only named functions"],
  ])("%j → %s", (text, code, message) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.location).toBe("[aux.k]");
    expect(error.source).toBe("inline model");
  });

  it("quotes the expression with a caret under the problem", () => {
    const error = failure("a + * b");
    expect(error.message).toBe(
      "Invalid expression syntax: invalid syntax in [aux.k]:\n    a + * b\n        ^",
    );
  });

  it("carets index the text after ^ → ** rewriting", () => {
    expect(failure("x^2 +").message).toContain("    x**2 +\n          ^");
  });

  it("deep nesting is an error, not a stack overflow", () => {
    expect(failure(`${"(".repeat(500)}1${")".repeat(500)}`).message).toContain("too many nested parentheses");
    expect(failure(`${"-".repeat(5000)}1`).code).toBe("EXPR_UNSUPPORTED");
    expect(failure(`1${"+1".repeat(5000)}`).code).toBe("EXPR_UNSUPPORTED");
    expect(failure(`${"not ".repeat(5000)}1`).code).toBe("EXPR_UNSUPPORTED");
    expect(failure(`2${"**2".repeat(5000)}`).code).toBe("EXPR_UNSUPPORTED");
  });
});

describe("parseExpression: property", () => {
  const alphabet = [..."xy1 .e_+-*/%^()<>=!&|~,#\n\tabfnotiru'[]:j0;\\@"];
  const tokens = [
    "x",
    "1",
    "2.5",
    " ",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "(",
    ")",
    "<",
    "<=",
    "==",
    "not ",
    " and ",
    " or ",
    " if ",
    " else ",
    "sum(",
    " for i in range(3)",
    "math.",
    "sin(",
    ",",
    "k=",
    "True",
    "lag_x(",
    "^",
    "#c\n",
    "1e",
    "0x",
    "_",
  ];

  it("random strings only ever parse or throw ModelLoadError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...alphabet)).map((cs) => cs.join("")),
          fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((ts) => ts.join("")),
        ),
        (text) => {
          try {
            parseExpression(text, "[aux.k]");
          } catch (error) {
            if (!(error instanceof ModelLoadError)) throw error;
            expect(["EXPR_SYNTAX", "EXPR_UNSUPPORTED"]).toContain(error.code);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
