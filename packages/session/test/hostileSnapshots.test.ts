/**
 * Issue 13, hostile snapshot files: arbitrary meta.json contents and workspace arrays inside a
 * valid `.npz`, and members declaring huge sizes. Every failure is a coded SessionError (no raw
 * TypeError/RangeError escapes), nothing allocates beyond what the model's own layout needs, and
 * a failed import leaves the session exactly as it was.
 */
import {
  decodeJsonArray,
  encodeJsonArray,
  type NdArray,
  openNpz,
  type PyJsonValue,
  writeNpy,
  writeNpz,
} from "@dyn/io-npz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSessionError, setup } from "../src/index.ts";
import { codedOrValue, fingerprint } from "./helpers/hostile.ts";

const quiet = { onWarning: () => {} };

const source = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
source.run({ T: 0.1, dt: 0.01 });
const good = source.exportSnapshot();
const goodArchive = openNpz(good);
const goodMeta = decodeJsonArray(goodArchive.get("meta.json"), { integers: "bigint" }) as Record<
  string,
  PyJsonValue
>;

function repack(meta: NdArray, replace: ReadonlyMap<string, NdArray | null> = new Map()): Uint8Array {
  const entries: [string, NdArray][] = [["meta.json", meta]];
  for (const k of goodArchive.keys) {
    if (k === "meta.json") continue;
    const r = replace.get(k);
    if (r === null) continue;
    entries.push([k, r ?? goodArchive.get(k)]);
  }
  for (const [k, v] of replace) if (v !== null && !goodArchive.has(k)) entries.push([k, v]);
  return writeNpz(entries, { compression: "store" });
}

/** Hostile JSON values: non-finite and huge numbers, big ints, long strings, deep nesting. */
const hostileValue: fc.Arbitrary<PyJsonValue> = fc.letrec<{ v: PyJsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<PyJsonValue>(
      null,
      true,
      false,
      Number.NaN,
      Infinity,
      -Infinity,
      -0,
      1e308,
      -1e-320,
      0.5,
      10n ** 400n,
      -(10n ** 30n),
      2n ** 63n,
      9007199254740993n,
      -1n,
      0n,
      3n,
      "",
      "rk4",
      "ab3",
      "dynlib-snapshot-v1",
      "0.40.3",
      "__proto__",
      "x".repeat(5000),
    ),
    fc.double(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.string({ maxLength: 20 }),
    fc.array(tie("v"), { maxLength: 6 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("v"), { maxKeys: 5 }),
  ),
})).v;

const META_KEYS = [
  ...Object.keys(goodMeta),
  "pins.spec_hash",
  "pins.stepper_name",
  "pins.workspace_sig",
  "pins.dtype_token",
  "pins.dynlib_version",
  "extra",
];

const metaEdit = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key: fc.constantFrom(...META_KEYS), value: hostileValue }),
  fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom(...META_KEYS) }),
);

