import { pythonFloatRepr } from "@dyn/core";
import type { ModelSpec, SpecNumber } from "@dyn/model";

function formatNumber(value: SpecNumber): string {
  return typeof value === "bigint" ? value.toString() : pythonFloatRepr(value);
}

function pairs(names: readonly string[], values: readonly SpecNumber[]): string {
  return names.map((name, i) => `${name}=${formatNumber(values[i] as SpecNumber)}`).join(", ");
}

/** A short, human summary of a model: kind, name, states with ICs, params, aux and events. */
export function describeModel(spec: ModelSpec, nAux: number): string {
  const lines = [
    `model: ${spec.name ?? "(unnamed)"} (${spec.kind}, ${spec.dtype})`,
    `states: ${pairs(spec.states, spec.stateIc)}`,
    `params: ${spec.params.length > 0 ? pairs(spec.params, spec.paramVals) : "(none)"}`,
    `aux: ${nAux > 0 ? Object.keys(spec.aux).join(", ") : "(none)"}`,
    `events: ${spec.events.length > 0 ? spec.events.map((e) => `${e.name} (${e.phase})`).join(", ") : "(none)"}`,
    `default stepper: ${spec.sim.stepper}, dt ${pythonFloatRepr(spec.sim.dt)}, t_end ${pythonFloatRepr(spec.sim.tEnd)}`,
  ];
  return `${lines.join("\n")}\n`;
}
