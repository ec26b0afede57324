/**
 * Runs code examples as tests and checks the values they promise: the TSDoc `@example` blocks of
 * every package's sources (each package has a `test/tsdoc-examples.test.ts` that calls
 * {@link describeTsdocExamples}) and the ```ts blocks of guides and READMEs (their docs tests call
 * {@link runPromisingExample}).
 *
 * An example promises values in line comments, and those promises are checked:
 * - `expr; // V` or `console.log(expr); // → V`: `expr` equals `V`;
 * - `const name = expr; // V`: `name` equals `V` after the declaration;
 * - a statement followed by a line that is only `// V` promises the same of that statement;
 * - `expr; // throws …`: evaluating `expr` throws.
 * `V` is a JavaScript literal (`[0.1]`, `"rk45"`, `NaN`, `0x3ff00000`, `Float64Array [1, 2]`);
 * a comment that is not one (prose, `{ op: "mul", … }`) is an explanation and is not checked.
 * Every promise must be reached: a promise in a callback that never runs fails the test.
 *
 * Each block is written to a module under the package's `test/` folder and imported through
 * vitest, so `@dyn/*` imports resolve to sources (they are rewritten to the `@dyn/source` entry of
 * the package's `exports`, which also lets a package's own name resolve).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const repoRoot = resolve(import.meta.dirname, "..");

/** One ```ts block after an `@example` tag. */
export interface TsdocExample {
  /** Source file, relative to the package directory. */
  readonly file: string;
  /** 1-based line of the block's first code line in that file. */
  readonly line: number;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
    });
}

/** Every `@example` ```ts block under `<packageDir>/src`, in file and line order. */
export function findTsdocExamples(packageDir: string): TsdocExample[] {
  const found: TsdocExample[] = [];
  for (const path of sourceFiles(join(packageDir, "src"))) {
    const lines = readFileSync(path, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
      let open = i + 1;
      while (open < lines.length && !/^\s*\*\s*```/.test(lines[open]!) && !/\*\//.test(lines[open]!)) open++;
      if (open >= lines.length || !/^\s*\*\s*```(ts|typescript)\b/.test(lines[open]!)) continue;
      const body: string[] = [];
      let close = open + 1;
      for (; close < lines.length && !/^\s*\*\s*```\s*$/.test(lines[close]!); close++) {
        body.push(lines[close]!.replace(/^\s*\* ?/, ""));
      }
      found.push({ file: relative(packageDir, path), line: open + 2, code: body.join("\n") });
      i = close;
    }
  }
  return found;
}

/** Splits `text` at top-level occurrences of `separator` (outside brackets and quotes). */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && separator.test(c)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/** One literal (`[0.1]`, `"rk45"`, `NaN`, `0n`, `Float64Array [1, 2]`), or `undefined` if prose. */
function literal(text: string): { value: unknown } | undefined {
  // `Float64Array [1, 2]` (Node's inspect form) promises the elements.
  const body = text.replace(/^[A-Z][A-Za-z0-9]*Array(?:\(\d+\))?\s*(?=\[)/, "");
  if (body === "" || body.includes("…") || body.includes("...")) return undefined;
  // Two literals side by side (`"a" ["b"]`) are a sequence, not one indexing expression.
  if (splitTopLevel(body.replace(/^[A-Z][A-Za-z0-9]*Array(?:\(\d+\))?\s*(?=\[)/g, ""), /\s/).length !== 1)
    return undefined;
  try {
    return { value: new Function(`"use strict"; return (${body});`)() };
  } catch {
    return undefined;
  }
}

/**
 * The values a promise comment names for a statement showing `count` values (`console.log(a, b)`
 * shows two), or `undefined` when the comment is prose.
 */
export function promisedValue(comment: string, count = 1): { value: unknown } | "throws" | undefined {
  const text = comment.trim().replace(/^→\s*/, "");
  if (/^throws\b/.test(text)) return "throws";
  // `10 (sigma * (y - x))`: a value followed by a parenthesised remark promises the value.
  const remark = /^(.*?\S)\s+\([^"'`]*\)$/.exec(text);
  // `true: bit-identical`, `3.13, the first spike`: a value, then a remark after `:` or `,`.
  const lead = /^(.*?)[:,;]\s/.exec(text);
  if (count === 1) {
    return (
      literal(text) ?? (remark ? literal(remark[1]!) : undefined) ?? (lead ? literal(lead[1]!) : undefined)
    );
  }
  const tokens: string[] = [];
  for (const token of splitTopLevel(text, /\s/)) {
    const previous = tokens[tokens.length - 1];
    if (previous !== undefined && /^[A-Z][A-Za-z0-9]*Array(?:\(\d+\))?$/.test(previous))
      tokens[tokens.length - 1] += ` ${token}`;
    else tokens.push(token);
  }
  if (tokens.length === 1) {
    // `console.log(a, b); // → [a, b]`: one array literal of the values, in order.
    const whole = literal(tokens[0]!);
    return whole && Array.isArray(whole.value) && whole.value.length === count ? whole : undefined;
  }
  if (tokens.length !== count) return undefined;
  const values = tokens.map(literal);
  return values.every((v) => v !== undefined) ? { value: values.map((v) => v!.value) } : undefined;
}

/** Comparable form: typed arrays and other array-likes become arrays, recursively. */
export function comparable(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<unknown>);
  }
  if (Array.isArray(value)) return value.map(comparable);
  return value;
}

