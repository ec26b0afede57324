import { ModelErrorCode } from "../errors.ts";

/**
 * Kind of an expression token.
 * @internal
 */
export type TokenKind = "number" | "name" | "op" | "newline" | "end";

/**
 * One token of an expression. `value` is the token text (`number` tokens keep the raw literal),
 * `start`/`end` are offsets into the (already `^`→`**` rewritten) text.
 * @internal
 */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A tokenizer failure; the parser turns it into a located {@link ModelLoadError}.
 * @internal
 */
export class TokenizeFailure {
  constructor(
    readonly code: ModelErrorCode,
    readonly message: string,
    readonly offset: number,
  ) {}
}

const THREE_CHAR_OPS = ["**=", "//=", ">>=", "<<=", "..."];
const TWO_CHAR_OPS = [
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  ":=",
  "->",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "@=",
];
const ONE_CHAR_OPS = "+-*/%@&|~<>()[]{},.:;=";
const OPEN = "([{";
const CLOSE = ")]}";

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isNameStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isNameChar = (c: string): boolean => isNameStart(c) || isDigit(c);

/** Python number literal shapes (underscores only between digits). */
const DEC_INT = /^(?:[1-9](?:_?[0-9])*|0(?:_?0)*)/;
const HEX_INT = /^0[xX](?:_?[0-9a-fA-F])+/;
const OCT_INT = /^0[oO](?:_?[0-7])+/;
const BIN_INT = /^0[bB](?:_?[01])+/;
const DIGITS = "[0-9](?:_?[0-9])*";
const FLOAT = new RegExp(
  `^(?:(?:${DIGITS})?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?|${DIGITS}\\.(?:[eE][+-]?${DIGITS})?|${DIGITS}[eE][+-]?${DIGITS})`,
);

/**
 * Split an expression into tokens following Python's tokenizer for the DSL subset: `#`
 * comments run to the end of the line, line breaks inside brackets are whitespace and
 * outside brackets become `newline` tokens (the parser accepts them only at the end).
 * Throws {@link TokenizeFailure} on characters or literals Python would reject.
 * @internal
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const brackets: { char: string; at: number }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charAt(i);
    if (c === " " || c === "\t" || c === "\f" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && text.charAt(i) !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      if (brackets.length === 0) tokens.push({ kind: "newline", value: "\n", start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === "\\") {
      throw new TokenizeFailure(
        ModelErrorCode.EXPR_SYNTAX,
        "line continuation with '\\' is not supported; break lines inside brackets",
        i,
      );
    }
    if (c === "'" || c === '"') {
      throw new TokenizeFailure(
        ModelErrorCode.EXPR_UNSUPPORTED,
        "string literals are not supported in expressions",
        i,
      );
    }
    if (isDigit(c) || (c === "." && isDigit(text.charAt(i + 1)))) {
      tokens.push(readNumber(text, i));
      i = tokens[tokens.length - 1]!.end;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(text.charAt(j))) j++;
      if (j < n && text.charCodeAt(j) > 127) throw nonAscii(text, j);
      tokens.push({ kind: "name", value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (text.charCodeAt(i) > 127) throw nonAscii(text, i);
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    let op: string | undefined;
    if (THREE_CHAR_OPS.includes(three)) op = three;
    else if (TWO_CHAR_OPS.includes(two)) op = two;
    else if (ONE_CHAR_OPS.includes(c)) op = c;
    if (op === undefined) {
      throw new TokenizeFailure(
        ModelErrorCode.EXPR_SYNTAX,
        c === "!" ? "invalid syntax" : `invalid character '${c}'`,
        i,
      );
    }
    if (OPEN.includes(op)) {
      if (brackets.length >= 200)
        throw new TokenizeFailure(ModelErrorCode.EXPR_SYNTAX, "too many nested parentheses", i);
      brackets.push({ char: op, at: i });
    } else if (CLOSE.includes(op)) {
      const open = brackets.pop();
      if (open === undefined) throw new TokenizeFailure(ModelErrorCode.EXPR_SYNTAX, `unmatched '${op}'`, i);
      if (OPEN.indexOf(open.char) !== CLOSE.indexOf(op)) {
        throw new TokenizeFailure(
          ModelErrorCode.EXPR_SYNTAX,
          `closing parenthesis '${op}' does not match opening parenthesis '${open.char}'`,
          i,
        );
      }
    }
    tokens.push({ kind: "op", value: op, start: i, end: i + op.length });
    i += op.length;
  }
  const unclosed = brackets.pop();
  if (unclosed !== undefined) {
    throw new TokenizeFailure(ModelErrorCode.EXPR_SYNTAX, `'${unclosed.char}' was never closed`, unclosed.at);
  }
  tokens.push({ kind: "end", value: "", start: n, end: n });
  return tokens;
}

function nonAscii(text: string, at: number): TokenizeFailure {
  const code = text.codePointAt(at) ?? 0;
  const char = String.fromCodePoint(code);
  return new TokenizeFailure(
    ModelErrorCode.EXPR_SYNTAX,
    `invalid character '${char}' (U+${code.toString(16).toUpperCase().padStart(4, "0")}); names must be ASCII`,
    at,
  );
}

function readNumber(text: string, start: number): Token {
  const rest = text.slice(start);
  const match =
    HEX_INT.exec(rest) ?? OCT_INT.exec(rest) ?? BIN_INT.exec(rest) ?? FLOAT.exec(rest) ?? DEC_INT.exec(rest);
  if (match === null) throw new TokenizeFailure(ModelErrorCode.EXPR_SYNTAX, "invalid decimal literal", start);
  let raw = match[0];
  // Floats are tried before decimal ints so `1.5` and `01.5` stay whole; what is left of a
  // decimal int starting with 0 followed by more digits (`01`) is invalid in Python 3.
  if (!/[.eExXoObB]/.test(raw) && /^[0-9_]/.test(rest.slice(raw.length))) {
    throw new TokenizeFailure(
      ModelErrorCode.EXPR_SYNTAX,
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      start,
    );
  }
  const end = start + raw.length;
  const next = text.charAt(end);
  if (next === "j" || next === "J") {
    throw new TokenizeFailure(ModelErrorCode.EXPR_UNSUPPORTED, "imaginary numbers are not supported", start);
  }
  if (isNameChar(next) || next === "_" || (next === "." && !/[.eE]/.test(raw))) {
    throw new TokenizeFailure(ModelErrorCode.EXPR_SYNTAX, "invalid decimal literal", end);
  }
  raw = text.slice(start, end);
  return { kind: "number", value: raw, start, end };
}
