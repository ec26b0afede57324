import { describe, expect, it } from "vitest";
import { type EventCatalog, ResultsAccumulator, ResultsErrorCode, ResultsView } from "../src/index.ts";
import { chunk, meta, publishInfo, thrown } from "./helpers.ts";

const decayRows = (ts: readonly number[]) => ts.map((t) => [Math.exp(-t), t * t]);

function view(acc: ResultsAccumulator, events?: EventCatalog): ResultsView {
  return new ResultsView(acc.publish(publishInfo), { segments: acc.segments, ...(events ? { events } : {}) });
}

describe("ResultsAccumulator stitching (§7.1)", () => {
  it("one recorded run gives one segment run#0 whose t and series equal the full view's (item 4)", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x", "y"], auxNames: [] });
    const ts = [0, 0.1, 0.2, 0.30000000000000004];
    acc.append(chunk({ t: ts, states: decayRows(ts) }), meta());
    const res = view(acc);
    expect(res.segment.length).toBe(1);
    const seg = res.segment.get(0);
    expect(seg.name).toBe("run#0");
    expect(res.segment.get("run#0").id).toBe(0);
    expect(Array.from(seg.t)).toEqual(Array.from(res.t));
    expect(Array.from(seg.get("x"))).toEqual(Array.from(res.get("x")));
    expect(Array.from(seg.get("y"))).toEqual(ts.map((t) => t * t));
    expect(seg.meta).toMatchObject({
      recStart: 0,
      recLen: 4,
      tStart: 0,
      tEnd: ts[3],
      stepStart: 0,
      stepEnd: 3,
      resume: false,
    });
  });

  it("run + resume gives two segments whose lengths sum to the total, dropping the repeated start (item 5)", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x", "y"], auxNames: [] });
    const first = [0, 0.25, 0.5, 0.75, 1];
    const second = [1, 1.25, 1.5, 1.75, 2];
    acc.append(chunk({ t: first, states: decayRows(first) }), meta());
    const staged = acc.append(
      chunk({ t: second, states: decayRows(second) }),
      meta({ resume: true, frameStep: 4 }),
    );
    expect(staged.dropFirst).toBe(true);
    const res = view(acc);
    expect(res.segment.length).toBe(2);
    expect(res.segment.get(0).length + res.segment.get(1).length).toBe(res.length);
    expect(res.length).toBe(9);
    expect(Array.from(res.t)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    expect(Array.from(res.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.segment.get(1).meta).toMatchObject({
      recStart: 5,
      recLen: 4,
      tStart: 1.25,
      tEnd: 2,
      stepStart: 5,
      stepEnd: 8,
      resume: true,
    });
    expect(res.segment.get(-1).id).toBe(1);
  });

  it("offsets resumed step labels by frameStep, not by the last recorded label (D-7)", () => {
    // recordInterval 2: the first run took 5 steps but recorded labels 0, 2, 4 (t = 0, 0.2, 0.4).
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    acc.append(chunk({ t: [0, 0.2, 0.4], step: [0, 2, 4], states: [[1], [2], [3]] }), meta());
    // The resumed run starts at step 5 (t = 0.5), records its start and then every 2 steps.
    acc.append(
      chunk({ t: [0.5, 0.7, 0.9], step: [0, 2, 4], states: [[4], [5], [6]] }),
      meta({ resume: true, frameStep: 5 }),
    );
    const res = view(acc);
    expect(Array.from(res.step)).toEqual([0, 2, 4, 5, 7, 9]);
    expect(res.segment.get(1).meta.stepStart).toBe(5);
  });

  it("drops a repeated start only within one ULP of max(|a|, |b|, 1)", () => {
    const cases: [number, number, boolean][] = [
      [1, 1 + 2 ** -52, true], // one ULP of 1
      [1, 1 + 2 ** -51, false], // two ULPs
      [0, 1e-16, true], // near zero the scale is 1, ULP(1) = 2.2e-16
      [0, 3e-16, false],
      [1e6, 1e6 + 2 ** -33, true], // ULP(1e6) = 2^-33
      [1e6, 1e6 + 2 ** -32, false],
      [-3, -3, true],
    ];
    for (const [last, first, dropped] of cases) {
      const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
      acc.append(chunk({ t: [last - 1, last], states: [[0], [1]] }), meta());
      const staged = acc.append(
        chunk({ t: [first, first + 1], states: [[2], [3]] }),
        meta({ resume: true, frameStep: 1 }),
      );
      expect({ last, first, dropped: staged.dropFirst }).toEqual({ last, first, dropped });
      expect(acc.n).toBe(dropped ? 3 : 4);
    }
  });

  it("keeps every event of a resumed run and owns each by the row recorded just before its step (item 6a, D-5)", () => {
    // End-phase event logging t every step, dt = 0.125: run to 0.5, resume to 1.0.
    const catalog: EventCatalog = { events: [{ name: "tick", fields: ["t"] }], tags: {} };
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
    const dt = 0.125;
    for (const [k, start] of [
      [0, 0],
      [1, 0.5],
    ] as const) {
      const ts = [0, 1, 2, 3, 4].map((i) => start + i * dt);
      const events = [1, 2, 3, 4].map((i) => ({ code: 0, owner: i - 1, log: [start + i * dt] }));
      acc.append(
        chunk({ t: ts, states: ts.map((t) => [t]), events }),
        meta({ resume: k === 1, frameStep: 4 * k }),
      );
    }
    const res = view(acc, catalog);
    const raw = res.raw;
    expect(raw.m).toBe(8);
    const evT = res.event("tick").t;
    expect(Array.from(evT)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => i * dt));
    for (let j = 0; j < raw.m; j++) {
      const owner = raw.EVT_INDEX[j] as number;
      expect(raw.T[owner]).toBe((evT[j] as number) - dt);
    }
    expect(Array.from(raw.EVT_INDEX)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Non-negative owners are non-decreasing (item 1's results part).
    expect(res.segment.get(1).meta).toMatchObject({ evtStart: 4, evtLen: 4 });
  });

  it("maps owners without dropFirst to prevN + o and keeps -1", () => {
    const catalog: EventCatalog = { events: [{ name: "e", fields: ["v"] }], tags: {} };
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
    acc.append(chunk({ t: [0, 1], states: [[0], [1]], events: [{ code: 0, owner: -1, log: [7] }] }), meta());
    acc.append(
      chunk({
        t: [2, 3, 4],
        states: [[2], [3], [4]],
        events: [
          { code: 0, owner: 0, log: [8] },
          { code: 0, owner: 2, log: [9] },
          { code: 0, owner: -1, log: [10] },
        ],
      }),
      meta({ resume: true, frameStep: 2 }),
    );
    const raw = acc.publish(publishInfo);
    expect(Array.from(raw.EVT_INDEX)).toEqual([-1, 2, 4, -1]);
    expect(Array.from(raw.EVT_LOG_DATA.column(0))).toEqual([7, 8, 9, 10]);
  });

  it("rejects a chunk that would make time go backwards, with the reference's message, and changes nothing", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    acc.append(chunk({ t: [0, 0.5, 1], states: [[0], [1], [2]] }), meta());
    const before = acc.publish(publishInfo);
    const err = thrown(() => acc.stage(chunk({ t: [0.75, 2], states: [[3], [4]] }), meta({ resume: true })));
    expect(err.code).toBe(ResultsErrorCode.NON_MONOTONE_TIME);
    expect(err.message).toBe("Non-monotone time axis after stitching around indices 2/3: 1.0 -> 0.75");
    const inner = thrown(() =>
      acc.stage(chunk({ t: [1, 2, 1.5], states: [[3], [4], [5]] }), meta({ resume: true })),
    );
    expect(inner.message).toContain("Non-monotone time axis after stitching around indices 3/4: 2.0 -> 1.5");
    expect(acc.n).toBe(3);
    expect(acc.segments.length).toBe(1);
    expect(Array.from(acc.publish(publishInfo).T)).toEqual(Array.from(before.T));
  });

  it("accepts a backwards step smaller than one ULP (tolerated as equal)", () => {
    const acc = new ResultsAccumulator({ stateNames: [], auxNames: [] });
    acc.append(chunk({ t: [0, 1] }), meta());
    acc.append(chunk({ t: [1 + 2 ** -51, 1 + 2 ** -52] }), meta({ resume: true }));
    expect(acc.n).toBe(4);
  });

  it("after a tolerated sub-ULP step back, still finds a later real one (typed and plain time arrays)", () => {
    for (const wrap of [(a: number[]) => Float64Array.from(a), (a: number[]) => a]) {
      const acc = new ResultsAccumulator({ stateNames: [], auxNames: [] });
      acc.append({ n: 2, t: wrap([0, 1]), step: [0, 1], m: 0 }, meta());
      // Row 0 repeats the stored end (dropped); row 1 steps back by one ULP (tolerated); row 3
      // steps back for real: stitched indices 3/4.
      const times = [1, 1 - 2 ** -53, 2, 1.5];
      const err = thrown(() =>
        acc.stage({ n: 4, t: wrap(times), step: [0, 1, 2, 3], m: 0 }, meta({ resume: true })),
      );
      expect(err.code).toBe(ResultsErrorCode.NON_MONOTONE_TIME);
      expect(err.message).toBe("Non-monotone time axis after stitching around indices 3/4: 2.0 -> 1.5");
      // A step back at the seam itself names the stored last row (with a time shift applied).
      const seam = thrown(() =>
        acc.stage({ n: 2, t: wrap([10.5, 11]), step: [0, 1], m: 0 }, meta({ resume: true, timeShift: 10 })),
      );
      expect(seam.message).toBe("Non-monotone time axis after stitching around indices 1/2: 1.0 -> 0.5");
      // NaN compares false, as before: it neither throws nor hides a later check.
      acc.append({ n: 3, t: wrap([1, Number.NaN, 3]), step: [0, 1, 2], m: 0 }, meta({ resume: true }));
      expect(acc.n).toBe(4);
    }
  });

  it("stage() never mutates; commit() applies; a stale staging is refused", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    const staged = acc.stage(chunk({ t: [0, 1], states: [[5], [6]] }), meta({ tag: "a" }));
    expect(acc.n).toBe(0);
    expect(acc.segments).toEqual([]);
    expect(staged.segment).toMatchObject({ id: 0, name: "a", recLen: 2 });
    const other = acc.stage(chunk({ t: [0, 1], states: [[1], [2]] }), meta());
    acc.commit(staged);
    expect(acc.n).toBe(2);
    expect(thrown(() => acc.commit(other)).code).toBe(ResultsErrorCode.STALE_STAGE);
    expect(thrown(() => acc.commit(staged)).code).toBe(ResultsErrorCode.STALE_STAGE);
    const foreign = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    expect(thrown(() => foreign.commit(acc.stage(chunk({ t: [2], states: [[1]] }), meta()))).code).toBe(
      ResultsErrorCode.STALE_STAGE,
    );
    expect(acc.n).toBe(2);
  });

  it("subtracts the time shift from times and from logged t fields only", () => {
    const catalog: EventCatalog = { events: [{ name: "hit", fields: ["v", "t"] }], tags: {} };
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
    acc.append(
      chunk({
        t: [0.3, 0.4, 0.5],
        states: [[1], [2], [3]],
        events: [{ code: 0, owner: 1, log: [42, 0.45] }],
      }),
      meta({ timeShift: 0.3 }),
    );
    const res = view(acc, catalog);
    expect(Array.from(res.t)).toEqual([0, 0.4 - 0.3, 0.5 - 0.3]);
    expect(Array.from(res.event("hit").get("v"))).toEqual([42]);
    expect(Array.from(res.event("hit").t)).toEqual([0.45 - 0.3]);
    expect(res.segment.get(0).meta.tStart).toBe(0);
  });

  it("record=false: nothing recorded → results readable, zero segments (item 8)", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    const staged = acc.append(chunk({ t: [], states: [] }), meta({ tag: "ignored" }));
    expect(staged.segment).toBeNull();
    const res = view(acc);
    expect(res.length).toBe(0);
    expect(res.segment.length).toBe(0);
    expect(Array.from(res.get("x"))).toEqual([]);
    expect(res.toCsv()).toBe("t,step,x\n");
  });

  it("events without rows are kept (owners -1) and create no segment", () => {
    const catalog: EventCatalog = { events: [{ name: "e", fields: ["t"] }], tags: {} };
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
    acc.append(chunk({ t: [], events: [{ code: 0, owner: -1, log: [0.5] }] }), meta());
    expect(acc.m).toBe(1);
    expect(acc.segments.length).toBe(0);
    expect(view(acc, catalog).summary()).toEqual({ e: 1 });
  });

  it("reads variable-major runner buffers as well as record-major ones", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x", "y"], auxNames: ["e"] });
    acc.append(
      chunk({
        t: [0, 1, 2],
        states: [
          [1, 10],
          [2, 20],
          [3, 30],
        ],
        aux: [[-1], [-2], [-3]],
        variableMajorCap: 8,
      }),
      meta(),
    );
    const raw = acc.publish(publishInfo);
    expect(Array.from(raw.getVar("y"))).toEqual([10, 20, 30]);
    expect(Array.from(raw.getVar("aux.e"))).toEqual([-1, -2, -3]);
    expect(raw.Y.rows).toBe(2);
    expect(raw.Y.cols).toBe(3);
    expect(raw.AUX?.row(0).length).toBe(3);
  });

  it("clear() drops rows, events and segments, optionally switching the recording selection", () => {
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
    acc.append(chunk({ t: [0, 1], states: [[1], [2]] }), meta({ tag: "a" }));
    const published = acc.publish(publishInfo);
    const segmentsBefore = acc.segments;
    acc.append(chunk({ t: [1, 2], states: [[2], [3]] }), meta({ resume: true, frameStep: 1 }));
    expect(segmentsBefore.length).toBe(1); // a handed-out segment list never changes
    expect(Object.isFrozen(segmentsBefore)).toBe(true);
    expect(acc.segments.length).toBe(2);
    acc.clear();
    expect([acc.n, acc.m, acc.segments.length]).toEqual([0, 0, 0]);
    acc.append(chunk({ t: [0, 1], states: [[8], [9]] }), meta());
    expect(acc.segments[0]?.id).toBe(0);
    expect(Array.from(published.getVar("x"))).toEqual([1, 2]); // published results never change
    acc.clear({ stateNames: [], auxNames: ["e"] });
    expect(acc.stateNames).toEqual([]);
    acc.append(chunk({ t: [0], aux: [[4]] }), meta());
    expect(Array.from(acc.publish(publishInfo).getVar("e"))).toEqual([4]);
  });
});

