import { EventGroupView } from "./eventGroupView.ts";
import { EventView } from "./eventView.ts";
import { badQuery, type EventContext } from "./internal/eventContext.ts";

/**
 * Which events `results.event(...)` reads: exactly one of `name` or `tag`.
 *
 * @example
 * ```ts
 * import { ResultsAccumulator, ResultsView } from "@dyn/results";
 * const events = { events: [{ name: "spike", fields: ["t", "v"] }, { name: "reset", fields: ["t"] }],
 *   tags: { spiking: ["spike", "reset"] } };
 * const acc = new ResultsAccumulator({ stateNames: ["v"], auxNames: [], events });
 * acc.append({ n: 2, t: [0, 1], step: [0, 1], states: { data: [0, 1], rowStride: 1, colStride: 2 },
 *   m: 2, eventCodes: [0, 1], eventOwners: [1, 1], eventLogs: { data: [1, 0.9, 1, 0], rowStride: 2, colStride: 1 } },
 *   { tag: "run", resume: false, cfgHash: "empty", frameStep: 0 });
 * const raw = acc.publish({ status: 9, finalState: Float64Array.of(1), finalParams: new Float64Array(0),
 *   tFinal: 1, finalDt: 1, stepCountFinal: 1, finalWorkspace: {} });
 * const res = new ResultsView(raw, { segments: acc.segments, events });
 * res.event({ name: "spike" }).count; // 1
 * res.event({ tag: "spiking" }).counts(); // { spike: 1, reset: 1 }
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventQuery {
  readonly name?: string;
  readonly tag?: string;
}

/**
 * The callable `results.event` doorway plus discovery helpers.
 *
 * **Details:** `event("spike")` or `event({ name: "spike" })` → {@link EventView};
 * `event({ tag: "spiking" })` → {@link EventGroupView}; both or neither → error "Use exactly
 * one of: name or tag". `summary()` counts occurrences per event name (events that never
 * occurred are left out, as in the reference).
 *
 * @example
 * ```ts
 * // res.event("spike").count; res.event({ tag: "spiking" }).counts(); res.event.summary();
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventAccessor {
  (name: string): EventView;
  (query: { readonly name: string; readonly tag?: undefined }): EventView;
  (query: { readonly tag: string; readonly name?: undefined }): EventGroupView;
  (query: EventQuery): EventView | EventGroupView;
  /** Event names in declaration order. */
  names(): string[];
  /** Logged fields of one event. */
  fields(name: string): readonly string[];
  /** Tag names. */
  tags(): string[];
  /** Event names carrying a tag. */
  byTag(tag: string): readonly string[];
  /** Occurrences per event name (only events that occurred). */
  summary(): Record<string, number>;
}

/** @internal */
export function createEventAccessor(ctx: EventContext): EventAccessor {
  function event(query: string | EventQuery): EventView | EventGroupView {
    const q: EventQuery = typeof query === "string" ? { name: query } : (query ?? {});
    const hasName = q.name !== undefined && q.name !== null;
    const hasTag = q.tag !== undefined && q.tag !== null;
    if (hasName === hasTag) throw badQuery("Use exactly one of: name or tag", { query: q });
    if (hasName) return new EventView(ctx, q.name as string);
    return new EventGroupView(ctx, ctx.eventsByTag(q.tag as string));
  }
  const helpers = {
    names: () => ctx.names(),
    fields: (name: string) => ctx.fieldsOf(name),
    tags: () => ctx.tagNames(),
    byTag: (tag: string) => ctx.eventsByTag(tag),
    summary: () => {
      const out: Record<string, number> = {};
      ctx.catalog.events.forEach((ev, code) => {
        const count = ctx.rowsOf(code).length;
        if (count > 0) out[ev.name] = count;
      });
      return out;
    },
  };
  return Object.assign(event, helpers) as EventAccessor;
}
