import { didYouMean } from "@dyn/core";
import { usageError } from "../errors.ts";

/** What a command accepts: options that take a value, and boolean flags. */
export interface OptionSpec {
  readonly values?: readonly string[];
  readonly flags?: readonly string[];
}

/** A parsed command line: positional arguments, option values and flags (names without `--`). */
export interface ParsedArgs {
  readonly positional: string[];
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
}

/**
 * Splits `args` into positionals, `--name value` / `--name=value` options and `--flag`s.
 * A lone `-` is a positional (standard input). Unknown options, repeated options and missing
 * values are usage errors naming the option (with a did-you-mean for near misses).
 */
export function parseArgv(command: string, args: readonly string[], spec: OptionSpec): ParsedArgs {
  const valueNames = spec.values ?? [];
  const flagNames = spec.flags ?? [];
  const out: ParsedArgs = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (valueNames.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = args[i + 1];
        i++;
      }
      if (value === undefined || (eq < 0 && value.startsWith("--"))) {
        throw usageError(`dyn ${command}: option --${name} needs a value`);
      }
      if (out.values.has(name)) throw usageError(`dyn ${command}: option --${name} given twice`);
      out.values.set(name, value);
    } else if (flagNames.includes(name)) {
      if (eq >= 0) throw usageError(`dyn ${command}: option --${name} takes no value (got '${arg}')`);
      out.flags.add(name);
    } else {
      const known = [...valueNames, ...flagNames];
      const hint = didYouMean(name, known);
      const list = known.length > 0 ? `; options: ${known.map((k) => `--${k}`).join(", ")}` : "";
      const suggestion = hint === undefined ? "" : ` (did you mean --${hint}?)`;
      throw usageError(`dyn ${command}: unknown option --${name}${suggestion}${list}`);
    }
  }
  return out;
}
