/**
 * The interpreter backend (model-dsl.md §4.5, optional): kernels built from closures over the
 * same IR and helpers, for pages whose Content-Security-Policy forbids `new Function`. The
 * closures are built once per model; a call reuses one preallocated frame and slot array.
 * Every operation is the one the generated code performs, in the same order, so results are
 * bit-identical to the compiled kernels. It is several times slower, and unlike the generated
 * kernels it is not allocation-free (V8 boxes the doubles that closures return).
 */
import type { IrBinding, IrExpr, ModelIR } from "../ir/types.ts";
import { pyTrunc } from "../runtime/integer.ts";
import { KERNEL_HELPERS, type KernelHelper } from "../runtime/kernelHelpers.ts";
import type { FloatArray, ModelKernels, RuntimeWorkspace } from "./types.ts";

/** Mutable evaluation state of one kernel call. */
interface Frame {
  t: number;
  y: FloatArray;
  p: FloatArray;
  lagRing: FloatArray;
  lagHead: Int32Array;
  /** Values of `let` bindings and loop counters. */
  readonly slots: Float64Array;
}

type Evaluate = (frame: Frame) => number;
type Test = (frame: Frame) => boolean;

const EMPTY_FLOATS = new Float64Array(0);
const EMPTY_INTS = new Int32Array(0);

/** Builds closures for the expressions of one kernel, assigning slots to bindings. */
class ClosureBuilder {
  private readonly slotOf = new Map<IrBinding, number>();

  slot(binding: IrBinding): number {
    let index = this.slotOf.get(binding);
    if (index === undefined) {
      index = this.slotOf.size;
      this.slotOf.set(binding, index);
    }
    return index;
  }

  frame(): Frame {
    return {
      t: 0,
      y: EMPTY_FLOATS,
      p: EMPTY_FLOATS,
      lagRing: EMPTY_FLOATS,
      lagHead: EMPTY_INTS,
      slots: new Float64Array(this.slotOf.size + 1),
    };
  }

  /** A JS-truthiness test equal to the emitter's `condition`. */
  test(expr: IrExpr): Test {
    switch (expr.op) {
      case "lt": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) < b(f);
      }
      case "le": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) <= b(f);
      }
      case "gt": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) > b(f);
      }
      case "ge": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) >= b(f);
      }
      case "eq": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) === b(f);
      }
      case "ne": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) !== b(f);
      }
      case "not": {
        const a = this.value(expr.arg);
        return (f) => a(f) === 0;
      }
      case "truth": {
        const a = this.value(expr.arg);
        return (f) => a(f) !== 0;
      }
      case "num": {
        const truthy = expr.value !== 0;
        return () => truthy;
      }
      case "select": {
        const [c, a, b] = [this.test(expr.test), this.test(expr.then), this.test(expr.otherwise)];
        return (f) => (c(f) ? a(f) : b(f));
      }
      default: {
        const a = this.value(expr);
        return (f) => a(f) !== 0;
      }
    }
  }

  /** A closure computing the value of `expr`. */
  value(expr: IrExpr): Evaluate {
    switch (expr.op) {
      case "num": {
        const v = expr.value;
        return () => v;
      }
      case "state": {
        const i = expr.index;
        return (f) => f.y[i] as number;
      }
      case "param": {
        const i = expr.index;
        return (f) => f.p[i] as number;
      }
      case "time":
        return (f) => f.t;
      case "lag": {
        const { ringOffset, headIndex, depth, bufferLen } = expr;
        return (f) => {
          const head = f.lagHead[headIndex] as number;
          return f.lagRing[ringOffset + (head >= depth ? head - depth : head + bufferLen - depth)] as number;
        };
      }
      case "var": {
        const s = this.slot(expr.binding);
        return (f) => f.slots[s] as number;
      }
      case "neg": {
        const a = this.value(expr.arg);
        return (f) => -a(f);
      }
      case "add": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) + b(f);
      }
      case "sub": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) - b(f);
      }
      case "mul": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) * b(f);
      }
      case "div": {
        const [a, b] = [this.value(expr.left), this.value(expr.right)];
        return (f) => a(f) / b(f);
      }
      case "lt":
      case "le":
      case "gt":
      case "ge":
      case "eq":
      case "ne":
      case "not":
      case "truth": {
        const c = this.test(expr);
        return (f) => (c(f) ? 1 : 0);
      }
      case "select": {
        const [c, a, b] = [this.test(expr.test), this.value(expr.then), this.value(expr.otherwise)];
        return (f) => (c(f) ? a(f) : b(f));
      }
      case "let": {
        const s = this.slot(expr.binding);
        const [value, body] = [this.value(expr.value), this.value(expr.body)];
        return (f) => {
          f.slots[s] = value(f);
          return body(f);
        };
      }
      case "call":
        return this.call(
          KERNEL_HELPERS[expr.fn],
          expr.args.map((arg) => this.value(arg)),
        );
      case "reduce":
        return this.reduce(expr);
    }
  }

  private call(fn: KernelHelper, args: Evaluate[]): Evaluate {
    const [a, b, c] = args as [Evaluate, Evaluate, Evaluate];
    switch (args.length) {
      case 1:
        return (f) => fn(a(f));
      case 2:
        return (f) => fn(a(f), b(f));
      case 3:
        return (f) => fn(a(f), b(f), c(f));
      default: {
        // Variadic hypot: arguments gathered into a buffer reserved at build time.
        const buffer = new Array<number>(args.length).fill(0);
        return (f) => {
          for (let i = 0; i < args.length; i++) buffer[i] = (args[i] as Evaluate)(f);
          return fn.apply(undefined, buffer);
        };
      }
    }
  }

  private reduce(expr: Extract<IrExpr, { op: "reduce" }>): Evaluate {
    const clause = expr.clauses[0];
    if (clause === undefined || expr.clauses.length !== 1)
      throw new Error("reductions have exactly one clause");
    const [start, stop, step] = [this.value(clause.start), this.value(clause.stop), this.value(clause.step)];
    const counter = this.slot(clause.binding);
    const conditions = clause.conditions.map((condition) => this.test(condition));
    const body = this.value(expr.body);
    const isSum = expr.kind === "sum";
    return (f) => {
      let acc = isSum ? 0.0 : 1.0;
      const first = pyTrunc(start(f));
      const last = pyTrunc(stop(f));
      const stride = pyTrunc(step(f));
      if (!(first - first === 0 && last - last === 0 && stride - stride === 0 && stride !== 0))
        return Number.NaN;
      for (let i = first; stride > 0 ? i < last : i > last; i += stride) {
        f.slots[counter] = i;
        let pass = true;
        for (let k = 0; k < conditions.length && pass; k++) pass = (conditions[k] as Test)(f);
        if (pass) acc = isSum ? acc + body(f) : acc * body(f);
      }
      return acc;
    };
  }
}

