import { type ModelErrorCode, ModelLoadError } from "../errors.ts";

/**
 * Quote an expression with a caret line under `offset`, as expression errors show it.
 * Multi-line expressions show only the line holding the offset.
 *
 * @example
 * ```ts
 * caretSnippet("x + * 2", 4); // "    x + * 2\n        ^"
 * ```
 * @category expressions
 * @since 0.1.0
 */
export function caretSnippet(text: string, offset: number): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let lineEnd = text.indexOf("\n", at);
  if (lineEnd < 0) lineEnd = text.length;
  let line = text.slice(lineStart, lineEnd);
  let column = at - lineStart;
  // Long lines are cut to a window around the caret so messages stay readable.
  if (line.length > 120) {
    const from = Math.max(0, column - 60);
    const to = Math.min(line.length, from + 120);
    line = `${from > 0 ? "..." : ""}${line.slice(from, to)}${to < line.length ? "..." : ""}`;
    column = column - from + (from > 0 ? 3 : 0);
  }
  // Tabs keep their width in the caret line so the caret stays under the right character.
  const pad = line.slice(0, column).replace(/[^\t]/g, " ");
  return `    ${line}\n    ${pad}^`;
}

/**
 * Build the {@link ModelLoadError} of an expression problem: the message, where it was found,
 * then the expression quoted with a caret under `offset`.
 *
 * @example
 * ```ts
 * const error = expressionError("EXPR_SYNTAX", "Invalid expression syntax: invalid syntax", "x + * 2", 4, "[aux.k]");
 * error.code; // "EXPR_SYNTAX"
 * ```
 * @category expressions
 * @since 0.1.0
 */
export function expressionError(
  code: ModelErrorCode,
  message: string,
  text: string,
  offset: number,
  location: string,
  source?: string,
): ModelLoadError {
  const where = location === "" ? "" : ` in ${location}`;
  const full = `${message}${where}:\n${caretSnippet(text, offset)}`;
  return new ModelLoadError(code, full, source === undefined ? { location } : { location, source });
}
