import { describe, expect, it } from "vitest";
import { canonicalSpecJson, ModelLoadError, modelFromObject, parseModel, specHash } from "../src/index.ts";

function thrown(run: () => unknown): ModelLoadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error("expected a ModelLoadError");
}

/** A valid two-state ODE document to vary. */
const ode = (extra = "", states = "x = 1.0\ny = 0.0", rhs = 'x = "-a * x"\ny = "x - y"') =>
  `[model]\ntype = "ode"\n[states]\n${states}\n[params]\na = 1.0\nb = 2.0\n[equations.rhs]\n${rhs}\n${extra}`;
const map1 = (extra = "") =>
  `[model]\ntype = "map"\n[states]\nx = 0.5\n[params]\na = 1.0\n[equations.rhs]\nx = "a * x"\n${extra}`;

describe("§8 item 8: [model] and required tables", () => {
  it("missing [model] / [states]", () => {
    expect(thrown(() => parseModel("[states]\nx = 1.0\n")).message).toContain(
      "Missing required table [model]",
    );
    expect(thrown(() => parseModel('[model]\ntype = "ode"\n')).message).toContain(
      "Missing required table [states]",
    );
  });
  it("a bad type, label, an ODE with dtype int32", () => {
    expect(thrown(() => parseModel(ode().replace('type = "ode"', 'type = "dde"'))).message).toContain(
      "[model].type must be 'ode' or 'map'",
    );
    expect(
      thrown(() => parseModel(ode().replace('type = "ode"', 'type = "ode"\nlabel = "L"'))).message,
    ).toContain("[model].label is no longer supported; use [model].name");
    const dtype = thrown(() => parseModel(ode().replace('type = "ode"', 'type = "ode"\ndtype = "int32"')));
    expect(dtype.message).toContain("ODE models require a floating dtype (float32/float64/float16/bfloat16)");
    expect(dtype.location).toBe("[model].dtype");
    expect(dtype.line).toBe(3);
  });
  it('dtype = "double" hashes as float64; unsupported dtypes are rejected (M-16)', () => {
    const double = parseModel(ode().replace('type = "ode"', 'type = "ode"\ndtype = "double"'));
    expect(double.dtype).toBe("float64");
    expect(specHash(double)).toBe(specHash(parseModel(ode())));
    expect(parseModel(ode().replace('type = "ode"', 'type = "ode"\ndtype = "single"')).dtype).toBe("float32");
    const f16 = thrown(() => parseModel(ode().replace('type = "ode"', 'type = "ode"\ndtype = "float16"')));
    expect(f16.code).toBe("UNSUPPORTED_DTYPE");
    expect(f16.message).toContain("float32, float64");
    expect(
      thrown(() => parseModel(ode().replace('type = "ode"', 'type = "ode"\nname = 3'))).message,
    ).toContain("[model].name must be a string");
  });
});

describe("§8 item 9: [equations] keys", () => {
  it("rsh suggests rhs, listing all four keys", () => {
    const error = thrown(() => parseModel(ode().replace("[equations.rhs]", "[equations.rsh]")));
    expect(error.message).toContain(
      "Unknown key(s) in [equations]: 'rsh' (did you mean 'rhs'?). Valid keys: rhs, expr, jacobian, inverse",
    );
    expect(error.suggestions).toEqual(["rhs"]);
  });
  it("exprs gives the unknown-key message suggesting expr", () => {
    const error = thrown(() => parseModel(`${ode()}[equations.jacobian]\nexprs = [["0"]]\n`));
    expect(error.message).toContain(
      "Unknown key(s) in [equations.jacobian]: 'exprs' (did you mean 'expr'?). Valid keys: expr",
    );
    const top = thrown(() =>
      parseModel(ode().replace("[equations.rhs]", '[equations]\nexprs = "x = 1"\n[equations.rhs]')),
    );
    expect(top.message).toContain("Unknown key(s) in [equations]: 'exprs' (did you mean 'expr'?)");
  });
  it("[equations.inverse] in an ODE is rejected", () => {
    const error = thrown(() => parseModel(`${ode()}[equations.inverse.rhs]\nx = "x"\n`));
    expect(error.message).toContain("[equations.inverse] is only supported for map models");
  });
});

