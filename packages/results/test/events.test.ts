import { describe, expect, it } from "vitest";
import {
  type EventCatalog,
  EventGroupView,
  EventView,
  ResultsAccumulator,
  ResultsErrorCode,
  ResultsView,
} from "../src/index.ts";
import { chunk, meta, publishInfo, thrown } from "./helpers.ts";

const catalog: EventCatalog = {
  events: [
    { name: "spike", fields: ["t", "v", "id"] },
    { name: "reset", fields: ["v", "t"] },
    { name: "quiet", fields: [] },
    { name: "probe", fields: ["id"] },
  ],
  tags: { spiking: ["spike", "reset"], all: ["spike", "reset", "probe"] },
};

/** Events in log order: spike(t=3,v=1,id=0), reset(v=-1,t=1), spike(t=1,v=2,id=1), probe(id=9), spike(t=2,v=3,id=2), reset(v=-2,t=4), spike(t=1,v=4,id=3). */
function res(): ResultsView {
  const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
  const ts = [0, 1, 2, 3, 4];
  acc.append(
    chunk({
      t: ts,
      states: ts.map((t) => [t]),
      events: [
        { code: 0, owner: 3, log: [3, 1, 0] },
        { code: 1, owner: 1, log: [-1, 1] },
        { code: 0, owner: 1, log: [1, 2, 1] },
        { code: 3, owner: 0, log: [9] },
        { code: 0, owner: 2, log: [2, 3, 2] },
        { code: 1, owner: 4, log: [-2, 4] },
        { code: 0, owner: 1, log: [1, 4, 3] },
      ],
    }),
    meta(),
  );
  return new ResultsView(acc.publish(publishInfo), { segments: acc.segments, events: catalog });
}

describe("event discovery", () => {
  it("lists names, fields, tags and tag members", () => {
    const r = res();
    expect(r.eventNames()).toEqual(["spike", "reset", "quiet", "probe"]);
    expect(r.eventFields("reset")).toEqual(["v", "t"]);
    expect(r.tagNames()).toEqual(["spiking", "all"]);
    expect(r.eventsByTag("spiking")).toEqual(["spike", "reset"]);
    expect(r.event.names()).toEqual(r.eventNames());
    expect(r.event.fields("spike")).toEqual(["t", "v", "id"]);
    expect(r.event.tags()).toEqual(["spiking", "all"]);
    expect(r.event.byTag("all")).toEqual(["spike", "reset", "probe"]);
  });

  it("summary() counts occurrences per event that occurred", () => {
    expect(res().summary()).toEqual({ spike: 4, reset: 2, probe: 1 });
    expect(res().event.summary()).toEqual({ spike: 4, reset: 2, probe: 1 });
  });

  it("names unknown events, tags and fields", () => {
    const r = res();
    const ev = thrown(() => r.event("spik"));
    expect([ev.code, ev.message]).toEqual([
      ResultsErrorCode.UNKNOWN_EVENT,
      "Unknown event 'spik'. Available: spike, reset, quiet, probe",
    ]);
    expect(thrown(() => r.eventFields("x")).message).toBe(
      "Unknown event 'x'. Available: spike, reset, quiet, probe",
    );
    expect(thrown(() => r.eventsByTag("nope")).message).toBe("Unknown tag 'nope'. Available: spiking, all");
    expect(thrown(() => r.event({ tag: "nope" })).message).toBe(
      "Unknown tag 'nope'. Available: spiking, all",
    );
    expect(thrown(() => r.event("spike").get("w")).message).toBe("Unknown field 'w'. Available: t, v, id");
  });

  it("needs exactly one of name or tag", () => {
    const r = res();
    for (const q of [{}, { name: "spike", tag: "spiking" }]) {
      const err = thrown(() => r.event(q));
      expect([err.code, err.message]).toEqual([
        ResultsErrorCode.BAD_EVENT_QUERY,
        "Use exactly one of: name or tag",
      ]);
    }
    expect(r.event({ name: "spike" })).toBeInstanceOf(EventView);
    expect(r.event({ tag: "spiking" })).toBeInstanceOf(EventGroupView);
  });
});

