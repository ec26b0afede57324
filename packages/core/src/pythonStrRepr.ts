/**
 * Python's `repr(str)`: single quotes unless the text holds `'` and no `"`, with Python's
 * escapes (`\\n`, `\\t`, `\\x..` for control characters, `\\u....` for lone surrogates). Messages
 * that quote names the way the reference prints `{value!r}` use it.
 *
 * @example
 * ```ts
 * import { pythonStrRepr } from "@dyn/core";
 * pythonStrRepr("sigma"); // "'sigma'"
 * pythonStrRepr("it's"); // "\"it's\""
 * ```
 * @category utilities
 * @since 0.1.0
 */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's `repr` of a list of strings: `['a', 'b']`.
 * @category utilities
 * @since 0.1.0
 */
export function pythonStrListRepr(items: readonly string[]): string {
  return `[${items.map(pythonStrRepr).join(", ")}]`;
}