describe("§8 item 10: equation targets", () => {
  it("a state in rhs and block → Duplicate equation targets across rhs and block: ['x']", () => {
    const text = ode().replace("[equations.rhs]", '[equations]\nexpr = "dx = -x"\n[equations.rhs]');
    expect(thrown(() => parseModel(text)).message).toContain(
      "Duplicate equation targets across rhs and block: ['x']",
    );
  });
  it("an rhs key that is no state → the unknown-targets message", () => {
    const error = thrown(() => parseModel(ode("", "x = 1.0\ny = 0.0", 'x = "-x"\ny = "x"\nfoo = "1"')));
    expect(error.message).toContain("Equation targets must be declared in [states], unknown: ['foo']");
    expect(error.code).toBe("BAD_EQUATIONS");
  });
  it("an ODE block line dq = … with no state q reports 'dq'", () => {
    const text = `[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations]\nexpr = """\ndx = -x\ndq = 1\n"""\n`;
    expect(thrown(() => parseModel(text)).message).toContain("unknown: ['dq']");
  });
});

describe("§8 item 11: block left sides", () => {
  it("a map block line dx = … is rejected", () => {
    const text = `[model]\ntype = "map"\n[states]\nx = 0.5\n[equations]\nexpr = "dx = x / 2"\n`;
    expect(thrown(() => parseModel(text)).message).toContain(
      "Map models do not support derivative notation (d(x) or dx)",
    );
  });
  it("an ODE with state delta accepts delta = -delta", () => {
    const spec = parseModel(
      `[model]\ntype = "ode"\n[states]\ndelta = 1.0\n[equations]\nexpr = "delta = -delta"\n`,
    );
    expect(spec.equationsBlock).toBe("delta = -delta");
  });
  it("d(x) = … and x = … both set dx/dt (and hash differently, as written)", () => {
    const a = parseModel(
      `[model]\ntype = "ode"\n[states]\nx = 1.0\ny = 1.0\n[equations]\nexpr = """\nd(x) = -x\ny = -y\n"""\n`,
    );
    expect(a.equationsBlock).toBe("d(x) = -x\ny = -y\n");
    const missingEq = thrown(() =>
      parseModel(`[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations]\nexpr = "x -x"\n`),
    );
    expect(missingEq.message).toContain("Block equation line must contain '=': 'x -x'");
  });
});

describe("§8 item 12: reserved, unique and constant names", () => {
  it("param pi → the reserved message", () => {
    expect(thrown(() => parseModel(ode().replace("b = 2.0", "pi = 3.0"))).message).toContain(
      "[params] name(s) pi are reserved (reserved: e, pi, t)",
    );
  });
  it("x in states and params → the uniqueness message", () => {
    expect(thrown(() => parseModel(ode().replace("b = 2.0", "x = 3.0"))).message).toContain(
      "Identifiers must be unique across states/params/aux/functions/constants; conflicts: x (states, params)",
    );
  });
  it("constant K reused as a state → the constant message", () => {
    const text = `[model]\ntype = "map"\n[constants]\nK = 2.0\n[states]\nK = 1.0\n[equations.rhs]\nK = "K"\n`;
    expect(thrown(() => parseModel(text)).message).toContain(
      "K is defined as a constant and cannot be reused as a state.",
    );
    const asParam = `[model]\ntype = "map"\n[constants]\nK = 2.0\n[states]\nx = 1.0\n[params]\nK = 1.0\n[equations.rhs]\nx = "x"\n`;
    expect(thrown(() => parseModel(asParam)).message).toContain("cannot be reused as a parameter.");
  });
});

