import { pythonFloatRepr } from "@dyn/core";
import { fail, type Where } from "./internal/fail.ts";

/**
 * A JSON value as Python's `json` module sees it. **Numbers:** a JS `number` is a Python `float`
 * (written `1.0`, `1e-05`, `NaN`, `Infinity`), a `bigint` is a Python `int` (written `3`). So
 * write `{ n_state: 2n, t_curr: 0 }` to get `"n_state": 2` and `"t_curr": 0.0`. Objects may be
 * plain objects or `Map`s (use a `Map` when keys look like integers and their order matters:
 * JavaScript moves such keys to the front of plain objects).
 *
 * @example
 * ```ts
 * import type { PyJsonValue } from "@dyn/io-npz";
 * const meta: PyJsonValue = { schema: "dynlib-snapshot-v1", n_state: 2n, t_curr: 0, names: ["x", "v"] };
 * ```
 * @category json
 * @since 0.1.0
 */
export type PyJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly PyJsonValue[]
  | ReadonlyMap<string, PyJsonValue>
  | { readonly [key: string]: PyJsonValue };

/**
 * Options of {@link stringifyPythonJson}.
 * @example
 * ```ts
 * import type { StringifyPythonJsonOptions } from "@dyn/io-npz";
 * const compact: StringifyPythonJsonOptions = { indent: null };
 * ```
 * @category json
 * @since 0.1.0
 */
export interface StringifyPythonJsonOptions {
  /** Python's `indent`: spaces per level (default 2), or `null` for one line with `", "` and `": "`. */
  readonly indent?: number | null;
}

/**
 * Serialises `value` exactly as Python's `json.dumps(value, indent=2)` does (with the default
 * `ensure_ascii=True`): 2-space indent, `","` at line ends, `": "` after keys, `[]` and `{}` for
 * empty containers, non-ASCII as lowercase `\uXXXX` escapes (surrogate pairs above U+FFFF), bare
 * `NaN`/`Infinity`/`-Infinity`, floats in Python `repr` form. See {@link PyJsonValue} for how
 * ints and floats are told apart.
 *
 * @throws {@link NpzError} `JSON_UNSUPPORTED_VALUE` for `undefined`, functions, symbols, cycles,
 * class instances (Date, typed arrays, ...) and non-string `Map` keys.
 * @example
 * ```ts
 * import { stringifyPythonJson } from "@dyn/io-npz";
 * stringifyPythonJson({ n: 2n, t: 0, x: [Infinity] });
 * // '{\n  "n": 2,\n  "t": 0.0,\n  "x": [\n    Infinity\n  ]\n}'
 * ```
 * @category json
 * @since 0.1.0
 */
export function stringifyPythonJson(value: PyJsonValue, options: StringifyPythonJsonOptions = {}): string {
  const indent = options.indent === undefined ? 2 : options.indent;
  const where: Where = { fn: "stringifyPythonJson" };
  const stack = new Set<object>();
  const out: string[] = [];
  const write = (v: unknown, level: number, path: string): void => {
    if (v === null) return void out.push("null");
    switch (typeof v) {
      case "boolean":
        return void out.push(v ? "true" : "false");
      case "number":
        return void out.push(pythonFloatRepr(v));
      case "bigint":
        return void out.push(v.toString());
      case "string":
        return void out.push(quote(v));
      case "object":
        break;
      default:
        throw unsupported(where, path, v === undefined ? "undefined" : `a ${typeof v}`);
    }
    const obj = v as object;
    let entries: [string, unknown][] | undefined;
    let items: unknown[] | undefined;
    if (Array.isArray(obj)) items = obj;
    else if (obj instanceof Map) {
      entries = [];
      for (const [k, x] of obj) {
        if (typeof k !== "string") throw unsupported(where, path, `a Map key of type ${typeof k}`);
        entries.push([k, x]);
      }
    } else {
      const proto = Object.getPrototypeOf(obj);
      if (proto !== Object.prototype && proto !== null) {
        throw unsupported(
          where,
          path,
          `an instance of ${(obj.constructor as { name?: string } | undefined)?.name ?? "a class"}`,
        );
      }
      entries = Object.entries(obj);
    }
    if (stack.has(obj)) throw unsupported(where, path, "a circular reference");
    const length = items ? items.length : (entries as unknown[]).length;
    const [open, close] = items ? ["[", "]"] : ["{", "}"];
    if (length === 0) return void out.push(open + close);
    stack.add(obj);
    const inner = indent === null ? "" : `\n${" ".repeat(indent * (level + 1))}`;
    const outer = indent === null ? "" : `\n${" ".repeat(indent * level)}`;
    const separator = indent === null ? ", " : ",";
    out.push(open);
    for (let i = 0; i < length; i++) {
      out.push(i === 0 ? inner : separator + inner);
      if (items) write(items[i], level + 1, `${path}[${i}]`);
      else {
        const [k, x] = (entries as [string, unknown][])[i] as [string, unknown];
        out.push(quote(k), ": ");
        write(x, level + 1, `${path}.${k}`);
      }
    }
    out.push(outer + close);
    stack.delete(obj);
  };
  write(value, 0, "value");
  return out.join("");
}

