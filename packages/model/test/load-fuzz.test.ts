import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinModelTexts } from "../src/builtins/embedded.generated.ts";
import { canonicalSpecJson, ModelLoadError, modelFromObject, parseModel, specHash } from "../src/index.ts";
import { DECAY_EVENT_TOML, DECAY_TOML, VEC3_TOML, VEC4_TOML } from "./hash-vectors.ts";

const SEEDS = [...Object.values(builtinModelTexts), DECAY_TOML, DECAY_EVENT_TOML, VEC3_TOML, VEC4_TOML];

/**
 * Loads `text`; passes when it returns a hashable spec or throws ModelLoadError, fails otherwise.
 * (How long a load takes is measured in bench/unit-timings.bench.ts, not here.)
 */
function loadsOrRejects(text: string): void {
  try {
    const spec = parseModel(text);
    expect(specHash(spec)).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(spec)).toBe(true);
  } catch (error) {
    if (!(error instanceof ModelLoadError)) {
      throw new Error(`non-ModelLoadError for input ${JSON.stringify(text)}: ${String(error)}`);
    }
    expect(typeof error.code).toBe("string");
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const KEYS = [
  "type",
  "name",
  "dtype",
  "label",
  "x",
  "y",
  "a",
  "rhs",
  "expr",
  "jacobian",
  "inverse",
  "cond",
  "action",
  "phase",
  "log",
  "tags",
  "record",
  "stop",
  "t0",
  "dt",
  "t_end",
  "max_steps",
  "args",
  "params",
  "states",
  "pi",
  "t",
  "lag_x",
  "K",
  "0",
  "action.x",
  "__proto__",
  "constructor",
];
const EXPRS = [
  "x",
  "-a * x",
  "lag_x(2)",
  "lag_x(0)",
  "lag_q()",
  "cross_up(x, 1)",
  "x +",
  "1/0",
  "2**10**9",
  "f(1)",
  "sum(i for i in range(3))",
  "x if x > 0 else -x",
  "not x",
  "(",
  ")",
  "x // 0",
  "1e400",
  "True",
  "",
  " ",
  "# c",
  "x = 1; a += 2",
  "dx = -x",
  "d(x) = 1",
  "x //= 2",
  "a[0]",
  "'s'",
  "lambda: 1",
  "x^2",
];

const tomlValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EXPRS).map((e) => JSON.stringify(e)),
  fc.integer().map(String),
  fc
    .double()
    .map((d) => (Number.isFinite(d) ? d.toExponential() : Number.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf")),
  fc.constantFrom(
    "true",
    "false",
    "[]",
    "{}",
    '["t", "x"]',
    '["b", "a", "a"]',
    "[[0, 1], [1, 0]]",
    "1979-05-27",
    '{ x = "1" }',
    "1e6",
  ),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);

const line: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS), tomlValue).map(([k, v]) => `${k} = ${v}`),
  fc.constantFrom(
    "[model]",
    "[states]",
    "[params]",
    "[constants]",
    "[aux]",
    "[equations]",
    "[equations.rhs]",
    "[equations.jacobian]",
    "[equations.inverse]",
    "[events.e]",
    "[events.0]",
    "[functions.f]",
    "[presets.p]",
    "[sim]",
    "[sim.stop]",
    "[meta]",
    "#! other",
    "#! dynlib",
    "",
  ),
);

const mutation: fc.Arbitrary<{ kind: number; a: number; b: number; text: string }> = fc.record({
  kind: fc.integer({ min: 0, max: 6 }),
  a: fc.nat(),
  b: fc.nat(),
  text: line,
});

function applyMutation(lines: string[], m: { kind: number; a: number; b: number; text: string }): void {
  if (lines.length === 0) {
    lines.push(m.text);
    return;
  }
  const i = m.a % lines.length;
  const current = lines[i] as string;
  switch (m.kind) {
    case 0: // delete a line
      lines.splice(i, 1);
      break;
    case 1: // duplicate a line
      lines.splice(i, 0, current);
      break;
    case 2: {
      // swap two adjacent characters
      if (current.length < 2) break;
      const j = m.b % (current.length - 1);
      lines[i] =
        current.slice(0, j) + (current[j + 1] as string) + (current[j] as string) + current.slice(j + 2);
      break;
    }
    case 3: // insert a random key = value / header line
      lines.splice(i, 0, m.text);
      break;
    case 4: {
      // replace the value of a key = value line
      const eq = current.indexOf("=");
      if (eq < 0) break;
      const value = m.text.includes("=") ? m.text.slice(m.text.indexOf("=") + 1) : ` ${m.text}`;
      lines[i] = current.slice(0, eq + 1) + value;
      break;
    }
    case 5: {
      // delete or insert one character
      const j = m.b % (current.length + 1);
      lines[i] =
        m.a % 2 === 0
          ? current.slice(0, j) + current.slice(j + 1)
          : current.slice(0, j) + "=[]{}\"'#.,\\^;"[m.b % 13] + current.slice(j);
      break;
    }
    default: {
      // move a line elsewhere
      const [moved] = lines.splice(i, 1);
      lines.splice(m.b % (lines.length + 1), 0, moved as string);
    }
  }
}

