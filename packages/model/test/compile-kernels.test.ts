/** model-dsl.md §8 items 28, 29, 31–40: compiled kernels, events, workspace and lag rings. */
import { crc32Utf8 } from "@dyn/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileModel } from "../src/compile/compileModel.ts";
import type { RuntimeWorkspace } from "../src/compile/types.ts";
import { ModelCompileError, ModelLoadError } from "../src/errors.ts";
import { listBuiltins, loadModel, parseModel } from "../src/index.ts";
import { compiled, model } from "./helpers/models.ts";

const VECTOR_3 = [
  'model = { type = "map", name = "Vec" }',
  'constants = { K = "2*pi" }',
  "states = { x = 1, y = 0.5 }",
  'params = { r = "8/4" }',
  'aux = { s = "x + y" }',
  'functions.f = { args = ["q"], expr = "q + lag_x(2)" }',
  'equations.rhs = { x = "f(x) / K", y = "cross_up(y, 0.1) + s" }',
  'events.hit = { cond = "x > r", action = { x = "0" }, log = ["t", "x"], tags = ["b", "a", "a"] }',
  "presets.p.params = { r = 3 }",
  'sim = { dt = 1, stop = "x > 100", safety = 0.5 }',
];

const f64 = (...values: number[]): Float64Array => Float64Array.from(values);

describe("item 28: Lorenz rhs", () => {
  it("writes exactly [0, 26, -1.6666666666666665] at the initial state", async () => {
    const m = compileModel(await loadModel("builtin://ode/lorenz"));
    const out = new Float64Array(3);
    m.kernels.rhs(0, m.initialState(), out, m.initialParams(), m.makeRuntimeWorkspace());
    expect(Array.from(out)).toEqual([0, 26, -1.6666666666666665]);
  });

  it("float32 compiles to Float32Array kernels rounding on store", async () => {
    const spec = await loadModel("builtin://ode/lorenz");
    const m = compileModel(spec, { dtype: "float32" });
    expect(m.dtype).toBe("float32");
    expect(m.specHash).toBe(compileModel(spec).specHash);
    const y = m.initialState();
    expect(y).toBeInstanceOf(Float32Array);
    const out = new Float32Array(3);
    m.kernels.rhs(0, y, out, m.initialParams(), m.makeRuntimeWorkspace());
    // dz = x*y - beta*z with beta = 8/3 rounded to float32, computed in double, stored as float32.
    expect(out[2]).toBe(Math.fround(1 - Math.fround(8 / 3)));
    expect(m.makeRuntimeWorkspace().aux_values).toBeInstanceOf(Float32Array);
  });

  it("every builtin compiles; jacobian, jvp and invRhs agree with their definitions", async () => {
    for (const uri of listBuiltins()) {
      const m = compileModel(await loadModel(uri));
      const out = new Float64Array(m.nState);
      m.kernels.rhs(0.5, m.initialState(), out, m.initialParams(), m.makeRuntimeWorkspace());
      expect(
        out.every((value) => !Number.isNaN(value)),
        uri,
      ).toBe(true);
    }
    const lorenz = compileModel(await loadModel("builtin://ode/lorenz"));
    const y = f64(1, 2, 3);
    const jac = new Float64Array(9);
    lorenz.kernels.jacobian?.(0, y, lorenz.initialParams(), jac, lorenz.makeRuntimeWorkspace());
    expect(Array.from(jac)).toEqual([-10, 10, 0, 28 - 3, -1, -1, 2, 1, -8 / 3]);
    const v = f64(1, -1, 0.5);
    const jv = new Float64Array(3);
    lorenz.kernels.jvp?.(0, y, lorenz.initialParams(), v, jv, lorenz.makeRuntimeWorkspace());
    for (let i = 0; i < 3; i++) {
      let sum = 0;
      for (let j = 0; j < 3; j++) sum = sum + (jac[i * 3 + j] as number) * (v[j] as number);
      expect(jv[i]).toBe(sum);
    }
    const henon = compileModel(await loadModel("builtin://map/henon2"));
    const start = f64(0.25, -0.5);
    const next = new Float64Array(2);
    const back = new Float64Array(2);
    henon.kernels.rhs(0, start, next, henon.initialParams(), henon.makeRuntimeWorkspace());
    henon.kernels.invRhs?.(0, next, back, henon.initialParams(), henon.makeRuntimeWorkspace());
    expect(back[0]).toBeCloseTo(0.25, 14);
    expect(back[1]).toBeCloseTo(-0.5, 14);
  });
});

