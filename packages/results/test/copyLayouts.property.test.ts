import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ChunkMeta,
  type EventCatalog,
  type RecordedChunk,
  ResultsAccumulator,
  type StridedBlock,
} from "../src/index.ts";
import { publishInfo } from "./helpers.ts";

// commit() picks a copy kernel per input (Float64Array or any array-like, contiguous or strided,
// shifted or not). Whatever it picks, the stored values must be exactly the per-element
// definition below, bit for bit (-0, NaN, infinities and float32 widening included).

const catalog: EventCatalog = {
  events: [
    { name: "a", fields: ["t", "v"] },
    { name: "b", fields: [] },
    { name: "c", fields: ["v", "t", "t"] },
  ],
  tags: {},
};
const WIDTH = 3;
const VARS = 4;

type Container = "array" | "f64" | "f32" | "i32";
const wrap = (values: readonly number[], kind: Container): ArrayLike<number> =>
  kind === "array"
    ? [...values]
    : kind === "f64"
      ? Float64Array.from(values)
      : kind === "f32"
        ? Float32Array.from(values)
        : Int32Array.from(values);

interface BlockPlan {
  readonly variableMajor: boolean;
  readonly pad: number;
  readonly offset: number;
  readonly container: Container;
}

/** Lays `rows[i][j]` out as a strided block; unused slots hold a sentinel that must never show. */
function layout(rows: readonly (readonly number[])[], cols: number, plan: BlockPlan): StridedBlock {
  const n = rows.length;
  const rowStride = plan.variableMajor ? 1 : cols + plan.pad;
  const colStride = plan.variableMajor ? n + plan.pad : 1;
  const data = new Array<number>(plan.offset + Math.max(1, n * rowStride + cols * colStride)).fill(7777);
  rows.forEach((row, i) => {
    for (let j = 0; j < cols; j++) data[plan.offset + i * rowStride + j * colStride] = row[j] as number;
  });
  return { data: wrap(data, plan.container), offset: plan.offset, rowStride, colStride };
}

const value = fc.oneof(
  fc.double(),
  fc.constantFrom(-0, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308),
);
const blockPlan: fc.Arbitrary<BlockPlan> = fc.record({
  variableMajor: fc.boolean(),
  pad: fc.integer({ min: 0, max: 2 }),
  offset: fc.integer({ min: 0, max: 3 }),
  container: fc.constantFrom<Container>("array", "f64", "f32"),
});
const chunkPlan = fc.record({
  /** 0 → the chunk starts exactly at the last stored time (its first row is dropped). */
  gap: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 4, noNaN: true })),
  increments: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 2, noNaN: true })), {
    maxLength: 6,
  }),
  states: fc.array(fc.array(value, { minLength: VARS, maxLength: VARS }), { minLength: 7, maxLength: 7 }),
  stepStart: fc.oneof(fc.constant(-0), fc.integer({ min: 0, max: 5 })),
  flags: fc.oneof(
    fc.constant(undefined),
    fc.record({
      values: fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant(2 ** 32 + 3)), {
        minLength: 7,
        maxLength: 7,
      }),
      container: fc.constantFrom<Container>("array", "f64", "i32"),
    }),
  ),
  tContainer: fc.constantFrom<Container>("array", "f64"),
  block: blockPlan,
  events: fc.array(
    fc.record({
      code: fc.integer({ min: 0, max: 2 }),
      owner: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      log: fc.array(value, { minLength: WIDTH, maxLength: WIDTH }),
    }),
    { maxLength: 4 },
  ),
  eventContainer: fc.constantFrom<Container>("array", "f64"),
  codeContainer: fc.constantFrom<Container>("array", "i32"),
  shift: fc.oneof(fc.constant(0), fc.double({ min: -10, max: 10, noNaN: true })),
  frameStep: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
});

const show = (x: number | undefined): string => (Object.is(x, -0) ? "-0" : String(x));

