/** Test helpers: small models built from TOML text, compiled, and evaluated. */
import { compileModel } from "../../src/compile/compileModel.ts";
import type { CompiledModel } from "../../src/compile/types.ts";
import { parseModel } from "../../src/index.ts";
import type { ModelSpec } from "../../src/spec.ts";

/** TOML basic string for `text` (JSON escapes are valid TOML for ASCII text). */
export function tomlString(text: string): string {
  return JSON.stringify(text);
}

/** Parse a model from TOML lines. */
export function model(...lines: string[]): ModelSpec {
  return parseModel(lines.join("\n"));
}

/** Compile a model from TOML lines. */
export function compiled(...lines: string[]): CompiledModel {
  return compileModel(model(...lines));
}

/**
 * Value of `expr` evaluated by a compiled `updateAux` kernel in a map model with state `x`
 * and params `a`, `b` (values given).
 */
export function evaluate(expr: string, values: { x?: number; a?: number; b?: number } = {}): number {
  const m = compiled(
    '[model]\ntype = "map"',
    `[states]\nx = ${(values.x ?? 0).toFixed(17)}`,
    `[params]\na = ${(values.a ?? 1).toFixed(17)}\nb = ${(values.b ?? 2).toFixed(17)}`,
    `[aux]\nr = ${tomlString(expr)}`,
    '[equations.rhs]\nx = "x"',
  );
  const auxOut = new Float64Array(1);
  const y = m.initialState();
  m.kernels.updateAux(0, y, m.initialParams(), auxOut, m.makeRuntimeWorkspace());
  return auxOut[0] as number;
}
