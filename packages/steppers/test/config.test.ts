import { describe, expect, it } from "vitest";
import {
  cfgHash,
  classDefaultConfig,
  configFieldNames,
  configToObject,
  defaultConfig,
  getStepper,
  isStepperError,
  resolveConfig,
  STEPPER_ERROR_CODES,
} from "../src/index.ts";

const SIM = { atol: 1e-8, rtol: 1e-5 };

function codeOf(fn: () => unknown): { code: string; field: unknown; message: string } {
  try {
    fn();
  } catch (err) {
    if (isStepperError(err)) return { code: err.code, field: err.details.field, message: err.message };
    throw err;
  }
  throw new Error("expected a throw");
}

describe("cfgHash", () => {
  it("matches the reference vectors for the default configs", () => {
    expect(cfgHash(defaultConfig(getStepper("rk45"), SIM))).toBe("ada93cd41e");
    expect(cfgHash(defaultConfig(getStepper("bdf2"), SIM))).toBe("b8e94fff17");
    expect(cfgHash(defaultConfig(getStepper("sdirk2"), SIM))).toBe("b8e94fff17");
    expect(cfgHash(defaultConfig(getStepper("bdf2a"), SIM))).toBe("6d72150591");
    expect(cfgHash(defaultConfig(getStepper("tr-bdf2a"), SIM))).toBe("6d72150591");
    expect(cfgHash(defaultConfig(getStepper("rk4"), SIM))).toBe("empty");
  });
});

describe("defaultConfig", () => {
  it("keeps the reference field order", () => {
    expect(configFieldNames(getStepper("bdf2a"))).toEqual([
      "atol",
      "rtol",
      "safety",
      "min_factor",
      "max_factor",
      "max_tries",
      "min_step",
      "newton_tol",
      "newton_max_iter",
      "jac_eps",
      "dt_max",
      "jacobian_mode",
    ]);
  });
  it("casts [sim] values like Python float()/int()", () => {
    const rk45 = getStepper("rk45");
    const cfg = configToObject(
      rk45,
      defaultConfig(rk45, { ...SIM, max_tries: 2.7, safety: "0.5", min_step: true, unrelated: "x" }),
    );
    expect(cfg.max_tries).toBe(2);
    expect(cfg.safety).toBe(0.5);
    expect(cfg.min_step).toBe(1);
    expect(configToObject(rk45, defaultConfig(rk45, { max_tries: "7" })).max_tries).toBe(7);
    expect(configToObject(rk45, defaultConfig(rk45, { max_tries: true })).max_tries).toBe(1);
  });
  it("throws a coded error naming the field when a [sim] value cannot be cast (D-12)", () => {
    const e = codeOf(() => defaultConfig(getStepper("rk45"), { max_tries: "2.5" }));
    expect(e.code).toBe(STEPPER_ERROR_CODES.SIM_CAST);
    expect(e.field).toBe("max_tries");
    const e2 = codeOf(() => defaultConfig(getStepper("bdf2a"), { jacobian_mode: "external" }));
    expect(e2.field).toBe("jacobian_mode");
    expect(e2.message).toContain("'external' (1)");
    expect(codeOf(() => defaultConfig(getStepper("rk45"), { atol: [1] })).field).toBe("atol");
  });
});

describe("resolveConfig", () => {
  const bdf2a = getStepper("bdf2a");
  const stored = defaultConfig(bdf2a, SIM);
  it("merges overrides onto the stored config and maps enum strings (D-8)", () => {
    const first = resolveConfig(bdf2a, stored, { rtol: 1e-6 });
    const second = resolveConfig(bdf2a, first, { jacobian_mode: "external", max_tries: 3 });
    const obj = configToObject(bdf2a, second);
    expect(obj.rtol).toBe(1e-6);
    expect(obj.jacobian_mode).toBe(1);
    expect(obj.max_tries).toBe(3);
    expect(obj.atol).toBe(1e-8);
    expect(stored[1]).toBe(1e-5);
  });
  it("rejects an unknown field with a did-you-mean naming it", () => {
    const e = codeOf(() => resolveConfig(bdf2a, stored, { rtoll: 1e-3 }));
    expect(e.code).toBe(STEPPER_ERROR_CODES.UNKNOWN_CONFIG_FIELD);
    expect(e.field).toBe("rtoll");
    expect(e.message).toContain("did you mean 'rtol'");
  });
  it("rejects wrong types naming the field", () => {
    expect(codeOf(() => resolveConfig(bdf2a, stored, { atol: "1e-3" }))).toMatchObject({
      code: STEPPER_ERROR_CODES.CONFIG_TYPE,
      field: "atol",
    });
    expect(codeOf(() => resolveConfig(bdf2a, stored, { max_tries: 2.5 }))).toMatchObject({
      code: STEPPER_ERROR_CODES.CONFIG_TYPE,
      field: "max_tries",
    });
    const e = codeOf(() => resolveConfig(bdf2a, stored, { jacobian_mode: "analytic" }));
    expect(e).toMatchObject({ code: STEPPER_ERROR_CODES.CONFIG_TYPE, field: "jacobian_mode" });
    expect(e.message).toContain("'internal' (0), 'external' (1)");
  });
  it("rejects negative tolerances and NaN naming the field", () => {
    expect(codeOf(() => resolveConfig(bdf2a, stored, { atol: -1e-6 }))).toMatchObject({
      code: STEPPER_ERROR_CODES.CONFIG_RANGE,
      field: "atol",
    });
    expect(codeOf(() => resolveConfig(bdf2a, stored, { newton_tol: -1 }))).toMatchObject({
      code: STEPPER_ERROR_CODES.CONFIG_RANGE,
      field: "newton_tol",
    });
    expect(codeOf(() => resolveConfig(bdf2a, stored, { safety: NaN }))).toMatchObject({
      code: STEPPER_ERROR_CODES.CONFIG_RANGE,
      field: "safety",
    });
  });
  it("rejects overrides for a stepper without config", () => {
    const rk4 = getStepper("rk4");
    expect(codeOf(() => resolveConfig(rk4, classDefaultConfig(rk4), { atol: 1 }))).toMatchObject({
      code: STEPPER_ERROR_CODES.NO_CONFIG,
      field: "atol",
    });
    expect(resolveConfig(rk4, classDefaultConfig(rk4), {}).length).toBe(0);
  });
});

describe("untrusted config input (property)", () => {
  it("defaultConfig and resolveConfig either succeed or throw a StepperError for any values", async () => {
    const fc = (await import("fast-check")).default;
    const names = [
      "atol",
      "rtol",
      "max_tries",
      "jacobian_mode",
      "dt_max",
      "safety",
      "bogus",
      "__proto__",
      "constructor",
    ];
    const value = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.string(),
      fc.constant(null),
      fc.array(fc.integer()),
      fc.object(),
      fc.bigInt(),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), value),
        fc.constantFrom("rk45", "bdf2a", "rk4", "sdirk2"),
        (table, name) => {
          const stepper = getStepper(name);
          for (const attempt of [
            () => defaultConfig(stepper, table),
            () => resolveConfig(stepper, classDefaultConfig(stepper), table),
          ]) {
            try {
              const cfg = attempt();
              expect(cfg).toBeInstanceOf(Float64Array);
              expect(cfg.length).toBe(stepper.config.length);
            } catch (err) {
              expect(isStepperError(err)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
