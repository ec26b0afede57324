import { describe, expect, it } from "vitest";
import { checkTemplate, runConformance } from "../src/authoring.ts";
import { defineStepper, defineTemplate, getStepper, isStepperError, type Stepper } from "../src/index.ts";

/** A copy of a built-in stepper with another template. */
function withTemplate(base: Stepper, text: string): Stepper {
  return defineStepper({
    meta: { ...base.meta, name: `${base.meta.name}-variant` },
    config: base.config,
    workspace: base.workspace,
    step: base.step,
    selfContained: base.selfContained,
    template: defineTemplate(text),
  });
}

describe("checkTemplate: a template must reproduce its step bit for bit", () => {
  it.each(["map", "euler", "rk2", "rk4", "ab2", "ab3", "rk45"])("built-in %s passes", (name) => {
    const r = checkTemplate(getStepper(name));
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toContain("bit for bit");
  });

  it("a wrong template (the sign of the step flipped) fails runConformance with a coded error", () => {
    const wrong = withTemplate(getStepper("euler"), "vector k\nk = f(t, y)\nyp = y - h * k\n");
    const results = runConformance(wrong);
    const template = results.find((r) => r.check === "template");
    expect(template?.ok).toBe(false);
    const error = (template as { error?: unknown }).error;
    expect(isStepperError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "STEPPER_TEMPLATE_MISMATCH",
      details: { stepper: "euler-variant", model: "lorenz", step: 1, value: "yp[1]" },
    });
    expect(template?.message).toMatch(/stepper 'euler-variant'.*lorenz at step 1: yp\[1\]/);
  });

  it("a template that differs only in rounding (rk4 stages summed in another order) fails", () => {
    const reordered = withTemplate(
      getStepper("rk4"),
      `vector k1, k2, k3, k4, ys
scalar half, sixth
half = 0.5 * h
k1 = f(t, y)
ys = y + half * k1
k2 = f(t + half, ys)
ys = y + half * k2
k3 = f(t + half, ys)
ys = y + h * k3
k4 = f(t + h, ys)
sixth = h / 6.0
yp = y + sixth * (k4 + 2.0 * k3 + 2.0 * k2 + k1)
`,
    );
    const r = checkTemplate(reordered);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe("STEPPER_TEMPLATE_MISMATCH");
    expect(r.error?.details).toMatchObject({ stepper: "rk4-variant" });
  });

  it("a template reading a config field the stepper lacks fails with the field named", () => {
    const r = checkTemplate(
      withTemplate(getStepper("euler"), "config gain\nvector k\nk = f(t, y)\nyp = y + gain * h * k\n"),
    );
    expect(r.ok).toBe(false);
    expect(r.error?.details).toMatchObject({ field: "gain" });
  });

  it("a stepper without a template is skipped", () => {
    expect(checkTemplate(getStepper("bdf2"))).toMatchObject({ ok: true, message: "skipped: no template" });
  });
});
