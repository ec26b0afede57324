/**
 * Best-effort text scan that finds the line and column of a TOML key named by a message
 * location such as `[events.reset].cond`, `[params].beta` or `[equations.rhs.x]`. Used only to
 * enrich errors ("should" in model-dsl.md §1.4); a miss simply leaves line/column unset.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits `[a.b].c[0]` into table path `["a", "b"]` and key `c` (empty when none). */
function splitLocation(location: string): { table: string[]; key: string } | undefined {
  const match = /^\[([^\]]*)\](?:\.([^[\s]+))?/.exec(location);
  if (match === null) return undefined;
  const table = (match[1] as string).split(".").filter((part) => part !== "");
  const key = match[2] ?? "";
  return { table, key };
}

/** 1-based line/column of the key of `location` in `text`, or undefined. */
export function locateKey(text: string, location: string): { line: number; column: number } | undefined {
  const parts = splitLocation(location);
  if (parts === undefined || parts.table.length === 0) return undefined;
  const lines = text.split("\n");
  const key = parts.key.split(".")[0] ?? "";
  const keyPattern = key === "" ? undefined : new RegExp(`(^|[\\s{,.])"?${escapeRegExp(key)}"?\\s*=`);
  const find = (from: number, to: number, pattern: RegExp): { line: number; column: number } | undefined => {
    for (let i = from; i < to; i++) {
      const line = lines[i] as string;
      if (line.trimStart().startsWith("#")) continue;
      const match = pattern.exec(line);
      if (match !== null) return { line: i + 1, column: match.index + (match[1]?.length ?? 0) + 1 };
    }
    return undefined;
  };
  // Longest table prefix that has its own header wins: [events.reset] then cond within it.
  for (let depth = parts.table.length; depth >= 1; depth--) {
    const header = parts.table.slice(0, depth).join(".");
    const headerPattern = new RegExp(`^\\s*\\[\\s*${escapeRegExp(header)}\\s*\\]`);
    const start = lines.findIndex((line) => headerPattern.test(line));
    if (start < 0) continue;
    let end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
    if (end < 0) end = lines.length;
    const rest = [...parts.table.slice(depth), ...(key === "" ? [] : [key])];
    if (rest.length === 0) return { line: start + 1, column: 1 };
    const first = rest[0] as string;
    const hit = find(start + 1, end, new RegExp(`(^|[\\s{,.])"?${escapeRegExp(first)}"?\\s*[=.]`));
    if (hit !== undefined) return hit;
    return { line: start + 1, column: 1 };
  }
  // Dotted or inline forms: `events.reset = { cond = … }`, `params = { beta = … }`.
  const last = parts.table.at(-1) as string;
  const tableLine = find(0, lines.length, new RegExp(`(^|[\\s{,.])"?${escapeRegExp(last)}"?\\s*[=.]`));
  if (tableLine === undefined) return undefined;
  if (keyPattern === undefined) return tableLine;
  const onLine = keyPattern.exec((lines[tableLine.line - 1] as string).slice(tableLine.column));
  if (onLine !== null)
    return { line: tableLine.line, column: tableLine.column + onLine.index + (onLine[1]?.length ?? 0) + 1 };
  return find(tableLine.line - 1, lines.length, keyPattern) ?? tableLine;
}