describe("item 29: deterministic sources without user identifiers", () => {
  const rich = [
    '[model]\ntype = "ode"\nname = "Rich"',
    "[states]\nvolt = 1.0\ngate = 0.5",
    "[params]\ngain = 2.0\nthresh = 3.0",
    "[constants]\nKAPPA = 1.5",
    '[aux]\nenergy = "volt**2 + gate**2"\nflux = "energy * KAPPA"',
    '[functions.sat]\nargs = ["q"]\nexpr = "q / (1 + abs(q))"',
    '[equations.rhs]\nvolt = "sat(gain * volt) - flux + sum(k * gate for k in range(3))"\ngate = "-gate if volt < thresh < 9 else gate // 2"',
    '[events.spike]\ncond = "cross_up(volt, thresh) or volt > 10"\naction = "volt = 0; gain += 1"\nlog = ["t", "volt", "aux:energy", "gate * 2"]',
    '[sim]\nstop = "energy > 1e6"',
  ];

  it("compiling twice gives identical sources; bodies hold no user names, allocations or closures", () => {
    const first = compiled(...rich).exportSources();
    const second = compiled(...rich).exportSources();
    expect(second).toEqual(first);
    const spec = model(...rich);
    expect(Object.keys(first).sort()).toEqual(["eventsEnd", "eventsStart", "rhs", "stopCond", "updateAux"]);
    for (const [kernel, source] of Object.entries(first)) {
      expect(source.startsWith(`// dyn model ${compiled(...rich).specHash}`), kernel).toBe(true);
      expect(source).toContain('"use strict";');
      for (const name of [
        "volt",
        "gate",
        "gain",
        "thresh",
        "KAPPA",
        "energy",
        "flux",
        "sat",
        "spike",
        "Rich",
        "k ",
      ]) {
        expect(source.includes(name), `${kernel} mentions ${name}`).toBe(false);
      }
      expect(source).not.toMatch(/\bnew\b|=>|\[\s*\]|=\s*\[|\{\s*\}|Math\.|NaN|Infinity|\bthis\b/);
      expect(source.match(/\bfunction\b/g)?.length, kernel).toBe(1);
    }
    expect(spec.events[0]?.log).toEqual(["t", "volt", "aux:energy", "gate * 2"]);
  });

  it("every kernel gets its own sourceURL naming the model, hash and kernel", () => {
    const m = compiled(...VECTOR_3);
    // Kernels never throw on numbers; a missing workspace makes the lag read fail, and the
    // stack then names the script the kernel was compiled as.
    const stackOf = (run: () => void): string => {
      try {
        run();
      } catch (error) {
        return String((error as Error).stack);
      }
      return "";
    };
    const missing = undefined as unknown as RuntimeWorkspace;
    const hash12 = m.specHash.slice(0, 12);
    expect(
      stackOf(() => m.kernels.rhs(0, f64(1, 1), new Float64Array(2), m.initialParams(), missing)),
    ).toContain(`dyn/vec-${hash12}-rhs.js`);
    expect(stackOf(() => m.kernels.stopCond?.(0, f64(1, 1), m.initialParams(), missing))).toBe("");
    expect(
      stackOf(() => m.kernels.updateAux(0, f64(1, 1), m.initialParams(), new Float64Array(1), missing)),
    ).toContain(`dyn/vec-${hash12}-updateAux.js`);
  });
});

describe("item 31: aux in rhs uses the y passed in", () => {
  it("ignores ws.aux_values", () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      '[aux]\nE = "x * 2"',
      '[equations.rhs]\nx = "E + 1"',
    );
    const ws = m.makeRuntimeWorkspace();
    ws.aux_values[0] = 1000;
    const out = new Float64Array(1);
    m.kernels.rhs(0, f64(3), out, m.initialParams(), ws);
    expect(out[0]).toBe(7);
  });
});

