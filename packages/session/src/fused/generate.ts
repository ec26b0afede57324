/**
 * The fused-kernel generator: one stepper template unrolled over one model's IR, inside the
 * runner loop of session-semantics §2 (performance.md, "The design that reaches the limit").
 *
 * Every state component, stage vector component, parameter and template scalar is a local; the
 * right-hand side is inlined at each `V = f(T, W)`; options a run does not use leave no code in
 * the loop. The model's event, aux and lag kernels are called as they are (on the typed arrays,
 * synced from the locals first), so their arithmetic is the plain path's by construction.
 */
import {
  type IrExpr,
  irChildren,
  type JsEmitNames,
  JsExpressionEmitter,
  jsNumberLiteral,
  type ModelIR,
} from "@dyn/model";
import type { StepperTemplate, TemplateCondition, TemplateExpr, TemplateStatement } from "@dyn/steppers";
import { CHUNK_DONE, type LoopOptions } from "../internal/loopSource.ts";
import { SC } from "../internal/runFrame.ts";
import { RUN_STATUS } from "../status.ts";

/** A config field the `wrms` controller reads, with its baked default. */
export interface ControllerField {
  readonly name: string;
  readonly index: number;
  readonly default: number;
}

/** Everything the generator needs besides the loop options. */
export interface FusedInput {
  readonly template: StepperTemplate;
  readonly ir: ModelIR;
  /** Index and default of every config field the template or its controller reads. */
  readonly configFields: ReadonlyMap<string, ControllerField>;
  /** Number of packed config fields (a shorter config means "baked defaults", §1.2). */
  readonly configCount: number;
  /** The recorded state and aux indices, baked into the row writes. */
  readonly selection: { readonly stateIdx: readonly number[]; readonly auxIdx: readonly number[] };
  /** The template counter zeroed after a state-assigning event (D-14); needed when `o.restartHistory`. */
  readonly historyCounter?: string;
}

/** Config fields the `wrms` controller needs. */
export const WRMS_FIELDS = [
  "atol",
  "rtol",
  "safety",
  "min_factor",
  "max_factor",
  "max_tries",
  "min_step",
  "dt_max",
] as const;

const COMPARE_JS = { lt: "<", le: "<=", gt: ">", ge: ">=", eq: "===", ne: "!==" } as const;
const ARITH_JS = { add: "+", sub: "-", mul: "*", div: "/" } as const;

/** Generates the statements of a template for one model. */
class TemplateEmitter {
  readonly rhs: JsExpressionEmitter;
  private evalArg = "y";
  /** JS name of the template's `h` in the section being emitted. */
  hName = "h";
  /** Number of min/max temporaries used (`M_0`, `M_1`, …). */
  minMaxTemps = 0;

  constructor(
    private readonly tp: StepperTemplate,
    private readonly ir: ModelIR,
    private readonly n: number,
  ) {
    const names: JsEmitNames = {
      state: (i) => this.vec(this.evalArg, i),
      param: (j) => `p_${j}`,
      time: "Tf",
      lagRing: "lr",
      lagHead: "lh",
      helper: (fn) => `h_${fn}`,
    };
    this.rhs = new JsExpressionEmitter(names, "r");
  }

  /** The local holding component `i` of template vector `name`. */
  vec(name: string, i: number): string {
    if (name === "y") return `y_${i}`;
    if (name === "yp") return `P_${i}`;
    return `V_${name}_${i}`;
  }

  private scalar(name: string): string {
    if (name === "t") return "t";
    if (name === "h") return this.hName;
    if (name === "n") return String(this.n);
    if (this.tp.counters.includes(name)) return `C_${name}`;
    if (this.tp.config.includes(name)) return `K_${name}`;
    return `S_${name}`;
  }

  private isVector(name: string): boolean {
    return (
      name === "y" ||
      name === "yp" ||
      name === "yn" ||
      name === "e" ||
      this.tp.vectors.includes(name) ||
      this.tp.history.includes(name)
    );
  }