const STATEMENT_HEAD =
  /^(import|export|return|if|else|for|while|do|switch|case|try|catch|throw|function|class|\}|\{)\b/;

interface Promise_ {
  readonly line: number;
  readonly expected: { value: unknown } | "throws";
}

/** Instruments an example: each checkable promise reports through `__dynExample`. */
export function instrument(code: string): { code: string; promises: Promise_[] } {
  const lines = code.split("\n");
  const out: string[] = [];
  const promises: Promise_[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let statement: string | undefined;
    let comment: string | undefined;
    const same = /^(\s*)(.*;)\s*\/\/\s?(.*)$/.exec(line);
    const next = lines[i + 1];
    if (same && !same[2]!.includes("//")) {
      statement = same[2]!;
      comment = same[3]!;
    } else if (/;\s*$/.test(line) && next !== undefined && /^\s*\/\/\s?(.*)$/.test(next)) {
      statement = line.trim();
      comment = /^\s*\/\/\s?(.*)$/.exec(next)![1]!;
    }
    const body = (statement ?? "").trim().replace(/;$/, "");
    const logged = /^console\.log\((.*)\)$/.exec(body);
    const shown = logged ? splitTopLevel(logged[1]!, /,/).length : 1;
    const expected = comment === undefined ? undefined : promisedValue(comment, shown);
    if (statement === undefined || expected === undefined || STATEMENT_HEAD.test(body)) {
      out.push(line);
      continue;
    }
    const id = promises.length;
    const declared = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/.exec(body);
    if (/^(?:const|let|var)\s/.test(body) && !declared) {
      out.push(line);
      continue;
    }
    promises.push({ line: i + 1, expected });
    if (expected === "throws") {
      out.push(
        `try { ${body}; __dynExample(${id}, { threw: false }); } catch (error) { __dynExample(${id}, { threw: true, error }); }`,
      );
    } else if (declared) {
      out.push(line, `__dynExample(${id}, { value: ${declared[1]} });`);
    } else {
      const value = logged ? (shown === 1 ? logged[1] : `[${logged[1]}]`) : body;
      out.push(`__dynExample(${id}, { value: (${value}) });`);
    }
  }
  return { code: out.join("\n"), promises };
}

/**
 * Rewrites `@dyn/<name>[/<sub>]` imports to that package's `@dyn/source` entry file, and relative
 * imports to absolute paths next to `sourceFile` (the example's own file).
 */