describe("item 32: updateAux and the stop flag", () => {
  it("fills aux in declaration order and sets stop_flag[0] exactly when x > 0.8", () => {
    const m = compiled(
      '[model]\ntype = "map"',
      "[states]\nx = 0.5",
      '[aux]\nb = "x * 10"\na = "b + 1"',
      '[equations.rhs]\nx = "x"',
      '[sim]\nstop = "x > 0.8"',
    );
    expect(m.hasStop).toBe(true);
    expect(m.auxNames).toEqual(["b", "a"]);
    const ws = m.makeRuntimeWorkspace();
    const auxOut = new Float64Array(2);
    for (const x of [0.5, 0.8, 0.81, Number.NaN, 5]) {
      m.kernels.updateAux(0, f64(x), m.initialParams(), auxOut, ws);
      if (!Number.isNaN(x)) expect(Array.from(auxOut)).toEqual([x * 10, x * 10 + 1]);
      const expected = x > 0.8 ? 1 : 0;
      expect(ws.stop_flag[0], `x = ${x}`).toBe(expected);
      expect(m.kernels.stopCond?.(0, f64(x), m.initialParams(), ws)).toBe(expected);
    }
    // No stop flag storage: updateAux must not write it.
    const empty: RuntimeWorkspace = { ...ws, stop_flag: new Int32Array(0) };
    m.kernels.updateAux(0, f64(1), m.initialParams(), auxOut, empty);
    expect(empty.stop_flag.length).toBe(0);
  });
});

describe("item 33: first true event fires, global codes", () => {
  it("only the first of two true end events fires; codes are global indices (M-4)", () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "-x"',
      '[events.first]\ncond = "x > 0"\naction = "x = 10"',
      '[events.second]\ncond = "x > 0"\naction = "x = 20"',
    );
    const y = f64(1);
    expect(m.kernels.eventsEnd(0, y, m.initialParams(), new Float64Array(1), m.makeRuntimeWorkspace())).toBe(
      0,
    );
    expect(y[0]).toBe(10);
    const mixed = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "-x"',
      '[events.early]\nphase = "start"\ncond = "x > 0"\naction = "x = 3"',
      '[events.late]\ncond = "x > 0"\naction = "x = 4"',
    );
    expect(mixed.eventPhases).toEqual(["start", "end"]);
    const z = f64(1);
    expect(
      mixed.kernels.eventsEnd(0, z, mixed.initialParams(), new Float64Array(1), mixed.makeRuntimeWorkspace()),
    ).toBe(1);
    expect(z[0]).toBe(4);
    expect(
      mixed.kernels.eventsStart(
        0,
        z,
        mixed.initialParams(),
        new Float64Array(1),
        mixed.makeRuntimeWorkspace(),
      ),
    ).toBe(0);
    expect(z[0]).toBe(3);
    const none = f64(-1);
    expect(
      mixed.kernels.eventsEnd(
        0,
        none,
        mixed.initialParams(),
        new Float64Array(1),
        mixed.makeRuntimeWorkspace(),
      ),
    ).toBe(-1);
  });
});

describe("item 34: Izhikevich reset and param actions", () => {
  it("reset at v = 35, u = -13 gives v = -65, u = -5", async () => {
    const m = compileModel(await loadModel("builtin://ode/izhikevich"));
    const y = f64(35, -13);
    const code = m.kernels.eventsEnd(
      0,
      y,
      m.initialParams(),
      new Float64Array(m.maxLogWidth),
      m.makeRuntimeWorkspace(),
    );
    expect(code).toBe(0);
    expect(Array.from(y)).toEqual([-65, -5]);
  });

  it("an action writing a param changes params in place, later statements see it", () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      "[params]\nk = 2.0",
      '[equations.rhs]\nx = "-k * x"',
      '[events.bump]\ncond = "x > 0"\naction = "k = k * 3\\nx = k"',
    );
    const params = m.initialParams();
    const y = f64(1);
    m.kernels.eventsEnd(0, y, params, new Float64Array(1), m.makeRuntimeWorkspace());
    expect(params[0]).toBe(6);
    expect(y[0]).toBe(6);
  });
});