describe("§8 item 13: cycles", () => {
  it('aux a = "b", b = "a" → Cyclic dependency detected involving \'a\' with the path', () => {
    const error = thrown(() =>
      parseModel(ode('[aux]\na = "b"\nb = "a"\n', "x = 1.0\ny = 0.0").replace("a = 1.0\nb = 2.0", "p = 1.0")),
    );
    expect(error.message).toContain("Cyclic dependency detected involving 'a'");
    expect(error.message).toContain("a -> b -> a");
    expect(error.code).toBe("CYCLE");
  });
  it("a cycle through a function names the first cycle in declaration order", () => {
    const text = `[model]\ntype = "map"\n[states]\nx = 1.0\n[aux]\nu = "x"\nv = "g(x)"\n[functions.g]\nargs = ["z"]\nexpr = "z + v"\n[equations.rhs]\nx = "u"\n`;
    expect(thrown(() => parseModel(text)).message).toContain(
      "Cyclic dependency detected involving 'v': v -> g -> v",
    );
  });
});

describe("§8 item 14: unknown identifiers", () => {
  it("Unknown identifier(s) in [aux.foo]: bar, baz. … lists names sorted, with location", () => {
    const error = thrown(() => parseModel(ode('[aux]\nfoo = "baz + bar * x"\n')));
    expect(error.message).toContain("Unknown identifier(s) in [aux.foo]: bar, baz.");
    expect(error.location).toBe("[aux.foo]");
  });
});

describe("§8 item 15: literal strings", () => {
  const param = (value: string) => parseModel(ode().replace("b = 2.0", `b = ${value}`)).paramVals[1];
  it('"8/4" → 2.0, "2*3" → 6n, "7//2" → 3n, "2*pi" → 6.283185307179586', () => {
    expect(param('"8/4"')).toBe(2);
    expect(typeof param('"8/4"')).toBe("number");
    expect(param('"2*3"')).toBe(6n);
    expect(param('"7//2"')).toBe(3n);
    expect(param('"2*pi"')).toBe(6.283185307179586);
    expect(param('"-7.5//2"')).toBe(-4);
    expect(param('"2**70"')).toBe(1180591620717411303424n);
    expect(param('"2^10"')).toBe(1024n);
    expect(param('"1e400"')).toBe(Number.POSITIVE_INFINITY);
    expect(param('"1_000 + 0x10 + .5"')).toBe(1016.5);
    expect(param('"-7 % 3"')).toBe(2n);
    expect(param('"2**-1"')).toBe(0.5);
    expect(param('"(2**80 + 1) / 2**80"')).toBe(1);
  });
  it('"1/0" → division by zero; "foo" → the allowed-constants message; TOML true → got boolean', () => {
    expect(thrown(() => param('"1/0"')).message).toContain("[params].b has a division by zero");
    expect(thrown(() => param('"1 % 0"')).message).toContain("has a division by zero");
    expect(thrown(() => param('"0 ** -1"')).message).toContain("has a division by zero");
    const text = `[model]\ntype = "map"\n[constants]\nK = 2.0\n[states]\nx = 1.0\n[params]\na = "foo"\n[equations.rhs]\nx = "x"\n`;
    expect(thrown(() => parseModel(text)).message).toContain(
      "[params].a contains unknown identifier 'foo'. Allowed constants: K, e, pi.",
    );
    const bool = thrown(() => param("true"));
    expect(bool.message).toContain("[params].b must be a number or numeric expression string, got boolean");
    expect(bool.code).toBe("BAD_LITERAL");
  });
  it("the other literal errors of §2.2", () => {
    expect(thrown(() => param('""')).message).toContain(
      "[params].b must be a numeric literal or expression, got empty string",
    );
    expect(thrown(() => param('"8/"')).message).toContain(
      "[params].b must be a numeric literal or arithmetic expression (e.g. '8/3')",
    );
    expect(thrown(() => param('"sin(1)"')).message).toContain(
      "must be composed of numbers and arithmetic operators (e.g. '8/3')",
    );
    expect(thrown(() => param('"1 < 2"')).message).toContain(
      "must be composed of numbers and arithmetic operators",
    );
    expect(thrown(() => param('"not 1"')).message).toContain("contains an unsupported unary operator");
    expect(thrown(() => param('"1 & 2"')).message).toContain("contains an unsupported operator");
    expect(thrown(() => param('"1 << 2"')).message).toContain("contains an unsupported operator");
    expect(thrown(() => param('"True"')).message).toContain(
      "[params].b must evaluate to a number, got boolean",
    );
    expect(thrown(() => param('"(-8.0) ** 0.5"')).message).toContain("complex");
    expect(thrown(() => param('"10.0 ** 400"')).message).toContain("overflow");
    expect(thrown(() => param('"2 ** 10 ** 9"')).code).toBe("BAD_LITERAL");
    expect(thrown(() => param("[1]")).message).toContain("got array");
  });
  it("a constant may use only earlier constants", () => {
    const text = (c: string) =>
      `[model]\ntype = "map"\n[constants]\n${c}\n[states]\nx = "B"\n[equations.rhs]\nx = "x"\n`;
    expect(parseModel(text('A = 2\nB = "A * 3"')).stateIc).toEqual([6n]);
    expect(thrown(() => parseModel(text('B = "A * 3"\nA = 2'))).message).toContain(
      "[constants].B contains unknown identifier 'A'. Allowed constants: e, pi.",
    );
  });
});

