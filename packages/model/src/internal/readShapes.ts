/**
 * Stage 1 of validation (model-dsl.md §1.4, §2.1, §2.3): `[model]` and the shapes of the
 * top-level tables, including unknown `[equations]` keys and `[equations.inverse]` in an ODE.
 */
import { ModelErrorCode } from "../errors.ts";
import type { ModelKind } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, type DocValue, isTable, typeWord } from "./document.ts";
import { checkUnknownKeys } from "./unknownKeys.ts";

const DTYPE_ALIASES: Readonly<Record<string, string>> = {
  float: "float64",
  double: "float64",
  single: "float32",
};
const FLOAT_DTYPES: ReadonlySet<string> = new Set(["float32", "float64", "float16", "bfloat16"]);
/** dtypes dyn compiles (M-16). */
export const SUPPORTED_DTYPES: readonly string[] = ["float32", "float64"];

/** The table shapes every later stage relies on. */
export interface DocumentShapes {
  readonly kind: ModelKind;
  readonly name: string | null;
  readonly dtype: string;
  readonly states: DocTable;
  readonly params: DocTable;
  readonly constants: DocTable;
  readonly equations: DocTable;
  readonly rhs: DocTable | null;
  readonly block: string | null;
  readonly inverse: DocTable | null;
  readonly inverseRhs: DocTable | null;
  readonly inverseBlock: string | null;
  readonly jacobian: DocTable | null;
  readonly aux: DocTable;
  readonly functions: DocTable;
  readonly events: DocTable;
  readonly presets: DocTable;
  readonly sim: DocTable;
}

function optionalTable(context: LoadContext, doc: DocTable, key: string, message: string): DocTable {
  const value = doc[key];
  if (value === undefined) return Object.create(null) as DocTable;
  if (!isTable(value))
    throw loadError(context, ModelErrorCode.TABLE_SHAPE, `${message}, got ${typeWord(value)}`, `[${key}]`);
  return value;
}

function readModelTable(
  context: LoadContext,
  doc: DocTable,
): { kind: ModelKind; name: string | null; dtype: string } {
  const model = doc.model;
  if (!isTable(model))
    throw loadError(context, ModelErrorCode.TABLE_SHAPE, "Missing required table [model]", "[model]");
  const type = model.type;
  if (type !== "ode" && type !== "map") {
    const got =
      type === undefined ? "it is missing" : `got ${typeof type === "string" ? `'${type}'` : typeWord(type)}`;
    throw loadError(
      context,
      ModelErrorCode.BAD_VALUE,
      `[model].type must be 'ode' or 'map' (${got})`,
      "[model].type",
    );
  }
  if ("label" in model) {
    throw loadError(
      context,
      ModelErrorCode.TABLE_SHAPE,
      "[model].label is no longer supported; use [model].name",
      "[model].label",
    );
  }
  const rawDtype: DocValue = model.dtype ?? "float64";
  if (typeof rawDtype !== "string") {
    throw loadError(
      context,
      ModelErrorCode.BAD_VALUE,
      `[model].dtype must be a string if present, got ${typeWord(rawDtype)}`,
      "[model].dtype",
    );
  }
  const dtype = DTYPE_ALIASES[rawDtype] ?? rawDtype;
  if (type === "ode" && !FLOAT_DTYPES.has(dtype)) {
    throw loadError(
      context,
      ModelErrorCode.BAD_VALUE,
      `ODE models require a floating dtype (float32/float64/float16/bfloat16), got '${rawDtype}'`,
      "[model].dtype",
    );
  }
  if (!SUPPORTED_DTYPES.includes(dtype)) {
    throw loadError(
      context,
      ModelErrorCode.UNSUPPORTED_DTYPE,
      `[model].dtype '${rawDtype}' is not supported yet; supported dtypes: float32, float64 (aliases: float, double, single)`,
      "[model].dtype",
    );
  }
  const name = model.name;
  if (name !== undefined && typeof name !== "string") {
    throw loadError(
      context,
      ModelErrorCode.BAD_VALUE,
      `[model].name must be a string, got ${typeWord(name)}`,
      "[model].name",
    );
  }
  return { kind: type, name: name ?? null, dtype };
}