describe("item 35: M-1 action blocks", () => {
  it('"x = 1; a += 2" sets x = 1 and adds 2 to a; every augmented form works', () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 5.0",
      "[params]\na = 1.0\nb = 8.0",
      '[equations.rhs]\nx = "-x"',
      '[events.e]\ncond = "x > 0"\naction = "x = 1; a += 2  # comment; not a statement\\nb -= 1; b *= 3; b /= 7"',
    );
    const params = m.initialParams();
    const y = f64(5);
    m.kernels.eventsEnd(0, y, params, new Float64Array(1), m.makeRuntimeWorkspace());
    expect(y[0]).toBe(1);
    expect(params[0]).toBe(3);
    expect(params[1]).toBe(((8 - 1) * 3) / 7);
  });

  it("x //= 2 is rejected naming the supported forms", () => {
    expect(() =>
      model(
        '[model]\ntype = "ode"',
        "[states]\nx = 5.0",
        '[equations.rhs]\nx = "-x"',
        '[events.e]\ncond = "x > 0"\naction = "x //= 2"',
      ),
    ).toThrow(/x \+= e/);
  });

  it("an action on an undeclared or non-identifier target is rejected", () => {
    const base = [
      '[model]\ntype = "ode"',
      "[states]\nx = 5.0",
      '[aux]\nE = "x"',
      '[equations.rhs]\nx = "-x"',
    ];
    expect(() => model(...base, '[events.e]\ncond = "x > 0"\naction = "E = 2"')).toThrow(
      "[events.e] may mutate only states/params; illegal: ['E']",
    );
    expect(() => model(...base, '[events.e]\ncond = "x > 0"\naction = "x[0] = 2"')).toThrow(ModelLoadError);
  });
});

describe("item 36: M-2 comments in blocks, M-3 expression logs", () => {
  it("comment and blank lines are ignored and the block text is kept verbatim", () => {
    const block = "# leading comment\n\ndx = -x  # trailing\n   # indented comment\ndy = x - y\n";
    const spec = model(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0\ny = 0.0",
      `[equations]\nexpr = ${JSON.stringify(block)}`,
    );
    expect(spec.equationsBlock).toBe(block);
    const m = compileModel(spec);
    const out = new Float64Array(2);
    m.kernels.rhs(0, f64(2, 0.5), out, m.initialParams(), m.makeRuntimeWorkspace());
    expect(Array.from(out)).toEqual([-2, 1.5]);
    const action = "# reset\n\nx = 0\n  # done\n";
    const withEvent = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "-x"',
      `[events.e]\ncond = "x > 0"\naction = ${JSON.stringify(action)}`,
    );
    expect(withEvent.spec.events[0]?.actionBlock).toBe(action);
    const y = f64(4);
    withEvent.kernels.eventsEnd(
      0,
      y,
      withEvent.initialParams(),
      new Float64Array(1),
      withEvent.makeRuntimeWorkspace(),
    );
    expect(y[0]).toBe(0);
  });

  it('log = ["t", "x*2"] fills [t, 2x] after the action and names the field "x*2"', () => {
    const m = compiled(
      '[model]\ntype = "ode"',
      "[states]\nx = 1.0",
      "[params]\na = 4.0",
      '[aux]\nE = "x + a"',
      '[equations.rhs]\nx = "-x"',
      '[events.e]\ncond = "x > 2"\naction = "x = x + 1"\nlog = ["t", "x*2", "state:x", "param: a", "aux:E", "E", "a"]',
    );
    expect(m.eventLogFields).toEqual([["t", "x*2", "state:x", "param: a", "aux:E", "E", "a"]]);
    expect(m.maxLogWidth).toBe(7);
    const scratch = new Float64Array(m.maxLogWidth);
    m.kernels.eventsEnd(0.25, f64(3), m.initialParams(), scratch, m.makeRuntimeWorkspace());
    expect(Array.from(scratch)).toEqual([0.25, 8, 4, 4, 8, 8, 4]);
  });

  it("a log entry naming an unknown signal is rejected", () => {
    expect(() =>
      model(
        '[model]\ntype = "ode"',
        "[states]\nx = 1.0",
        '[equations.rhs]\nx = "-x"',
        '[events.e]\ncond = "x > 2"\nlog = ["state:q"]',
      ),
    ).toThrow(/unknown state 'q'/);
  });
});