function firstMismatch(actual: ArrayLike<number>, expected: readonly number[], what: string): string | null {
  if (actual.length !== expected.length) return `${what}: length ${actual.length} ≠ ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) return `${what}[${i}]: ${show(actual[i])} ≠ ${show(expected[i])}`;
  }
  return null;
}

describe("commit copies every supported input layout bit for bit", () => {
  it("matches the per-element definition of §7.1 for any containers, strides, offsets and shifts", () => {
    fc.assert(
      fc.property(fc.array(chunkPlan, { minLength: 1, maxLength: 3 }), (plans) => {
        const acc = new ResultsAccumulator({
          stateNames: ["u", "v", "w", "z"],
          auxNames: [],
          events: catalog,
        });
        const T: number[] = [];
        const STEP: number[] = [];
        const FLAGS: number[] = [];
        const Y: number[][] = [[], [], [], []];
        const CODE: number[] = [];
        const OWNER: number[] = [];
        const LOG: number[] = [];
        let lastRebased: number | null = null;
        for (const plan of plans) {
          const shift = plan.shift;
          // Rebased times: continue from the last stored time (or 0), then undo the shift.
          const rebased = [(lastRebased ?? 0) + plan.gap];
          for (const inc of plan.increments) rebased.push((rebased[rebased.length - 1] as number) + inc);
          const n = rebased.length;
          // A raw time whose rebasing is inexact would break the exact-restart case: keep those.
          const raw = rebased.map((x) => x + shift);
          const exact = raw.every((x, i) => x - shift === rebased[i]);
          const t = exact ? raw : rebased;
          const effShift = exact ? shift : 0;
          const steps = rebased.map((_, i) => (i === 0 ? plan.stepStart : i));
          const rows = plan.states.slice(0, n);
          const states = layout(rows, VARS, plan.block);
          const m = plan.events.length;
          const owners = plan.events.map((e) => Math.floor(e.owner * (n + 1)) - 1);
          const logs = layout(
            plan.events.map((e) => e.log),
            WIDTH,
            { ...plan.block, container: plan.eventContainer === "array" ? "array" : "f64" },
          );
          const chunk: RecordedChunk = {
            n,
            t: wrap(t, plan.tContainer),
            step: wrap(steps, plan.tContainer),
            ...(plan.flags === undefined ? {} : { flags: wrap(plan.flags.values, plan.flags.container) }),
            states,
            m,
            eventCodes: wrap(
              plan.events.map((e) => e.code),
              plan.codeContainer,
            ),
            eventOwners: wrap(owners, plan.codeContainer),
            eventLogs: logs,
          };
          const meta: ChunkMeta = {
            tag: null,
            resume: plan.gap === 0,
            cfgHash: "h",
            frameStep: plan.frameStep,
            timeShift: effShift,
          };
          const dropFirst = lastRebased !== null && plan.gap === 0;
          const staged = acc.stage(chunk, meta);
          expect(staged.dropFirst).toBe(dropFirst);
          acc.commit(staged);

          // The definition, element by element, read back through the containers themselves.
          const start = dropFirst ? 1 : 0;
          const ownerBase = T.length - start;
          const st = chunk.states as StridedBlock;
          for (let i = start; i < n; i++) {
            T.push((chunk.t[i] as number) - effShift);
            STEP.push((chunk.step[i] as number) + plan.frameStep);
            FLAGS.push(chunk.flags === undefined ? 0 : (chunk.flags[i] as number) | 0);
            for (let j = 0; j < VARS; j++) {
              (Y[j] as number[]).push(
                st.data[(st.offset ?? 0) + i * st.rowStride + j * st.colStride] as number,
              );
            }
          }
          const lg = chunk.eventLogs as StridedBlock;
          plan.events.forEach((e, j) => {
            CODE.push(e.code);
            const o = owners[j] as number;
            OWNER.push(o >= 0 ? ownerBase + o : -1);
            const fields = (catalog.events[e.code] as { fields: readonly string[] }).fields;
            for (let f = 0; f < WIDTH; f++) {
              const v = lg.data[(lg.offset ?? 0) + j * lg.rowStride + f * lg.colStride] as number;
              LOG.push(f >= fields.length ? 0 : fields[f] === "t" ? v - effShift : v);
            }
          });
          lastRebased = rebased[n - 1] as number;
        }
        const raw = acc.publish(publishInfo);
        const problems = [
          firstMismatch(raw.T, T, "T"),
          firstMismatch(raw.STEP, STEP, "STEP"),
          firstMismatch(raw.FLAGS, FLAGS, "FLAGS"),
          ...Y.map((col, j) => firstMismatch(raw.Y.row(j), col, `Y${j}`)),
          firstMismatch(raw.EVT_CODE, CODE, "EVT_CODE"),
          firstMismatch(raw.EVT_INDEX, OWNER, "EVT_INDEX"),
          firstMismatch(raw.EVT_LOG_DATA.copy().data, LOG, "EVT_LOG"),
        ].filter((p) => p !== null);
        expect(problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
