/**
 * The plain-data model document (model-dsl.md §1.3): what a TOML parse yields and what
 * `modelFromObject` accepts. Input is deep-copied into null-prototype records (so keys such as
 * `__proto__` stay ordinary data) and checked to hold only plain data.
 */
import { ModelErrorCode, ModelLoadError } from "../errors.ts";

/** A document value: TOML data (`Date` only for TOML datetimes). */
export type DocValue = string | number | bigint | boolean | Date | DocValue[] | DocTable;
/** A document table (null prototype, insertion-ordered keys). */
export type DocTable = { [key: string]: DocValue };

/** Deepest nesting a document may have (models need about 4 levels). */
const MAX_DOCUMENT_DEPTH = 64;

/** True for a table value (a plain object, not an array or date). */
export function isTable(value: unknown): value is DocTable {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date)
    return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/** The TOML type word of a value (string, integer, float, boolean, array, table, datetime). */
export function typeWord(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "bigint") return "integer";
  if (typeof value === "number") return "float";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "datetime";
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (isTable(value)) return "table";
  return typeof value === "object" ? ((value as object).constructor?.name ?? "object") : typeof value;
}

/** A new empty null-prototype table. */
export function emptyTable<T = DocValue>(): { [key: string]: T } {
  return Object.create(null) as { [key: string]: T };
}

function pathText(path: readonly string[]): string {
  return path.length === 0 ? "the document" : path.join(".");
}

/**
 * Deep-copies a document, accepting only plain data. `undefined` properties are dropped (as if
 * absent); `null`, functions, class instances, symbols and cycles are rejected.
 * @param allowDates - TOML datetimes are data in parsed text; plain objects may not hold dates.
 */
export function copyDocument(value: unknown, source: string, allowDates: boolean): DocTable {
  if (!isTable(value)) {
    throw new ModelLoadError(
      ModelErrorCode.TABLE_SHAPE,
      `A model document must be a table (plain object), got ${typeWord(value)}`,
      {
        source,
      },
    );
  }
  return copyValue(value, [], source, allowDates, 0) as DocTable;
}

function copyValue(
  value: unknown,
  path: string[],
  source: string,
  allowDates: boolean,
  depth: number,
): DocValue {
  if (depth > MAX_DOCUMENT_DEPTH) {
    throw new ModelLoadError(
      ModelErrorCode.TABLE_SHAPE,
      `${pathText(path)} is nested more than ${MAX_DOCUMENT_DEPTH} levels deep (or is cyclic); model documents are shallow tables`,
      { source },
    );
  }
  switch (typeof value) {
    case "string":
    case "number":
    case "bigint":
    case "boolean":
      return value;
    default:
      break;
  }
  if (Array.isArray(value)) {
    const out: DocValue[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(
        copyValue(
          value[i],
          [...path.slice(0, -1), `${path.at(-1) ?? ""}[${i}]`],
          source,
          allowDates,
          depth + 1,
        ),
      );
    return out;
  }
  if (value instanceof Date && allowDates) return new Date(value.getTime());
  if (isTable(value)) {
    const out = emptyTable();
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      out[key] = copyValue(item, [...path, key], source, allowDates, depth + 1);
    }
    return out;
  }
  throw new ModelLoadError(
    ModelErrorCode.BAD_VALUE,
    `${pathText(path)} must be plain data (string, number, bigint, boolean, array or table), got ${typeWord(value)}`,
    { source, location: pathText(path) },
  );
}