  /** JS text of a template expression; `i` is the component (vector statements) or -1. */
  expr(e: TemplateExpr, i: number): string {
    switch (e.op) {
      case "num":
        return jsNumberLiteral(e.value);
      case "ref":
        return this.isVector(e.name) ? this.vec(e.name, i) : this.scalar(e.name);
      case "neg":
        return `(-${this.expr(e.arg, i)})`;
      case "pow":
        return `(${this.expr(e.left, i)} ** ${this.expr(e.right, i)})`;
      case "call": {
        const args = e.args.map((a) => this.expr(a, i));
        if (e.fn === "min" || e.fn === "max") {
          // Python's min/max of two floats: the first argument unless the second is strictly
          // smaller (larger); fresh temporaries so nested calls cannot clobber each other.
          const a = `M_${this.minMaxTemps++}`;
          const b = `M_${this.minMaxTemps++}`;
          return `(${a} = ${args[0]}, ${b} = ${args[1]}, ${b} ${e.fn === "min" ? "<" : ">"} ${a} ? ${b} : ${a})`;
        }
        return `Math.${e.fn}(${args[0]})`;
      }
      default:
        return `(${this.expr(e.left, i)} ${ARITH_JS[e.op]} ${this.expr(e.right, i)})`;
    }
  }

  private cond(c: TemplateCondition): string {
    return `${this.expr(c.left, -1)} ${COMPARE_JS[c.op]} ${this.expr(c.right, -1)}`;
  }

  /** Emits statements into `out` (component loops unrolled, in the written order). */
  statements(list: readonly TemplateStatement[], out: string[]): void {
    for (const s of list) {
      if (s.kind === "if") {
        out.push(`if (${this.cond(s.cond)}) {`);
        this.statements(s.ifTrue, out);
        if (s.ifFalse.length > 0) {
          out.push("} else {");
          this.statements(s.ifFalse, out);
        }
        out.push("}");
      } else if (s.kind === "eval") {
        out.push(`Tf = ${this.expr(s.time, -1)};`);
        this.evalArg = s.arg;
        this.ir.rhs.forEach((row, i) => {
          const prelude: string[] = [];
          const js = this.rhs.expression(row, prelude);
          out.push(...prelude, `${this.vec(s.target, i)} = ${js};`);
        });
        this.evalArg = "y";
      } else if (this.isVector(s.target)) {
        for (let i = 0; i < this.n; i++) out.push(`${this.vec(s.target, i)} = ${this.expr(s.value, i)};`);
      } else {
        out.push(`${this.scalar(s.target)} = ${this.expr(s.value, -1)};`);
      }
    }
  }

  /**
   * A JS condition that is true iff some event of `phase` would fire at state vector `vector`
   * (and time `Tf`): the events' own conditions, emitted as the model's event kernel emits them
   * (pure code, so evaluating them first changes nothing). Lets the loop skip syncing the state
   * to the typed arrays and calling the event kernel on steps where no event fires.
   */
  eventGuard(phase: "start" | "end", vector: string, prelude: string[]): string {
    this.evalArg = vector;
    const conds = this.ir.events
      .filter((e) => e.phase === phase || e.phase === "both")
      .map((e) => this.rhs.condition(e.cond, prelude));
    this.evalArg = "y";
    return conds.length === 0 ? "false" : conds.join(" || ");
  }

  /** Targets of every `f(T, W)` in a statement list (the vectors the controller checks). */
  evalTargets(list: readonly TemplateStatement[], out: Set<string>): Set<string> {
    for (const s of list) {
      if (s.kind === "eval") out.add(s.target);
      else if (s.kind === "if") {
        this.evalTargets(s.ifTrue, out);
        this.evalTargets(s.ifFalse, out);
      }
    }
    return out;
  }
}

function irUsesTime(e: IrExpr): boolean {
  return e.op === "time" || irChildren(e).some(irUsesTime);
}