describe("item 37: vector 3 workspace and lag rings", () => {
  it("has the documented layout, seeding and advancing", () => {
    const m = compiled(...VECTOR_3);
    expect(m.lagStateInfo).toEqual([
      [0, 3, 0, 0],
      [1, 2, 3, 1],
    ]);
    const ws = m.makeRuntimeWorkspace();
    expect(ws.lag_ring.length).toBe(5);
    expect(Array.from(ws.lag_head)).toEqual([0, 0]);
    expect(Array.from(ws.lag_info)).toEqual([0, 3, 0, 1, 2, 3]);
    expect(Array.from(ws.stop_flag)).toEqual([0]);
    expect(Array.from(ws.stop_phase_mask)).toEqual([2]);
    m.seedLagRings(ws, f64(1, 0.5));
    expect(Array.from(ws.lag_head)).toEqual([2, 1]);
    expect(Array.from(ws.lag_ring)).toEqual([1, 1, 1, 0.5, 0.5]);
    m.advanceLagRings(ws, f64(2, 0.7));
    m.advanceLagRings(ws, f64(3, 0.9));
    // Read the lags through a kernel: a map whose rhs returns them.
    const probe = compiled(
      ...VECTOR_3.slice(0, 6),
      'equations.rhs = { x = "lag_x(1) + 0 * f(x)", y = "lag_x(2) * 1000 + lag_y(1) + 0 * cross_up(y, 0.1)" }',
    );
    const out = new Float64Array(2);
    probe.kernels.rhs(0, f64(3, 0.9), out, probe.initialParams(), ws);
    expect(out[0]).toBe(2);
    expect(out[1]).toBe(1000 + 0.7);
  });
});

describe("item 38: cross_up in rhs", () => {
  it("is 1 exactly when the previous committed y <= 0.1 < current y", () => {
    const m = compiled(
      '[model]\ntype = "map"',
      "[states]\ny = 0.0",
      '[equations.rhs]\ny = "cross_up(y, 0.1)"',
    );
    const cases: [number, number, number][] = [
      [0.05, 0.2, 1],
      [0.1, 0.2, 1],
      [0.1, 0.1, 0],
      [0.2, 0.3, 0],
      [0.05, 0.05, 0],
      [0.2, 0.05, 0],
    ];
    for (const [previous, current, expected] of cases) {
      const ws = m.makeRuntimeWorkspace();
      m.seedLagRings(ws, f64(previous));
      m.advanceLagRings(ws, f64(current));
      const out = new Float64Array(1);
      m.kernels.rhs(0, f64(current), out, m.initialParams(), ws);
      expect(out[0], `${previous} → ${current}`).toBe(expected);
    }
  });
});