describe("EventView (item 30)", () => {
  it("reads fields, t and count in log order", () => {
    const ev = res().event("spike");
    expect([ev.name, ev.count]).toEqual(["spike", 4]);
    expect(ev.fields).toEqual(["t", "v", "id"]);
    expect(Array.from(ev.t)).toEqual([3, 1, 2, 1]);
    expect(Array.from(ev.get("v"))).toEqual([1, 2, 3, 4]);
    expect(ev.get(["id", "t"]).toArrays()).toEqual([
      [0, 3],
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    expect(Array.from(ev.rows)).toEqual([0, 2, 4, 6]);
  });

  it("throws when t is not logged, for .t and time()", () => {
    const probe = res().event("probe");
    const t = thrown(() => probe.t);
    expect([t.code, t.message]).toEqual([
      ResultsErrorCode.BAD_EVENT_QUERY,
      "Event 'probe' has no 't' in its log. Add log=['t', ...] in the DSL.",
    ]);
    expect(thrown(() => probe.time(0, 1)).message).toBe(
      "Cannot filter by time: 't' not logged for this event",
    );
  });

  it("time(t0, t1) is inclusive at both ends", () => {
    const ev = res().event("spike");
    expect(Array.from(ev.time(1, 2).get("id"))).toEqual([1, 2, 3]);
    expect(Array.from(ev.time(2, 3).get("id"))).toEqual([0, 2]);
    expect(ev.time(3.5, 9).count).toBe(0);
  });

  it("head/tail take the first/last k (tail(0) is empty) and reject negative k", () => {
    const ev = res().event("spike");
    expect(Array.from(ev.head(2).get("id"))).toEqual([0, 1]);
    expect(Array.from(ev.tail(3).get("id"))).toEqual([1, 2, 3]);
    expect(ev.tail(0).count).toBe(0);
    expect(ev.head(99).count).toBe(4);
    expect(() => ev.head(-1)).toThrow(RangeError);
  });

  it("sort(by) is stable (ties keep log order) and defaults to t", () => {
    const ev = res().event("spike");
    expect(Array.from(ev.sort().get("id"))).toEqual([1, 3, 2, 0]);
    expect(Array.from(ev.sort("v").get("id"))).toEqual([0, 1, 2, 3]);
    expect(Array.from(ev.sort("t").head(2).get("v"))).toEqual([2, 4]);
    expect(Array.from(ev.count === 4 ? ev.get("id") : [])).toEqual([0, 1, 2, 3]); // original untouched
  });

  it("table() is count × fields in field order; an event without logs has an empty table", () => {
    expect(res().event("reset").table().toArrays()).toEqual([
      [-1, 1],
      [-2, 4],
    ]);
    const quiet = res().event("quiet");
    expect([quiet.count, quiet.table().rows, quiet.table().cols]).toEqual([0, 0, 0]);
  });
});

describe("EventGroupView (item 30)", () => {
  it("concatenates members in tag order and counts them", () => {
    const grp = res().event({ tag: "spiking" });
    expect(grp.names).toEqual(["spike", "reset"]);
    expect(grp.counts()).toEqual({ spike: 4, reset: 2 });
    expect(grp.count).toBe(6);
    expect(Array.from(grp.t)).toEqual([3, 1, 2, 1, 1, 4]);
    expect(Array.from(grp.get("v"))).toEqual([1, 2, 3, 4, -1, -2]);
    expect(grp.get(["v", "t"]).toArrays()[5]).toEqual([-2, 4]);
  });

  it("fields() by intersection (first member's order) or union (first appearance)", () => {
    const grp = res().event({ tag: "all" });
    expect(grp.fields()).toEqual([]);
    expect(grp.fields("union")).toEqual(["t", "v", "id"]);
    expect(res().event({ tag: "spiking" }).fields("intersection")).toEqual(["t", "v"]);
    expect(thrown(() => grp.fields("both" as "union")).message).toBe(
      "mode must be 'intersection' or 'union'",
    );
  });

  it("get/t need common fields and say how to read per-event fields", () => {
    const grp = res().event({ tag: "all" });
    expect(thrown(() => grp.t).message).toBe("Not all grouped events logged 't'; cannot read .t uniformly");
    expect(thrown(() => grp.get("id")).message).toBe(
      "Field 'id' is not common to all events. Use group.select([...], { mode: 'union' }) to allow per-event fields.",
    );
    expect(thrown(() => grp.get(["id", "v"])).message).toContain(
      "Fields ['id', 'v'] are not common to all events.",
    );
  });

  it("select() fills fields a member lacks with fillValue (NaN by default) in union mode", () => {
    const grp = res().event({ tag: "all" });
    const ids = grp.select("id", { mode: "union" });
    expect(Array.from(ids)).toEqual([0, 1, 2, 3, NaN, NaN, 9]);
    const m = grp.select(["t", "id"], { mode: "union", fillValue: -99 });
    expect(m.toArrays()).toEqual([
      [3, 0],
      [1, 1],
      [2, 2],
      [1, 3],
      [1, -99],
      [4, -99],
      [-99, 9],
    ]);
    expect(thrown(() => grp.select(["id"])).message).toBe("Fields ['id'] are not common to all events");
    expect(thrown(() => grp.select(["nope"], { mode: "union" })).message).toBe(
      "Unknown field 'nope'. Available: t, v, id",
    );
  });

  it("table() selects, fills and sorts stably by a requested column", () => {
    const grp = res().event({ tag: "spiking" });
    expect(grp.table().toArrays()).toEqual([
      [3, 1],
      [1, 2],
      [2, 3],
      [1, 4],
      [1, -1],
      [4, -2],
    ]);
    expect(grp.table({ sortBy: "t" }).toArrays()).toEqual([
      [1, 2],
      [1, 4],
      [1, -1],
      [2, 3],
      [3, 1],
      [4, -2],
    ]);
    expect(grp.table({ fields: ["v", "id"], mode: "union", fillValue: 0, sortBy: "v" }).toArrays()).toEqual([
      [-2, 0],
      [-1, 0],
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    expect(thrown(() => grp.table({ fields: ["v"], sortBy: "t" })).message).toBe(
      "sortBy 't' not requested in table fields",
    );
  });

  it("sort(by) orders all rows of the group stably by a common field", () => {
    const grp = res().event({ tag: "spiking" });
    const sorted = grp.sort();
    expect(Array.from(sorted.t)).toEqual([1, 1, 1, 2, 3, 4]);
    expect(Array.from(sorted.get("v"))).toEqual([2, 4, -1, 3, 1, -2]);
    expect(sorted.counts()).toEqual({ spike: 4, reset: 2 });
    expect(thrown(() => res().event({ tag: "all" }).sort("id")).message).toBe(
      "Cannot sort by 'id': not present in all member events",
    );
  });
});
