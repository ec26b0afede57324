/**
 * Levenshtein edit distance between two strings (insertions, deletions, substitutions all cost 1),
 * counted in code points.
 * @category utilities
 * @since 0.1.0
 */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let previous = new Array<number>(t.length + 1);
  let current = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    [previous, current] = [current, previous];
  }
  return previous[t.length] as number;
}

/**
 * The candidates closest to `name` by case-insensitive Levenshtein distance, at most `maxDistance`
 * (default 2) away, nearest first and then in code-point order. Exact (case-insensitive) matches
 * count as distance 0, so a miscased name suggests its proper spelling.
 *
 * @example
 * ```ts
 * import { suggestNames } from "@dyn/core";
 * suggestNames("sigam", ["sigma", "rho", "beta"]); // ["sigma"]
 * ```
 * @category utilities
 * @since 0.1.0
 */
export function suggestNames(name: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const lower = name.toLowerCase();
  const scored: Array<[number, string]> = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (distance <= maxDistance) scored.push([distance, candidate]);
  }
  scored.sort((x, y) => x[0] - y[0] || compareCodePoints(x[1], y[1]));
  return scored.map(([, candidate]) => candidate);
}

/**
 * The single best suggestion for `name`, or `undefined` when nothing is close enough.
 * @category utilities
 * @since 0.1.0
 */
export function didYouMean(name: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  return suggestNames(name, candidates, maxDistance)[0];
}

/**
 * Orders strings by Unicode code point (Python's default string order), not by UTF-16 unit.
 * @category utilities
 * @since 0.1.0
 */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * A sorted (by code point) copy of `names`, the order every dyn message lists names in.
 * @category utilities
 * @since 0.1.0
 */
export function sortedNames(names: Iterable<string>): string[] {
  return Array.from(names).sort(compareCodePoints);
}
