/**
 * One declared event as results need it: its name and the names of the values it logs, in log
 * order. Events that log nothing have `fields: []` and never produce event rows.
 *
 * @example
 * ```ts
 * import type { EventSpec } from "@dyn/results";
 * const spike: EventSpec = { name: "spike", fields: ["t", "v"] };
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventSpec {
  /** Event name from the model. */
  readonly name: string;
  /** Logged signal names, in the order of the model's `log = [...]`. */
  readonly fields: readonly string[];
}

/**
 * Event metadata the session hands to results as plain data.
 *
 * **Details:** `events` are in declaration order, and an event's position in this list is its
 * global event code (D-6), the value the runner writes into the event-code column. `tags` maps
 * each tag to the names of the events carrying it, in the order the model lists them; its key
 * order is the order `tagNames()` reports.
 *
 * @example
 * ```ts
 * import type { EventCatalog } from "@dyn/results";
 * const catalog: EventCatalog = {
 *   events: [
 *     { name: "spike", fields: ["t", "v"] },
 *     { name: "reset", fields: [] },
 *   ],
 *   tags: { spiking: ["spike"] },
 * };
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventCatalog {
  /** Declared events; index = global event code. */
  readonly events: readonly EventSpec[];
  /** Tag → event names carrying it. */
  readonly tags: Readonly<Record<string, readonly string[]>>;
}

/**
 * The width of one event-log row for a catalog: `max(1, widest log)` (session-semantics §7.2).
 *
 * @example
 * ```ts
 * import { eventLogWidth } from "@dyn/results";
 * eventLogWidth({ events: [{ name: "a", fields: ["t", "x", "y"] }], tags: {} }); // 3
 * eventLogWidth({ events: [], tags: {} }); // 1
 * ```
 * @category events
 * @since 0.1.0
 */
export function eventLogWidth(catalog: EventCatalog): number {
  let width = 1;
  for (const ev of catalog.events) width = Math.max(width, ev.fields.length);
  return width;
}

/**
 * A catalog with no events and no tags (for models without events).
 *
 * @example
 * ```ts
 * import { EMPTY_EVENT_CATALOG, ResultsAccumulator } from "@dyn/results";
 * const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: EMPTY_EVENT_CATALOG });
 * ```
 * @category events
 * @since 0.1.0
 */
export const EMPTY_EVENT_CATALOG: EventCatalog = Object.freeze({
  events: Object.freeze([]) as readonly EventSpec[],
  tags: Object.freeze({}) as Readonly<Record<string, readonly string[]>>,
});