export function rewriteImports(code: string, sourceFile: string): string {
  return code
    .replace(/(\bfrom\s+)(["'])(\.\.?\/[^"']+)\2/g, (_whole, from, _q, spec) => {
      return `${from as string}${JSON.stringify(resolve(dirname(sourceFile), spec as string))}`;
    })
    .replace(/(["'])@dyn\/([a-z0-9-]+)((?:\/[a-z0-9-]+)*)\1/g, (whole, _q, name, sub) => {
      const manifest = join(repoRoot, "packages", name as string, "package.json");
      let exports: Record<string, unknown>;
      try {
        exports = JSON.parse(readFileSync(manifest, "utf8")).exports ?? {};
      } catch {
        return whole;
      }
      const entry = exports[`.${sub as string}`] as { "@dyn/source"?: string } | undefined;
      const source = entry?.["@dyn/source"];
      return source === undefined ? whole : JSON.stringify(join(dirname(manifest), source));
    });
}

/**
 * An example of an internal function sits next to it and uses it without an import (the module
 * is not reachable through the package name): the names it uses that its own module exports, and
 * that it neither imports nor declares, are imported from that module.
 */
async function importOwnModule(code: string, modulePath: string): Promise<string> {
  const exported = Object.keys((await import(pathToFileURL(modulePath).href)) as object);
  const used = exported.filter(
    (name) =>
      new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code) &&
      !new RegExp(`\\bimport\\b[^;]*\\b${name}\\b|\\b(?:const|let|var|function|class)\\s+${name}\\b`).test(
        code,
      ),
  );
  return used.length === 0
    ? code
    : `import { ${used.join(", ")} } from ${JSON.stringify(modulePath)};\n${code}`;
}

type Report = { value: unknown } | { threw: boolean; error?: unknown };

/** Writes, imports and checks one example; returns how many promises it checked. */
export async function runTsdocExample(example: TsdocExample, outDir: string): Promise<number> {
  const sourceFile = join(outDir, "..", "..", example.file);
  const code = await importOwnModule(rewriteImports(example.code, sourceFile), sourceFile);
  const path = join(outDir, `${example.file.replace(/\W/g, "_")}-${example.line}.ts`);
  return runPromisingExample(code, path, (line) => `${example.file}:${example.line + line - 1}`);
}

/**
 * Instruments `code` (see the top of this file), writes it to `path`, imports it with
 * `console.log`/`console.warn` silenced, and checks every promise it made: each was reached and
 * each value is the promised one. `where(line)` names a line of `code` (1-based) in messages.
 * Returns how many promises were checked. Imports in `code` must already resolve from `path`.
 */
export async function runPromisingExample(
  source: string,
  path: string,
  where: (line: number) => string,
): Promise<number> {
  const { code, promises } = instrument(source);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
  const reports: Report[][] = promises.map(() => []);
  const hook = globalThis as { __dynExample?: (id: number, report: Report) => void };
  hook.__dynExample = (id, report) => reports[id]!.push(report);
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    await import(pathToFileURL(path).href);
  } finally {
    log.mockRestore();
    warn.mockRestore();
    delete hook.__dynExample;
  }
  promises.forEach((promise, id) => {
    const at = where(promise.line);
    const seen = reports[id]!;
    expect(seen.length, `${at}: the promised line is reached`).toBeGreaterThan(0);
    for (const report of seen) {
      if (promise.expected === "throws") {
        expect("threw" in report && report.threw, `${at}: throws`).toBe(true);
      } else {
        expect("value" in report, at).toBe(true);
        expect(comparable((report as { value: unknown }).value), at).toEqual(
          comparable(promise.expected.value),
        );
      }
    }
  });
  return promises.length;
}

/**
 * Declares one test per `@example` block of the package at `packageDir`, plus a test that the
 * package has exactly `expectedCount` of them (so an extraction that silently finds nothing, or a
 * new example, is noticed).
 */
export function describeTsdocExamples(packageDir: string, expectedCount: number): void {
  const examples = findTsdocExamples(packageDir);
  const outDir = join(packageDir, "test", ".tsdoc-examples");
  describe(`@example blocks of ${relative(repoRoot, packageDir)}/src`, () => {
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));
    const promised = examples.reduce((sum, example) => sum + instrument(example.code).promises.length, 0);
    it(`finds ${expectedCount} examples (${promised} promised values checked)`, () => {
      expect(examples.length).toBe(expectedCount);
    });
    it.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))(
      "%s runs and keeps its promises",
      async (_where, example) => {
        await runTsdocExample(example, outDir);
      },
    );
  });
}