function unsupported(where: Where, path: string, what: string): Error {
  return fail(
    "JSON_UNSUPPORTED_VALUE",
    where,
    `${path} is ${what}, which JSON cannot hold`,
    undefined,
    "pass null, booleans, numbers (float), bigints (int), strings, arrays, plain objects or Maps with string keys",
    { path },
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** Python's `ensure_ascii` string encoding: everything outside space..~ is escaped. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (c >= 0x20 && c <= 0x7e && ch !== '"' && ch !== "\\") out += ch;
    else out += ESCAPES[ch] ?? `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/**
 * Options of {@link parsePythonJson}.
 * @example
 * ```ts
 * import type { ParsePythonJsonOptions } from "@dyn/io-npz";
 * const exact: ParsePythonJsonOptions = { integers: "bigint", objects: "map" };
 * ```
 * @category json
 * @since 0.1.0
 */
export interface ParsePythonJsonOptions {
  /**
   * `"number"` (default) reads integer tokens as JS numbers (exact up to 2^53); `"bigint"` reads
   * them as bigints, so that `stringifyPythonJson` writes them back as ints, unchanged.
   */
  readonly integers?: "number" | "bigint";
  /** `"object"` (default) builds plain objects; `"map"` builds `Map`s (key order kept exactly). */
  readonly objects?: "object" | "map";
}

/** Deepest nesting accepted, so hostile input cannot exhaust the stack (Python's default recursion limit is 1000). */
const MAX_DEPTH = 512;

/**
 * Parses JSON as Python's `json.loads` does: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity`; duplicate keys keep the last value. Errors use Python's wording
 * (`Expecting value: line 1 column 1 (char 0)`).
 *
 * @throws {@link NpzError} `JSON_SYNTAX` with the character offset.
 * @example
 * ```ts
 * import { parsePythonJson } from "@dyn/io-npz";
 * parsePythonJson('{"t": Infinity, "n": 3}'); // { t: Infinity, n: 3 }
 * parsePythonJson("[3]", { integers: "bigint" }); // [3n]
 * ```
 * @category json
 * @since 0.1.0
 */
export function parsePythonJson(text: string, options: ParsePythonJsonOptions = {}): PyJsonValue {
  const asBigInt = options.integers === "bigint";
  const asMap = options.objects === "map";
  let at = 0;
  const error = (msg: string, pos: number): Error => {
    const before = text.slice(0, pos);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = pos - before.lastIndexOf("\n");
    return fail(
      "JSON_SYNTAX",
      { fn: "parsePythonJson" },
      `${msg}: line ${line} column ${column} (char ${pos})`,
      undefined,
      "fix the JSON text (NaN, Infinity and -Infinity may appear bare)",
      { offset: pos },
    );
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at++;
      else return;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

  function value(depth: number): PyJsonValue {
    if (depth > MAX_DEPTH) throw error(`Nesting deeper than ${MAX_DEPTH} levels`, at);
    const c = text[at];
    if (c === '"') return string();
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    for (const [token, v] of CONSTANTS) {
      if (text.startsWith(token, at)) {
        at += token.length;
        return v;
      }
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (m === null) throw error("Expecting value", at);
    at += m[0].length;
    if (m[1] === undefined && m[2] === undefined) return asBigInt ? BigInt(m[0]) : Number(m[0]);
    return Number(m[0]);
  }

  function array(depth: number): PyJsonValue[] {
    at++;
    const out: PyJsonValue[] = [];
    ws();
    if (text[at] === "]") {
      at++;
      return out;
    }
    for (;;) {
      ws();
      out.push(value(depth + 1));
      ws();
      if (text[at] === "]") {
        at++;
        return out;
      }
      if (text[at] !== ",") throw error("Expecting ',' delimiter", at);
      at++;
    }
  }

  function object(depth: number): PyJsonValue {
    at++;
    const entries: [string, PyJsonValue][] = [];
    ws();
    if (text[at] === "}") {
      at++;
      return asMap ? new Map() : {};
    }
    for (;;) {
      ws();
      if (text[at] !== '"') throw error("Expecting property name enclosed in double quotes", at);
      const key = string();
      ws();
      if (text[at] !== ":") throw error("Expecting ':' delimiter", at);
      at++;
      ws();
      entries.push([key, value(depth + 1)]);
      ws();
      if (text[at] === "}") {
        at++;
        return asMap ? new Map(entries) : Object.fromEntries(entries);
      }
      if (text[at] !== ",") throw error("Expecting ',' delimiter", at);
      at++;
      ws();
    }
  }

  function string(): string {
    const start = at;
    at++;
    let out = "";
    let chunk = at;
    for (;;) {
      if (at >= text.length) throw error("Unterminated string starting at", start);
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        out += text.slice(chunk, at);
        at++;
        return out;
      }
      if (c < 0x20) throw error("Invalid control character at", at);
      if (c !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(chunk, at);
      const e = text[at + 1];
      if (e === undefined) throw error("Unterminated string starting at", start);
      const simple = JSON_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        at += 2;
      } else if (e === "u") {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw error("Invalid \\uXXXX escape", at + 1);
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else {
        throw error("Invalid \\escape", at);
      }
      chunk = at;
    }
  }

  ws();
  const result = value(0);
  ws();
  if (at !== text.length) throw error("Extra data", at);
  return result;
}

const CONSTANTS: readonly (readonly [string, PyJsonValue])[] = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
];

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
