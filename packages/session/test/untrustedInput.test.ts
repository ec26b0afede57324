import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSessionError, setup } from "../src/index.ts";

const quiet = { onWarning: () => {} };

function state(sim: ReturnType<typeof setup>): string {
  const s = sim.sessionState();
  return JSON.stringify([
    s.tCurr,
    s.stepCount,
    Array.from(s.yCurr),
    Array.from(s.paramsCurr),
    Array.from(s.stepperCfg),
    sim.timeShift,
    sim.nominalDt,
  ]);
}

describe("untrusted snapshot and preset input never crashes the process", () => {
  const source = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
  source.run({ T: 0.1, dt: 0.01 });
  const good = source.exportSnapshot();

  it("mutated or truncated snapshot files: a coded SessionError or a valid import, and a failed import changes nothing", () => {
    const sim = setup("builtin://ode/lorenz", { stepper: "ab3", ...quiet });
    sim.run({ T: 0.05, dt: 0.01 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat(good.length), { nil: undefined }),
        (edits, cut) => {
          const bytes = good.slice(0, cut ?? good.length);
          for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
          const before = state(sim);
          try {
            sim.importSnapshot(bytes);
          } catch (err) {
            expect(isSessionError(err), String(err)).toBe(true);
            expect(state(sim)).toBe(before);
          }
          // whatever happened, inspect never throws anything but a SessionError
          try {
            sim.inspectSnapshot(bytes);
          } catch (err) {
            expect(isSessionError(err), String(err)).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it("random bytes are rejected with 'Cannot read snapshot file'", () => {
    const sim = setup("builtin://ode/lorenz", quiet);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(() => sim.importSnapshot(bytes)).toThrow(/snapshot file/);
      }),
      { numRuns: 100 },
    );
  });

  it("arbitrary preset text: a coded SessionError or a load, never a crash", () => {
    const sim = setup("builtin://ode/lorenz", quiet);
    const head = '[__presets__]\nschema = "dynlib-presets-v1"\n';
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.boolean(), (text, withHead) => {
        try {
          sim.loadPreset("*", { text: withHead ? head + text : text }, { onConflict: "replace" });
        } catch (err) {
          expect(isSessionError(err), String(err)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
