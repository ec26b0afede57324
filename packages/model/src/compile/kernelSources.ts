/**
 * Generated JavaScript of the model kernels (model-dsl.md §4.2–§4.5). Each source is a
 * factory body: it receives the helper table as `H`, copies the helpers it uses into
 * constants, and returns the kernel function. Sources are deterministic, strict, and contain no
 * user identifiers (states are `y[i]`, params `p[j]`, temporaries `v<n>`).
 */
import { type JsEmitNames, JsExpressionEmitter } from "../ir/emitJs.ts";
import type { IrExpr, ModelIR } from "../ir/types.ts";
import type { KernelSources } from "./types.ts";

/**
 * Kernel names, in `exportSources()` order.
 * @internal
 */
export type KernelName =
  | "rhs"
  | "updateAux"
  | "eventsStart"
  | "eventsEnd"
  | "stopCond"
  | "jacobian"
  | "jvp"
  | "invRhs";

const NAMES: JsEmitNames = {
  state: (index) => `y[${index}]`,
  param: (index) => `p[${index}]`,
  time: "t",
  lagRing: "lr",
  lagHead: "lh",
  helper: (fn) => `h_${fn}`,
};

/** Assemble a factory body around a kernel's statements. */
function assemble(
  header: string,
  kernel: KernelName,
  params: string,
  emitter: JsExpressionEmitter,
  statements: readonly string[],
): string {
  const helpers = [...emitter.helpersUsed].sort().map((fn) => `h_${fn} = H.${fn}`);
  const lines = [header, '"use strict";'];
  if (helpers.length > 0) lines.push(`const ${helpers.join(", ")};`);
  lines.push(`return function ${kernel}(${params}) {`);
  if (emitter.usesLag) lines.push("  const lr = ws.lag_ring, lh = ws.lag_head;");
  const declarations = emitter.declarations();
  if (declarations !== "") lines.push(`  ${declarations}`);
  // Indent nested blocks (event bodies, reduction loops) so exported sources read well.
  let depth = 1;
  for (const statement of statements) {
    if (statement.startsWith("}")) depth--;
    lines.push(`${"  ".repeat(Math.max(1, depth))}${statement}`);
    if (statement.endsWith("{")) depth++;
  }
  lines.push("};");
  return `${lines.join("\n")}\n`;
}

/** `target = value;` with the value's hoisted statements first. */
function store(emitter: JsExpressionEmitter, target: string, value: IrExpr, out: string[]): void {
  const prelude: string[] = [];
  const js = emitter.expression(value, prelude);
  out.push(...prelude, `${target} = ${js};`);
}

/**
 * Sources of every kernel the IR supports.
 * @internal
 */
export function kernelSources(ir: ModelIR, specHash: string): KernelSources {
  const header = (kernel: KernelName): string => `// dyn model ${specHash} (${ir.dtype}) kernel ${kernel}`;
  const sources: Partial<Record<KernelName, string>> = {};

  const vectorKernel = (kernel: "rhs" | "invRhs", rows: readonly IrExpr[]): string => {
    const emitter = new JsExpressionEmitter(NAMES);
    const body: string[] = [];
    rows.forEach((row, index) => store(emitter, `out[${index}]`, row, body));
    return assemble(header(kernel), kernel, "t, y, out, p, ws", emitter, body);
  };
  sources.rhs = vectorKernel("rhs", ir.rhs);
  if (ir.inverse !== null) sources.invRhs = vectorKernel("invRhs", ir.inverse);

  {
    const emitter = new JsExpressionEmitter(NAMES);
    const body: string[] = [];
    ir.aux.forEach((aux, index) => store(emitter, `auxOut[${index}]`, aux, body));
    if (ir.stop !== null) {
      const prelude: string[] = [];
      const cond = emitter.condition(ir.stop, prelude);
      body.push(
        "const sf = ws.stop_flag;",
        "if (sf.length > 0) {",
        ...prelude,
        `sf[0] = ${cond} ? 1 : 0;`,
        "}",
      );
    }
    sources.updateAux = assemble(header("updateAux"), "updateAux", "t, y, p, auxOut, ws", emitter, body);
  }

  if (ir.stop !== null) {
    const emitter = new JsExpressionEmitter(NAMES);
    const prelude: string[] = [];
    const cond = emitter.condition(ir.stop, prelude);
    sources.stopCond = assemble(header("stopCond"), "stopCond", "t, y, p, ws", emitter, [
      ...prelude,
      `return ${cond} ? 1 : 0;`,
    ]);
  }

  for (const [kernel, phase] of [
    ["eventsStart", "start"],
    ["eventsEnd", "end"],
  ] as const) {
    const emitter = new JsExpressionEmitter(NAMES);
    const body: string[] = [];
    for (const event of ir.events) {
      if (event.phase !== phase && event.phase !== "both") continue;
      const prelude: string[] = [];
      const cond = emitter.condition(event.cond, prelude);
      body.push(...prelude, `if (${cond}) {`);
      for (const action of event.actions) {
        const target =
          action.target.kind === "state" ? `y[${action.target.index}]` : `p[${action.target.index}]`;
        store(emitter, target, action.value, body);
      }
      event.log.forEach((field, column) => store(emitter, `logScratch[${column}]`, field.value, body));
      body.push(`return ${event.index};`, "}");
    }
    body.push("return -1;");
    sources[kernel] = assemble(header(kernel), kernel, "t, y, p, logScratch, ws", emitter, body);
  }

  if (ir.jacobian !== null) {
    const n = ir.stateNames.length;
    const jacobian = ir.jacobian;
    {
      const emitter = new JsExpressionEmitter(NAMES);
      const body: string[] = [];
      jacobian.forEach((row, i) =>
        row.forEach((entry, j) => store(emitter, `jOut[${i * n + j}]`, entry, body)),
      );
      sources.jacobian = assemble(header("jacobian"), "jacobian", "t, y, p, jOut, ws", emitter, body);
    }
    {
      const emitter = new JsExpressionEmitter(NAMES);
      const body: string[] = ["let s = 0.0;"];
      jacobian.forEach((row, i) => {
        body.push("s = 0.0;");
        row.forEach((entry, j) => {
          const prelude: string[] = [];
          const js = emitter.expression(entry, prelude);
          body.push(...prelude, `s = s + ${js} * v[${j}];`);
        });
        body.push(`out[${i}] = s;`);
      });
      sources.jvp = assemble(header("jvp"), "jvp", "t, y, p, v, out, ws", emitter, body);
    }
  }
  return sources as KernelSources;
}