describe("§8 item 16: event phase and record", () => {
  const ev = (body: string) => ode(`[events.e]\ncond = "x > 1"\n${body}\n`);
  it('phase "pre" → the deprecation message; "middle" → start/end/both', () => {
    expect(thrown(() => parseModel(ev('phase = "pre"'))).message).toContain(
      "pre is deprecated. Use start for event phase.",
    );
    expect(thrown(() => parseModel(ev('phase = "middle"'))).message).toContain(
      "[events.e].phase must be 'start'|'end'|'both'",
    );
    expect(parseModel(ev('phase = "both"')).events[0]?.phase).toBe("both");
    expect(parseModel(ev("")).events[0]?.phase).toBe("end");
  });
  it("an event record key → the log=['t'] message", () => {
    expect(thrown(() => parseModel(ev("record = true"))).message).toContain(
      "[events.e].record is no longer supported. Use log=['t']",
    );
  });
});

describe("§8 item 17: event targets and tags", () => {
  it("a keyed action on an aux → may mutate only states/params; illegal: ['E']", () => {
    const text = ode('[aux]\nE = "x * x"\n[events.e]\ncond = "x > 1"\naction.E = "0"\n');
    const error = thrown(() => parseModel(text));
    expect(error.message).toContain("[events.e] may mutate only states/params; illegal: ['E']");
    expect(error.line).toBe(16);
    expect(error.location).toBe("[events.e].action");
  });
  it('tag "1x" is invalid; tags ["b","a","a"] become ["a","b"]', () => {
    const ev = (tags: string) => ode(`[events.e]\ncond = "x > 1"\ntags = ${tags}\n`);
    expect(thrown(() => parseModel(ev('["1x"]'))).message).toContain(
      "[events.e] tag '1x' is invalid. Tags must start with a letter or underscore",
    );
    const spec = parseModel(ev('["b", "a", "a"]'));
    expect(spec.events[0]?.tags).toEqual(["a", "b"]);
    expect(spec.tagIndex).toEqual({ a: ["e"], b: ["e"] });
  });
});

