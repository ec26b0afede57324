import { describe, expect, it } from "vitest";
import { ModelLoadError, splitActionBlock, splitEquationBlock } from "../src/index.ts";

function thrown(run: () => unknown): ModelLoadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error("expected a ModelLoadError");
}

describe("splitEquationBlock (§2.3, M-2)", () => {
  it("rewrites ^, skips comments and blank lines, resolves derivative notation, records offsets", () => {
    const block = "# header\n\n  dx = -a*x^2  \nd( y ) = x\n   # indented comment\nz = y # trailing";
    const statements = splitEquationBlock(block, "ode", ["x", "y", "z"], "[equations].expr");
    expect(statements.map((s) => [s.target, s.op, s.expr, s.line])).toEqual([
      ["x", "=", "-a*x**2", 2],
      ["y", "=", "x", 3],
      ["z", "=", "y # trailing", 5],
    ]);
    const rewritten = block.replaceAll("^", "**");
    for (const s of statements)
      expect(rewritten.slice(s.exprOffset, s.exprOffset + s.expr.length)).toBe(s.expr);
  });
  it("a state named delta is not d(elta)", () => {
    expect(splitEquationBlock("delta = -delta", "ode", ["delta"], "[equations].expr")[0]?.target).toBe(
      "delta",
    );
    expect(splitEquationBlock("ddelta = -delta", "ode", ["delta"], "[equations].expr")[0]?.target).toBe(
      "delta",
    );
  });
  it("splits at the first = only", () => {
    expect(splitEquationBlock("x = y == 1", "map", ["x", "y"], "[e]")[0]?.expr).toBe("y == 1");
  });
  it("errors: missing =, derivative notation in a map, unknown target (dq in an ODE)", () => {
    const missing = thrown(() =>
      splitEquationBlock("x -1", "ode", ["x"], "[equations].expr", "inline model"),
    );
    expect(missing.message).toContain("Block equation line must contain '=': 'x -1'");
    expect(missing.location).toBe("[equations].expr");
    expect(missing.source).toBe("inline model");
    expect(thrown(() => splitEquationBlock("d(x) = 1", "map", ["x"], "[e]")).message).toContain(
      "Map models do not support derivative notation (d(x) or dx)",
    );
    expect(thrown(() => splitEquationBlock("dq = 1", "ode", ["x"], "[e]")).message).toContain(
      "Equation targets must be declared in [states], unknown: ['dq']",
    );
  });
  it("handles CRLF and other Python line breaks like str.splitlines", () => {
    const s = splitEquationBlock("x = 1\r\ny = 2\rz = 3", "map", ["x", "y", "z"], "[e]");
    expect(s.map((st) => [st.target, st.expr, st.line])).toEqual([
      ["x", "1", 0],
      ["y", "2", 1],
      ["z", "3", 2],
    ]);
  });
});

describe("splitActionBlock (M-1, M-2)", () => {
  it("splits ';' statements, augmented forms, a ';' in a comment belongs to the comment", () => {
    const block = "x = 1; a += 2\n# full; comment\n\ny -= x  # note; not a statement\nb *= 2;c /= 4;";
    const statements = splitActionBlock(block, "[events.e].action");
    expect(statements.map((s) => [s.target, s.op, s.expr, s.line])).toEqual([
      ["x", "=", "1", 0],
      ["a", "+=", "2", 0],
      ["y", "-=", "x  # note; not a statement", 3],
      ["b", "*=", "2", 4],
      ["c", "/=", "4", 4],
    ]);
    for (const s of statements) expect(block.slice(s.exprOffset, s.exprOffset + s.expr.length)).toBe(s.expr);
  });
  it("rejects //=, %=, **= and ^= naming the supported forms", () => {
    for (const op of ["//=", "%=", "**=", "^="]) {
      const error = thrown(() => splitActionBlock(`x ${op} 2`, "[events.e].action"));
      expect(error.message).toContain("Supported forms: x = e, x += e, x -= e, x *= e, x /= e");
      expect(error.location).toBe("[events.e].action");
    }
    expect(thrown(() => splitActionBlock("x //= 2", "[a]")).message).toContain("'//='");
  });
  it("rejects a statement without =", () => {
    expect(thrown(() => splitActionBlock("x = 1; y", "[a]")).message).toContain("must contain '='");
  });
});