function applyEdits(
  edits: readonly { kind: "set" | "delete"; key: string; value?: PyJsonValue }[],
): PyJsonValue {
  const meta: Record<string, PyJsonValue> = structuredClone(goodMeta);
  meta["pins"] = { ...(goodMeta["pins"] as Record<string, PyJsonValue>) };
  for (const e of edits) {
    const [head, sub] = e.key.split(".") as [string, string | undefined];
    const target = sub === undefined ? meta : (meta["pins"] as Record<string, PyJsonValue> | null);
    if (target === null || typeof target !== "object" || Array.isArray(target)) continue;
    const key = sub ?? head;
    if (e.kind === "delete") delete target[key];
    else
      Object.defineProperty(target, key, {
        value: e.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return meta;
}

describe("hostile meta.json inside a valid .npz", () => {
  it("import, inspect and compatCheck give a value or a coded error; a failed import changes nothing; an accepted file writes back", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    sim.run({ T: 0.05, dt: 0.01 });
    sim.createSnapshot("kept");
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: fc.array(metaEdit, { minLength: 1, maxLength: 5 }).map(applyEdits) },
          { weight: 1, arbitrary: hostileValue },
        ),
        (meta) => {
          const bytes = repack(encodeJsonArray(meta));
          const before = fingerprint(sim);
          const imported = codedOrValue(() => sim.importSnapshot(bytes));
          if (!imported) expect(fingerprint(sim)).toBe(before);
          else {
            // whatever was accepted is a usable session: it summarises and exports a file that imports again
            codedOrValue(() => sim.sessionStateSummary());
            const again = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
            again.importSnapshot(sim.exportSnapshot());
            expect(again.sessionState().stepCount).toBe(sim.sessionState().stepCount);
          }
          codedOrValue(() => sim.inspectSnapshot(bytes));
          codedOrValue(() => sim.compatCheck(bytes));
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });

  it("meta.json that is not UTF-8 JSON, or not a byte vector, is a coded error", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .uint8Array({ maxLength: 200 })
            .map((data): NdArray => ({ dtype: "|u1", shape: [data.length], data, fortranOrder: false })),
          fc.string({ maxLength: 200 }).map((s): NdArray => {
            const data = new TextEncoder().encode(s);
            return { dtype: "|u1", shape: [data.length], data, fortranOrder: false };
          }),
          fc.constantFrom<NdArray>(
            { dtype: "<f8", shape: [2], data: new Float64Array(2), fortranOrder: false },
            { dtype: "|u1", shape: [1, 2], data: new Uint8Array([123, 125]), fortranOrder: false },
            { dtype: "<U2", shape: [1], data: ["{}"], fortranOrder: false },
            { dtype: "|u1", shape: [], data: new Uint8Array([0x7b]), fortranOrder: false },
          ),
        ),
        (meta) => {
          const bytes = repack(meta);
          const before = fingerprint(sim);
          if (!codedOrValue(() => sim.importSnapshot(bytes))) expect(fingerprint(sim)).toBe(before);
          codedOrValue(() => sim.inspectSnapshot(bytes));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

/** Arrays of every kind the reader returns: other dtypes, shapes, orders, strings, empties. */
const hostileArray: fc.Arbitrary<NdArray> = fc.oneof(
  fc.constantFrom<NdArray>(
    { dtype: "<f8", shape: [3], data: new Float64Array([Number.NaN, Infinity, -0]), fortranOrder: false },
    { dtype: "<f4", shape: [3], data: new Float32Array(3), fortranOrder: false },
    { dtype: "<i8", shape: [3], data: new BigInt64Array([2n ** 62n, -1n, 0n]), fortranOrder: false },
    { dtype: "<u8", shape: [1], data: new BigUint64Array([2n ** 64n - 1n]), fortranOrder: false },
    { dtype: "<i8", shape: [1], data: new BigInt64Array([-(2n ** 63n)]), fortranOrder: false },
    { dtype: "<f8", shape: [1], data: new Float64Array([1.5]), fortranOrder: false },
    { dtype: "<f8", shape: [], data: new Float64Array([1]), fortranOrder: false },
    { dtype: "<f8", shape: [0], data: new Float64Array(0), fortranOrder: false },
    { dtype: "<f8", shape: [3, 3], data: new Float64Array(9), fortranOrder: true },
    { dtype: "<f8", shape: [3, 1], data: new Float64Array(3), fortranOrder: false },
    { dtype: "|b1", shape: [3], data: new Uint8Array([1, 0, 1]), fortranOrder: false },
    { dtype: "<U3", shape: [3], data: ["a", "b", "c"], fortranOrder: false },
    { dtype: "<c16", shape: [3], data: new Float64Array(6), fortranOrder: false },
    { dtype: "<f2", shape: [3], data: new Uint16Array(3), fortranOrder: false },
    { dtype: "|i1", shape: [3], data: new Int8Array([-1, 2, 3]), fortranOrder: false },
  ),
  fc
    .array(fc.double(), { minLength: 0, maxLength: 5 })
    .map(
      (v): NdArray => ({ dtype: "<f8", shape: [v.length], data: Float64Array.from(v), fortranOrder: false }),
    ),
);

describe("meta numbers that would break the next run are refused", () => {
  const cases: [string, PyJsonValue, string][] = [
    ["t_curr", Number.NaN, "'t_curr' must be a finite number (got NaN)"],
    ["t_curr", Infinity, "'t_curr' must be a finite number (got Infinity)"],
    ["dt_curr", 0, "'dt_curr' must be a finite number > 0 (got 0)"],
    ["dt_curr", -0.01, "'dt_curr' must be a finite number > 0 (got -0.01)"],
    ["nominal_dt", Number.NaN, "'nominal_dt' must be a finite number > 0 (got NaN)"],
    ["time_shift", -Infinity, "'time_shift' must be a finite number (got -Infinity)"],
    ["step_count", 10n ** 20n, "'step_count' must be an integer >= 0 (got 100000000000000000000)"],
    ["step_count", 2.5, "'step_count' must be an integer >= 0 (got 2.5)"],
    ["status", -1n, "'status' must be an integer >= 0 (got -1)"],
    ["frame_step", 11n, "'frame_step' (11) exceeds 'step_count' (10)"],
    ["grid_step", [1], "'grid_step' must be an integer >= 0 (got a list)"],
  ];
  it.each(cases)("%s = %s", (key, value, message) => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    const before = fingerprint(sim);
    const meta = { ...goodMeta, [key]: value };
    expect(() => sim.importSnapshot(repack(encodeJsonArray(meta)))).toThrow(
      `Snapshot meta.json key ${message}`,
    );
    expect(fingerprint(sim)).toBe(before);
  });
});

describe("hostile arrays inside a valid snapshot", () => {
  const members = goodArchive.keys.filter((k) => k !== "meta.json");
  it("any member replaced, removed or added: a value or a coded error, and a failed import changes nothing", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    sim.run({ T: 0.05, dt: 0.01 });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(
              ...members,
              "workspace/stepper/J",
              "workspace/runtime/lag_ring",
              "workspace/other/x",
              "workspace/",
              "stepper_config",
            ),
            fc.option(hostileArray, { nil: null }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (edits) => {
          const bytes = repack(goodArchive.get("meta.json"), new Map(edits));
          const before = fingerprint(sim);
          if (!codedOrValue(() => sim.importSnapshot(bytes))) expect(fingerprint(sim)).toBe(before);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it("a member declaring a huge shape or size is refused before anything that size is allocated", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    // y.npy whose header says (10**12,) float64 but holds 24 bytes (padding shortened to fit)
    const npy = writeNpy({ dtype: "<f8", shape: [3], data: new Float64Array(3), fortranOrder: false });
    const text = String.fromCharCode(...npy)
      .replace("(3,), }", "(1000000000000,), }")
      .replace(`${" ".repeat(12)}\n`, "\n");
    const hugeY = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(hugeY.length).toBe(npy.length);
    const cases = [
      writeNpz(
        goodArchive.keys.map((k): [string, NdArray | Uint8Array] =>
          k === "y" ? ["y.npy", hugeY] : [k, goodArchive.get(k)],
        ),
      ),
      // an undeclared workspace member of 8 MiB (zeros, so it deflates to almost nothing)
      writeNpz([
        ...goodArchive.keys.map((k): [string, NdArray] => [k, goodArchive.get(k)]),
        [
          "workspace/stepper/extra",
          { dtype: "|u1", shape: [2 ** 23], data: new Uint8Array(2 ** 23), fortranOrder: false },
        ],
      ]),
      // a declared one far larger than its layout
      writeNpz(
        goodArchive.keys.map((k): [string, NdArray] =>
          k === "workspace/stepper/f_n"
            ? [k, { dtype: "<f8", shape: [2 ** 20], data: new Float64Array(2 ** 20), fortranOrder: false }]
            : [k, goodArchive.get(k)],
        ),
      ),
    ];
    const messages: string[] = [];
    for (const bytes of cases) {
      const before = fingerprint(sim);
      try {
        sim.importSnapshot(bytes);
        messages.push("imported");
      } catch (err) {
        expect(isSessionError(err)).toBe(true);
        expect(fingerprint(sim)).toBe(before);
        messages.push((err as Error).message);
      }
    }
    // the huge header is refused from the header; the undeclared member is not read at all (the
    // reference ignores it too; read, it would exceed the member limit below); the oversized
    // declared one is refused from its declared size, before it is inflated
    expect(messages[0]).toMatch(/^Error reading snapshot file: .*shape \(1000000000000\) × itemsize 8/);
    expect(messages[1]).toBe("imported");
    expect(messages[2]).toMatch(
      /^Error reading snapshot file: .*member declares \d+ uncompressed bytes, above maxMemberBytes/,
    );
  });
});
