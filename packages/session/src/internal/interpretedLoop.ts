import type { FloatVector } from "../modelPort.ts";
import { RUN_STATUS } from "../status.ts";
import type { RunLoop } from "./loopCache.ts";
import { CHUNK_DONE, type LoopOptions } from "./loopSource.ts";
import { type RunFrame, SC } from "./runFrame.ts";

type EventKernel = RunFrame["eventsStart"];

/**
 * The runner loop as ordinary code, for pages whose Content-Security-Policy forbids `new Function`
 * and for models compiled with `backend: "interpreter"` (session-semantics §2, D-3, D-4, D-10).
 *
 * **Details:** the same loop as the generated one of `loopSource`, statement for statement and in
 * the same floating-point order, so the two give bit-identical results; the option set is tested
 * on every step instead of being compiled away (this path trades speed for running without code
 * generation). It calls the stepper's `step` (never an inlined body), never allocates, and leaves
 * the frame's scalars exactly as the generated loop would at every exit (including CHUNK_DONE and
 * the grow statuses), so the shared driver cannot tell the two apart.
 */
export function interpretedRunLoop(o: LoopOptions): RunLoop {
  const n = o.nState;
  const grid = o.time === "grid";
  const adaptive = o.time === "adaptive";
  const recordEvery = o.record && o.recordEveryStep;
  const recordInterval = o.record && !o.recordEveryStep;

  return function interpretedLoop(f: RunFrame): number {
    const sc = f.scalars;
    const { step, rhs, y, params: p, runtimeWs: rws, stepperWs: sws, config: cfg } = f;
    const { yProp: yp, tProp, dtNext, errEst } = f;
    const scratch = f.logScratch;
    const widths = f.logWidths;
    const aux = f.auxValues;
    const stopFlag = f.stopFlag;
    const si = f.recStateIdx;
    const ai = f.recAuxIdx;
    const ns = si.length;
    const na = ai.length;
    let t = sc[SC.T] as number;
    let dt = sc[SC.DT] as number;
    let stepN = sc[SC.STEP] as number;
    let nRec = sc[SC.N_REC] as number;
    let nEvt = sc[SC.N_EVT] as number;
    const maxSteps = sc[SC.MAX_STEPS] as number;
    const tEnd = sc[SC.T_END] as number;
    let origin = sc[SC.GRID_ORIGIN] as number;
    let k = sc[SC.GRID_K] as number;
    let fullLeft = sc[SC.FULL_LEFT] as number;
    let clip = sc[SC.CLIP] as number;
    const nIter = sc[SC.N_ITER] as number;
    const tStart = sc[SC.T_START] as number;
    const interval = sc[SC.INTERVAL] as number;
    let countdown = sc[SC.COUNTDOWN] as number;
    let budget = sc[SC.CHUNK_LIMIT] as number;
    let status: number = RUN_STATUS.DONE;

    /** One event phase: the kernel fires the first true event; a logged one writes a row. */
    const fireEvents = (kernel: EventKernel, time: number, state: FloatVector): void => {
      const code = kernel(time, state, p, scratch, rws);
      if (code < 0) return;
      // D-14: an action that changed the state restarts a multistep/implicit stepper's history
      // here (one call, both phases), exactly as the generated loops do after their event block.
      if (o.restartHistory && f.restartCodes[code] !== 0) f.historyCounter[0] = 0n;
      if (!o.logEvents) return;
      const w = widths[code] as number;
      if (w > 0) {
        f.evtCode[nEvt] = code;
        f.evtOwner[nEvt] = nRec - 1;
        const base = nEvt * f.logWidth;
        for (let j = 0; j < w; j++) f.evtLog[base + j] = scratch[j] as number;
        nEvt++;
      }
    };

    for (;;) {
      if (grid) {
        if (stepN >= maxSteps) break;
        if (fullLeft + clip <= 0) break;
      } else if (adaptive) {
        if (!(stepN < maxSteps && t < tEnd)) break;
      } else if (stepN >= nIter) break;
      if (budget-- <= 0) {
        status = CHUNK_DONE;
        break;
      }
      if (o.record && nRec >= f.capRec) {
        status = RUN_STATUS.GROW_REC;
        break;
      }
      if (o.logEvents && nEvt + 2 > f.capEvt) {
        status = RUN_STATUS.GROW_EVT;
        break;
      }
      if (o.startEvents) fireEvents(f.eventsStart, t, y);
      const full = fullLeft > 0;
      let h: number;
      if (grid) h = full ? dt : tEnd - t;
      else if (adaptive) h = t + dt > tEnd ? tEnd - t : dt;
      else h = dt;
      const st = step(t, h, y, rhs, p, rws, sws, cfg, yp, tProp, dtNext, errEst);
      if (st !== 0) {
        status = st;
        break;
      }
      const tp0 = tProp[0] as number;
      const dn0 = dtNext[0] as number;
      let finite = tp0 - tp0 === 0 && dn0 - dn0 === 0;
      for (let i = 0; i < n; i++) {
        const v = yp[i] as number;
        if (v - v !== 0) finite = false;
      }
      if (!finite) {
        status = RUN_STATUS.NAN_DETECTED;
        break;
      }
      let tNew: number;
      if (grid) tNew = full ? origin + (k + 1) * dt : tEnd;
      else if (adaptive) tNew = tp0;
      else tNew = tStart + (stepN + 1) * dt;
      if (o.endEvents) fireEvents(f.eventsEnd, tNew, yp);
      for (let i = 0; i < n; i++) y[i] = yp[i] as number;
      stepN++;
      if (grid) {
        if (full) {
          fullLeft--;
          k++;
          t = tNew;
        } else {
          clip = 0;
          t = tEnd;
          origin = tEnd;
          k = 0;
        }
      } else if (adaptive) {
        t = tNew;
        dt = dtNext[0] as number;
      } else t = tNew;
      if (o.updateAux) f.updateAux(t, y, p, aux, rws);
      if (o.lag) f.advanceLag(rws, y);
      if (recordEvery) nRec = writeRow(f, nRec, t, stepN, ns, na, o.updateAux);
      else if (recordInterval && --countdown === 0) {
        countdown = interval;
        nRec = writeRow(f, nRec, t, stepN, ns, na, o.updateAux);
      }
      if (o.stop && stopFlag[0] !== 0) {
        status = RUN_STATUS.EARLY_EXIT;
        break;
      }
    }
    sc[SC.T] = t;
    sc[SC.DT] = dt;
    sc[SC.STEP] = stepN;
    sc[SC.N_REC] = nRec;
    sc[SC.N_EVT] = nEvt;
    if (grid) {
      sc[SC.GRID_ORIGIN] = origin;
      sc[SC.GRID_K] = k;
      sc[SC.FULL_LEFT] = fullLeft;
      sc[SC.CLIP] = clip;
    }
    if (recordInterval) sc[SC.COUNTDOWN] = countdown;
    return status;
  };
}

/** Writes record row `nRec` (time, step, selected states and aux) and returns the new count. */
function writeRow(
  f: RunFrame,
  nRec: number,
  t: number,
  stepN: number,
  ns: number,
  na: number,
  withAux: boolean,
): number {
  f.recT[nRec] = t;
  f.recStep[nRec] = stepN;
  const y: FloatVector = f.y;
  const si = f.recStateIdx;
  const r = nRec * ns;
  for (let j = 0; j < ns; j++) f.recY[r + j] = y[si[j] as number] as number;
  if (withAux) {
    const aux: FloatVector = f.auxValues;
    const ai = f.recAuxIdx;
    const ra = nRec * na;
    for (let j = 0; j < na; j++) f.recAux[ra + j] = aux[ai[j] as number] as number;
  }
  return nRec + 1;
}
