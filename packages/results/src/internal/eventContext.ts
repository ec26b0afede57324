import { ResultsError, ResultsErrorCode } from "../errors.ts";
import type { EventCatalog } from "../eventCatalog.ts";
import type { Matrix } from "../matrix.ts";

/** Reference-style lookup failure: "Unknown <kind> 'x'. Available: a, b". */
export function unknownKeyError(kind: string, name: string, options: Iterable<string>): ResultsError {
  const list = [...options];
  return new ResultsError({
    code: ResultsErrorCode.UNKNOWN_EVENT,
    message: `Unknown ${kind} '${name}'. Available: ${list.join(", ")}`,
    details: { kind, name, available: list },
  });
}

export function badQuery(message: string, details: Record<string, unknown> = {}): ResultsError {
  return new ResultsError({ code: ResultsErrorCode.BAD_EVENT_QUERY, message, details });
}

/** Event log plus catalog, shared by every event view of one ResultsView. */
export class EventContext {
  readonly codes: Int32Array;
  readonly logs: Matrix;
  readonly catalog: EventCatalog;
  readonly #codeOf = new Map<string, number>();
  readonly #rowsOf = new Map<number, Int32Array>();

  constructor(codes: Int32Array, logs: Matrix, catalog: EventCatalog) {
    this.codes = codes;
    this.logs = logs;
    this.catalog = catalog;
    // Event names are unique in a valid model; should a catalog repeat one, its first code wins.
    catalog.events.forEach((ev, code) => {
      if (!this.#codeOf.has(ev.name)) this.#codeOf.set(ev.name, code);
    });
  }

  names(): string[] {
    return this.catalog.events.map((ev) => ev.name);
  }

  codeOf(name: string): number {
    const code = this.#codeOf.get(name);
    if (code === undefined) throw unknownKeyError("event", name, this.names());
    return code;
  }

  fieldsOfCode(code: number): readonly string[] {
    return this.catalog.events[code]?.fields ?? [];
  }

  fieldsOf(name: string): readonly string[] {
    return this.fieldsOfCode(this.codeOf(name));
  }

  tagNames(): string[] {
    return Object.keys(this.catalog.tags);
  }

  eventsByTag(tag: string): readonly string[] {
    if (!Object.hasOwn(this.catalog.tags, tag)) {
      throw unknownKeyError("tag", tag, this.tagNames());
    }
    return this.catalog.tags[tag] ?? [];
  }

  /** Event-log rows with this code, in log order (cached). */
  rowsOf(code: number): Int32Array {
    let rows = this.#rowsOf.get(code);
    if (rows === undefined) {
      let count = 0;
      for (let i = 0; i < this.codes.length; i++) if (this.codes[i] === code) count++;
      rows = new Int32Array(count);
      let k = 0;
      for (let i = 0; i < this.codes.length; i++) if (this.codes[i] === code) rows[k++] = i;
      this.#rowsOf.set(code, rows);
    }
    return rows;
  }

  /** Logged value of column `col` in event row `row`. */
  value(row: number, col: number): number {
    return this.logs.at(row, col);
  }
}

/** Indices that sort `values` ascending, stably, NaN last (numpy's argsort kind="stable"). */
export function stableArgsort(values: Float64Array): Int32Array {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => {
    const va = values[a] as number;
    const vb = values[b] as number;
    const na = Number.isNaN(va);
    const nb = Number.isNaN(vb);
    if (na || nb) return na === nb ? 0 : na ? 1 : -1;
    return va < vb ? -1 : va > vb ? 1 : 0;
  });
  return Int32Array.from(order);
}

/** Validates head/tail counts. */
export function checkCount(k: number, method: string): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`${method}: k must be a non-negative integer (got ${String(k)})`);
  }
}
