import { didYouMean } from "@dyn/core";
import { badInput } from "../errors.ts";

/** Parses a finite number given for `--option`, or throws a one-line bad-input error. */
export function parseNumber(option: string, text: string): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw badInput(`--${option} must be a finite number (got '${text}')`);
  }
  return value;
}

/** Parses a positive integer given for `--option`. */
export function parsePositiveInteger(option: string, text: string): number {
  const value = parseNumber(option, text);
  if (!Number.isInteger(value) || value <= 0) {
    throw badInput(`--${option} must be a positive integer (got '${text}')`);
  }
  return value;
}

/**
 * Parses `a=1,b=2` for `--option` into `[name, value]` pairs, checking every name against
 * `names` (with a did-you-mean) and every value as a finite number.
 */
export function parseAssignments(
  option: string,
  text: string,
  names: readonly string[],
  what: string,
): Array<[name: string, value: number]> {
  const pairs: Array<[string, number]> = [];
  for (const item of text.split(",")) {
    if (item.trim() === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) {
      throw badInput(
        `--${option} expects name=value pairs separated by commas, e.g. --${option} ${names[0] ?? "x"}=1 (got '${item}')`,
      );
    }
    const name = item.slice(0, eq).trim();
    if (!names.includes(name)) {
      const hint = didYouMean(name, names);
      throw badInput(
        `--${option}: unknown ${what} '${name}'${hint === undefined ? "" : ` (did you mean '${hint}'?)`}; valid ${what}s: ${names.join(", ") || "(none)"}`,
      );
    }
    pairs.push([name, parseNumber(`${option} ${name}`, item.slice(eq + 1))]);
  }
  if (pairs.length === 0)
    throw badInput(`--${option} is empty; give name=value pairs such as ${names[0] ?? "x"}=1`);
  return pairs;
}

/** Splits a comma-separated list, dropping empty items. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
