import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EventCatalog, ResultsAccumulator, ResultsErrorCode } from "../src/index.ts";
import { chunk, meta, publishInfo, thrown } from "./helpers.ts";

const catalog: EventCatalog = {
  events: [
    { name: "a", fields: ["t"] },
    { name: "b", fields: [] },
  ],
  tags: {},
};

interface ChunkPlan {
  /** 0 → start exactly at the last stored time (a resume), otherwise the gap before the first row. */
  readonly gap: number;
  readonly increments: readonly number[];
  readonly owners: readonly number[]; // fractions mapped onto [-1, n-1]
  readonly codes: readonly number[];
}

const planArb: fc.Arbitrary<ChunkPlan> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 5, noNaN: true })),
  increments: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 3, noNaN: true })), {
    maxLength: 7,
  }),
  owners: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 5 }),
  codes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }),
});

describe("stitching property (§7.1)", () => {
  it("keeps time non-decreasing, row counts minus dropped starts, and maps owners exactly", () => {
    fc.assert(
      fc.property(
        fc.array(planArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(0, 1e6),
        (plans, origin) => {
          const acc = new ResultsAccumulator({ stateNames: ["id"], auxNames: [], events: catalog });
          let last: number | null = null;
          let expectedN = 0;
          let expectedM = 0;
          let frameStep = 0;
          const expectations: {
            row: number;
            owner: number;
            t: number;
            id: number;
            dropped: boolean;
            prevLast: number;
          }[] = [];
          plans.forEach((plan, c) => {
            const t0: number = (last ?? origin) + plan.gap;
            const ts = [t0];
            for (const inc of plan.increments) ts.push((ts[ts.length - 1] as number) + inc);
            const n = plan.gap === 0 && c % 3 === 2 ? 0 : ts.length; // some chunks record nothing
            const times = ts.slice(0, n);
            const ids = times.map((_, i) => c * 1000 + i);
            const owners =
              n === 0 ? plan.owners.map(() => -1) : plan.owners.map((f) => Math.floor(f * (n + 1)) - 1);
            const events = owners.map((o, j) => ({
              code: plan.codes[j] as number,
              owner: o,
              log: [o >= 0 ? (times[o] as number) : NaN],
            }));
            const prevN = acc.n;
            const prevM = acc.m;
            const staged = acc.append(
              chunk({ t: times, step: times.map((_, i) => i), states: ids.map((v) => [v]), events }),
              meta({ resume: c > 0, frameStep }),
            );
            const dropped = prevN > 0 && n > 0 && times[0] === last;
            expect(staged.dropFirst).toBe(dropped);
            expectedN += n - (dropped ? 1 : 0);
            expectedM += events.length;
            owners.forEach((o, j) => {
              expectations.push({
                row: prevM + j,
                owner: o,
                t: o >= 0 ? (times[o] as number) : NaN,
                id: ids[o] ?? -1,
                dropped: dropped && o === 0,
                prevLast: prevN - 1,
              });
            });
            if (n > 0) last = times[n - 1] as number;
            frameStep += Math.max(0, n - 1);
          });
          const raw = acc.publish(publishInfo);
          expect(raw.n).toBe(expectedN);
          expect(raw.m).toBe(expectedM);
          for (let i = 1; i < raw.n; i++)
            expect(raw.T[i] as number).toBeGreaterThanOrEqual(raw.T[i - 1] as number);
          const idCol = raw.getVar("id");
          for (const e of expectations) {
            const owner = raw.EVT_INDEX[e.row] as number;
            if (e.owner < 0) {
              expect(owner).toBe(-1);
              continue;
            }
            expect(raw.T[owner]).toBe(e.t);
            if (e.dropped) expect(owner).toBe(e.prevLast);
            else expect(idCol[owner]).toBe(e.id);
          }
          // segments tile the rows and the event log
          let rec = 0;
          acc.segments.forEach((seg, k) => {
            expect(seg.id).toBe(k);
            expect(seg.recStart).toBe(rec);
            expect(seg.tStart).toBe(raw.T[seg.recStart]);
            expect(seg.tEnd).toBe(raw.T[seg.recStart + seg.recLen - 1]);
            expect(seg.stepEnd).toBe(raw.STEP[seg.recStart + seg.recLen - 1]);
            rec += seg.recLen;
          });
          expect(rec).toBe(raw.n);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects any chunk that steps back in time without changing the accumulator", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 1e-6, max: 5, noNaN: true }),
        fc.nat({ max: 6 }),
        (increments, back, where) => {
          const acc = new ResultsAccumulator({ stateNames: ["x"], auxNames: [] });
          acc.append(chunk({ t: [0, 1], states: [[0], [1]] }), meta());
          const ts = [1];
          increments.forEach((inc, i) => {
            ts.push((ts[i] as number) + (i === where % increments.length ? -back : inc));
          });
          const before = Array.from(acc.publish(publishInfo).T);
          const err = thrown(() =>
            acc.append(chunk({ t: ts, states: ts.map((t) => [t]) }), meta({ resume: true })),
          );
          expect(err.code).toBe(ResultsErrorCode.NON_MONOTONE_TIME);
          expect(Array.from(acc.publish(publishInfo).T)).toEqual(before);
          expect(acc.segments.length).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
