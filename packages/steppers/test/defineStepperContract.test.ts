/**
 * What `defineStepper` promises about a definition, pinned field by field where mutation testing
 * found it unpinned: every rejection (code, exact message, `details.field`), every reference
 * default it fills in, and the deep freeze of what it returns.
 */
import { describe, expect, it } from "vitest";
import {
  defineStepper,
  isStepperError,
  OK,
  STEPPER_ERROR_CODES,
  type StepperDefinition,
  type StepperError,
} from "../src/index.ts";

const step: StepperDefinition["step"] = () => OK;
const meta = {
  name: "probe",
  kind: "ode",
  timeControl: "fixed",
  scheme: "explicit",
  family: "probe",
  order: 1,
} as const;

function rejection(definition: unknown): StepperError {
  try {
    defineStepper(definition as StepperDefinition);
  } catch (error) {
    if (isStepperError(error)) return error;
    throw error;
  }
  throw new Error("expected a StepperError, the definition was accepted");
}

describe("defineStepper rejects each malformed meta field by name", () => {
  it.each([
    [{ ...meta, name: "" }, "defineStepper: meta.name must be a non-empty string (got )", undefined],
    [{ ...meta, name: 7 }, "defineStepper: meta.name must be a non-empty string (got 7)", undefined],
    [{ ...meta, kind: "pde" }, `defineStepper('probe'): meta.kind must be "ode" or "map" (got pde)`, "kind"],
    [
      { ...meta, timeControl: "auto" },
      `defineStepper('probe'): meta.timeControl must be "fixed" or "adaptive" (got auto)`,
      "timeControl",
    ],
    [
      { ...meta, scheme: "magic" },
      `defineStepper('probe'): meta.scheme must be "explicit", "implicit" or "splitting" (got magic)`,
      "scheme",
    ],
    [{ ...meta, order: 0 }, "defineStepper('probe'): meta.order must be a positive number (got 0)", "order"],
    [
      { ...meta, order: "2" },
      "defineStepper('probe'): meta.order must be a positive number (got 2)",
      "order",
    ],
  ])("%o", (badMeta, message, field) => {
    const error = rejection({ meta: badMeta, step });
    expect(error.code).toBe(STEPPER_ERROR_CODES.INVALID_DEFINITION);
    expect(error.message).toBe(message);
    expect(error.details).toEqual(field === undefined ? {} : { field });
  });

  it("rejects a missing meta and a missing step", () => {
    expect(rejection({ step }).message).toBe(
      "defineStepper: meta.name must be a non-empty string (got undefined)",
    );
    const noStep = rejection({ meta });
    expect(noStep.message).toBe("defineStepper('probe'): step must be a function");
    expect(noStep.details).toEqual({ field: "step" });
  });

  it("accepts every valid kind, time control and scheme", () => {
    for (const kind of ["ode", "map"] as const)
      for (const timeControl of ["fixed", "adaptive"] as const)
        for (const scheme of ["explicit", "implicit", "splitting"] as const) {
          const s = defineStepper({ meta: { ...meta, kind, timeControl, scheme }, step });
          expect([s.meta.kind, s.meta.timeControl, s.meta.scheme]).toEqual([kind, timeControl, scheme]);
        }
  });
});

