/**
 * TOML text → plain document (model-dsl.md §1.2): BOM and CRLF normalisation, the shebang check
 * (M-15), and `TOML_SYNTAX` errors with numbered context lines, a `>>>` marker, a caret and a hint.
 */
import { parse, TomlError } from "smol-toml";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";

const SHEBANG = /^#!\s*([A-Za-z0-9_.-]+)(\s*:\s*(.*?))?\s*$/;
const ACCEPTED_SHEBANG_NAMES: ReadonlySet<string> = new Set(["dynlib", "dyn"]);
/** Inline tables/arrays nested deeper than this are rejected (no model needs more than a few). */
const MAX_TOML_DEPTH = 64;

/** Drops a leading U+FEFF and turns CRLF into LF, so multi-line strings hash as in dynlib. */
export function normaliseModelText(text: string): string {
  const withoutBom = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return withoutBom.replaceAll("\r\n", "\n");
}

/** M-15: a first line `#!NAME[:VERSION]` must name `dynlib` or `dyn`. */
export function checkShebang(text: string, source: string): void {
  const newline = text.indexOf("\n");
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  const match = SHEBANG.exec(firstLine);
  const name = match?.[1];
  if (name !== undefined && !ACCEPTED_SHEBANG_NAMES.has(name)) {
    throw new ModelLoadError(
      ModelErrorCode.NOT_A_MODEL,
      `This is not a dynlib model: ${source} declares '#!${name}'. dyn models start with '#! dynlib' (or '#! dyn') or with no '#!' line.`,
      { source, line: 1, column: 1 },
    );
  }
}

/** Numbered context: two lines before and after `line`, the bad one marked `>>>`, a caret under `column`. */
function contextSnippet(lines: readonly string[], line: number, column: number): string {
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">>>" : "   ";
    const prefix = `${marker} ${String(n).padStart(width)} | `;
    out.push(`${prefix}${lines[n - 1] ?? ""}`);
    if (n === line) out.push(`${" ".repeat(prefix.length + Math.max(0, column - 1))}^`);
  }
  return out.join("\n");
}

const BARE_KEY_VALUE = /^\s*([A-Za-z0-9_.\-"' ]+?)\s*=\s*(.*?)\s*$/;

/** A fix-it hint for the usual mistakes: an unquoted expression, or a line without `=`. */
function syntaxHint(badLine: string): string {
  const match = BARE_KEY_VALUE.exec(badLine);
  if (match === null) {
    return "Hint: every entry is written `key = value` (a table header is `[name]`).";
  }
  const key = (match[1] as string).trim();
  const value = (match[2] as string).replace(/\s+#.*$/, "");
  if (value !== "" && !/^["'[{]/.test(value)) {
    return `Hint: expressions must be quoted strings, e.g. ${key} = "${value.replaceAll('"', '\\"')}".`;
  }
  return "Hint: check the quoting and brackets of this value (entries are written `key = value`).";
}

/**
 * Parses normalised model text with smol-toml, keeping TOML integers as `bigint`.
 * @throws ModelLoadError `TOML_SYNTAX` with 1-based line/column.
 */
export function parseTomlDocument(text: string, source: string): Record<string, unknown> {
  try {
    return parse(text, { integersAsBigInt: true, maxDepth: MAX_TOML_DEPTH }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) {
      throw new ModelLoadError(
        ModelErrorCode.TOML_SYNTAX,
        `Failed to parse ${source}: ${String(error)}`,
        { source },
        error,
      );
    }
    const lines = text.split("\n");
    if (lines.length > 1 && lines.at(-1) === "") lines.pop();
    const line = Math.min(Math.max(1, error.line), Math.max(1, lines.length));
    const column = Math.max(1, error.column);
    const parserMessage = (error.message.split("\n")[0] ?? "").trim();
    const message = [
      `Failed to parse ${source}: ${parserMessage} (line ${line}, column ${column})`,
      contextSnippet(lines, line, column),
      syntaxHint(lines[line - 1] ?? ""),
    ].join("\n");
    return throwSyntax(message, source, line, column, error);
  }
}

function throwSyntax(message: string, source: string, line: number, column: number, cause: unknown): never {
  throw new ModelLoadError(ModelErrorCode.TOML_SYNTAX, message, { source, line, column }, cause);
}
