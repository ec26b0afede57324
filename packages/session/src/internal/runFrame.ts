import type { FloatVector, RuntimeWorkspace } from "../modelPort.ts";

/** Any typed array a stepper workspace may hold. */
export type WorkspaceArray = Float64Array | Float32Array | BigInt64Array | Int32Array;
/** A stepper workspace: one named typed array per declared field, in declaration order. */
export type StepperWorkspaceArrays = Record<string, WorkspaceArray>;

/** The plain step contract of session-semantics §1.2 as the loop calls it. */
export type LoopStepFn = (
  t: number,
  dt: number,
  yCurr: FloatVector,
  rhs: unknown,
  params: FloatVector,
  runtimeWs: RuntimeWorkspace,
  stepperWs: StepperWorkspaceArrays,
  config: Float64Array,
  yProp: FloatVector,
  tProp: Float64Array,
  dtNext: Float64Array,
  errEst: Float64Array,
) => number;

/**
 * Indices into {@link RunFrame.scalars}: the loop's scalar state lives there between entries so
 * that the driver can grow buffers and re-enter without repeating or skipping anything.
 */
export const SC = {
  T: 0,
  DT: 1,
  STEP: 2,
  N_REC: 3,
  N_EVT: 4,
  T_END: 5,
  MAX_STEPS: 6,
  GRID_ORIGIN: 7,
  GRID_K: 8,
  FULL_LEFT: 9,
  CLIP: 10,
  N_ITER: 11,
  T_START: 12,
  INTERVAL: 13,
  COUNTDOWN: 14,
  CHUNK_LIMIT: 15,
  COUNT: 16,
} as const;

/**
 * Everything one runner call works on. The generated loop reads these fields into locals on
 * entry and writes the scalars back on exit; the driver owns growth of the record/event
 * buffers. Fields keep one shape for the whole life of the object (no field is ever added), so
 * the loop's property loads stay monomorphic.
 */
export class RunFrame {
  // Kernels (fixed for a (model, stepper) pair).
  step: LoopStepFn;
  rhs: unknown;
  eventsStart: (
    t: number,
    y: FloatVector,
    p: FloatVector,
    scratch: Float64Array,
    ws: RuntimeWorkspace,
  ) => number;
  eventsEnd: (
    t: number,
    y: FloatVector,
    p: FloatVector,
    scratch: Float64Array,
    ws: RuntimeWorkspace,
  ) => number;
  updateAux: (t: number, y: FloatVector, p: FloatVector, aux: FloatVector, ws: RuntimeWorkspace) => void;
  advanceLag: (ws: RuntimeWorkspace, y: FloatVector) => void;
  // Working vectors (private copies: the session is only updated on success).
  y: FloatVector;
  yProp: FloatVector;
  params: FloatVector;
  runtimeWs: RuntimeWorkspace;
  stepperWs: StepperWorkspaceArrays;
  config: Float64Array;
  tProp: Float64Array;
  dtNext: Float64Array;
  errEst: Float64Array;
  logScratch: Float64Array;
  auxValues: FloatVector;
  stopFlag: Int32Array;
  logWidths: Int32Array;
  /** Per event code: 1 if its firing restarts the stepper history (D-14), else 0. */
  restartCodes: Uint8Array;
  /** The stepper's history counter (`historyCounter`), zeroed to restart; a dummy when it has none. */
  historyCounter: BigInt64Array;
  // Scalars (see SC).
  scalars: Float64Array;
  // Recording selection.
  recStateIdx: Int32Array;
  recAuxIdx: Int32Array;
  // Buffers: record-major (row r, column j at r*width + j).
  capRec: number;
  recT: Float64Array;
  recStep: Float64Array;
  recY: Float64Array;
  recAux: Float64Array;
  capEvt: number;
  logWidth: number;
  evtCode: Int32Array;
  evtOwner: Int32Array;
  evtLog: Float64Array;