describe("ResultsAccumulator growth (item 29)", () => {
  it("records everything through many doublings, invisibly, with capacity < 2n", () => {
    const catalog: EventCatalog = { events: [{ name: "e", fields: ["t", "k"] }], tags: {} };
    const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: ["a"], events: catalog });
    const expectedT: number[] = [];
    const snapshots: { n: number; raw: ReturnType<ResultsAccumulator["publish"]> }[] = [];
    let t = 0;
    let frameStep = 0;
    for (let run = 0; run < 60; run++) {
      const rows = 1 + (run % 7);
      const ts = Array.from({ length: rows }, (_, i) => t + i);
      const events = ts.map((tt, i) => ({ code: 0, owner: i, log: [tt, run] }));
      acc.append(
        chunk({
          t: ts,
          step: ts.map((_, i) => i),
          states: ts.map((v) => [v * 2]),
          aux: ts.map((v) => [-v]),
          events,
        }),
        meta({ resume: run > 0, frameStep }),
      );
      expectedT.push(...(run > 0 && ts[0] === expectedT[expectedT.length - 1] ? ts.slice(1) : ts));
      t += rows - 1;
      frameStep += rows - 1;
      if (run % 10 === 0) snapshots.push({ n: acc.n, raw: acc.publish(publishInfo) });
    }
    const raw = acc.publish(publishInfo);
    expect(Array.from(raw.T)).toEqual(expectedT);
    expect(Array.from(raw.getVar("x"))).toEqual(expectedT.map((v) => v * 2));
    expect(Array.from(raw.getVar("a"))).toEqual(expectedT.map((v) => -v));
    expect(Array.from(raw.STEP)).toEqual(expectedT); // labels = steps since frame start = t here
    expect(acc.recordCapacity).toBeGreaterThanOrEqual(acc.n);
    expect(acc.recordCapacity).toBeLessThan(2 * acc.n);
    expect(Math.log2(acc.recordCapacity) % 1).toBe(0);
    expect(acc.eventCapacity).toBeLessThan(2 * acc.m);
    // every event row is owned by the row with its own time
    for (let j = 0; j < raw.m; j++) expect(raw.T[raw.EVT_INDEX[j] as number]).toBe(raw.EVT_LOG_DATA.at(j, 0));
    // earlier publications are unaffected by later growth
    for (const snap of snapshots) {
      expect(snap.raw.n).toBe(snap.n);
      expect(Array.from(snap.raw.T)).toEqual(expectedT.slice(0, snap.n));
      expect(Array.from(snap.raw.getVar("x"))).toEqual(expectedT.slice(0, snap.n).map((v) => v * 2));
    }
  });
});

