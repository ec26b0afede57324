import { type StepperFilters, selectSteppers } from "@dyn/steppers";
import { badInput } from "../errors.ts";
import { parseArgv } from "../internal/argv.ts";
import { formatTable } from "../internal/table.ts";
import type { CliIo } from "../io.ts";

/**
 * `dyn steppers [--kind ode|map] [--stiff] [--fixed|--adaptive]`: the registered steppers as a
 * table (name, kind, time control, scheme, order, stiff, aliases), sorted by name.
 */
export async function steppersCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv("steppers", args, { values: ["kind"], flags: ["stiff", "fixed", "adaptive"] });
  if (parsed.positional.length > 0)
    throw badInput(`dyn steppers takes no arguments (got '${parsed.positional[0]}')`);
  const kind = parsed.values.get("kind");
  if (kind !== undefined && kind !== "ode" && kind !== "map") {
    throw badInput(`--kind must be 'ode' or 'map' (got '${kind}')`);
  }
  if (parsed.flags.has("fixed") && parsed.flags.has("adaptive")) {
    throw badInput("--fixed and --adaptive exclude each other; give one");
  }
  const filters: { -readonly [K in keyof StepperFilters]: StepperFilters[K] } = {};
  if (kind !== undefined) filters.kind = kind;
  if (parsed.flags.has("stiff")) filters.stiff = true;
  if (parsed.flags.has("fixed")) filters.timeControl = "fixed";
  if (parsed.flags.has("adaptive")) filters.timeControl = "adaptive";
  const steppers = selectSteppers(filters);
  if (steppers.length === 0) {
    io.stdout.write("no stepper matches these filters\n");
    return 0;
  }
  const rows = steppers.map(({ meta }) => [
    meta.name,
    meta.kind,
    meta.timeControl,
    meta.scheme,
    meta.embeddedOrder === null ? String(meta.order) : `${meta.order}(${meta.embeddedOrder})`,
    meta.stiff ? "yes" : "no",
    meta.aliases.join(", "),
  ]);
  io.stdout.write(formatTable(["name", "kind", "time", "scheme", "order", "stiff", "aliases"], rows));
  return 0;
}
