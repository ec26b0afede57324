import { RUN_STATUS } from "../status.ts";
import { INLINE_LABEL, INLINE_STATUS, type InlinedStep } from "./inlineStep.ts";
import { SC } from "./runFrame.ts";

const RUN_DONE = RUN_STATUS.DONE;
const NAN_DETECTED = RUN_STATUS.NAN_DETECTED;
const EARLY_EXIT = RUN_STATUS.EARLY_EXIT;
const GROW_REC = RUN_STATUS.GROW_REC;
const GROW_EVT = RUN_STATUS.GROW_EVT;

/**
 * Status a loop returns when it used up its chunk budget (not a reference status: it never
 * leaves the driver).
 */
export const CHUNK_DONE = 100;

/** How time advances in a runner call. */
export type LoopTimeKind = "map" | "grid" | "adaptive";

/**
 * The option set a runner loop is specialised for: everything a model or run does not use is
 * left out of the generated source, so it costs nothing per step.
 */
export interface LoopOptions {
  readonly time: LoopTimeKind;
  readonly nState: number;
  readonly record: boolean;
  readonly recordEveryStep: boolean;
  readonly startEvents: boolean;
  readonly endEvents: boolean;
  readonly logEvents: boolean;
  readonly updateAux: boolean;
  readonly stop: boolean;
  readonly lag: boolean;
  /**
   * A firing event may assign a state and the stepper has history: after such an event the
   * history counter is zeroed (D-14). False costs nothing per step.
   */
  readonly restartHistory: boolean;
  /** The step's body pasted into the loop, or null to call `step` (see `inlineStep`). */
  readonly inlineStep: InlinedStep | null;
}

/** A stable short key for an option set (part of the loop cache key and of its sourceURL). */
export function loopOptionsKey(o: LoopOptions): string {
  const flags = [
    o.record ? "r" : "",
    o.record && !o.recordEveryStep ? "i" : "",
    o.startEvents ? "s" : "",
    o.endEvents ? "e" : "",
    o.logEvents ? "l" : "",
    o.updateAux ? "a" : "",
    o.stop ? "x" : "",
    o.lag ? "g" : "",
    o.restartHistory ? "h" : "",
    o.inlineStep !== null ? "n" : "",
  ].join("");
  return `${o.time}-${flags || "plain"}`;
}

function eventBlock(kernel: string, time: string, state: string, log: boolean, restart: boolean): string {
  if (!log && !restart)
    return `
    ${kernel}(${time}, ${state}, p, scratch, rws);`;
  // D-14: an event that assigned a state restarts the history, as the first step of a run.
  const restartLine = restart
    ? `
        if (rc[code] !== 0) hc[0] = 0n;`
    : "";
  if (!log)
    return `
    {
      const code = ${kernel}(${time}, ${state}, p, scratch, rws);
      if (code >= 0) {${restartLine}
      }
    }`;
  return `
    {
      const code = ${kernel}(${time}, ${state}, p, scratch, rws);
      if (code >= 0) {${restartLine}
        const w = widths[code];
        if (w > 0) {
          ec[nEvt] = code;
          eo[nEvt] = nRec - 1;
          const base = nEvt * LW;
          for (let j = 0; j < w; j++) el[base + j] = scratch[j];
          nEvt++;
        }
      }
    }`;
}

/**
 * The JavaScript source of one specialised runner loop (session-semantics §2, D-3, D-4, D-10).
 *
 * **Details:** the loop reads its frame into locals, runs until it finishes, fails, fills a
 * buffer (status GROW_REC/GROW_EVT), or uses up its chunk budget (CHUNK_DONE) — all checked at
 * the top of an iteration before anything changes, so the driver can grow and re-enter without
 * repeating or losing a step — and writes the scalars back. It never allocates.
 *
 * Why chunks: V8 optimises a hot function concurrently, but a call already running keeps its
 * old code unless it is replaced on the stack; a long first call could stay in slow (boxing)
 * code for its whole length. Re-entering every few thousand steps picks up the optimised code.
 */
