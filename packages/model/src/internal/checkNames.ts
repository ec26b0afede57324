/**
 * Name checks of model-dsl.md §2.7 and M-10, in the reference's order: reserved names, then
 * constants reused as other names, then uniqueness across all declared names.
 */
import { sortedNames } from "@dyn/core";
import { ModelErrorCode } from "../errors.ts";
import { isBuiltinCallable } from "../ir/callables.ts";
import { type LoadContext, loadError } from "./context.ts";
import { identifierProblem, isCanonicalInteger, RESERVED_NAMES } from "./names.ts";

/** Declared names per kind, in declaration order. */
export interface DeclaredNames {
  readonly states: readonly string[];
  readonly params: readonly string[];
  readonly aux: readonly string[];
  readonly functions: readonly string[];
  readonly constants: readonly string[];
  readonly events: readonly string[];
  readonly presets: readonly string[];
}

const GROUPS = ["states", "params", "aux", "functions", "constants"] as const;

/** `t`, `pi`, `e` are reserved; names are identifiers (M-10); functions avoid builtin names. */
export function checkReservedNames(context: LoadContext, names: DeclaredNames): void {
  for (const group of GROUPS) {
    const reserved = sortedNames(names[group].filter((name) => RESERVED_NAMES.includes(name)));
    if (reserved.length > 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_NAME,
        `[${group}] name(s) ${reserved.join(", ")} are reserved (reserved: ${RESERVED_NAMES.join(", ")})`,
        `[${group}].${reserved[0] as string}`,
      );
    }
  }
  for (const group of GROUPS) {
    for (const name of names[group]) {
      const problem = identifierProblem(name);
      if (problem !== undefined) {
        throw loadError(
          context,
          ModelErrorCode.BAD_NAME,
          `[${group}] name ${problem}; rename it`,
          `[${group}].${name}`,
        );
      }
    }
  }
  for (const name of names.functions) {
    if (isBuiltinCallable(name) || name.startsWith("lag_")) {
      throw loadError(
        context,
        ModelErrorCode.BAD_NAME,
        `[functions.${name}] cannot be named '${name}': it is a builtin function, macro, 'range' or 'lag_*' name. Choose another name.`,
        `[functions.${name}]`,
      );
    }
  }
  for (const group of ["events", "presets"] as const) {
    for (const name of names[group]) {
      if (isCanonicalInteger(name)) {
        throw loadError(
          context,
          ModelErrorCode.BAD_NAME,
          `[${group}.${name}] name '${name}' is an integer; ${group === "events" ? "event" : "preset"} names must not be integers (their declaration order would be lost). Use e.g. '${group === "events" ? "e" : "p"}${name}'.`,
          `[${group}.${name}]`,
        );
      }
    }
  }
}

/**
 * "K is defined as a constant and cannot be reused as a state." Checked against states, params
 * and aux (as dynlib does; a function named like a constant fails the uniqueness check).
 */
export function checkConstantReuse(context: LoadContext, names: DeclaredNames): void {
  const constants = new Set(names.constants);
  const roles: [keyof DeclaredNames, string][] = [
    ["states", "a state"],
    ["params", "a parameter"],
    ["aux", "an auxiliary variable"],
  ];
  for (const [group, role] of roles) {
    const reused = sortedNames(names[group].filter((name) => constants.has(name)));
    const name = reused[0];
    if (name !== undefined) {
      throw loadError(
        context,
        ModelErrorCode.BAD_NAME,
        `${name} is defined as a constant and cannot be reused as ${role}.`,
        `[${group}].${name}`,
      );
    }
  }
}

/** "Identifiers must be unique across states/params/aux/functions/constants; conflicts: x (states, params)". */
export function checkUniqueNames(context: LoadContext, names: DeclaredNames): void {
  const owners = new Map<string, string[]>();
  for (const group of GROUPS) {
    for (const name of names[group]) {
      const list = owners.get(name) ?? [];
      list.push(group);
      owners.set(name, list);
    }
  }
  const conflicts = sortedNames([...owners].filter(([, groups]) => groups.length > 1).map(([name]) => name));
  if (conflicts.length === 0) return;
  const described = conflicts.map((name) => `${name} (${(owners.get(name) as string[]).join(", ")})`);
  throw loadError(
    context,
    ModelErrorCode.BAD_NAME,
    `Identifiers must be unique across states/params/aux/functions/constants; conflicts: ${described.join("; ")}`,
    `[${(owners.get(conflicts[0] as string) as string[])[1] as string}].${conflicts[0] as string}`,
  );
}
