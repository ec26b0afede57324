/**
 * Document → validated, normalised, deep-frozen {@link ModelSpec}. Every check of model-dsl.md
 * runs here at load (M-11), first failure wins, in the reference's order (§1.4):
 * table shapes → equation targets → value reads → reserved names → constants → uniqueness →
 * cycles → event targets/tags → function signatures → block lines → preset names → Jacobian
 * shape → `[sim]` → expression checks → lag scan → completeness (M-6).
 */
import { splitEquationBlock } from "../blocks.ts";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import { checkModelExpressions } from "../ir/check.ts";
import type { EventSpec, ModelSpec } from "../spec.ts";
import { checkConstantReuse, checkReservedNames, checkUniqueNames } from "./checkNames.ts";
import { type LoadContext, loadError, withPosition } from "./context.ts";
import { checkAcyclic, dependencyGraph } from "./dependencies.ts";
import { type DocTable, isTable } from "./document.ts";
import { checkEquationTargets } from "./equationTargets.ts";
import { deepFreeze } from "./freeze.ts";
import { scanLags } from "./lagScan.ts";
import { checkEventTargetsAndTags, readEvents } from "./readEvents.ts";
import { checkFunctionSignatures, readFunctions } from "./readFunctions.ts";
import { checkPresetNames, readPresets } from "./readPresets.ts";
import { readShapes } from "./readShapes.ts";
import { readSim } from "./readSim.ts";
import { readConstants, readExpressionTable, readJacobianEntries, readNumbers } from "./readValues.ts";

/** Runs `step`, adding line/column (from the TOML text) to a ModelLoadError it throws. */
function located<T>(context: LoadContext, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ModelLoadError) throw withPosition(context, error);
    throw error;
  }
}

function checkJacobianShape(
  context: LoadContext,
  rows: readonly (readonly string[])[] | null,
  n: number,
): void {
  if (rows === null) return;
  const location = "[equations.jacobian].expr";
  if (rows.length !== n) {
    throw loadError(
      context,
      ModelErrorCode.BAD_EQUATIONS,
      `${location} must have ${n} rows to match [states]; got ${rows.length}`,
      location,
    );
  }
  rows.forEach((row, i) => {
    if (row.length !== n) {
      throw loadError(
        context,
        ModelErrorCode.BAD_EQUATIONS,
        `${location}[${i}] must have ${n} columns to match [states]; got ${row.length}`,
        location,
      );
    }
  });
}

function tagIndexOf(events: readonly EventSpec[]): Record<string, string[]> {
  const index = Object.create(null) as Record<string, string[]>;
  for (const event of events) {
    for (const tag of event.tags) {
      const names = index[tag] ?? [];
      names.push(event.name);
      index[tag] = names;
    }
  }
  return index;
}

/** M-6: at least one state, and exactly one equation per state (forward, and inverse if given). */
function checkCompleteness(context: LoadContext, spec: ModelSpec): void {
  if (spec.states.length === 0) {
    throw loadError(
      context,
      ModelErrorCode.BAD_EQUATIONS,
      "[states] must declare at least one state (a model needs a state vector)",
      "[states]",
    );
  }
  const check = (label: string, rhs: Readonly<Record<string, string>> | null, block: string | null): void => {
    const counts = new Map<string, number>();
    for (const name of Object.keys(rhs ?? {})) counts.set(name, (counts.get(name) ?? 0) + 1);
    if (block !== null) {
      for (const statement of splitEquationBlock(
        block,
        spec.kind,
        spec.states,
        `${label}.expr`,
        context.source,
      )) {
        counts.set(statement.target, (counts.get(statement.target) ?? 0) + 1);
      }
    }
    const twice = spec.states.filter((state) => (counts.get(state) ?? 0) > 1);
    if (twice.length > 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_EQUATIONS,
        `${label} state(s) with more than one equation: ${twice.join(", ")} (each state needs exactly one equation)`,
        `${label}.expr`,
      );
    }
    const missing = spec.states.filter((state) => !counts.has(state));
    if (missing.length > 0) {
      const first = missing[0] as string;
      throw loadError(
        context,
        ModelErrorCode.BAD_EQUATIONS,
        `${label} no equation for state(s): ${missing.join(", ")} (write \`${first} = ${first}\` to keep a map state, \`d${first} = 0\` for a constant ODE state)`,
        label,
      );
    }
  };
  check("[equations]", spec.equationsRhs, spec.equationsBlock);
  if (spec.inverseRhs !== null || spec.inverseBlock !== null)
    check("[equations.inverse]", spec.inverseRhs, spec.inverseBlock);
}

