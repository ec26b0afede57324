import type { EventCatalog } from "../eventCatalog.ts";

/**
 * Per-event-code facts the event copy needs, flattened into typed arrays once per layout so that
 * committing events reads no catalog objects and allocates nothing per event.
 */
export interface EventTables {
  /** Logged field count of each event code. */
  readonly fieldCount: Int32Array;
  /** Log columns named `t` of code c: `timeColumns[timeStart[c] .. timeStart[c + 1])`. */
  readonly timeStart: Int32Array;
  readonly timeColumns: Int32Array;
}

export function eventTables(catalog: EventCatalog): EventTables {
  const events = catalog.events;
  const fieldCount = new Int32Array(events.length);
  const timeStart = new Int32Array(events.length + 1);
  const cols: number[] = [];
  events.forEach((ev, c) => {
    fieldCount[c] = ev.fields.length;
    ev.fields.forEach((f, i) => {
      if (f === "t") cols.push(i);
    });
    timeStart[c + 1] = cols.length;
  });
  return { fieldCount, timeStart, timeColumns: Int32Array.from(cols) };
}

/**
 * Appends `m` event rows at row `base`: codes, owners remapped (`o ≥ 0` → `ownerBase + o`, else
 * -1), each event's logged fields into `LOG` (row-major, `width` per row, destination rows
 * already zero), its `t` fields rebased by `shift`. `logs` is null when no event logs anything.
 * Scalars are passed one by one (no options object) so that the optimised code depends on no
 * object shape.
 */
export function copyEvents(
  CODE: Int32Array,
  OWNER: Int32Array,
  LOG: Float64Array,
  width: number,
  base: number,
  ownerBase: number,
  shift: number,
  tables: EventTables,
  codes: ArrayLike<number>,
  owners: ArrayLike<number>,
  m: number,
  logs: ArrayLike<number> | null,
  logOffset: number,
  logRowStride: number,
  logColStride: number,
): void {
  const fieldCount = tables.fieldCount;
  const timeStart = tables.timeStart;
  const timeColumns = tables.timeColumns;
  for (let j = 0; j < m; j++) {
    const code = codes[j] as number;
    const o = owners[j] as number;
    CODE[base + j] = code;
    OWNER[base + j] = o >= 0 ? ownerBase + o : -1;
    const fields = fieldCount[code] as number;
    if (fields === 0 || logs === null) continue;
    const rowStart = (base + j) * width;
    const src = logOffset + j * logRowStride;
    for (let f = 0; f < fields; f++) LOG[rowStart + f] = logs[src + f * logColStride] as number;
    if (shift !== 0) {
      const end = timeStart[code + 1] as number;
      for (let k = timeStart[code] as number; k < end; k++) {
        const c = rowStart + (timeColumns[k] as number);
        LOG[c] = (LOG[c] as number) - shift;
      }
    }
  }
}

/**
 * First event row `j < m` whose code is not a declared code (`0 ≤ code < codeCount`, integer) or
 * whose owner is neither -1 nor a chunk row (`0 ≤ o < n`, integer); -1 when all are valid.
 */
export function firstBadEvent(
  codes: ArrayLike<number>,
  owners: ArrayLike<number>,
  m: number,
  n: number,
  codeCount: number,
): number {
  return codes instanceof Int32Array && owners instanceof Int32Array
    ? firstBadEventI32(codes, owners, m, n, codeCount)
    : firstBadEventAny(codes, owners, m, n, codeCount);
}

function firstBadEventI32(
  codes: Int32Array,
  owners: Int32Array,
  m: number,
  n: number,
  codeCount: number,
): number {
  for (let j = 0; j < m; j++) {
    const code = codes[j] as number;
    const o = owners[j] as number;
    if (code < 0 || code >= codeCount || o < -1 || o >= n) return j;
  }
  return -1;
}

function firstBadEventAny(
  codes: ArrayLike<number>,
  owners: ArrayLike<number>,
  m: number,
  n: number,
  codeCount: number,
): number {
  for (let j = 0; j < m; j++) {
    const code = codes[j] as number;
    const o = owners[j] as number;
    if (!Number.isInteger(code) || code < 0 || code >= codeCount) return j;
    if (!Number.isInteger(o) || o < -1 || o >= n) return j;
  }
  return -1;
}

/** Widest log among the (valid) codes of `m` event rows. */
export function widestLog(codes: ArrayLike<number>, m: number, fieldCount: Int32Array): number {
  let widest = 0;
  for (let j = 0; j < m; j++) {
    const w = fieldCount[codes[j] as number] as number;
    if (w > widest) widest = w;
  }
  return widest;
}
