/**
 * Splitting of multi-line statement blocks: `[equations].expr` / `[equations.inverse].expr`
 * (one `target = expr` per line, model-dsl.md §2.3) and event action blocks (`;`-separated
 * statements with augmented assignment, M-1). Both skip blank and full-line comment lines (M-2).
 */
import { pythonStrListRepr, pythonStrRepr } from "@dyn/core";
import { ModelErrorCode, ModelLoadError } from "./errors.ts";
import type { ModelKind } from "./spec.ts";

/**
 * One statement of a block.
 * @category models
 * @since 0.1.0
 */
export interface BlockStatement {
  /** The assigned name as written (a state for equation blocks, after `dx`/`d(x)` → `x`). */
  readonly target: string;
  /** `=` or an augmented form (action blocks only, M-1). */
  readonly op: "=" | "+=" | "-=" | "*=" | "/=";
  /** The right-hand side, trimmed (may end with a `#` comment, which the expression parser skips). */
  readonly expr: string;
  /** 0-based line index in the block. */
  readonly line: number;
  /** Offset of `expr` in the block text after `^` → `**` rewriting. */
  readonly exprOffset: number;
}

/** One physical line of a block: its text and the offset of its first character. */
interface BlockLine {
  readonly text: string;
  readonly offset: number;
}

// Python's str.splitlines() boundaries, so a block splits into the same lines as in dynlib.
// biome-ignore lint/suspicious/noControlCharactersInRegex: splitlines() also breaks at \x1c-\x1e.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
const DERIVATIVE_PAREN = /^d\(\s*([A-Za-z_]\w*)\s*\)$/;
const DERIVATIVE_FLAT = /^d([A-Za-z_]\w*)$/;

/** Splits `text` into lines like Python's `str.splitlines()`, keeping each line's offset. */
export function blockLines(text: string): BlockLine[] {
  const lines: BlockLine[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    lines.push({ text: text.slice(start, match.index), offset: start });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), offset: start });
  return lines;
}

/** True for the lines M-2 ignores: blank, or starting (after blanks) with `#`. */
export function isIgnorableBlockLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === "" || trimmed.startsWith("#");
}

/** Offset of the first non-blank character of `segment` at or after `from` (for trimmed parts). */
function trimmedStart(segment: string): number {
  return segment.length - segment.trimStart().length;
}

/**
 * The state a block left side names, or `undefined` when it uses derivative notation
 * (`dx`, `d(x)`) for a declared state. Derivative notation only counts when the inner name is a
 * declared state, so a state `delta` is not `d(elta)`.
 */
export function derivativeTarget(lhs: string, states: ReadonlySet<string>): string | undefined {
  const match = DERIVATIVE_PAREN.exec(lhs) ?? DERIVATIVE_FLAT.exec(lhs);
  const inner = match?.[1];
  return inner !== undefined && states.has(inner) ? inner : undefined;
}

/**
 * Splits an equation block (`[equations].expr`, `[equations.inverse].expr`) into statements.
 *
 * `^` becomes `**` over the whole text first; blank and `#` comment lines are skipped (M-2);
 * every other line splits at its first `=` with both sides trimmed. In ODEs `dNAME` and
 * `d(NAME)` mean NAME when NAME is a declared state; in maps they are rejected. Every target
 * must be a declared state. The returned `op` is always `"="`.
 *
 * @param block - the block text as written in the model.
 * @param kind - `"ode"` or `"map"`.
 * @param states - declared state names.
 * @param location - TOML location for messages, e.g. `[equations].expr`.
 * @param source - document name for messages.
 * @throws {@link ModelLoadError} `BAD_EQUATIONS`: "Block equation line must contain '='",
 *   "Map models do not support derivative notation (d(x) or dx)…", or
 *   "Equation targets must be declared in [states], unknown: ['q']".
 * @example
 * ```ts
 * import { splitEquationBlock } from "@dyn/model";
 * splitEquationBlock("dx = -a*x\n# note\ny = x^2", "ode", ["x", "y"], "[equations].expr");
 * // [{ target: "x", expr: "-a*x", … }, { target: "y", expr: "x**2", … }]
 * ```
 * @category models
 * @since 0.1.0
 */
