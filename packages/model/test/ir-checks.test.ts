/** Load-time expression checks (§3.3, §3.4, M-3, M-11) through parseModel, and the IR shape. */
import { describe, expect, it } from "vitest";
import { ModelLoadError } from "../src/errors.ts";
import { checkModelExpressions } from "../src/ir/check.ts";
import { checkExpressionIdentifiers, lowerModel } from "../src/ir/lowerModel.ts";
import { model } from "./helpers/models.ts";

const BASE = ['[model]\ntype = "ode"', "[states]\nx = 1.0\ny = 2.0", "[params]\na = 1.0"];

function loadError(...lines: string[]): ModelLoadError {
  try {
    model(...lines);
  } catch (error) {
    if (error instanceof ModelLoadError) return error;
    throw error;
  }
  throw new Error("expected a ModelLoadError");
}

const withRhs = (x: string, ...more: string[]): ModelLoadError =>
  loadError(...BASE, `[equations.rhs]\nx = ${JSON.stringify(x)}\ny = "0"`, ...more);

describe("unknown identifiers (§3.4)", () => {
  it("lists names sorted, with the location and a caret", () => {
    const error = loadError(
      ...BASE,
      '[aux]\nfoo = "zeta + baz * bar(x)"',
      '[equations.rhs]\nx = "foo"\ny = "0"',
    );
    expect(error.code).toBe("UNKNOWN_IDENTIFIER");
    expect(error.location).toBe("[aux.foo]");
    expect(error.message).toContain(
      "Unknown identifier(s) in [aux.foo]: bar, baz, zeta. Declare them as states/params/aux/functions or constants.",
    );
    expect(error.message).toContain("    zeta + baz * bar(x)\n                 ^");
  });

  it.each([
    ["[equations.rhs.x]", () => withRhs("x + q")],
    ["[equations].expr", () => loadError(...BASE, '[equations]\nexpr = "dx = q\\ndy = 0"')],
    ["[events.e].cond", () => withRhs("x", '[events.e]\ncond = "q > 0"')],
    ["[events.e].action.x", () => withRhs("x", '[events.e]\ncond = "x > 0"\naction.x = "q"')],
    ["[events.e].action", () => withRhs("x", '[events.e]\ncond = "x > 0"\naction = "x = q"')],
    ["[events.e].log[1]", () => withRhs("x", '[events.e]\ncond = "x > 0"\nlog = ["t", "q * 2"]')],
    ["[sim].stop", () => withRhs("x", '[sim]\nstop = "q > 0"')],
    ["[functions.f].expr", () => withRhs("x", '[functions.f]\nargs = ["u"]\nexpr = "u + q"')],
    [
      "[equations.jacobian].expr[0][1]",
      () => withRhs("x", '[equations.jacobian]\nexpr = [["0", "q"], ["0", "0"]]'),
    ],
  ])("location %s", (location, run) => {
    const error = run();
    expect(error.code).toBe("UNKNOWN_IDENTIFIER");
    expect(error.message).toContain(`Unknown identifier(s) in ${location}: q.`);
  });

  it("suggests a near name", () => {
    expect(withRhs("x + aa").message).toContain("Did you mean 'a'?");
  });

  it("lag_a() on a param is an unknown identifier", () => {
    expect(withRhs("lag_a()").message).toContain("Unknown identifier(s) in [equations.rhs.x]: lag_a.");
  });

  it("a syntax error anywhere is Invalid expression syntax with the location", () => {
    const error = withRhs("x +* 2");
    expect(error.code).toBe("EXPR_SYNTAX");
    expect(error.message).toContain("Invalid expression syntax: invalid syntax in [equations.rhs.x]");
  });
});