function enter(frame: Frame, t: number, y: FloatArray, p: FloatArray, ws: RuntimeWorkspace): void {
  frame.t = t;
  frame.y = y;
  frame.p = p;
  frame.lagRing = ws.lag_ring;
  frame.lagHead = ws.lag_head;
}

/**
 * Kernels evaluating `ir` with closures instead of generated code (bit-identical results).
 * @internal
 */
export function interpretedKernels(ir: ModelIR): ModelKernels {
  const vector = (rows: readonly IrExpr[]): ModelKernels["rhs"] => {
    const builder = new ClosureBuilder();
    const evaluate = rows.map((row) => builder.value(row));
    const frame = builder.frame();
    return (t, y, out, p, ws) => {
      enter(frame, t, y, p, ws);
      for (let i = 0; i < evaluate.length; i++) out[i] = (evaluate[i] as Evaluate)(frame);
    };
  };
  const kernels: { -readonly [K in keyof ModelKernels]: ModelKernels[K] } = {
    rhs: vector(ir.rhs),
    updateAux: (() => {
      const builder = new ClosureBuilder();
      const aux = ir.aux.map((expr) => builder.value(expr));
      const stop = ir.stop === null ? undefined : builder.test(ir.stop);
      const frame = builder.frame();
      return (t, y, p, auxOut, ws) => {
        enter(frame, t, y, p, ws);
        for (let i = 0; i < aux.length; i++) auxOut[i] = (aux[i] as Evaluate)(frame);
        if (stop !== undefined && ws.stop_flag.length > 0) ws.stop_flag[0] = stop(frame) ? 1 : 0;
      };
    })(),
    eventsStart: events(ir, "start"),
    eventsEnd: events(ir, "end"),
  };
  if (ir.stop !== null) {
    const builder = new ClosureBuilder();
    const stop = builder.test(ir.stop);
    const frame = builder.frame();
    kernels.stopCond = (t, y, p, ws) => {
      enter(frame, t, y, p, ws);
      return stop(frame) ? 1 : 0;
    };
  }
  if (ir.inverse !== null) kernels.invRhs = vector(ir.inverse);
  if (ir.jacobian !== null) {
    const n = ir.stateNames.length;
    const builder = new ClosureBuilder();
    const entries = ir.jacobian.flatMap((row) => row.map((entry) => builder.value(entry)));
    const frame = builder.frame();
    kernels.jacobian = (t, y, p, jOut, ws) => {
      enter(frame, t, y, p, ws);
      for (let k = 0; k < entries.length; k++) jOut[k] = (entries[k] as Evaluate)(frame);
    };
    kernels.jvp = (t, y, p, v, out, ws) => {
      enter(frame, t, y, p, ws);
      for (let i = 0; i < n; i++) {
        let s = 0.0;
        for (let j = 0; j < n; j++) s = s + (entries[i * n + j] as Evaluate)(frame) * (v[j] as number);
        out[i] = s;
      }
    };
  }
  return Object.freeze(kernels);
}

function events(ir: ModelIR, phase: "start" | "end"): ModelKernels["eventsEnd"] {
  const builder = new ClosureBuilder();
  const compiled = ir.events
    .filter((event) => event.phase === phase || event.phase === "both")
    .map((event) => ({
      index: event.index,
      cond: builder.test(event.cond),
      actions: event.actions.map((action) => ({
        state: action.target.kind === "state",
        index: action.target.index,
        value: builder.value(action.value),
      })),
      log: event.log.map((field) => builder.value(field.value)),
    }));
  const frame = builder.frame();
  return (t, y, p, logScratch, ws) => {
    enter(frame, t, y, p, ws);
    for (let e = 0; e < compiled.length; e++) {
      const event = compiled[e] as (typeof compiled)[number];
      if (!event.cond(frame)) continue;
      for (let a = 0; a < event.actions.length; a++) {
        const action = event.actions[a] as (typeof event.actions)[number];
        const value = action.value(frame);
        if (action.state) y[action.index] = value;
        else p[action.index] = value;
      }
      for (let column = 0; column < event.log.length; column++)
        logScratch[column] = (event.log[column] as Evaluate)(frame);
      return event.index;
    }
    return -1;
  };
}
