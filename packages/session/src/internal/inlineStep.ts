/**
 * Source-level inlining of a self-contained step function into the generated runner loop.
 *
 * Why: V8 inlines a call only while the caller's inlining budget lasts, and it charges a callee
 * for everything its own optimised code already inlined. When a stepper's `step` gets optimised
 * on its own first (it usually does: it runs more bytecode per step than the loop), `step` plus
 * its inlined `rhs` calls exceed the budget (Lorenz rk4: (354 + 4·105)·1.2 > 920 bytes), the
 * loop calls it instead of inlining it, and every call boxes `t` and `dt` — 32 bytes of garbage
 * per step. Pasting the step's body into the loop removes that call: what remains are the `rhs`
 * calls, one monomorphic call site per (model, stepper) pair.
 *
 * Only plain function text qualifies: a stepper that declares `selfContained: true` (no imports,
 * free variables or `this`), whose body has no nested functions, `var`, `arguments`, `this`,
 * regular-expression literals or template strings, and whose every `return` carries a value and
 * ends with `;`. Anything else returns null and the loop calls `step` as it is.
 */

/** A step function's parameters and its body, rewritten to run inside the runner loop. */
export interface InlinedStep {
  readonly params: readonly string[];
  /** The body; each `return X;` became `{ STATUS = (X); break LABEL; }`. */
  readonly body: string;
}

/** The status variable and the label the rewritten body uses. */
export const INLINE_STATUS = "__dynStatus";
export const INLINE_LABEL = "__dynStep";

const FOREIGN = /__vi_|__vite_ssr|cov_[0-9a-z]+|__webpack_|__require|_interopRequire|require\(|import\(/;
const FORBIDDEN_WORDS = new Set([
  "function",
  "this",
  "arguments",
  "var",
  "yield",
  "await",
  "class",
  "eval",
  "with",
  "super",
  "import",
]);
const IDENT = /^[A-Za-z_$][\w$]*$/;

interface Token {
  readonly kind: "word" | "punct" | "string" | "number" | "space";
  readonly text: string;
  readonly start: number;
}

/** A small JavaScript tokenizer: enough to find words, strings, comments and brackets. */
function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const start = i;
    if (/\s/.test(c)) {
      while (i < src.length && /\s/.test(src[i] as string)) i++;
      out.push({ kind: "space", text: src.slice(start, i), start });
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      out.push({ kind: "space", text: " ", start });
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) return null;
      i = end + 2;
      out.push({ kind: "space", text: " ", start });
    } else if (c === "'" || c === '"') {
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === "\\") i++;
        if (src[i] === "\n") return null;
        i++;
      }
      if (i >= src.length) return null;
      i++;
      out.push({ kind: "string", text: src.slice(start, i), start });
    } else if (c === "`") {
      return null;
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < src.length && /[\w$]/.test(src[i] as string)) i++;
      out.push({ kind: "word", text: src.slice(start, i), start });
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      while (i < src.length && /[\w.]/.test(src[i] as string)) {
        if ((src[i] === "e" || src[i] === "E") && (src[i + 1] === "+" || src[i + 1] === "-")) i++;
        i++;
      }
      out.push({ kind: "number", text: src.slice(start, i), start });
    } else {
      if (c === "/") {
        // Division follows a value; anywhere else a slash would start a regular expression.
        const prev = [...out].reverse().find((t) => t.kind !== "space");
        const afterValue =
          prev !== undefined &&
          (prev.kind === "word" || prev.kind === "number" || prev.text === ")" || prev.text === "]");
        if (!afterValue || (prev.kind === "word" && (prev.text === "return" || prev.text === "typeof")))
          return null;
      }
      if (c === "=" && src[i + 1] === ">") return null;
      i++;
      out.push({ kind: "punct", text: c, start });
    }
  }
  return out;
}

/**
 * The parameters and the rewritten body of `step`, or null when it cannot be inlined safely.
 */
export function inlineStepSource(step: unknown, selfContained: boolean): InlinedStep | null {
  if (!selfContained || typeof step !== "function") return null;
  const src = Function.prototype.toString.call(step);
  if (FOREIGN.test(src) || src.includes("[native code]")) return null;
  const head = /^(?:function\s*[\w$]*|[\w$]+)\s*\(([^)]*)\)\s*\{/.exec(src);
  if (head === null || !src.trimEnd().endsWith("}")) return null;
  const params = (head[1] as string)
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (!params.every((p) => IDENT.test(p)) || params.length > 12) return null;
  const body = src.slice(head[0].length, src.trimEnd().length - 1);
  const tokens = tokenize(body);
  if (tokens === null) return null;
  let out = "";
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] as Token;
    if (tok.kind === "word" && FORBIDDEN_WORDS.has(tok.text)) return null;
    if (tok.kind === "word" && (tok.text === INLINE_STATUS || tok.text === INLINE_LABEL)) return null;
    const prevTok = tokens
      .slice(0, k)
      .reverse()
      .find((t) => t.kind !== "space");
    if (tok.kind === "word" && tok.text === "return" && prevTok?.text !== ".") {
      // Find the `;` that ends this return at bracket depth 0.
      let depth = 0;
      let expr = "";
      let m = k + 1;
      for (; m < tokens.length; m++) {
        const t = tokens[m] as Token;
        if (t.kind === "punct" && (t.text === "(" || t.text === "[" || t.text === "{")) depth++;
        if (t.kind === "punct" && (t.text === ")" || t.text === "]" || t.text === "}")) {
          depth--;
          // A `}` closing the enclosing block ends the statement (automatic semicolon, as
          // minifiers write `return 0}`); a stray `)` or `]` means we misread something.
          if (depth < 0) {
            if (t.text !== "}") return null;
            break;
          }
        }
        if (depth === 0 && t.kind === "punct" && t.text === ";") break;
        if (t.kind === "word" && FORBIDDEN_WORDS.has(t.text)) return null;
        if (t.kind === "space" && t.text.includes("\n") && depth === 0 && expr.trim() === "") return null;
        expr += t.text;
      }
      if (expr.trim() === "") return null;
      out += `{ ${INLINE_STATUS} = (${expr.trim()}); break ${INLINE_LABEL}; }`;
      // Keep the terminator when it closes a block (or ends the body), drop a `;`.
      const term = tokens[m];
      if (term !== undefined && term.text === "}") out += "}";
      k = m;
      continue;
    }
    out += tok.text;
  }
  return { params, body: out };
}
