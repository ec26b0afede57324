import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeJsonArray,
  encodeJsonArray,
  isNpzError,
  type PyJsonValue,
  parsePythonJson,
  readNpz,
  stringifyPythonJson,
} from "../src/index.ts";
import { codeOf, errorOf, FIXTURES, fixture } from "./helpers.ts";

type Typed =
  | { t: "lit"; v: boolean | null }
  | { t: "int"; v: string }
  | { t: "float"; bits: string }
  | { t: "str"; v: string }
  | { t: "list"; v: Typed[] }
  | { t: "dict"; v: [string, Typed][] };

/** Rebuilds a value the generator tagged: Python ints as bigint, floats from their exact bits, dicts as Maps. */
function build(x: Typed): PyJsonValue {
  switch (x.t) {
    case "lit":
      return x.v;
    case "int":
      return BigInt(x.v);
    case "float":
      return Buffer.from(x.bits, "hex").readDoubleBE(0);
    case "str":
      return x.v;
    case "list":
      return x.v.map(build);
    case "dict":
      return new Map(x.v.map(([k, v]) => [k, build(v)]));
  }
}

const cases = JSON.parse(readFileSync(join(FIXTURES, "json-cases.json"), "utf8")) as {
  value: Typed;
  python: string;
}[];

describe("stringifyPythonJson", () => {
  it.each(cases.map((c, i) => [i, c] as const))(
    "writes case %i exactly as Python's json.dumps(indent=2)",
    (_, c) => {
      expect(stringifyPythonJson(build(c.value))).toBe(c.python);
    },
  );

  it("writes numbers as floats and bigints as ints", () => {
    expect(stringifyPythonJson({ n: 2n, t: 0, x: [1e-5, -0, 1e16, NaN, -Infinity] }, { indent: null })).toBe(
      '{"n": 2, "t": 0.0, "x": [1e-05, -0.0, 1e+16, NaN, -Infinity]}',
    );
  });

  it("rejects values JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      undefined,
      () => 1,
      Symbol("s"),
      cyclic,
      new Date(0),
      new Float64Array(1),
      new Map([[1, 2]]),
      { a: undefined },
    ]) {
      expect(codeOf(() => stringifyPythonJson(bad as PyJsonValue))).toBe("JSON_UNSUPPORTED_VALUE");
    }
    expect(errorOf(() => stringifyPythonJson({ a: [undefined] } as unknown as PyJsonValue)).message).toBe(
      "stringifyPythonJson: value.a[0] is undefined, which JSON cannot hold; pass null, booleans, numbers (float), bigints (int), strings, arrays, plain objects or Maps with string keys",
    );
  });

  it("writes an empty object and list the Python way", () => {
    expect(stringifyPythonJson({ a: [], b: {} })).toBe('{\n  "a": [],\n  "b": {}\n}');
  });
});

describe("parsePythonJson", () => {
  it.each(cases.map((c, i) => [i, c] as const))(
    "reads Python's output for case %i back to the same value",
    (_, c) => {
      const value = parsePythonJson(c.python, { integers: "bigint", objects: "map" });
      expect(stringifyPythonJson(value)).toBe(c.python);
      expect(Object.is(value, build(c.value)) || expectDeepSame(value, build(c.value))).toBe(true);
    },
  );

  it("accepts the bare non-finite tokens that JSON.parse refuses", () => {
    expect(parsePythonJson('{"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, 2.5]}')).toEqual({
      a: NaN,
      b: Infinity,
      c: -Infinity,
      d: [1, 2.5],
    });
  });

  it("reports errors in Python's words with the position", () => {
    expect(errorOf(() => parsePythonJson('{"a": }')).message).toBe(
      "parsePythonJson: Expecting value: line 1 column 7 (char 6); fix the JSON text (NaN, Infinity and -Infinity may appear bare)",
    );
    expect(errorOf(() => parsePythonJson("[1,\n 2")).details.offset).toBe(6);
    expect(codeOf(() => parsePythonJson("{'a': 1}"))).toBe("JSON_SYNTAX");
    expect(codeOf(() => parsePythonJson('"a\nb"'))).toBe("JSON_SYNTAX");
    expect(codeOf(() => parsePythonJson("[1] x"))).toBe("JSON_SYNTAX");
    expect(codeOf(() => parsePythonJson("nan"))).toBe("JSON_SYNTAX");
    expect(codeOf(() => parsePythonJson("[".repeat(100_000)))).toBe("JSON_SYNTAX");
  });

  it("keeps a '__proto__' key as data", () => {
    const value = parsePythonJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("only ever returns a value or a coded error on random text", () => {
    const token = fc.constantFrom(
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      '"a"',
      '"\\u12',
      '"\\x"',
      "1",
      "-",
      "1.5e3",
      "NaN",
      "-Infinity",
      "Infinity",
      "true",
      "nul",
      " ",
      "\n",
      '"',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(token, { maxLength: 30 }).map((t) => t.join("")),
        ),
        (text) => {
          try {
            parsePythonJson(text);
          } catch (err) {
            if (!isNpzError(err)) throw err;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("round-trips arbitrary values exactly", () => {
    const value = fc.letrec<{ v: PyJsonValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
        fc.string({ unit: "binary" }),
        fc.array(tie("v"), { maxLength: 4 }),
        fc
          .uniqueArray(fc.tuple(fc.string(), tie("v")), { selector: ([k]) => k, maxLength: 4 })
          .map((e) => new Map(e) as PyJsonValue),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.constantFrom(2, null), (v, indent) => {
        const text = stringifyPythonJson(v, { indent });
        expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
        expect(
          stringifyPythonJson(parsePythonJson(text, { integers: "bigint", objects: "map" }), { indent }),
        ).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe("encodeJsonArray / decodeJsonArray", () => {
  it("stores JSON as a 1-D |u1 array of UTF-8 text", () => {
    const array = encodeJsonArray({ schema: "dynlib-snapshot-v1", n: 1n });
    expect(array.dtype).toBe("|u1");
    expect(new TextDecoder().decode(array.data)).toBe('{\n  "schema": "dynlib-snapshot-v1",\n  "n": 1\n}');
    expect(decodeJsonArray(array)).toEqual({ schema: "dynlib-snapshot-v1", n: 1 });
  });

  it("reads the meta.json member NumPy wrote", () => {
    const meta = readNpz(fixture("snapshot_deflate.npz")).get("meta.json")!;
    expect(decodeJsonArray(meta)).toEqual({ schema: "dynlib-snapshot-v1", t: 1.5 });
  });

  it("rejects other dtypes and invalid UTF-8", () => {
    expect(
      codeOf(() =>
        decodeJsonArray({ dtype: "<f8", shape: [1], data: new Float64Array(1), fortranOrder: false }),
      ),
    ).toBe("INVALID_ARRAY");
    expect(
      codeOf(() =>
        decodeJsonArray({ dtype: "|u1", shape: [1], data: new Uint8Array([0xff]), fortranOrder: false }),
      ),
    ).toBe("INVALID_ARRAY");
  });
});

function expectDeepSame(a: PyJsonValue, b: PyJsonValue): boolean {
  expect(stringifyPythonJson(a, { indent: null })).toBe(stringifyPythonJson(b, { indent: null }));
  if (typeof a === "number" && typeof b === "number") expect(Object.is(a, b)).toBe(true);
  return true;
}