describe("ResultsAccumulator chunk validation", () => {
  const catalog: EventCatalog = { events: [{ name: "e", fields: ["t", "v"] }], tags: {} };
  const acc = () => new ResultsAccumulator({ stateNames: ["x"], auxNames: [], events: catalog });
  const cases: [string, () => unknown, string][] = [
    [
      "negative n",
      () => acc().stage({ ...chunk({ t: [0], states: [[1]] }), n: -1 }, meta()),
      "n must be a non-negative integer",
    ],
    [
      "short t",
      () => acc().stage({ ...chunk({ t: [0], states: [[1]] }), n: 2 }, meta()),
      "t must hold at least 2 values",
    ],
    [
      "missing states",
      () => acc().stage(chunk({ t: [0, 1] }), meta()),
      "states is required for 2 rows × 1 columns",
    ],
    [
      "short states",
      () =>
        acc().stage(
          { ...chunk({ t: [0, 1], states: [[1], [2]] }), states: { data: [1], rowStride: 1, colStride: 1 } },
          meta(),
        ),
      "states is too short",
    ],
    [
      "unknown event code",
      () =>
        acc().stage(chunk({ t: [0], states: [[1]], events: [{ code: 3, owner: 0, log: [0, 0] }] }), meta()),
      "eventCodes[0] = 3 is not a declared event code (0..0)",
    ],
    [
      "owner beyond the chunk",
      () =>
        acc().stage(chunk({ t: [0], states: [[1]], events: [{ code: 0, owner: 1, log: [0, 0] }] }), meta()),
      "eventOwners[0] = 1 is neither -1 nor a row of this chunk (0..0)",
    ],
    [
      "log block too narrow",
      () =>
        acc().stage(
          chunk({ t: [0], states: [[1]], events: [{ code: 0, owner: 0, log: [0] }], logWidth: 1 }),
          meta(),
        ),
      "eventLogs is too short",
    ],
    [
      "bad frameStep",
      () => acc().stage(chunk({ t: [0], states: [[1]] }), meta({ frameStep: -1 })),
      "meta.frameStep must be a non-negative integer",
    ],
    [
      "bad timeShift",
      () => acc().stage(chunk({ t: [0], states: [[1]] }), meta({ timeShift: Number.NaN })),
      "meta.timeShift must be finite",
    ],
  ];
  it.each(cases)("rejects %s with RESULTS_BAD_CHUNK", (_, fn, message) => {
    const err = thrown(fn);
    expect(err.code).toBe(ResultsErrorCode.BAD_CHUNK);
    expect(err.message).toContain(message);
  });

  it("rejects an empty tag like the reference ('segment name cannot be empty')", () => {
    const err = thrown(() => acc().stage(chunk({ t: [0], states: [[1]] }), meta({ tag: "" })));
    expect(err.code).toBe(ResultsErrorCode.BAD_SEGMENT_NAME);
    expect(err.message).toBe("segment name cannot be empty");
  });
});