function exprUsesTime(e: TemplateExpr): boolean {
  switch (e.op) {
    case "num":
      return false;
    case "ref":
      return e.name === "t";
    case "neg":
      return exprUsesTime(e.arg);
    case "call":
      return e.args.some(exprUsesTime);
    default:
      return exprUsesTime(e.left) || exprUsesTime(e.right);
  }
}

/** Whether the step reads the time `t` (an `f(T, W)` only when the model's RHS reads it). */
function stepUsesTime(list: readonly TemplateStatement[], rhsUsesTime: boolean): boolean {
  return list.some((s) => {
    if (s.kind === "if")
      return (
        exprUsesTime(s.cond.left) ||
        exprUsesTime(s.cond.right) ||
        stepUsesTime(s.ifTrue, rhsUsesTime) ||
        stepUsesTime(s.ifFalse, rhsUsesTime)
      );
    if (s.kind === "eval") return rhsUsesTime && exprUsesTime(s.time);
    return exprUsesTime(s.value);
  });
}

function range(n: number, f: (i: number) => string, sep = " "): string {
  return Array.from({ length: n }, (_, i) => f(i)).join(sep);
}

/**
 * The source of a fused kernel: a factory body taking the model helper table `H` and returning
 * `function dynFusedKernel(frame) → status`, with the chunk contract of `loopSource` (runs at
 * most `scalars[CHUNK_LIMIT]` steps, stops before a step when a buffer is full, writes its
 * scalars, state, history vectors and counters back on every exit).
 */