  constructor(init: {
    step: LoopStepFn;
    rhs: unknown;
    eventsStart: RunFrame["eventsStart"];
    eventsEnd: RunFrame["eventsEnd"];
    updateAux: RunFrame["updateAux"];
    advanceLag: RunFrame["advanceLag"];
    y: FloatVector;
    yProp: FloatVector;
    params: FloatVector;
    runtimeWs: RuntimeWorkspace;
    stepperWs: StepperWorkspaceArrays;
    config: Float64Array;
    logWidths: Int32Array;
    restartCodes?: Uint8Array;
    historyCounter?: BigInt64Array | undefined;
    logWidth: number;
    recStateIdx: Int32Array;
    recAuxIdx: Int32Array;
    capRec: number;
    capEvt: number;
    /** A previous frame whose record/event buffers may be reused (they are never shared). */
    reuse?: RunFrame | null;
  }) {
    this.step = init.step;
    this.rhs = init.rhs;
    this.eventsStart = init.eventsStart;
    this.eventsEnd = init.eventsEnd;
    this.updateAux = init.updateAux;
    this.advanceLag = init.advanceLag;
    this.y = init.y;
    this.yProp = init.yProp;
    this.params = init.params;
    this.runtimeWs = init.runtimeWs;
    this.stepperWs = init.stepperWs;
    this.config = init.config;
    this.tProp = new Float64Array(1);
    this.dtNext = new Float64Array(1);
    this.errEst = new Float64Array(1);
    this.logWidth = Math.max(1, init.logWidth);
    this.logScratch = new Float64Array(this.logWidth);
    const aux = init.runtimeWs["aux_values"];
    this.auxValues = aux instanceof Int32Array || aux === undefined ? new Float64Array(0) : aux;
    const stop = init.runtimeWs["stop_flag"];
    this.stopFlag = stop instanceof Int32Array ? stop : new Int32Array(0);
    this.logWidths = init.logWidths;
    this.restartCodes = init.restartCodes ?? new Uint8Array(0);
    this.historyCounter = init.historyCounter ?? new BigInt64Array(1);
    this.scalars = new Float64Array(SC.COUNT);
    this.recStateIdx = init.recStateIdx;
    this.recAuxIdx = init.recAuxIdx;
    // Reusing the last run's buffers avoids touching fresh memory on every run (page faults
    // cost more than the stores themselves when a run records millions of rows).
    const old = init.reuse ?? null;
    const ns = init.recStateIdx.length;
    const na = init.recAuxIdx.length;
    const wantRec = Math.max(1, init.capRec);
    if (
      old !== null &&
      old.capRec >= wantRec &&
      old.recStateIdx.length === ns &&
      old.recAuxIdx.length === na
    ) {
      this.capRec = old.capRec;
      this.recT = old.recT;
      this.recStep = old.recStep;
      this.recY = old.recY;
      this.recAux = old.recAux;
    } else {
      this.capRec = wantRec;
      this.recT = new Float64Array(wantRec);
      this.recStep = new Float64Array(wantRec);
      this.recY = new Float64Array(wantRec * ns);
      this.recAux = new Float64Array(wantRec * na);
    }
    const wantEvt = Math.max(2, init.capEvt);
    if (old !== null && old.capEvt >= wantEvt && old.logWidth === this.logWidth) {
      this.capEvt = old.capEvt;
      this.evtCode = old.evtCode;
      this.evtOwner = old.evtOwner;
      this.evtLog = old.evtLog;
    } else {
      this.capEvt = wantEvt;
      this.evtCode = new Int32Array(wantEvt);
      this.evtOwner = new Int32Array(wantEvt);
      this.evtLog = new Float64Array(wantEvt * this.logWidth);
    }
  }

  /** Doubles the record buffers, keeping the filled prefix (D-3/D-4: nothing is re-run). */
  growRecords(): void {
    const n = this.scalars[SC.N_REC] ?? 0;
    const cap = this.capRec * 2;
    const ns = this.recStateIdx.length;
    const na = this.recAuxIdx.length;
    this.recT = copyPrefix(new Float64Array(cap), this.recT, n);
    this.recStep = copyPrefix(new Float64Array(cap), this.recStep, n);
    this.recY = copyPrefix(new Float64Array(cap * ns), this.recY, n * ns);
    this.recAux = copyPrefix(new Float64Array(cap * na), this.recAux, n * na);
    this.capRec = cap;
  }

  /** Doubles the event buffers, keeping the filled prefix. */
  growEvents(): void {
    const m = this.scalars[SC.N_EVT] ?? 0;
    const cap = this.capEvt * 2;
    this.evtCode = copyPrefix(new Int32Array(cap), this.evtCode, m);
    this.evtOwner = copyPrefix(new Int32Array(cap), this.evtOwner, m);
    this.evtLog = copyPrefix(new Float64Array(cap * this.logWidth), this.evtLog, m * this.logWidth);
    this.capEvt = cap;
  }

  /** Writes one record row at the current scalars (used for row 0, outside the loop). */
  writeRow(): void {
    const sc = this.scalars;
    if ((sc[SC.N_REC] ?? 0) >= this.capRec) this.growRecords();
    const r = sc[SC.N_REC] ?? 0;
    this.recT[r] = sc[SC.T] ?? 0;
    this.recStep[r] = sc[SC.STEP] ?? 0;
    const ns = this.recStateIdx.length;
    for (let j = 0; j < ns; j++) this.recY[r * ns + j] = this.y[this.recStateIdx[j] ?? 0] ?? 0;
    const na = this.recAuxIdx.length;
    for (let j = 0; j < na; j++) this.recAux[r * na + j] = this.auxValues[this.recAuxIdx[j] ?? 0] ?? 0;
    sc[SC.N_REC] = r + 1;
  }
}

function copyPrefix<A extends Float64Array | Int32Array>(dst: A, src: A, count: number): A {
  dst.set(src.subarray(0, count));
  return dst;
}
