import { defineStepper, defineTemplate, getStepper, type Stepper, type StepperTemplate } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { FUSED_FALLBACK_CODES, fusedFallbacks } from "../src/index.ts";
import { Sim } from "../src/sim.ts";
import { kernelUrls, model } from "./fused-helpers.ts";

const DECAY = `
[model]
type = "ode"
name = "Decay for fallbacks"
[states]
x = 1.0
[params]
a = 1.0
[equations.rhs]
x = "-a * x"
`;

function variant(base: Stepper, name: string, template: unknown): Stepper {
  return defineStepper({
    meta: { ...base.meta, name },
    config: base.config,
    workspace: base.workspace,
    step: base.step,
    selfContained: base.selfContained,
    ...(base.historyCounter === undefined ? {} : { historyCounter: base.historyCounter }),
    template,
  });
}

describe("a fused template that cannot be used says why", () => {
  it("a template naming a history field the stepper lacks: plain path, FUSED_TEMPLATE_MISMATCH naming the field", () => {
    const source = DECAY.replace("Decay for fallbacks", "Decay for fallbacks 1");
    const text = (getStepper("ab2").template as StepperTemplate).source.replace(/f_prev/g, "f_old");
    const stepper = variant(getStepper("ab2"), "ab2-misfit", defineTemplate(text));
    const m = model(source);
    const sim = new Sim(m, { stepper, onWarning: () => {} });
    sim.run({ T: 1, dt: 0.125 });
    expect(kernelUrls(sim).fused).toEqual([]);
    const fallbacks = fusedFallbacks(m);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({
      stepper: "ab2-misfit",
      code: FUSED_FALLBACK_CODES.TEMPLATE_MISMATCH,
    });
    expect(fallbacks[0]?.reason).toContain("'f_old'");
  });

  it("a template object that is not a defineTemplate() result is reported, not ignored", () => {
    const source = DECAY.replace("Decay for fallbacks", "Decay for fallbacks 2");
    const m = model(source);
    const sim = new Sim(m, {
      stepper: variant(getStepper("euler"), "euler-fake", { body: [] }),
      onWarning: () => {},
    });
    sim.run({ T: 1, dt: 0.125 });
    expect(fusedFallbacks(m).map((f) => f.code)).toEqual([FUSED_FALLBACK_CODES.NOT_A_TEMPLATE]);
  });

  it("a stepper whose template fits leaves no fallback", () => {
    const source = DECAY.replace("Decay for fallbacks", "Decay for fallbacks 3");
    const m = model(source);
    const sim = new Sim(m, { stepper: "rk4", onWarning: () => {} });
    sim.run({ T: 1, dt: 0.125 });
    expect(kernelUrls(sim).fused.length).toBe(1);
    expect(fusedFallbacks(m)).toEqual([]);
  });
});