describe("defineStepper rejects malformed workspace and config fields", () => {
  const shape = (n: number) => [n];
  it.each([
    [
      { workspace: [{ name: "1k", dtype: "float64", shape }] },
      `defineStepper('probe'): workspace field name "1k" is not an identifier; use letters, digits and _`,
      "1k",
    ],
    [
      { workspace: [{ name: "k-2", dtype: "float64", shape }] },
      `defineStepper('probe'): workspace field name "k-2" is not an identifier; use letters, digits and _`,
      "k-2",
    ],
    [
      { workspace: [{ name: "k", dtype: "float16", shape }] },
      `defineStepper('probe'): workspace field 'k' has dtype "float16"; use "float64", "int64" or "int32"`,
      "k",
    ],
    [
      { workspace: [{ name: "k", dtype: "float64", shape: [3] }] },
      "defineStepper('probe'): workspace field 'k' needs shape: (n) => number[]",
      "k",
    ],
    [
      {
        workspace: [
          { name: "k", dtype: "float64", shape },
          { name: "k", dtype: "int32", shape },
        ],
      },
      "defineStepper('probe'): duplicate workspace field 'k'; names must be unique",
      "k",
    ],
    [
      { config: [{ name: "tol.x", type: "float", default: 1 }] },
      `defineStepper('probe'): config field name "tol.x" is not an identifier`,
      "tol.x",
    ],
    [
      { config: [{ name: "tol", type: "double", default: 1 }] },
      `defineStepper('probe'): config field 'tol' type must be "float" or "int"`,
      "tol",
    ],
    [
      { config: [{ name: "tol", type: "float", default: "1" }] },
      "defineStepper('probe'): config field 'tol' needs a numeric default",
      "tol",
    ],
    [
      {
        config: [
          { name: "tol", type: "float", default: 1 },
          { name: "tol", type: "int", default: 2 },
        ],
      },
      "defineStepper('probe'): duplicate config field 'tol'; names must be unique",
      "tol",
    ],
  ])("%o", (fields, message, field) => {
    const error = rejection({ meta, step, ...fields });
    expect(error.code).toBe(STEPPER_ERROR_CODES.INVALID_DEFINITION);
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ field });
  });

  it("accepts each workspace dtype and identifier shape", () => {
    const s = defineStepper({
      meta,
      step,
      workspace: [
        { name: "_a1", dtype: "float64", shape: (n) => [n] },
        { name: "B", dtype: "int64", shape: () => [1] },
        { name: "c_", dtype: "int32", shape: () => [2] },
      ],
    });
    expect(s.workspace.map((f) => [f.name, f.dtype])).toEqual([
      ["_a1", "float64"],
      ["B", "int64"],
      ["c_", "int32"],
    ]);
  });
});

describe("defineStepper fills the reference defaults and freezes the result", () => {
  it("defaults: caps, geometry, aliases, embedded order, stiffness, selfContained, no template", () => {
    const s = defineStepper({ meta, step });
    expect(s.meta.caps).toEqual({
      denseOutput: false,
      jacobian: "none",
      jitCapable: true,
      requiresScipy: false,
      variationalStepping: false,
    });
    expect(s.meta.geometry).toEqual([]);
    expect(s.meta.aliases).toEqual([]);
    expect(s.meta.embeddedOrder).toBeNull();
    expect(s.meta.stiff).toBe(false);
    expect(s.selfContained).toBe(false);
    expect("template" in s).toBe(false);
    expect(s.config).toEqual([]);
    expect(s.workspace).toEqual([]);
    expect(s.step).toBe(step);
  });

  it("keeps what the definition gives, caps merged over the defaults", () => {
    const s = defineStepper({
      meta: {
        ...meta,
        geometry: ["symplectic"],
        aliases: ["p"],
        embeddedOrder: 2,
        stiff: true,
        caps: { jacobian: "optional" },
      },
      step,
      selfContained: true,
      config: [{ name: "mode", type: "int", default: 0, enum: { a: 0, b: 1 } }],
    });
    expect(s.meta.caps.jacobian).toBe("optional");
    expect(s.meta.caps.jitCapable).toBe(true);
    expect([s.meta.geometry, s.meta.aliases, s.meta.embeddedOrder, s.meta.stiff]).toEqual([
      ["symplectic"],
      ["p"],
      2,
      true,
    ]);
    expect(s.selfContained).toBe(true);
    expect(s.config).toEqual([{ name: "mode", type: "int", default: 0, enum: { a: 0, b: 1 } }]);
    expect(
      "enum" in defineStepper({ meta, step, config: [{ name: "x", type: "float", default: 1 }] }).config[0]!,
    ).toBe(false);
  });

  it("freezes everything it returns, and copies what it was given", () => {
    const aliases = ["p"];
    const enumTable = { a: 0 };
    const s = defineStepper({
      meta: { ...meta, aliases },
      step,
      workspace: [{ name: "k", dtype: "float64", shape: (n) => [n] }],
      config: [{ name: "m", type: "int", default: 0, enum: enumTable }],
    });
    aliases.push("q");
    enumTable.a = 5;
    expect(s.meta.aliases).toEqual(["p"]);
    expect(s.config[0]!.enum).toEqual({ a: 0 });
    for (const part of [s, s.meta, s.meta.caps, s.meta.geometry, s.meta.aliases, s.workspace, s.config]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.isFrozen(s.workspace[0])).toBe(true);
    expect(Object.isFrozen(s.config[0])).toBe(true);
    expect(Object.isFrozen(s.config[0]!.enum)).toBe(true);
  });
});
