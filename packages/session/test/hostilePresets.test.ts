/**
 * Issue 13, hostile preset documents: arbitrary TOML text and structures. Every failure is a
 * coded SessionError, and a failed load leaves the bank (and the session) as it was.
 */
import fc from "fast-check";
import { stringify } from "smol-toml";
import { describe, expect, it } from "vitest";
import { setup } from "../src/index.ts";
import { codedOrValue } from "./helpers/hostile.ts";

const quiet = { onWarning: () => {} };

describe("hostile preset documents", () => {
  const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.double(),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.boolean(),
      fc.string({ maxLength: 12 }),
      fc.constantFrom("nan", "+inf", "-Infinity", " 1_0.5e3 ", "1__0", "0x10", "", "__proto__", new Date(0)),
      fc.array(tie("v"), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom("rho", "sigma", "x", "params", "states", "__proto__", "schema"),
        tie("v"),
        { maxKeys: 4 },
      ),
    ),
  })).v;
  const doc = fc.record(
    {
      __presets__: fc.oneof(fc.constant({ schema: "dynlib-presets-v1" }), value),
      presets: fc.dictionary(
        fc.constantFrom("a", "b", "c.d", "__proto__"),
        fc.oneof(
          fc.record({ params: value, states: value }, { requiredKeys: [] }),
          fc.record({
            params: fc.dictionary(fc.constantFrom("rho", "sigma", "beta", "rh0"), value, { maxKeys: 3 }),
          }),
          value,
        ),
        { maxKeys: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it("arbitrary TOML structures: load gives a count or a coded error and a failed load leaves the bank as it was", () => {
    const sim = setup("builtin://ode/lorenz", { ...quiet });
    sim.addPreset("mine", { params: { rho: 5 } });
    fc.assert(
      fc.property(doc, fc.constantFrom("*", "a", "b*"), (d, pattern) => {
        let text: string;
        try {
          text = stringify(d);
        } catch {
          return; // not expressible as TOML
        }
        const before = JSON.stringify(sim.listPresets());
        const p = sim.paramVector();
        const loaded = codedOrValue(() => sim.loadPreset(pattern, { text }, { onConflict: "replace" }));
        if (!loaded) expect(JSON.stringify(sim.listPresets())).toBe(before);
        expect(Array.from(sim.paramVector())).toEqual(Array.from(p));
        codedOrValue(() => sim.savePreset("mine", { text }, { overwrite: true }));
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("arbitrary text, also after a valid header: a count or a coded error", () => {
    const sim = setup("builtin://ode/lorenz", { ...quiet });
    sim.addPreset("mine", { params: { rho: 5 } });
    const pieces = fc.constantFrom(
      "[",
      "]",
      "[[",
      "presets",
      ".",
      "a",
      "params",
      "=",
      "{",
      "}",
      ",",
      '"',
      "'",
      "1",
      "0x1F",
      "nan",
      "inf",
      "\n",
      " ",
      "#",
      "rho",
      "1979-05-27",
      "[1, 2]",
      '"""',
      "\\u0000",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.boolean(), (parts, withHead) => {
        const text = (withHead ? '[__presets__]\nschema = "dynlib-presets-v1"\n' : "") + parts.join("");
        const before = JSON.stringify(sim.listPresets());
        if (!codedOrValue(() => sim.loadPreset("*", { text }, { onConflict: "replace" }))) {
          expect(JSON.stringify(sim.listPresets())).toBe(before);
        }
        codedOrValue(() => sim.savePreset("mine", { text }, { overwrite: true }));
      }),
      { numRuns: 400, seed: 3 },
    );
  });
});
