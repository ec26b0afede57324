import type { ChunkMeta, RecordedChunk } from "../src/index.ts";

/** One event row of a hand-built chunk. */
export interface EventRow {
  readonly code: number;
  readonly owner: number;
  readonly log?: readonly number[];
}

/** Hand-built chunk input: per-row state/aux values, per-event rows. */
export interface ChunkSpec {
  readonly t: readonly number[];
  readonly step?: readonly number[];
  readonly states?: readonly (readonly number[])[];
  readonly aux?: readonly (readonly number[])[];
  readonly events?: readonly EventRow[];
  readonly logWidth?: number;
  /** Store states variable-major (as a runner with capacity `cap` might) instead of record-major. */
  readonly variableMajorCap?: number;
}

/** Builds a {@link RecordedChunk} the way a runner would leave its buffers. */
export function chunk(spec: ChunkSpec): RecordedChunk {
  const n = spec.t.length;
  const step = spec.step ?? spec.t.map((_, i) => i);
  const events = spec.events ?? [];
  const width = spec.logWidth ?? Math.max(1, ...events.map((e) => e.log?.length ?? 0));
  const logs = new Float64Array(Math.max(1, events.length * width));
  events.forEach((e, j) => {
    e.log?.forEach((v, f) => {
      logs[j * width + f] = v;
    });
  });
  const block = (rows: readonly (readonly number[])[] | undefined) => {
    if (rows === undefined) return undefined;
    const k = rows[0]?.length ?? 0;
    const cap = spec.variableMajorCap;
    if (cap !== undefined) {
      const data = new Float64Array(Math.max(1, cap * k)).fill(Number.NaN);
      rows.forEach((row, i) => {
        row.forEach((v, j) => {
          data[j * cap + i] = v;
        });
      });
      return { data, rowStride: 1, colStride: cap };
    }
    return { data: Float64Array.from(rows.flat()), rowStride: k, colStride: 1 };
  };
  const states = block(spec.states);
  const aux = block(spec.aux);
  return {
    n,
    t: Float64Array.from(spec.t),
    step: Float64Array.from(step),
    ...(states === undefined ? {} : { states }),
    ...(aux === undefined ? {} : { aux }),
    m: events.length,
    eventCodes: Int32Array.from(events.map((e) => e.code)),
    eventOwners: Int32Array.from(events.map((e) => e.owner)),
    eventLogs: { data: logs, rowStride: width, colStride: 1 },
  };
}

export function meta(overrides: Partial<ChunkMeta> = {}): ChunkMeta {
  return { tag: null, resume: false, cfgHash: "empty", frameStep: 0, ...overrides };
}

export const publishInfo = {
  status: 9,
  finalState: new Float64Array(0),
  finalParams: new Float64Array(0),
  tFinal: 0,
  finalDt: 0.1,
  stepCountFinal: 0,
  finalWorkspace: {},
} as const;

/** Runs `fn` and returns what it threw (fails the test if nothing was thrown). */
export function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected the call to throw");
}