describe("§8 item 18: presets", () => {
  const preset = (body: string) => ode(`[presets.p]\n${body}\n`);
  it("unknown param → message with the sorted valid params", () => {
    expect(thrown(() => parseModel(preset("params = { q = 1.0 }"))).message).toContain(
      "[presets.p].params contains unknown parameter(s): ['q']. Valid params: ['a', 'b']",
    );
  });
  it("empty preset → must define at least one param or state", () => {
    expect(thrown(() => parseModel(preset("params = {}"))).message).toContain(
      "[presets.p] must define at least one param or state",
    );
  });
  it("a string value → must be a number", () => {
    expect(thrown(() => parseModel(preset('params = { a = "1" }'))).message).toContain(
      "[presets.p].params.a must be a number, got string",
    );
  });
  it("int/float kept; empty states → null", () => {
    const spec = parseModel(preset("params = { a = 3, b = 2.5 }"));
    expect(spec.presets).toEqual([{ name: "p", params: { a: 3n, b: 2.5 }, states: null }]);
  });
});

describe("§8 item 19: [sim]", () => {
  const sim = (body: string) => ode(`[sim]\n${body}\n`);
  it("[sim.stop] phase = \"pre\" → must be 'post'", () => {
    expect(thrown(() => parseModel(ode('[sim.stop]\ncond = "x > 1"\nphase = "pre"\n'))).message).toContain(
      "[sim.stop].phase must be 'post'",
    );
  });
  it("a blank stop cond → error", () => {
    expect(thrown(() => parseModel(ode('[sim.stop]\ncond = "  "\n'))).message).toContain(
      "[sim.stop].cond must be a non-empty string",
    );
    expect(thrown(() => parseModel(sim('stop = ""'))).code).toBe("BAD_SIM");
    expect(thrown(() => parseModel(sim("stop = 3"))).message).toContain(
      "[sim].stop must be a table ([sim.stop]) or a string expression",
    );
  });
  it('record = "false" → type error (M-8); t0 = "0.5" too', () => {
    expect(thrown(() => parseModel(sim('record = "false"'))).message).toContain(
      "[sim].record must be a boolean",
    );
    expect(thrown(() => parseModel(sim('t0 = "0.5"'))).message).toContain(
      "[sim].t0 must be a finite number, got string",
    );
    expect(thrown(() => parseModel(sim("dt = 0.0"))).message).toContain("[sim].dt must be > 0");
    expect(thrown(() => parseModel(sim("max_steps = 1.5"))).message).toContain(
      "[sim].max_steps must be an integer >= 1",
    );
  });
  it("defaults, float storage and extras", () => {
    const spec = parseModel(sim('t_end = 10\nmax_steps = 1e6\nstepper = "rk45"\ntol = { a = 1 }'));
    expect(spec.sim).toEqual({
      t0: 0,
      tEnd: 10,
      dt: 0.01,
      stepper: "rk45",
      record: true,
      atol: 1e-8,
      rtol: 1e-5,
      maxSteps: 1000000n,
      stop: null,
      stepperDefaults: { tol: { a: 1n } },
    });
    expect(parseModel(map1()).sim.stepper).toBe("map");
  });
});

describe("§8 item 20: the Jacobian", () => {
  it("a 2-state model with a 2×1 Jacobian → the columns message", () => {
    const error = thrown(() => parseModel(`${ode()}[equations.jacobian]\nexpr = [["-a"], ["1"]]\n`));
    expect(error.message).toContain(
      "[equations.jacobian].expr[0] must have 2 columns to match [states]; got 1",
    );
    const rows = thrown(() => parseModel(`${ode()}[equations.jacobian]\nexpr = [["-a", "0"]]\n`));
    expect(rows.message).toContain("[equations.jacobian].expr must have 2 rows to match [states]; got 1");
  });
  it('numeric entries become "1e-05", "0", "1000000000000000.0"', () => {
    const spec = parseModel(`${ode()}[equations.jacobian]\nexpr = [[1e-5, 0], [1e15, "-1"]]\n`);
    expect(spec.jacobianExprs).toEqual([
      ["1e-05", "0"],
      ["1000000000000000.0", "-1"],
    ]);
    expect(
      thrown(() => parseModel(`${ode()}[equations.jacobian]\nexpr = [[true, 0], [0, 0]]\n`)).message,
    ).toContain("got boolean");
  });
});

