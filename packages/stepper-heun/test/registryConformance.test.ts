import { register, selectSteppers } from "@dyn/steppers";
import { runConformance } from "@dyn/steppers/authoring";
import { describe, expect, it } from "vitest";
import { heunStepper } from "../src/index.ts";

// Registry-driven: every registered stepper — the built-ins and heun, registered by the explicit
// call a user makes — passes the same conformance checks (kind, workspace identity over 1000
// steps, order).
register(heunStepper);
const registered = selectSteppers().map((s) => [s.meta.name, s] as const);

describe.each(registered)("registered stepper %s", (_name, stepper) => {
  it("passes every conformance check", () => {
    for (const r of runConformance(stepper)) expect(r.ok, `${r.check}: ${r.message}`).toBe(true);
  });
});

it("includes the third-party stepper", () => {
  expect(registered.map(([name]) => name)).toContain("heun");
  expect(registered.length).toBe(12);
});
