/**
 * Stage 3 reads (model-dsl.md §2.2–2.4): constants, states and params as exact Python numbers;
 * Jacobian entry types; expression strings of rhs tables and `[aux]`.
 */
import { pythonFloatRepr } from "@dyn/core";
import { ModelErrorCode } from "../errors.ts";
import type { SpecNumber } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, typeWord } from "./document.ts";
import { evaluateLiteral, literalNames } from "./literal.ts";

/** Names and values of a `name = value` table, in declaration order. */
export interface NamedValues {
  readonly names: string[];
  readonly values: SpecNumber[];
}

/** `[constants]`: each value may use `pi`, `e` and the constants declared before it. */
export function readConstants(
  context: LoadContext,
  table: DocTable,
): NamedValues & { byName: Map<string, SpecNumber> } {
  const byName = new Map<string, SpecNumber>();
  const names: string[] = [];
  const values: SpecNumber[] = [];
  for (const [name, raw] of Object.entries(table)) {
    const value = evaluateLiteral(raw, `[constants].${name}`, literalNames(byName), context.source);
    byName.set(name, value);
    names.push(name);
    values.push(value);
  }
  return { names, values, byName };
}

/** `[states]` or `[params]`: literals over `pi`, `e` and all constants. */
export function readNumbers(
  context: LoadContext,
  table: DocTable,
  tableName: "states" | "params",
  constants: ReadonlyMap<string, SpecNumber>,
): NamedValues {
  const allowed = literalNames(constants);
  const names: string[] = [];
  const values: SpecNumber[] = [];
  for (const [name, raw] of Object.entries(table)) {
    values.push(evaluateLiteral(raw, `[${tableName}].${name}`, allowed, context.source));
    names.push(name);
  }
  return { names, values };
}

/** Python `str()` of a number, as dynlib stores numeric Jacobian entries (`1e-05`, `0`). */
function numberText(value: SpecNumber): string {
  if (typeof value === "bigint") return value.toString();
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return pythonFloatRepr(value);
}

/** `[equations.jacobian].expr`: a list of rows of strings or numbers (numbers → Python text). */
export function readJacobianEntries(context: LoadContext, jacobian: DocTable | null): string[][] | null {
  if (jacobian === null) return null;
  const rows = jacobian.expr;
  const location = "[equations.jacobian].expr";
  if (!Array.isArray(rows)) {
    const got = rows === undefined ? "it is missing" : `got ${typeWord(rows)}`;
    throw loadError(
      context,
      ModelErrorCode.BAD_VALUE,
      `${location} must be a list of rows (lists of strings or numbers); ${got}`,
      location,
    );
  }
  return rows.map((row, i) => {
    if (!Array.isArray(row)) {
      throw loadError(
        context,
        ModelErrorCode.BAD_VALUE,
        `${location}[${i}] must be a list of entries, got ${typeWord(row)}`,
        location,
      );
    }
    return row.map((entry, j) => {
      if (typeof entry === "string") return entry;
      if (typeof entry === "bigint" || typeof entry === "number") return numberText(entry);
      throw loadError(
        context,
        ModelErrorCode.BAD_VALUE,
        `${location}[${i}][${j}] must be a string expression or a number, got ${typeWord(entry)}`,
        location,
      );
    });
  });
}

/** A `name = "expr"` table whose values must all be strings. */
export function readExpressionTable(
  context: LoadContext,
  table: DocTable | null,
  describe: (name: string) => string,
): Record<string, string> | null {
  if (table === null) return null;
  const out = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(table)) {
    if (typeof value !== "string") {
      throw loadError(
        context,
        ModelErrorCode.BAD_VALUE,
        `${describe(name)} must be a string expression, got ${typeWord(value)}`,
        describe(name),
      );
    }
    out[name] = value;
  }
  return out;
}