describe("item 39: decay runtime layout and workspace signature", () => {
  it("matches S§3.2", () => {
    const m = compiled(
      '[model]\ntype = "ode"\nname = "Exponential Decay"',
      "[states]\nx = 1.0",
      "[params]\na = 1.0",
      '[equations.rhs]\nx = "-a * x"',
    );
    expect(m.specHash).toBe("78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce");
    expect(m.runtimeLayout).toEqual([
      { name: "lag_ring", dtype: "float64", shape: [0] },
      { name: "lag_head", dtype: "int32", shape: [0] },
      { name: "lag_info", dtype: "int32", shape: [0, 3] },
      { name: "aux_values", dtype: "float64", shape: [0] },
      { name: "stop_flag", dtype: "int32", shape: [0] },
      { name: "stop_phase_mask", dtype: "int32", shape: [0] },
    ]);
    const numpyType = { float64: 12, float32: 11, int32: 5 } as const;
    const signature = m.runtimeLayout.flatMap((field) => [
      crc32Utf8(field.name),
      field.shape.length,
      ...field.shape,
      numpyType[field.dtype],
    ]);
    expect(signature).toEqual([
      3465371742, 1, 0, 12, 3869402036, 1, 0, 5, 2329453695, 2, 0, 3, 5, 1188462492, 1, 0, 12, 991046021, 1,
      0, 5, 3118218873, 1, 0, 5,
    ]);
    const ws = m.makeRuntimeWorkspace();
    expect(Object.keys(ws)).toEqual(m.runtimeLayout.map((field) => field.name));
    expect(m.hasStop).toBe(false);
    expect(m.kernels.stopCond).toBeUndefined();
    expect(m.kernels.jacobian).toBeUndefined();
  });
});

describe("item 40: a blocked new Function → EVAL_BLOCKED", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("throws ModelCompileError EVAL_BLOCKED explaining the CSP requirement", () => {
    const spec = parseModel('[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations.rhs]\nx = "-x"');
    const blocked = function blockedFunction(): never {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    };
    vi.stubGlobal("Function", blocked);
    let caught: unknown;
    try {
      compileModel(spec);
    } catch (error) {
      caught = error;
    }
    vi.unstubAllGlobals();
    expect(caught).toBeInstanceOf(ModelCompileError);
    expect((caught as ModelCompileError).code).toBe("EVAL_BLOCKED");
    expect((caught as Error).message).toContain("unsafe-eval");
  });
});