/**
 * Validates a copied document and returns the frozen spec. Errors raised by code that does not
 * know the text (literals, blocks, expression checks) get line/column from a scan of the text.
 */
export function buildSpec(doc: DocTable, context: LoadContext): ModelSpec {
  return located(context, () => validate(doc, context));
}

function validate(doc: DocTable, context: LoadContext): ModelSpec {
  const shapes = readShapes(context, doc);
  const stateNames = Object.keys(shapes.states);
  checkEquationTargets(context, stateNames, shapes.rhs, shapes.block, "[equations]");
  if (shapes.inverse !== null)
    checkEquationTargets(context, stateNames, shapes.inverseRhs, shapes.inverseBlock, "[equations.inverse]");

  const constants = readConstants(context, shapes.constants);
  const states = readNumbers(context, shapes.states, "states", constants.byName);
  const params = readNumbers(context, shapes.params, "params", constants.byName);
  const jacobianExprs = readJacobianEntries(context, shapes.jacobian);
  const equationsRhs = readExpressionTable(context, shapes.rhs, (name) => `[equations.rhs.${name}]`);
  const inverseRhs = readExpressionTable(
    context,
    shapes.inverseRhs,
    (name) => `[equations.inverse.rhs.${name}]`,
  );
  const aux = readExpressionTable(context, shapes.aux, (name) => `[aux].${name}`) ?? {};
  const functions = readFunctions(context, shapes.functions);
  const rawEvents = readEvents(context, shapes.events);
  const presets = readPresets(context, shapes.presets);

  const names = {
    states: states.names,
    params: params.names,
    aux: Object.keys(aux),
    functions: Object.keys(functions),
    constants: constants.names,
    events: rawEvents.map((event) => event.name),
    presets: presets.map((preset) => preset.name),
  };
  checkReservedNames(context, names);
  checkConstantReuse(context, names);
  checkUniqueNames(context, names);
  checkAcyclic(context, dependencyGraph(aux, functions), new Set(names.aux));
  const events = checkEventTargetsAndTags(context, rawEvents, states.names, params.names);
  checkFunctionSignatures(context, functions);
  if (shapes.block !== null)
    splitEquationBlock(shapes.block, shapes.kind, stateNames, "[equations].expr", context.source);
  if (shapes.inverseBlock !== null)
    splitEquationBlock(
      shapes.inverseBlock,
      shapes.kind,
      stateNames,
      "[equations.inverse].expr",
      context.source,
    );
  checkPresetNames(context, presets, states.names, params.names);
  checkJacobianShape(context, jacobianExprs, stateNames.length);
  const sim = readSim(context, shapes.sim, shapes.kind);

  const draft = {
    kind: shapes.kind,
    name: shapes.name,
    dtype: shapes.dtype,
    constants: constants.names,
    constantVals: constants.values,
    states: states.names,
    stateIc: states.values,
    params: params.names,
    paramVals: params.values,
    equationsRhs,
    equationsBlock: shapes.block,
    inverseRhs,
    inverseBlock: shapes.inverseBlock,
    jacobianExprs,
    aux,
    functions,
    events,
    sim,
    tagIndex: tagIndexOf(events),
    presets,
    lagMap: {},
    usesLag: false,
    equationsUseLag: false,
  };
  const scan = scanLags(context, draft, isTable(shapes.sim.stop) ? "[sim.stop].cond" : "[sim].stop");
  const spec: ModelSpec = {
    ...draft,
    lagMap: scan.lagMap,
    usesLag: scan.usesLag,
    equationsUseLag: scan.equationsUseLag,
  };
  checkModelExpressions(spec, context.source);
  if (scan.error !== undefined) throw scan.error;
  checkCompleteness(context, spec);
  return deepFreeze(spec);
}