export function splitEquationBlock(
  block: string,
  kind: ModelKind,
  states: readonly string[],
  location: string,
  source?: string,
): BlockStatement[] {
  const text = block.replaceAll("^", "**");
  const stateSet = new Set(states);
  const where = source === undefined ? { location } : { location, source };
  const statements: BlockStatement[] = [];
  blockLines(text).forEach((line, index) => {
    if (isIgnorableBlockLine(line.text)) return;
    const stripped = line.text.trim();
    const eq = line.text.indexOf("=");
    if (eq < 0) {
      throw new ModelLoadError(
        ModelErrorCode.BAD_EQUATIONS,
        `${location}: Block equation line must contain '=': ${pythonStrRepr(stripped)}. Write one \`state = expression\` per line.`,
        where,
      );
    }
    const lhs = line.text.slice(0, eq).trim();
    const rhsRaw = line.text.slice(eq + 1);
    const expr = rhsRaw.trim();
    const derived = derivativeTarget(lhs, stateSet);
    if (derived !== undefined && kind === "map") {
      throw new ModelLoadError(
        ModelErrorCode.BAD_EQUATIONS,
        `${location}: Map models do not support derivative notation (d(x) or dx). Use direct assignment (x = expr). Got: ${pythonStrRepr(lhs)} in line: ${pythonStrRepr(stripped)}`,
        where,
      );
    }
    const target = derived ?? lhs;
    if (!stateSet.has(target)) {
      throw new ModelLoadError(
        ModelErrorCode.BAD_EQUATIONS,
        `${location}: Equation targets must be declared in [states], unknown: ${pythonStrListRepr([target])}`,
        where,
      );
    }
    statements.push({
      target,
      op: "=",
      expr,
      line: index,
      exprOffset: line.offset + eq + 1 + trimmedStart(rhsRaw),
    });
  });
  return statements;
}

const SUPPORTED_ACTION_FORMS = "Supported forms: x = e, x += e, x -= e, x *= e, x /= e";

/**
 * Splits an event action block into statements (M-1, M-2).
 *
 * `^` becomes `**` over the text first. Blank and `#` comment lines are skipped; a line may hold
 * several statements separated by `;` (a `;` after a `#` belongs to the comment). A statement
 * splits at its first `=`; an operator just before it selects the augmented form (`x += e` is
 * `x = x + (e)` at that point). Empty statements (`a = 1;`) are ignored. Targets are not checked
 * here (the expression checks restrict them to states and params).
 *
 * @param block - the action text.
 * @param location - TOML location for messages, e.g. `[events.reset].action`.
 * @param source - document name for messages.
 * @throws {@link ModelLoadError} `BAD_EVENT` for a statement without `=` or an unsupported
 *   augmented assignment (`//=`, `%=`, `**=`, `^=`), naming the supported forms.
 * @example
 * ```ts
 * import { splitActionBlock } from "@dyn/model";
 * splitActionBlock("x = 1; a += 2  # bump", "[events.e].action");
 * // [{ target: "x", op: "=", expr: "1", … }, { target: "a", op: "+=", expr: "2  # bump", … }]
 * ```
 * @category models
 * @since 0.1.0
 */
export function splitActionBlock(block: string, location: string, source?: string): BlockStatement[] {
  const text = block.replaceAll("^", "**");
  const where = source === undefined ? { location } : { location, source };
  const statements: BlockStatement[] = [];
  blockLines(text).forEach((line, index) => {
    if (isIgnorableBlockLine(line.text)) return;
    const hash = line.text.indexOf("#");
    const codeEnd = hash < 0 ? line.text.length : hash;
    // Statement boundaries: every ';' before the comment; the comment stays with the last one.
    const bounds: number[] = [];
    for (let i = 0; i < codeEnd; i++) if (line.text[i] === ";") bounds.push(i);
    let start = 0;
    for (let k = 0; k <= bounds.length; k++) {
      const end = k < bounds.length ? (bounds[k] as number) : line.text.length;
      const segment = line.text.slice(start, end);
      const segmentStart = start;
      start = end + 1;
      if (isIgnorableBlockLine(segment)) continue;
      const statement = splitActionStatement(segment, segmentStart + line.offset, index, location, where);
      statements.push(statement);
    }
  });
  return statements;
}

function splitActionStatement(
  segment: string,
  segmentOffset: number,
  lineIndex: number,
  location: string,
  where: { location: string; source?: string },
): BlockStatement {
  const eq = segment.indexOf("=");
  const shown = pythonStrRepr(segment.trim());
  if (eq < 0) {
    throw new ModelLoadError(
      ModelErrorCode.BAD_EVENT,
      `${location}: action statement must contain '=': ${shown}. ${SUPPORTED_ACTION_FORMS}.`,
      where,
    );
  }
  let lhs = segment.slice(0, eq).trimEnd();
  let op: BlockStatement["op"] = "=";
  for (const bad of ["//", "**", "%", "@", "&", "|", "<<", ">>"]) {
    if (lhs.endsWith(bad)) {
      const written = bad === "**" ? "**=' (or '^=" : `${bad}=`;
      throw new ModelLoadError(
        ModelErrorCode.BAD_EVENT,
        `${location}: unsupported augmented assignment '${written}' in ${shown}. ${SUPPORTED_ACTION_FORMS}.`,
        where,
      );
    }
  }
  const last = lhs.at(-1);
  if (last === "+" || last === "-" || last === "*" || last === "/") {
    op = `${last}=`;
    lhs = lhs.slice(0, -1);
  }
  const rhsRaw = segment.slice(eq + 1);
  return {
    target: lhs.trim(),
    op,
    expr: rhsRaw.trim(),
    line: lineIndex,
    exprOffset: segmentOffset + eq + 1 + trimmedStart(rhsRaw),
  };
}