describe("calls (M-11) and macros (§3.3)", () => {
  it.each([
    ["f(1)", "f() expects 2 positional arguments (u, v), got 1"],
    ["f(1, 2, 3)", "f() expects 2 positional arguments (u, v), got 3"],
    ["sin(x, 1)", "sin() expects 1 positional argument, got 2"],
    ["min(x)", "min() expects at least 2 positional arguments, got 1"],
    ["round(x, 1, 2)", "round() expects 1 or 2 positional arguments, got 3"],
    ["round(x, a)", "round(x, n) is supported only with an integer literal n from 0 to 22"],
    ["round(x, 23)", "round(x, n) is supported only with an integer literal n from 0 to 22"],
    ["f(x, v=2)", "keyword arguments are not supported: f(v=...)"],
    ["sin + 1", "'sin' is a function, not a value; call it as sin(...)"],
    ["f", "'f' is a function, not a value"],
    ["math.sin", "'math.sin' is a function, not a value"],
    ["len(x)", "len() is not supported"],
    ["sum(x, y)", "sum() takes a single generator expression"],
    ["sum(x)", "sum() takes a single generator expression"],
    ["prod(i for i in range(3) for j in range(2))", "Only a single generator is supported inside prod(...)"],
    ["sum(i for i in [1, 2])", "lists"],
    ["sum(i for i in x)", "sum() generators must iterate over range(...)"],
    ["sum(i for i in range(1, 2, 3, 4))", "sum() generators must iterate over range(...)"],
    ["sum(x for x in range(3))", "loop variable 'x' shadows a declared name"],
    ["range(3)", "range() is only allowed as the iterator"],
    [
      "max(i for i in range(3))",
      "generator expressions are only supported as the single argument of sum(...) or prod(...)",
    ],
    ["x(1)", "'x' is not a function"],
    ["cross_up(x)", "cross_up() expects 2 positional arguments"],
    ["cross_up(x + 1, 2)", "cross_up() first argument must be a state identifier (e.g. x)"],
    [
      "cross_up(a, 1)",
      "lag_a() used in [equations.rhs.x], but 'a' is not a declared state. Lag notation only applies to state variables.",
    ],
    ["clip(x, 1)", "clip() expects 3 positional arguments, got 2"],
    ["lag_x(0)", "Lag depth must be positive, got lag_x(0)"],
    ["lag_x(1001)", "Lag depth 1001 exceeds sanity limit (1000) for lag_x"],
    ["lag_x(a)", "lag_x() expects no args or a single integer literal"],
    ["lag_x(1.0)", "lag_x() expects no args or a single integer literal"],
    ["lag_x(1, 2)", "lag_x() expects no args or a single integer literal"],
    ["x & 1", "unsupported operator '&'"],
    ["x << 1", "unsupported operator '<<'"],
    ["~x", "unsupported unary operator '~'"],
    ["x @ y", "unsupported operator '@'"],
  ])("%s → %s", (text, message) => {
    const error = withRhs(text, '[functions.f]\nargs = ["u", "v"]\nexpr = "u + v"');
    expect(error.message).toContain(message);
    expect(error.location).toBe("[equations.rhs.x]");
  });

  it("function bodies are checked even when unused", () => {
    expect(withRhs("x", '[functions.g]\nargs = ["u"]\nexpr = "sin(u, u)"').message).toContain(
      "sin() expects 1 positional argument, got 2 in [functions.g].expr",
    );
  });

  it("a Jacobian lag deeper than the scanned buffer is rejected", () => {
    const error = withRhs("lag_x(1)", '[equations.jacobian]\nexpr = [["lag_x(2)", "0"], ["0", "0"]]');
    expect(error.code).toBe("BAD_LAG");
    expect(error.message).toContain("lag_x(2) reads 2 committed step(s) back, but the model keeps 1 for 'x'");
  });

  it("exponential inlining is rejected at load instead of generating huge kernels", () => {
    const aux = ['a0 = "x"'];
    for (let i = 1; i <= 30; i++) aux.push(`a${i} = "a${i - 1} * a${i - 1}"`);
    const error = withRhs("a30", `[aux]\n${aux.join("\n")}`);
    expect(error.code).toBe("EXPR_UNSUPPORTED");
    expect(error.message).toContain("expands to more than 1000000 operations");
  });
});

describe("the check entry points", () => {
  const good = model(
    ...BASE,
    '[aux]\nk = "x * a"',
    '[equations.rhs]\nx = "k"\ny = "sum(i for i in range(3))"',
  );

  it("accept a valid spec and lower it deterministically", () => {
    expect(() => checkModelExpressions(good)).not.toThrow();
    expect(() => checkExpressionIdentifiers(good, "inline model")).not.toThrow();
    const ir = lowerModel(good);
    expect(ir.rhs[0]).toEqual({
      op: "mul",
      left: { op: "state", index: 0 },
      right: { op: "param", index: 0 },
    });
    // The aux is inlined as the very same node (a DAG), and aux[0] is it too.
    expect(ir.rhs[0]).toBe(ir.aux[0]);
    expect(ir.rhs[1]).toMatchObject({
      op: "reduce",
      kind: "sum",
      clauses: [{ start: { op: "num", value: 0 }, stop: { op: "num", value: 3 } }],
    });
    expect(Object.isFrozen(ir.rhs[1])).toBe(true);
    expect(JSON.stringify(lowerModel(good))).toBe(JSON.stringify(ir));
  });

  it("constants are inlined rounded to the dtype; x ** 2 becomes a product", () => {
    const spec = model(
      '[model]\ntype = "map"',
      "[constants]\nK = 0.1",
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "K * x ** 2 - pi"',
    );
    const f64 = lowerModel(spec);
    expect(f64.rhs[0]).toEqual({
      op: "sub",
      left: {
        op: "mul",
        left: { op: "num", value: 0.1 },
        right: { op: "mul", left: { op: "state", index: 0 }, right: { op: "state", index: 0 } },
      },
      right: { op: "num", value: Math.PI },
    });
    const f32 = lowerModel(spec, { dtype: "float32" });
    expect(JSON.stringify(f32.rhs[0])).toContain(String(Math.fround(0.1)));
    expect(JSON.stringify(f32.rhs[0])).toContain(String(Math.fround(Math.PI)));
  });
});