export function fusedSource(o: LoopOptions, input: FusedInput): string {
  const { template: tp, ir } = input;
  const n = o.nState;
  const np = ir.paramNames.length;
  const adaptive = o.time === "adaptive";
  const em = new TemplateEmitter(tp, ir, n);
  const events = o.startEvents || o.endEvents;
  const restartCounter = input.historyCounter ?? "";
  if (o.restartHistory && !tp.counters.includes(restartCounter))
    throw new Error(`fused kernel: history restart needs template counter '${restartCounter}'`);
  const syncY = range(n, (i) => `y[${i}] = y_${i};`);
  const loadY = range(n, (i) => `y_${i} = y[${i}];`);
  const loadP = range(np, (j) => `p_${j} = p[${j}];`);

  // The step itself: writes P_i (proposal), tp (its time), dn (next step), st (status).
  const step: string[] = [];
  const lazyTimeMarker = "/*TP*/";
  if (!adaptive) {
    em.hName = "h";
    em.statements(tp.body, step);
    step.push(lazyTimeMarker);
  } else {
    em.hName = "hh";
    const cfg = (name: string): string => `K_${name}`;
    const beginTargets = [...em.evalTargets(tp.begin, new Set())];
    const attemptTargets = [...em.evalTargets(tp.body, new Set()), "yn"];
    step.push(`hh = h < ${cfg("dt_max")} ? h : ${cfg("dt_max")};`);
    step.push("err = 1 / 0;");
    em.statements(tp.begin, step);
    step.push("ok = true;");
    for (const v of beginTargets)
      for (let i = 0; i < n; i++) step.push(`if (${em.vec(v, i)} - ${em.vec(v, i)} !== 0) ok = false;`);
    step.push("st = 2;");
    step.push("if (ok) {");
    step.push(`for (let attempt = 0; attempt < maxTries; attempt++) {`);
    em.statements(tp.body, step);
    step.push("ok = true;");
    for (const v of attemptTargets)
      for (let i = 0; i < n; i++) step.push(`if (${em.vec(v, i)} - ${em.vec(v, i)} !== 0) ok = false;`);
    step.push("if (ok) {");
    step.push("acc = 0.0;");
    for (let i = 0; i < n; i++) {
      step.push(
        `aY = Math.abs(y_${i}); aN = Math.abs(V_yn_${i}); acc = acc + (V_e_${i} / (${cfg("atol")} + ${cfg("rtol")} * (aY > aN ? aY : aN))) ** 2;`,
      );
    }
    step.push(`err = (acc / ${n}) ** 0.5;`);
    step.push("if (err - err !== 0) ok = false;");
    step.push("}");
    step.push("if (!ok) {");
    step.push("err = 1 / 0;");
    step.push(`if (hh <= ${cfg("min_step")}) break;`);
    step.push(`hh = hh * ${cfg("min_factor")};`);
    step.push(`if (hh < ${cfg("min_step")}) hh = ${cfg("min_step")};`);
    step.push("continue;");
    step.push("}");
    step.push(`if (err <= 1.0 || hh <= ${cfg("min_step")}) {`);
    step.push(range(n, (i) => `P_${i} = V_yn_${i};`));
    step.push("tp = t + hh;");
    step.push("if (err > 0.0) {");
    step.push(
      `let factor = ${cfg("safety")} * (1.0 / err) ** ${jsNumberLiteral(tp.controller?.grow ?? 0.2)};`,
    );
    step.push(`if (factor > ${cfg("max_factor")}) factor = ${cfg("max_factor")};`);
    step.push(`if (factor < ${cfg("min_factor")}) factor = ${cfg("min_factor")};`);
    step.push("dn = hh * factor;");
    step.push(`} else dn = hh * ${cfg("max_factor")};`);
    step.push(`if (!(dn < ${cfg("dt_max")})) dn = ${cfg("dt_max")};`);
    step.push("st = 0;");
    step.push("break;");
    step.push("}");
    step.push(
      `let shrink = ${cfg("safety")} * (1.0 / err) ** ${jsNumberLiteral(tp.controller?.shrink ?? 0.25)};`,
    );
    step.push(`if (shrink < ${cfg("min_factor")}) shrink = ${cfg("min_factor")};`);
    step.push("hh = hh * shrink;");
    step.push(`if (hh < ${cfg("min_step")}) break;`);
    step.push("}");
    step.push("}");
  }

  // A map whose loop never reads `t` (no time in the RHS or the template, no events, aux or
  // recording) keeps no running time: the iteration label tStart + k·dt is formed once at chunk
  // exit, and the finiteness of t + dt is checked for the whole chunk at entry (t_k + dt is
  // monotone in k, so it is finite for every step iff it is at the first and the last).
  const lazyTime =
    o.time === "map" &&
    !o.record &&
    !o.startEvents &&
    !o.endEvents &&
    !o.updateAux &&
    !stepUsesTime(tp.body, ir.rhs.some(irUsesTime));

  // Event guards are generated before the header, which declares every temporary they use.
  const startPrelude: string[] = [];
  const startGuard = o.startEvents ? em.eventGuard("start", "y", startPrelude) : "false";
  const endPrelude: string[] = [];
  const endGuard = o.endEvents ? em.eventGuard("end", "yp", endPrelude) : "false";

  const L: string[] = [];
  const add = (line: string): void => {
    L.push(line);
  };
  add(`"use strict";`);
  const helpers = [...em.rhs.helpersUsed].sort();
  if (helpers.length > 0) add(`const ${helpers.map((fn) => `h_${fn} = H.${fn}`).join(", ")};`);
  add(`return function dynFusedKernel(f) {`);
  add(
    `  const sc = f.scalars, y = f.y, ya = f.yProp, p = f.params, rws = f.runtimeWs, sws = f.stepperWs, cfg = f.config;`,
  );
  if (events)
    add(`  const evS = f.eventsStart, evE = f.eventsEnd, scratch = f.logScratch, widths = f.logWidths;`);
  if (o.logEvents)
    add(`  const capEvt = f.capEvt, LW = f.logWidth, ec = f.evtCode, eo = f.evtOwner, el = f.evtLog;`);
  if (o.restartHistory) add(`  const rc = f.restartCodes;`);
  if (o.updateAux) add(`  const upd = f.updateAux, aux = f.auxValues;`);
  if (o.lag) add(`  const adv = f.advanceLag;`);
  if (o.stop) add(`  const stopFlag = f.stopFlag;`);
  if (em.rhs.usesLag) add(`  const lr = rws.lag_ring, lh = rws.lag_head;`);
  if (o.record) {
    add(`  const capRec = f.capRec, rT = f.recT, rS = f.recStep, rY = f.recY, rA = f.recAux;`);
  }
  add(`  let ${range(n, (i) => `y_${i} = y[${i}]`, ", ")};`);
  if (np > 0) add(`  let ${range(np, (j) => `p_${j} = p[${j}]`, ", ")};`);
  for (const name of tp.history) {
    add(`  const W_${name} = sws.${name};`);
    add(`  let ${range(n, (i) => `V_${name}_${i} = W_${name}[${i}]`, ", ")};`);
  }
  for (const name of tp.counters)
    add(`  const W_${name} = sws.${name}; let C_${name} = Number(W_${name}[0]);`);
  const scratchVectors = [...tp.vectors, ...(adaptive ? ["yn", "e"] : [])];
  for (const name of scratchVectors) add(`  let ${range(n, (i) => `V_${name}_${i} = 0.0`, ", ")};`);
  add(`  let ${range(n, (i) => `P_${i} = 0.0`, ", ")};`);
  if (tp.scalars.length > 0) add(`  let ${tp.scalars.map((s) => `S_${s} = 0.0`).join(", ")};`);
  const cfgNames = new Set<string>([...tp.config, ...(adaptive ? WRMS_FIELDS : [])]);
  for (const name of cfgNames) {
    const field = input.configFields.get(name);
    if (field === undefined) throw new Error(`config field '${name}' missing`);
    add(
      `  const K_${name} = cfg.length >= ${input.configCount} ? cfg[${field.index}] : ${jsNumberLiteral(field.default)};`,
    );
  }
  if (adaptive) {
    add(`  let maxTries = Math.trunc(K_max_tries); if (!(maxTries >= 1)) maxTries = 1;`);
    add(`  let hh = 0.0, err = 0.0, acc = 0.0, aY = 0.0, aN = 0.0, ok = true;`);
  }
  add(`  let Tf = 0.0, tp = 0.0, dn = 0.0;`);
  if (em.minMaxTemps > 0) add(`  let ${range(em.minMaxTemps, (i) => `M_${i} = 0.0`, ", ")};`);
  const decl = em.rhs.declarations();
  if (decl !== "") add(`  ${decl}`);
  add(
    `  let t = sc[${SC.T}], dt = sc[${SC.DT}], stepN = sc[${SC.STEP}], nRec = sc[${SC.N_REC}], nEvt = sc[${SC.N_EVT}];`,
  );
  add(`  const maxSteps = sc[${SC.MAX_STEPS}], tEnd = sc[${SC.T_END}];`);
  if (o.time === "grid")
    add(
      `  let origin = sc[${SC.GRID_ORIGIN}], k = sc[${SC.GRID_K}], fullLeft = sc[${SC.FULL_LEFT}], clip = sc[${SC.CLIP}];`,
    );
  if (o.time === "map") add(`  const nIter = sc[${SC.N_ITER}], tStart = sc[${SC.T_START}];`);
  if (o.record && !o.recordEveryStep)
    add(`  const interval = sc[${SC.INTERVAL}]; let countdown = sc[${SC.COUNTDOWN}];`);
  // The chunk budget as an end count: one comparison per step instead of a decrement and a
  // comparison (the map loop folds it into its iteration test). Loop-invariant tests are hoisted.
  add(`  const chunkEnd = stepN + sc[${SC.CHUNK_LIMIT}];`);
  if (o.time !== "adaptive") add(`  const dtFinite = dt - dt === 0;`);
  add(`  let status = ${RUN_STATUS.DONE};`);
  if (o.time === "map") add(`  const stopAt = chunkEnd < nIter ? chunkEnd : nIter;`);
  if (lazyTime) {
    // An int32 counter within the chunk (≤ 16 384 steps): its increment and test run on the
    // integer units, leaving the floating-point ports to the model.
    add(`  const stepN0 = stepN, count = (stopAt - stepN) | 0;`);
    add(`  let j = 0;`);
    add(
      `  const tpFirst = (stepN === 0 ? t : tStart + stepN * dt) + dt, tpLast = (tStart + (stopAt - 1) * dt) + dt;`,
    );
    add(`  const checkT = !(tpFirst - tpFirst === 0 && tpLast - tpLast === 0);`);
  }
  add(`  for (;;) {`);
  if (o.time === "grid") {
    add(`    if (stepN >= maxSteps) break;`);
    add(`    if (fullLeft + clip <= 0) break;`);
    add(`    if (stepN >= chunkEnd) { status = ${CHUNK_DONE}; break; }`);
  } else if (o.time === "adaptive") {
    add(`    if (!(stepN < maxSteps && t < tEnd)) break;`);
    add(`    if (stepN >= chunkEnd) { status = ${CHUNK_DONE}; break; }`);
  } else if (lazyTime) add(`    if (j >= count) { if (stepN0 + j < nIter) status = ${CHUNK_DONE}; break; }`);
  else add(`    if (stepN >= stopAt) { if (stepN < nIter) status = ${CHUNK_DONE}; break; }`);
  if (o.record) add(`    if (nRec >= capRec) { status = ${RUN_STATUS.GROW_REC}; break; }`);
  if (o.logEvents) add(`    if (nEvt + 2 > capEvt) { status = ${RUN_STATUS.GROW_EVT}; break; }`);
  const fire = (
    kernel: string,
    time: string,
    arr: string,
    reload: string,
    guard: string,
    sync: string,
  ): void => {
    add(`    Tf = ${time};`);
    add(`    if (${guard}) {`);
    add(`      ${sync}`);
    add(`      const code = ${kernel}(${time}, ${arr}, p, scratch, rws);`);
    add(`      if (code >= 0) {`);
    add(`        ${reload} ${loadP}`);
    // D-14: the same restart as the plain loop's (the counter is written back at chunk exit).
    if (o.restartHistory) add(`        if (rc[code] !== 0) C_${restartCounter} = 0;`);
    if (o.logEvents) {
      add(`        const w = widths[code];`);
      add(`        if (w > 0) {`);
      add(`          ec[nEvt] = code; eo[nEvt] = nRec - 1;`);
      add(`          const base = nEvt * LW;`);
      add(`          for (let j = 0; j < w; j++) el[base + j] = scratch[j];`);
      add(`          nEvt++;`);
      add(`        }`);
    }
    add(`      }`);
    add(`    }`);
  };
  if (o.startEvents) {
    for (const line of startPrelude) add(`    ${line}`);
    fire("evS", "t", "y", loadY, startGuard, syncY);
  }
  if (o.time === "grid") {
    add(`    const full = fullLeft > 0;`);
    add(`    const h = full ? dt : tEnd - t;`);
  } else if (o.time === "adaptive") add(`    const h = t + dt > tEnd ? tEnd - t : dt;`);
  else add(`    const h = dt;`);
  add(`    let st = 0;`);
  for (const line of step) {
    if (line !== lazyTimeMarker) add(`    ${line}`);
    else if (!lazyTime) add(`    tp = t + h; dn = h;`);
    else {
      add(`    dn = h;`);
      add(`    let finite = true;`);
      add(
        `    if (checkT) { tp = (j === 0 ? t : tStart + (stepN0 + j) * dt) + h; finite = tp - tp === 0 && dtFinite; }`,
      );
    }
  }
  add(`    if (st !== 0) { status = st; break; }`);
  // For fixed steps dn is h: dt itself, or on the clipped last grid step tEnd - t (finite
  // whenever t is, which the previous step's check covered).
  if (lazyTime) {
    // `finite` was set with the step's time check above.
  } else if (o.time === "map") add(`    let finite = tp - tp === 0 && dtFinite;`);
  else add(`    let finite = tp - tp === 0 && dn - dn === 0;`);
  for (let i = 0; i < n; i++) add(`    if (P_${i} - P_${i} !== 0) finite = false;`);
  add(`    if (!finite) { status = ${RUN_STATUS.NAN_DETECTED}; break; }`);
  if (o.time === "grid") add(`    const tNew = full ? origin + (k + 1) * dt : tEnd;`);
  else if (o.time === "adaptive") add(`    const tNew = tp;`);
  else if (!lazyTime) add(`    const tNew = tStart + (stepN + 1) * dt;`);
  if (o.endEvents) {
    for (const line of endPrelude) add(`    ${line}`);
    fire(
      "evE",
      "tNew",
      "ya",
      range(n, (i) => `P_${i} = ya[${i}];`),
      endGuard,
      range(n, (i) => `ya[${i}] = P_${i};`),
    );
  }
  add(`    ${range(n, (i) => `y_${i} = P_${i};`)}`);
  add(lazyTime ? `    j++;` : `    stepN++;`);
  if (o.time === "grid") {
    add(`    if (full) { fullLeft--; k++; t = tNew; }`);
    add(`    else { clip = 0; t = tEnd; origin = tEnd; k = 0; }`);
  } else if (o.time === "adaptive") add(`    t = tNew; dt = dn;`);
  else if (!lazyTime) add(`    t = tNew;`);
  if (o.updateAux || o.lag) add(`    ${syncY}`);
  if (o.updateAux) add(`    upd(t, y, p, aux, rws);`);
  if (o.lag) add(`    adv(rws, y);`);
  if (o.record) {
    // The selection is fixed at generation time: rows are written straight from the locals.
    const { stateIdx, auxIdx } = input.selection;
    const auxRow =
      o.updateAux && auxIdx.length > 0
        ? `\n      { const r = nRec * ${auxIdx.length}; ${auxIdx.map((a, j) => `rA[r + ${j}] = aux[${a}];`).join(" ")} }`
        : "";
    const stateRow =
      stateIdx.length > 0
        ? `\n      { const r = nRec * ${stateIdx.length}; ${stateIdx.map((si, j) => `rY[r + ${j}] = y_${si};`).join(" ")} }`
        : "";
    const row = `
      rT[nRec] = t; rS[nRec] = stepN;${stateRow}${auxRow}
      nRec++;`;
    if (o.recordEveryStep) add(`    {${row}\n    }`);
    else add(`    if (--countdown === 0) { countdown = interval;${row}\n    }`);
  }
  if (o.stop) add(`    if (stopFlag[0] !== 0) { status = ${RUN_STATUS.EARLY_EXIT}; break; }`);
  add(`  }`);
  if (lazyTime) add(`  stepN = stepN0 + j; if (j !== 0) t = tStart + stepN * dt;`);
  // Write back everything that outlives the chunk (session-semantics §1.6).
  add(`  ${syncY}`);
  for (const name of tp.history) add(`  ${range(n, (i) => `W_${name}[${i}] = V_${name}_${i};`)}`);
  for (const name of tp.counters) add(`  W_${name}[0] = BigInt(C_${name});`);
  add(
    `  sc[${SC.T}] = t; sc[${SC.DT}] = dt; sc[${SC.STEP}] = stepN; sc[${SC.N_REC}] = nRec; sc[${SC.N_EVT}] = nEvt;`,
  );
  if (o.time === "grid")
    add(
      `  sc[${SC.GRID_ORIGIN}] = origin; sc[${SC.GRID_K}] = k; sc[${SC.FULL_LEFT}] = fullLeft; sc[${SC.CLIP}] = clip;`,
    );
  if (o.record && !o.recordEveryStep) add(`  sc[${SC.COUNTDOWN}] = countdown;`);
  add(`  return status;`);
  add(`};`);
  return L.join("\n");
}
