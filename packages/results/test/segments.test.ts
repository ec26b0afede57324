import { describe, expect, it } from "vitest";
import {
  type EventCatalog,
  ResultsAccumulator,
  ResultsErrorCode,
  ResultsView,
  segmentAutoName,
  segmentEffectiveName,
} from "../src/index.ts";
import { chunk, meta, publishInfo, thrown } from "./helpers.ts";

const catalog: EventCatalog = { events: [{ name: "spike", fields: ["t", "v"] }], tags: {} };

/** Two runs, tagged as given: run 1 covers t 0..1, the resume 1..2 (its start row is dropped). */
function twoRuns(tags: [string | null, string | null]): ResultsAccumulator {
  const acc = new ResultsAccumulator({ stateNames: ["v", "w"], auxNames: [], events: catalog });
  const a = [0, 0.5, 1];
  const b = [1, 1.5, 2];
  acc.append(
    chunk({ t: a, states: a.map((t) => [t, -t]), events: [{ code: 0, owner: 1, log: [0.75, 30] }] }),
    meta({ tag: tags[0] }),
  );
  acc.append(
    chunk({
      t: b,
      states: b.map((t) => [t, -t]),
      events: [
        { code: 0, owner: 0, log: [1.25, 31] },
        { code: 0, owner: 1, log: [1.75, 32] },
      ],
    }),
    meta({ tag: tags[1], resume: true, frameStep: 2 }),
  );
  return acc;
}

const viewOf = (acc: ResultsAccumulator) =>
  new ResultsView(acc.publish(publishInfo), { segments: acc.segments, events: catalog });