describe("item 40: the interpreter backend matches the compiled kernels bit for bit", () => {
  const richModels = [
    VECTOR_3,
    [
      '[model]\ntype = "map"',
      "[states]\nx = 0.5\ny = 0.2",
      "[params]\nr = 3.7",
      '[aux]\nE = "x**2 + y // 0.3 + sum(i * x for i in range(3) if i != 1)"\nF = "max(E, 1, x) % 2 + round(x, 3) + hypot(x, y, E, 1)"',
      '[equations.rhs]\nx = "r * x * (1 - x) if x == x and y >= 0 else 0.5"\ny = "cross_up(x, 0.5) + lag_x(2) * 0.1 + F * 0.01 + (0 < x < 1) + (x or y) - (not y)"',
      '[events.flip]\ncond = "x > 2 or not y < 10"\naction = "x = 0.5; r += 0.25"\nlog = ["t", "x * 2", "aux:E"]',
      '[events.other]\nphase = "both"\ncond = "enters_interval(x, 0.2, 0.4) or changed(y)"\naction.y = "y / 2"',
      '[sim]\nstop = "x > 10"',
    ],
  ];

  const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>, label: string): void => {
    expect(a.length, label).toBe(b.length);
    for (let i = 0; i < a.length; i++)
      expect(Object.is(a[i], b[i]), `${label}[${i}]: ${a[i]} vs ${b[i]}`).toBe(true);
  };

  it("on every builtin and on models with lags, reductions and events", async () => {
    const specs = [
      ...(await Promise.all(listBuiltins().map((uri) => loadModel(uri)))),
      ...richModels.map((lines) => model(...lines)),
    ];
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const spec of specs) {
      const js = compileModel(spec);
      const interpreted = compileModel(spec, { backend: "interpreter" });
      expect(interpreted.exportSources()).toEqual(js.exportSources());
      for (let trial = 0; trial < 20; trial++) {
        const y = js.initialState().map((value) => value * (0.5 + random()) + (random() - 0.5));
        const p = js.initialParams().map((value) => value * (0.75 + random() / 2));
        const ws = js.makeRuntimeWorkspace();
        js.seedLagRings(ws, y);
        js.advanceLagRings(
          ws,
          y.map((value) => value + random() - 0.5),
        );
        const t = random() * 10;
        const label = `${spec.name ?? "anon"} #${trial}`;
        const outA = new Float64Array(js.nState);
        const outB = new Float64Array(js.nState);
        js.kernels.rhs(t, y, outA, p, ws);
        interpreted.kernels.rhs(t, y, outB, p, ws);
        sameBits(outA, outB, `${label} rhs`);
        const auxA = new Float64Array(js.nAux);
        const auxB = new Float64Array(js.nAux);
        const wsB = { ...ws, stop_flag: new Int32Array(ws.stop_flag.length) };
        js.kernels.updateAux(t, y, p, auxA, ws);
        interpreted.kernels.updateAux(t, y, p, auxB, wsB);
        sameBits(auxA, auxB, `${label} aux`);
        sameBits(ws.stop_flag, wsB.stop_flag, `${label} stop`);
        expect(interpreted.kernels.stopCond?.(t, y, p, ws)).toBe(js.kernels.stopCond?.(t, y, p, ws));
        for (const kernel of ["eventsStart", "eventsEnd"] as const) {
          const [yA, yB, pA, pB] = [y.slice(), y.slice(), p.slice(), p.slice()];
          const [logA, logB] = [new Float64Array(js.maxLogWidth), new Float64Array(js.maxLogWidth)];
          expect(interpreted.kernels[kernel](t, yB, pB, logB, ws)).toBe(
            js.kernels[kernel](t, yA, pA, logA, ws),
          );
          sameBits(yA, yB, `${label} ${kernel} y`);
          sameBits(pA, pB, `${label} ${kernel} p`);
          sameBits(logA, logB, `${label} ${kernel} log`);
        }
        if (js.kernels.jacobian !== undefined) {
          const [jA, jB] = [new Float64Array(js.nState ** 2), new Float64Array(js.nState ** 2)];
          js.kernels.jacobian(t, y, p, jA, ws);
          interpreted.kernels.jacobian?.(t, y, p, jB, ws);
          sameBits(jA, jB, `${label} jacobian`);
          const v = y.map(() => random() - 0.5);
          js.kernels.jvp?.(t, y, p, v, outA, ws);
          interpreted.kernels.jvp?.(t, y, p, v, outB, ws);
          sameBits(outA, outB, `${label} jvp`);
        }
        if (js.kernels.invRhs !== undefined) {
          js.kernels.invRhs(t, y, outA, p, ws);
          interpreted.kernels.invRhs?.(t, y, outB, p, ws);
          sameBits(outA, outB, `${label} invRhs`);
        }
      }
    }
  });

  it("works where new Function is blocked", () => {
    const spec = parseModel('[model]\ntype = "ode"\n[states]\nx = 2.0\n[equations.rhs]\nx = "-x // 3"');
    vi.stubGlobal("Function", () => {
      throw new EvalError("blocked");
    });
    let out: Float64Array | undefined;
    try {
      const m = compileModel(spec, { backend: "interpreter" });
      out = new Float64Array(1);
      m.kernels.rhs(0, m.initialState(), out, m.initialParams(), m.makeRuntimeWorkspace());
    } finally {
      vi.unstubAllGlobals();
    }
    expect(out?.[0]).toBe(-1);
  });
});

describe("M-13: lag timing in end events", () => {
  it("lag_x(1) is y(n-1) while x is the proposal y(n+1)", () => {
    const m = compiled(
      '[model]\ntype = "map"',
      "[states]\nx = 1.0",
      '[equations.rhs]\nx = "x + 1"',
      '[events.probe]\ncond = "True"\nlog = ["x", "lag_x(1)", "cross_up(x, 1.5)"]',
    );
    const ws = m.makeRuntimeWorkspace();
    m.seedLagRings(ws, f64(1)); // y0 = 1
    m.advanceLagRings(ws, f64(2)); // commit y1 = 2
    const scratch = new Float64Array(3);
    expect(m.kernels.eventsEnd(0, f64(3), m.initialParams(), scratch, ws)).toBe(0); // proposal y2 = 3
    expect(Array.from(scratch)).toEqual([3, 1, 1]);
  });
});
