/**
 * A parser for the small subset of Python literals a `.npy` header uses (what NumPy reads with
 * `ast.literal_eval`): dicts, tuples, lists, quoted strings, ints (with Python 2's `L` suffix),
 * floats, True/False/None. It never evaluates anything and bounds its nesting.
 */

export type PyValue =
  | string
  | bigint
  | number
  | boolean
  | null
  | { readonly tuple: readonly PyValue[] }
  | readonly PyValue[]
  | ReadonlyMap<string, PyValue>;

/** Thrown with the character offset of the problem; the caller turns it into an NpzError. */
export class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 32;

export function parsePyLiteral(text: string): PyValue {
  let at = 0;
  const ws = (): void => {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
  };
  const expect = (ch: string): void => {
    ws();
    if (text[at] !== ch) throw new PyLiteralError(`expected '${ch}', found ${describe()}`, at);
    at++;
  };
  const describe = (): string =>
    at >= text.length ? "end of header" : JSON.stringify(text.slice(at, at + 12));

  function items(close: string, depth: number): PyValue[] {
    const out: PyValue[] = [];
    for (;;) {
      ws();
      if (text[at] === close) {
        at++;
        return out;
      }
      out.push(value(depth));
      ws();
      if (text[at] === ",") at++;
      else if (text[at] !== close)
        throw new PyLiteralError(`expected ',' or '${close}', found ${describe()}`, at);
    }
  }

  function value(depth: number): PyValue {
    if (depth > MAX_DEPTH) throw new PyLiteralError("literal nested too deeply", at);
    ws();
    const ch = text[at];
    if (ch === "{") {
      at++;
      const map = new Map<string, PyValue>();
      for (;;) {
        ws();
        if (text[at] === "}") {
          at++;
          return map;
        }
        const keyAt = at;
        const key = value(depth + 1);
        if (typeof key !== "string") throw new PyLiteralError("dict keys must be strings", keyAt);
        expect(":");
        map.set(key, value(depth + 1));
        ws();
        if (text[at] === ",") at++;
        else if (text[at] !== "}") throw new PyLiteralError(`expected ',' or '}', found ${describe()}`, at);
      }
    }
    if (ch === "(") {
      at++;
      const start = at;
      const list = items(")", depth + 1);
      // `(x)` without a comma is a parenthesised value, not a tuple.
      if (
        list.length === 1 &&
        !text
          .slice(start, at - 1)
          .trimEnd()
          .endsWith(",")
      )
        return list[0] as PyValue;
      return { tuple: list };
    }
    if (ch === "[") {
      at++;
      return items("]", depth + 1);
    }
    if (ch === "'" || ch === '"') return str(ch);
    const m =
      /^(-?\d+)[lL]?(?![\w.])|^-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])|^(True|False|None)\b/.exec(
        text.slice(at, at + 400),
      );
    if (m === null) throw new PyLiteralError(`unexpected ${describe()}`, at);
    at += m[0].length;
    if (m[1] !== undefined) return BigInt(m[1]);
    if (m[2] !== undefined) return m[2] === "None" ? null : m[2] === "True";
    return Number(m[0]);
  }

  function str(quote: string): string {
    const start = at;
    at++;
    let out = "";
    while (at < text.length && text[at] !== quote) {
      const c = text[at] as string;
      if (c === "\n") break;
      if (c === "\\") {
        const n = text[at + 1];
        const simple: Record<string, string> = {
          "\\": "\\",
          "'": "'",
          '"': '"',
          n: "\n",
          t: "\t",
          r: "\r",
          "0": "\0",
        };
        if (n === undefined || simple[n] === undefined)
          throw new PyLiteralError("unsupported escape in string", at);
        out += simple[n];
        at += 2;
      } else {
        out += c;
        at++;
      }
    }
    if (text[at] !== quote) throw new PyLiteralError("unterminated string", start);
    at++;
    return out;
  }

  const result = value(0);
  ws();
  if (at !== text.length) throw new PyLiteralError(`trailing text ${describe()}`, at);
  return result;
}