describe("§8 item 21: lag notation", () => {
  const withAux = (expr: string) => parseModel(ode(`[aux]\nq = "${expr}"\n`));
  it("lag_x(0) and lag_x(1001) give the depth messages", () => {
    expect(thrown(() => withAux("lag_x(0)")).message).toContain("Lag depth must be positive, got lag_x(0)");
    expect(thrown(() => withAux("lag_x(1001)")).message).toContain(
      "Lag depth 1001 exceeds sanity limit (1000) for lag_x",
    );
  });
  it("lag_a() on a param → Unknown identifier(s) in [aux.q]: lag_a", () => {
    expect(thrown(() => withAux("lag_a()")).message).toContain("Unknown identifier(s) in [aux.q]: lag_a");
  });
  it("lag_x(k) → expects no args or a single integer literal", () => {
    expect(thrown(() => withAux("lag_x(a)")).message).toContain(
      "lag_x() expects no args or a single integer literal",
    );
  });
  it("cross_up(a, 1) on a param → the not-a-declared-state message of the lag scan", () => {
    expect(thrown(() => withAux("cross_up(a, 1)")).message).toContain(
      "lag_a() used in [aux.q], but 'a' is not a declared state. Lag notation only applies to state variables.",
    );
  });
  it("a lag scan feeds lagMap (bufferLen, ringOffset, headIndex)", () => {
    const spec = withAux("lag_y(3) + lag_x()");
    expect(spec.lagMap).toEqual({ x: [2, 0, 0], y: [4, 2, 1] });
    expect(spec.equationsUseLag).toBe(false);
  });
});

describe("§8 item 22: decisions M-6, M-9, M-10, M-11, M-12", () => {
  it("M-6 names a map state without equation", () => {
    const text = `[model]\ntype = "map"\n[states]\nx = 1.0\ny = 2.0\n[equations.rhs]\nx = "y"\n`;
    expect(thrown(() => parseModel(text)).message).toContain(
      "[equations] no equation for state(s): y (write `y = y` to keep a map state, `dy = 0` for a constant ODE state)",
    );
  });
  it("M-9 suggests action for acton", () => {
    const error = thrown(() => parseModel(ode('[events.e]\ncond = "x > 1"\nacton = "x = 0"\n')));
    expect(error.message).toContain("'acton' (did you mean 'action'?)");
    expect(error.suggestions).toEqual(["action"]);
  });
  it("M-10 rejects a function named max", () => {
    const error = thrown(() => parseModel(ode('[functions.max]\nargs = ["u", "v"]\nexpr = "u"\n')));
    expect(error.code).toBe("BAD_NAME");
    expect(error.message).toContain("[functions.max]");
  });
  it("M-11 rejects f(1) for a two-argument f", () => {
    const text = ode(
      '[functions.f]\nargs = ["u", "v"]\nexpr = "u + v"\n',
      "x = 1.0\ny = 0.0",
      'x = "f(1)"\ny = "x"',
    );
    expect(thrown(() => parseModel(text)).code).toBe("BAD_CALL");
  });
  it('M-12 rejects cond = ""', () => {
    expect(thrown(() => parseModel(ode('[events.e]\ncond = ""\n'))).message).toContain(
      "[events.e].cond must be a string expression",
    );
  });
});

describe("spec shape (§2.8)", () => {
  it("expression strings are verbatim and the spec is deep-frozen", () => {
    const spec = modelFromObject({
      model: { type: "ode" },
      states: { x: 1.0 },
      equations: { rhs: { x: "  -x  " } },
      events: { e: { cond: " x > 2 ", action: "x = 0; x += 1" } },
    });
    expect(spec.equationsRhs).toEqual({ x: "  -x  " });
    expect(spec.events[0]?.cond).toBe(" x > 2 ");
    expect(Object.isFrozen(spec.events[0])).toBe(true);
    expect(() => {
      (spec.states as string[]).push("y");
    }).toThrow(TypeError);
    expect(canonicalSpecJson(spec)).toContain('"action_block":"x = 0; x += 1"');
  });
});