/** Reads `[model]` and checks the shapes of all tables (first failure wins). */
export function readShapes(context: LoadContext, doc: DocTable): DocumentShapes {
  const header = readModelTable(context, doc);
  const states = doc.states;
  if (!isTable(states))
    throw loadError(context, ModelErrorCode.TABLE_SHAPE, "Missing required table [states]", "[states]");
  const params = optionalTable(context, doc, "params", "[params] must be a table if present");
  const constants = optionalTable(context, doc, "constants", "[constants] must be a table if present");
  const equations = optionalTable(context, doc, "equations", "[equations] must be a table if present");
  checkUnknownKeys(context, equations, "[equations]", ["rhs", "expr", "jacobian", "inverse"]);
  const rhsValue = equations.rhs;
  if (rhsValue !== undefined && !isTable(rhsValue)) {
    throw loadError(
      context,
      ModelErrorCode.TABLE_SHAPE,
      `[equations.rhs] must be a table of name = expr, got ${typeWord(rhsValue)}`,
      "[equations.rhs]",
    );
  }
  const blockValue = equations.expr;
  if (blockValue !== undefined && typeof blockValue !== "string") {
    throw loadError(
      context,
      ModelErrorCode.TABLE_SHAPE,
      `[equations].expr must be a string block if present, got ${typeWord(blockValue)}`,
      "[equations].expr",
    );
  }
  let inverse: DocTable | null = null;
  let inverseRhs: DocTable | null = null;
  let inverseBlock: string | null = null;
  const inverseValue = equations.inverse;
  if (inverseValue !== undefined) {
    if (header.kind !== "map") {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        "[equations.inverse] is only supported for map models",
        "[equations.inverse]",
      );
    }
    if (!isTable(inverseValue)) {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `[equations.inverse] must be a table, got ${typeWord(inverseValue)}`,
        "[equations.inverse]",
      );
    }
    checkUnknownKeys(context, inverseValue, "[equations.inverse]", ["rhs", "expr"]);
    const invRhs = inverseValue.rhs;
    if (invRhs !== undefined && !isTable(invRhs)) {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `[equations.inverse.rhs] must be a table of name = expr, got ${typeWord(invRhs)}`,
        "[equations.inverse.rhs]",
      );
    }
    const invBlock = inverseValue.expr;
    if (invBlock !== undefined && typeof invBlock !== "string") {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `[equations.inverse].expr must be a string block if present, got ${typeWord(invBlock)}`,
        "[equations.inverse].expr",
      );
    }
    inverse = inverseValue;
    inverseRhs = invRhs !== undefined && Object.keys(invRhs).length > 0 ? invRhs : null;
    inverseBlock = invBlock === undefined || invBlock === "" ? null : invBlock;
  }
  let jacobian: DocTable | null = null;
  const jacobianValue = equations.jacobian;
  if (jacobianValue !== undefined) {
    if (!isTable(jacobianValue)) {
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `[equations.jacobian] must be a table with expr = [[…]], got ${typeWord(jacobianValue)}`,
        "[equations.jacobian]",
      );
    }
    checkUnknownKeys(context, jacobianValue, "[equations.jacobian]", ["expr"]);
    jacobian = jacobianValue;
  }
  const aux = optionalTable(context, doc, "aux", "[aux] must be a table of name = expr");
  const functions = optionalTable(context, doc, "functions", "[functions] must be a table of subtables");
  const events = optionalTable(context, doc, "events", "[events] must be a table of named event subtables");
  const presets = optionalTable(
    context,
    doc,
    "presets",
    "[presets] must be a table of named preset subtables",
  );
  const sim = optionalTable(context, doc, "sim", "[sim] must be a table if present");
  return {
    ...header,
    states,
    params,
    constants,
    equations,
    rhs: rhsValue !== undefined && Object.keys(rhsValue).length > 0 ? rhsValue : null,
    block: blockValue === undefined || blockValue === "" ? null : blockValue,
    inverse,
    inverseRhs,
    inverseBlock,
    jacobian,
    aux,
    functions,
    events,
    presets,
    sim,
  };
}