describe("property: parseModel only returns a spec or throws ModelLoadError", () => {
  it("holds for thousands of mutated builtin and §5.3 documents", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, mutations) => {
          const lines = seed.split("\n");
          for (const m of mutations) applyMutation(lines, m);
          loadsOrRejects(lines.join("\n"));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("holds for random documents assembled from DSL lines", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        loadsOrRejects(["[model]", 'type = "map"', ...lines].join("\n"));
        loadsOrRejects(lines.join("\n"));
      }),
      { numRuns: 1000 },
    );
  });

  it("holds for random expressions in every expression slot", () => {
    const token = fc.constantFrom(
      "x",
      "y",
      "a",
      "t",
      "pi",
      "1",
      "2.5",
      "1e3",
      "0x1f",
      "+",
      "-",
      "*",
      "/",
      "//",
      "%",
      "**",
      "^",
      "(",
      ")",
      ",",
      "<",
      "==",
      "and",
      "or",
      "not",
      "if",
      "else",
      "for",
      "in",
      "sin",
      "lag_x",
      "lag_a",
      "cross_up",
      "sum",
      "range",
      "math.",
      "#",
      "\n",
      " ",
      "True",
      "[",
      "]",
      "'",
      "lambda",
      ":",
      "=",
      ";",
      "f",
    );
    const expression = fc.array(token, { maxLength: 14 }).map((parts) => parts.join(""));
    const slot = fc.constantFrom(
      "rhs",
      "aux",
      "function",
      "cond",
      "action",
      "log",
      "stop",
      "jacobian",
      "block",
    );
    fc.assert(
      fc.property(slot, expression, (where, expr) => {
        const q = JSON.stringify(expr);
        const parts = ['[model]\ntype = "ode"\n[states]\nx = 1.0\ny = 0.0\n[params]\na = 1.0\n'];
        parts.push(where === "aux" ? `[aux]\nk = ${q}\n` : "");
        parts.push(where === "function" ? `[functions.f]\nargs = ["u"]\nexpr = ${q}\n` : "");
        parts.push(
          where === "block"
            ? `[equations]\nexpr = ${q}\n`
            : `[equations.rhs]\nx = ${where === "rhs" ? q : '"-x"'}\ny = "x"\n`,
        );
        if (where === "cond" || where === "action" || where === "log") {
          parts.push(`[events.e]\ncond = ${where === "cond" ? q : '"x > 1"'}\n`);
          if (where === "action") parts.push(`action = ${q}\n`);
          if (where === "log") parts.push(`log = ["t", ${q}]\n`);
        }
        if (where === "stop") parts.push(`[sim]\nstop = ${q}\n`);
        if (where === "jacobian") parts.push(`[equations.jacobian]\nexpr = [[${q}, "0"], ["1", "a"]]\n`);
        loadsOrRejects(parts.join(""));
      }),
      { numRuns: 2000 },
    );
  });

  it("holds for arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (text) => loadsOrRejects(text)),
      { numRuns: 1000 },
    );
  });

  it("holds for random plain objects given to modelFromObject", () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.double(),
      fc.bigInt(),
      fc.boolean(),
      fc.constantFrom(...EXPRS),
    );
    const { doc } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 3 }), tie("table")),
      table: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
      doc: fc.record({
        model: fc.oneof(fc.constant({ type: "ode" }), fc.constant({ type: "map" }), tie("table")),
        states: fc.oneof(fc.constant({ x: 1.0 }), tie("table")),
        equations: fc.oneof(fc.constant({ rhs: { x: "-x" } }), tie("table")),
        events: fc.oneof(
          fc.constant({}),
          fc.dictionary(fc.constantFrom("e", "f", "1"), tie("table"), { maxKeys: 2 }),
        ),
        sim: fc.oneof(fc.constant({}), tie("table")),
      }),
    }));
    fc.assert(
      fc.property(doc, (document) => {
        try {
          const spec = modelFromObject(document as Record<string, unknown>);
          expect(canonicalSpecJson(spec).startsWith("{")).toBe(true);
        } catch (error) {
          if (!(error instanceof ModelLoadError)) throw new Error(`non-ModelLoadError: ${String(error)}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