describe("segments (§7.3, §7.4)", () => {
  it("resolves tags and run#i aliases; segment events are the slice of the full log (item 6)", () => {
    const acc = twoRuns(["baseline", "I=12"]);
    const res = viewOf(acc);
    expect(res.segment.names()).toEqual(["baseline", "I=12"]);
    expect(res.segment.get("baseline").id).toBe(0);
    expect(res.segment.get("I=12").id).toBe(1);
    expect(res.segment.get("run#0").name).toBe("baseline");
    expect(res.segment.get("run#1").name).toBe("I=12");
    expect(res.segment.has("run#1")).toBe(true);
    expect(res.segment.has("nope")).toBe(false);
    const raw = res.raw;
    for (const seg of res.segment) {
      const [codes, owners, logs] = seg.events();
      const { evtStart, evtLen } = seg.meta;
      expect(codes.length).toBe(evtLen);
      expect(Array.from(codes)).toEqual(Array.from(raw.EVT_CODE.subarray(evtStart, evtStart + evtLen)));
      expect(Array.from(owners)).toEqual(Array.from(raw.EVT_INDEX.subarray(evtStart, evtStart + evtLen)));
      expect(logs.toArrays()).toEqual(raw.EVT_LOG_DATA.toArrays().slice(evtStart, evtStart + evtLen));
    }
    expect(res.segment.get(1).events()[2].toArrays()).toEqual([
      [1.25, 31],
      [1.75, 32],
    ]);
    expect([...res.segment].map((s) => s.length)).toEqual([3, 2]);
  });

  it("indexes by number with negatives from the end and RangeError out of range", () => {
    const res = viewOf(twoRuns([null, null]));
    expect(res.segment.get(-1).id).toBe(1);
    expect(res.segment.get(-2).id).toBe(0);
    expect(() => res.segment.get(2)).toThrow(RangeError);
    expect(() => res.segment.get(-3)).toThrow(RangeError);
    expect(() => res.segment.get(0.5)).toThrow(TypeError);
  });

  it("reports unknown segment names with the known names", () => {
    const res = viewOf(twoRuns(["baseline", null]));
    const err = thrown(() => res.segment.get("x"));
    expect(err.code).toBe(ResultsErrorCode.UNKNOWN_SEGMENT);
    expect(err.message).toBe("Unknown segment 'x'. Known names: baseline, run#1");
    const empty = new ResultsView(
      new ResultsAccumulator({ stateNames: [], auxNames: [] }).publish(publishInfo),
    );
    expect(thrown(() => empty.segment.get("x")).message).toBe("Unknown segment 'x'. Known names: <none>");
  });

  it("segment t/step/get are the segment's rows; selecting two variables yields its row count", () => {
    const res = viewOf(twoRuns([null, null]));
    const seg = res.segment.get(1);
    expect(Array.from(seg.t)).toEqual([1.5, 2]);
    expect(Array.from(seg.step)).toEqual([3, 4]);
    expect(Array.from(seg.flags)).toEqual([0, 0]);
    expect(Array.from(seg.get("w"))).toEqual([-1.5, -2]);
    const both = seg.get(["w", "v"]);
    expect([both.rows, both.cols]).toEqual([seg.length, 2]);
    expect(both.toArrays()).toEqual([
      [-1.5, 1.5],
      [-2, 2],
    ]);
  });

  it("renames run#0 to baseline, then the last to baseline-2; run#1 still resolves (item 9)", () => {
    const acc = twoRuns([null, null]);
    expect(acc.nameSegment("run#0", "baseline")).toBe(true);
    expect(acc.nameLastSegment("baseline")).toBe(true);
    expect(acc.segments.map((s) => s.name)).toEqual(["baseline", "baseline-2"]);
    const res = viewOf(acc);
    expect(res.segment.get("run#1").name).toBe("baseline-2");
    expect(res.segment.get("baseline-2").get(["v", "w"]).rows).toBe(res.segment.get(1).length);
    expect(res.segment.get("run#0").name).toBe("baseline");
  });

  it("uniquifies tags against effective names, auto aliases and explicit names", () => {
    const acc = new ResultsAccumulator({ stateNames: [], auxNames: [] });
    const tags = ["a", "a", "run#0", "a-2", null, "run#4"];
    tags.forEach((tag, i) => {
      acc.append(chunk({ t: [i] }), meta({ tag, resume: i > 0 }));
    });
    expect(acc.segments.map((s) => segmentEffectiveName(s))).toEqual([
      "a",
      "a-2",
      "run#0-2",
      "a-2-2",
      "run#4",
      "run#4-2",
    ]);
    expect(acc.segments.map((s) => segmentAutoName(s))).toEqual([
      "run#0",
      "run#1",
      "run#2",
      "run#3",
      "run#4",
      "run#5",
    ]);
  });

  it("renaming to its own current name is a no-op; renaming by index works; published views keep old names", () => {
    const acc = twoRuns(["x", null]);
    const before = viewOf(acc);
    expect(acc.nameSegment(0, "x")).toBe(false);
    expect(acc.nameSegment(1, "y")).toBe(true);
    expect(acc.segments[1]?.name).toBe("y");
    expect(before.segment.names()).toEqual(["x", "run#1"]);
    // A segment may take a name only it answers to already (its own alias).
    expect(acc.nameSegment("y", "run#1")).toBe(true);
    expect(acc.segments[1]?.name).toBe("run#1");
  });

  it("throws every rename error with the reference's message and type", () => {
    const acc = twoRuns(["baseline", null]);
    expect(() => acc.nameSegment(0, 5 as unknown as string)).toThrow(
      new TypeError("segment name must be a string"),
    );
    const empty = thrown(() => acc.nameSegment(0, ""));
    expect([empty.code, empty.message]).toEqual([
      ResultsErrorCode.BAD_SEGMENT_NAME,
      "segment name cannot be empty",
    ]);
    expect(() => acc.nameSegment(2, "z")).toThrow(RangeError);
    expect(() => acc.nameSegment(0.5, "z")).toThrow(RangeError);
    expect(() => acc.nameSegment(null as unknown as string, "z")).toThrow(TypeError);
    expect(() => acc.nameSegment(-1, "z")).toThrow(RangeError);
    const unknown = thrown(() => acc.nameSegment("nope", "z"));
    expect([unknown.code, unknown.message]).toEqual([
      ResultsErrorCode.UNKNOWN_SEGMENT,
      "Unknown segment 'nope'. Known names: baseline, run#0, run#1",
    ]);
    const none = new ResultsAccumulator({ stateNames: [], auxNames: [] });
    for (const fn of [() => none.nameSegment(0, "a"), () => none.nameLastSegment("a")]) {
      const err = thrown(fn);
      expect([err.code, err.message]).toEqual([
        ResultsErrorCode.BAD_SEGMENT_NAME,
        "No recorded segments available to rename",
      ]);
    }
  });
});
