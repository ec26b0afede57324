import { describe, expect, it } from "vitest";
import { ModelLoadError, modelFromObject, parseModel } from "../src/index.ts";

function thrown(run: () => unknown): ModelLoadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error("expected a ModelLoadError");
}

describe("semantic errors carry the line and column of their key (§1.4 should)", () => {
  it("a literal in [params] under a table header", () => {
    const error = thrown(() =>
      parseModel('[model]\ntype = "map"\n[states]\nx = 1.0\n[params]\nr = 1.0\nbeta = "1/0"\n'),
    );
    expect([error.location, error.line, error.column]).toEqual(["[params].beta", 7, 1]);
    expect(error.source).toBe("inline model");
  });
  it("an event cond in an inline table", () => {
    const text =
      'model = { type = "ode" }\nstates = { x = 1.0 }\nequations.rhs = { x = "-x" }\nevents.reset = { cond = "  ", log = ["t"] }\n';
    const error = thrown(() => parseModel(text));
    expect(error.location).toBe("[events.reset].cond");
    expect(error.line).toBe(4);
    expect(error.column).toBe(18);
  });
  it("an expression error found by the expression checks", () => {
    const text = '[model]\ntype = "map"\n[states]\nx = 1.0\n[aux]\nk = "x +* 2"\n[equations.rhs]\nx = "k"\n';
    const error = thrown(() => parseModel(text));
    expect(error.code).toBe("EXPR_SYNTAX");
    expect(error.message).toContain("Invalid expression syntax");
    expect(error.line).toBe(6);
  });
  it("object documents have no line information", () => {
    const error = thrown(() => modelFromObject({ model: { type: "map" }, states: { x: "1/0" } }));
    expect(error.location).toBe("[states].x");
    expect(error.line).toBeUndefined();
    expect(error.source).toBe("model object");
  });
});

describe("names (M-10)", () => {
  const base = (extra: string) =>
    `[model]\ntype = "map"\n[states]\nx = 1.0\n[equations.rhs]\nx = "x"\n${extra}`;
  it("rejects keywords, non-identifiers and integer event/preset names", () => {
    expect(thrown(() => parseModel(base('[aux]\nlambda = "x"\n'))).message).toContain(
      "'lambda' is a Python keyword",
    );
    expect(thrown(() => parseModel(base('[params]\n"a-b" = 1.0\n'))).message).toContain(
      "'a-b' is not a valid identifier",
    );
    expect(thrown(() => parseModel(base('[events.0]\ncond = "x > 1"\n'))).message).toContain(
      "must not be integers",
    );
    expect(
      thrown(() => parseModel(base("[presets.12]\nparams = { }\nstates = { x = 1.0 }\n"))).message,
    ).toContain("must not be integers");
    expect(thrown(() => parseModel(base('[functions.lag_y]\nexpr = "1"\n'))).code).toBe("BAD_NAME");
    expect(
      thrown(() => parseModel(base('[functions.f]\nargs = ["u", "u"]\nexpr = "u"\n'))).message,
    ).toContain("[functions.f].args must be unique");
    expect(thrown(() => parseModel(base('[functions.f]\nargs = ["1u"]\nexpr = "1"\n'))).message).toContain(
      "[functions.f].args must be a list of identifiers",
    );
    expect(thrown(() => parseModel(base('[functions.f]\nargs = "u"\nexpr = "1"\n'))).message).toContain(
      "[functions.f].args must be a list of strings",
    );
  });
});

describe("M-6 completeness and inverse equations", () => {
  it("needs at least one state, one equation per state, and inverse equations for every state", () => {
    expect(thrown(() => parseModel('[model]\ntype = "map"\n[states]\n')).message).toContain(
      "at least one state",
    );
    const twice = '[model]\ntype = "map"\n[states]\nx = 1.0\n[equations]\nexpr = """\nx = 1\nx = 2\n"""\n';
    expect(thrown(() => parseModel(twice)).message).toContain("more than one equation: x");
    const inverse =
      '[model]\ntype = "map"\n[states]\nx = 1.0\ny = 1.0\n[equations.rhs]\nx = "y"\ny = "x"\n[equations.inverse.rhs]\nx = "y"\n';
    expect(thrown(() => parseModel(inverse)).message).toContain(
      "[equations.inverse] no equation for state(s): y",
    );
    const ok = parseModel(
      inverse.replace('[equations.inverse.rhs]\nx = "y"', '[equations.inverse]\nexpr = "x = y\\ny = x"'),
    );
    expect(ok.inverseBlock).toBe("x = y\ny = x");
  });
});

describe("reference details of names and lag scan messages", () => {
  it("lists several uniqueness conflicts sorted, joined by '; ', sections in declaration-table order", () => {
    const text =
      '[model]\ntype = "map"\n[states]\ny = 1.0\nx = 1.0\n[params]\nx = 1.0\ny = 2.0\n[equations.rhs]\nx = "x"\ny = "y"\n';
    expect(thrown(() => parseModel(text)).message).toContain(
      "conflicts: x (states, params); y (states, params)",
    );
  });
  it("a depth error of a field wins over a non-state lag in the same field (comments are scanned)", () => {
    const text =
      '[model]\ntype = "map"\n[states]\nx = 1.0\n[equations.rhs]\nx = "x"\n[functions.g]\nexpr = "1  # flag_q() + lag_x(0)"\n';
    expect(thrown(() => parseModel(text)).message).toContain("Lag depth must be positive, got lag_x(0)");
  });
  it("a table-form stop condition is named [sim.stop].cond by the lag scan", () => {
    const text =
      '[model]\ntype = "map"\n[states]\nx = 1.0\n[params]\na = 1.0\n[equations.rhs]\nx = "x"\n[sim.stop]\ncond = "x > 1  # cross_up(a, 1)"\n';
    const error = thrown(() => parseModel(text));
    expect(error.message).toContain("lag_a() used in [sim.stop].cond, but 'a' is not a declared state.");
    expect(error.code).toBe("BAD_LAG");
  });
});
