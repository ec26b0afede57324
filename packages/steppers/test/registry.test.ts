import { describe, expect, it } from "vitest";
import type { Stepper } from "../src/index.ts";
import {
  canonicalStepperName,
  createRegistry,
  defineStepper,
  getStepper,
  isStepperError,
  listSteppers,
  OK,
  registry,
  STEPPER_ERROR_CODES,
  selectSteppers,
} from "../src/index.ts";

function toy(name: string, aliases: string[] = []): Stepper {
  return defineStepper({
    meta: { name, kind: "map", timeControl: "fixed", scheme: "explicit", family: "iter", order: 1, aliases },
    step: (t, dt, y, _r, _p, _w, _s, _c, yProp, tProp, dtNext, errEst) => {
      yProp.set(y);
      tProp[0] = t + dt;
      dtNext[0] = dt;
      errEst[0] = 0;
      return OK;
    },
  });
}

describe("default registry", () => {
  it("holds the eleven built-ins, sorted by code point", () => {
    expect(listSteppers()).toEqual([
      "ab2",
      "ab3",
      "bdf2",
      "bdf2a",
      "euler",
      "map",
      "rk2",
      "rk4",
      "rk45",
      "sdirk2",
      "tr-bdf2a",
    ]);
  });
  it("resolves aliases to canonical steppers", () => {
    expect(getStepper("dopri5").meta.name).toBe("rk45");
    expect(canonicalStepperName("alexander2")).toBe("sdirk2");
    expect(registry().get("discrete")?.meta.name).toBe("map");
  });
  it("filters on meta and caps and rejects unknown filter keys", () => {
    expect(listSteppers({ stiff: true })).toEqual(["bdf2", "bdf2a", "sdirk2", "tr-bdf2a"]);
    expect(listSteppers({ variationalStepping: true })).toEqual(["ab2", "ab3", "euler", "rk2", "rk4"]);
    expect(listSteppers({ namePattern: "rk*" })).toEqual(["rk2", "rk4", "rk45"]);
    expect(selectSteppers({ family: "bdf", timeControl: "fixed" }).map((s) => s.meta.name)).toEqual(["bdf2"]);
    expect(listSteppers({ predicate: (s) => s.meta.order >= 4 })).toEqual(["rk4", "rk45"]);
    try {
      listSteppers({ stif: true } as never);
      expect.unreachable();
    } catch (err) {
      expect(isStepperError(err) && err.code === STEPPER_ERROR_CODES.UNKNOWN_FILTER).toBe(true);
      expect((err as Error).message).toContain("did you mean 'stiff'");
    }
  });
  it("gives unknown names a coded error with a suggestion", () => {
    expect(() => getStepper("rk44")).toThrow(/unknown stepper 'rk44'; did you mean/);
  });
  it("has the metadata values of §1.1", () => {
    expect(getStepper("bdf2").meta.caps.jacobian).toBe("optional");
    expect(getStepper("rk45").meta.embeddedOrder).toBe(4);
    expect(getStepper("tr-bdf2a").meta.family).toBe("tr-bdf2");
    expect(getStepper("map").meta.family).toBe("iter");
    expect(Object.isFrozen(getStepper("rk4").meta)).toBe(true);
  });
});

describe("createRegistry", () => {
  it("is isolated from the default registry", () => {
    const reg = createRegistry();
    reg.register(toy("toy-a", ["ta"]));
    expect(reg.listSteppers()).toEqual(["toy-a"]);
    expect(listSteppers()).not.toContain("toy-a");
  });
  it("throws on duplicate names or aliases bound to another stepper", () => {
    const reg = createRegistry([toy("toy-a", ["ta"])]);
    expect(() => reg.register(toy("toy-a"))).toThrow(/already bound/);
    expect(() => reg.register(toy("toy-b", ["ta"]))).toThrow(/'ta' is already bound to stepper 'toy-a'/);
    expect(reg.has("toy-b")).toBe(false);
  });
});

describe("defineStepper", () => {
  it("rejects duplicate workspace fields and bad dtypes", () => {
    const step = toy("x").step;
    const meta = {
      name: "bad",
      kind: "ode",
      timeControl: "fixed",
      scheme: "explicit",
      family: "x",
      order: 1,
    } as const;
    expect(() =>
      defineStepper({
        meta,
        step,
        workspace: [
          { name: "k", dtype: "float64", shape: (n) => [n] },
          { name: "k", dtype: "float64", shape: (n) => [n] },
        ],
      }),
    ).toThrow(/duplicate workspace field 'k'/);
    expect(() =>
      defineStepper({ meta, step, workspace: [{ name: "k", dtype: "float16" as never, shape: (n) => [n] }] }),
    ).toThrow(/dtype/);
  });
});