export function loopSource(o: LoopOptions): string {
  const n = o.nState;
  const events = o.startEvents || o.endEvents;
  const L: string[] = [];
  const add = (line: string): void => {
    L.push(line);
  };
  add(`"use strict";`);
  add(`return function dynRunLoop(f) {`);
  add(`  const sc = f.scalars;`);
  add(
    `  const step = f.step, rhs = f.rhs, y = f.y, yp = f.yProp, p = f.params, rws = f.runtimeWs, sws = f.stepperWs;`,
  );
  add(`  const cfg = f.config, tProp = f.tProp, dtNext = f.dtNext, errEst = f.errEst;`);
  if (events)
    add(`  const evS = f.eventsStart, evE = f.eventsEnd, scratch = f.logScratch, widths = f.logWidths;`);
  if (o.restartHistory) add(`  const rc = f.restartCodes, hc = f.historyCounter;`);
  if (o.logEvents)
    add(`  const capEvt = f.capEvt, LW = f.logWidth, ec = f.evtCode, eo = f.evtOwner, el = f.evtLog;`);
  if (o.updateAux) add(`  const upd = f.updateAux, aux = f.auxValues;`);
  if (o.lag) add(`  const adv = f.advanceLag;`);
  if (o.stop) add(`  const stopFlag = f.stopFlag;`);
  if (o.record) {
    add(`  const capRec = f.capRec, rT = f.recT, rS = f.recStep, rY = f.recY, rA = f.recAux;`);
    add(`  const si = f.recStateIdx, ai = f.recAuxIdx, ns = si.length, na = ai.length;`);
  }
  // Loop-carried values all start as doubles read from the scalar array; everything computed
  // within an iteration is a block-scoped const, so no loop variable ever mixes Smi and double
  // (a mixed phi can be kept tagged by the optimiser, boxing a number on every step).
  add(
    `  let t = sc[${SC.T}], dt = sc[${SC.DT}], stepN = sc[${SC.STEP}], nRec = sc[${SC.N_REC}], nEvt = sc[${SC.N_EVT}];`,
  );
  add(`  const maxSteps = sc[${SC.MAX_STEPS}], tEnd = sc[${SC.T_END}];`);
  if (o.time === "grid") {
    add(
      `  let origin = sc[${SC.GRID_ORIGIN}], k = sc[${SC.GRID_K}], fullLeft = sc[${SC.FULL_LEFT}], clip = sc[${SC.CLIP}];`,
    );
  }
  if (o.time === "map") add(`  const nIter = sc[${SC.N_ITER}], tStart = sc[${SC.T_START}];`);
  if (o.record && !o.recordEveryStep)
    add(`  const interval = sc[${SC.INTERVAL}]; let countdown = sc[${SC.COUNTDOWN}];`);
  add(`  let budget = sc[${SC.CHUNK_LIMIT}];`);
  add(`  let status = ${RUN_DONE};`);
  add(`  for (;;) {`);
  // Termination. Every comparison here runs on every iteration: a comparison first reached at
  // the very end of a run would have no type feedback and deoptimise the loop on its way out.
  if (o.time === "grid") {
    add(`    if (stepN >= maxSteps) break;`);
    add(`    if (fullLeft + clip <= 0) break;`);
  } else if (o.time === "adaptive") {
    add(`    if (!(stepN < maxSteps && t < tEnd)) break;`);
  } else {
    add(`    if (stepN >= nIter) break;`);
  }
  add(`    if (budget-- <= 0) { status = ${CHUNK_DONE}; break; }`);
  if (o.record) add(`    if (nRec >= capRec) { status = ${GROW_REC}; break; }`);
  if (o.logEvents) add(`    if (nEvt + 2 > capEvt) { status = ${GROW_EVT}; break; }`);
  if (o.startEvents) add(eventBlock("evS", "t", "y", o.logEvents, o.restartHistory));
  // The step size of this iteration.
  if (o.time === "grid") {
    add(`    const full = fullLeft > 0;`);
    add(`    const h = full ? dt : tEnd - t;`);
  } else if (o.time === "adaptive") {
    add(`    const h = t + dt > tEnd ? tEnd - t : dt;`);
  } else {
    add(`    const h = dt;`);
  }
  if (o.inlineStep === null) {
    add(`    const st = step(t, h, y, rhs, p, rws, sws, cfg, yp, tProp, dtNext, errEst);`);
  } else {
    // The step's own parameter names are bound in a nested block, so its locals can never
    // capture or shadow the loop's.
    const args = ["t", "h", "y", "rhs", "p", "rws", "sws", "cfg", "yp", "tProp", "dtNext", "errEst"];
    const params = o.inlineStep.params;
    add(`    let ${INLINE_STATUS} = 0;`);
    add(`    {`);
    add(`      const ${params.map((_, i) => `__a${i} = ${args[i]}`).join(", ")};`);
    add(`      ${INLINE_LABEL}: {`);
    add(`        let ${params.map((name, i) => `${name} = __a${i}`).join(", ")};`);
    add(o.inlineStep.body);
    add(`      }`);
    add(`    }`);
    add(`    const st = ${INLINE_STATUS};`);
  }
  add(`    if (st !== 0) { status = st; break; }`);
  add(`    let finite = tProp[0] - tProp[0] === 0 && dtNext[0] - dtNext[0] === 0;`);
  add(`    for (let i = 0; i < ${n}; i++) { const v = yp[i]; if (v - v !== 0) finite = false; }`);
  add(`    if (!finite) { status = ${NAN_DETECTED}; break; }`);
  if (o.time === "grid") add(`    const tNew = full ? origin + (k + 1) * dt : tEnd;`);
  else if (o.time === "adaptive") add(`    const tNew = tProp[0];`);
  else add(`    const tNew = tStart + (stepN + 1) * dt;`);
  if (o.endEvents) add(eventBlock("evE", "tNew", "yp", o.logEvents, o.restartHistory));
  add(`    for (let i = 0; i < ${n}; i++) y[i] = yp[i];`);
  add(`    stepN++;`);
  if (o.time === "grid") {
    add(`    if (full) { fullLeft--; k++; t = tNew; }`);
    add(`    else { clip = 0; t = tEnd; origin = tEnd; k = 0; }`);
  } else if (o.time === "adaptive") {
    add(`    t = tNew; dt = dtNext[0];`);
  } else {
    add(`    t = tNew;`);
  }
  if (o.updateAux) add(`    upd(t, y, p, aux, rws);`);
  if (o.lag) add(`    adv(rws, y);`);
  if (o.record) {
    const auxRow = o.updateAux
      ? `\n      { const r = nRec * na; for (let j = 0; j < na; j++) rA[r + j] = aux[ai[j]]; }`
      : "";
    const row = `
      rT[nRec] = t; rS[nRec] = stepN;
      { const r = nRec * ns; for (let j = 0; j < ns; j++) rY[r + j] = y[si[j]]; }${auxRow}
      nRec++;`;
    if (o.recordEveryStep) add(`    {${row}\n    }`);
    else add(`    if (--countdown === 0) { countdown = interval;${row}\n    }`);
  }
  if (o.stop) add(`    if (stopFlag[0] !== 0) { status = ${EARLY_EXIT}; break; }`);
  add(`  }`);
  add(
    `  sc[${SC.T}] = t; sc[${SC.DT}] = dt; sc[${SC.STEP}] = stepN; sc[${SC.N_REC}] = nRec; sc[${SC.N_EVT}] = nEvt;`,
  );
  if (o.time === "grid") {
    add(
      `  sc[${SC.GRID_ORIGIN}] = origin; sc[${SC.GRID_K}] = k; sc[${SC.FULL_LEFT}] = fullLeft; sc[${SC.CLIP}] = clip;`,
    );
  }
  if (o.record && !o.recordEveryStep) add(`  sc[${SC.COUNTDOWN}] = countdown;`);
  add(`  return status;`);
  add(`};`);
  return L.join("\n");
}
