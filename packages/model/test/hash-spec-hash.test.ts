import { pythonFloatRepr } from "@dyn/core";
import { describe, expect, it } from "vitest";
import { canonicalSpecJson, modelFromObject, parseModel, specHash } from "../src/index.ts";
import {
  DECAY_EVENT_HASH,
  DECAY_EVENT_JSON,
  DECAY_EVENT_TOML,
  DECAY_HASH,
  DECAY_JSON,
  DECAY_TOML,
  VEC3_HASH,
  VEC3_JSON,
  VEC3_TOML,
  VEC4_HASH,
  VEC4_JSON,
  VEC4_TOML,
} from "./hash-vectors.ts";

const base = `[model]
type = "ode"
[states]
x = 1.0
y = 2.0
[params]
a = 1.0
[aux]
p = "a * x"
q = "a * y"
[equations.rhs]
x = "-a * x + p"
y = "x - y + q"
`;

describe("§8 item 41: vectors 1–4 and the float formatter", () => {
  const vectors = [
    ["1 decay", DECAY_TOML, DECAY_JSON, DECAY_HASH],
    ["2 decay_with_event", DECAY_EVENT_TOML, DECAY_EVENT_JSON, DECAY_EVENT_HASH],
    ["3 constants/lag/macro/tags/preset/stop/extra", VEC3_TOML, VEC3_JSON, VEC3_HASH],
    ["4 formatter and escaping", VEC4_TOML, VEC4_JSON, VEC4_HASH],
  ] as const;
  for (const [name, toml, json, hash] of vectors) {
    it(`vector ${name}: canonical JSON and hash reproduce exactly`, () => {
      const spec = parseModel(toml);
      expect(canonicalSpecJson(spec)).toBe(json);
      expect(specHash(spec)).toBe(hash);
    });
  }

  it("maps the §5.2 float and int forms", () => {
    const cases: [number, string][] = [
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [1e-5, "1e-05"],
      [0.0001, "0.0001"],
      [-0, "-0.0"],
      [1.5e-7, "1.5e-07"],
      [1.2345678901234568e17, "1.2345678901234568e+17"],
      [5e-324, "5e-324"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      [Number.NaN, "NaN"],
    ];
    for (const [value, text] of cases) expect(pythonFloatRepr(value)).toBe(text);
    // Through the canonical JSON: params keep float/int forms, 2n**70n prints its digits.
    const spec = modelFromObject({
      model: { type: "ode" },
      states: { x: 1e16 },
      params: { a: 5e-324, b: 2n ** 70n, c: Number.NaN, d: -0 },
      equations: { rhs: { x: "0" } },
    });
    const json = canonicalSpecJson(spec);
    expect(json).toContain('"param_vals":[5e-324,1180591620717411303424,NaN,-0.0]');
    expect(json).toContain('"state_ic":[1e+16]');
  });
});

describe("§8 item 42: what the hash covers", () => {
  const h = (text: string): string => specHash(parseModel(text));

  it("reordering rhs or aux keys keeps the hash", () => {
    const reordered = base
      .replace('p = "a * x"\nq = "a * y"', 'q = "a * y"\np = "a * x"')
      .replace('x = "-a * x + p"\ny = "x - y + q"', 'y = "x - y + q"\nx = "-a * x + p"');
    expect(reordered).not.toBe(base);
    expect(h(reordered)).toBe(h(base));
  });

  it("reordering states, whitespace inside an expression and a [sim] extra change it", () => {
    expect(h(base.replace("x = 1.0\ny = 2.0", "y = 2.0\nx = 1.0"))).not.toBe(h(base));
    expect(h(base.replace('"a * x"', '"a*x"'))).not.toBe(h(base));
    expect(h(`${base}[sim]\nsafety = 0.9\n`)).not.toBe(h(base));
  });

  it("TOML comments and layout do not", () => {
    const commented = `# a comment\n${base.replace("[states]", "[states] # states follow\n\n")}`;
    expect(h(commented)).toBe(h(base));
  });

  it("tags ['b','a','a'] and ['a','b'] hash alike", () => {
    const ev = (tags: string) => `${base}[events.e]\ncond = "x > 1"\ntags = ${tags}\n`;
    expect(h(ev('["b", "a", "a"]'))).toBe(h(ev('["a", "b"]')));
  });

  it('action = "" and no action differ ("" vs null)', () => {
    const withEmpty = parseModel(`${base}[events.e]\ncond = "x > 1"\naction = ""\n`);
    const without = parseModel(`${base}[events.e]\ncond = "x > 1"\n`);
    expect(withEmpty.events[0]?.actionBlock).toBe("");
    expect(without.events[0]?.actionBlock).toBeNull();
    expect(canonicalSpecJson(withEmpty)).toContain('"action_block":""');
    expect(specHash(withEmpty)).not.toBe(specHash(without));
  });

  it("the hash is a pure function of the spec (no path, no build-time stepper/dtype input)", () => {
    const spec = parseModel(base, { source: "model file 'a.toml'" });
    expect(specHash(parseModel(base, { source: "other" }))).toBe(specHash(spec));
    expect(specHash.length).toBe(1);
  });
});

describe("§8 item 43: the textual lag scan feeds the hash", () => {
  it("a comment lag, flag_x() and a function call give the reference lag map", () => {
    const spec = parseModel(`[model]
type = "map"
[states]
x = 1.0
[equations.rhs]
x = "x  # lag_x(3)"
[functions.flag_x]
expr = "1"
[events.e]
cond = "flag_x() > 0"
`);
    expect(spec.lagMap).toEqual({ x: [4, 0, 0] });
    expect(spec.equationsUseLag).toBe(true);
    expect(spec.usesLag).toBe(true);
    expect(canonicalSpecJson(spec)).toContain('"lag_map":{"x":[4,0,0]}');
  });
});
