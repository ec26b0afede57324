/** The reusable JS emitter: custom names (as a fused-kernel generator uses it) and literals. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModel } from "../src/compile/compileModel.ts";
import { ModelLoadError } from "../src/errors.ts";
import { loadModel } from "../src/index.ts";
import { JsExpressionEmitter, jsNumberLiteral } from "../src/ir/emitJs.ts";
import { KERNEL_HELPERS } from "../src/runtime/kernelHelpers.ts";
import { compiled, tomlString } from "./helpers/models.ts";

describe("jsNumberLiteral", () => {
  it("round-trips every double exactly and never names a global", () => {
    const specials = [
      0,
      -0,
      1,
      -1,
      0.1,
      -1.5,
      5e-324,
      -5e-324,
      1e21,
      1.7976931348623157e308,
      Number.NaN,
      Infinity,
      -Infinity,
    ];
    for (const value of specials) {
      const literal = jsNumberLiteral(value);
      expect(literal).not.toMatch(/NaN|Infinity/);
      expect(Object.is(new Function(`return ${literal};`)(), value), literal).toBe(true);
    }
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(Object.is(new Function(`return -${jsNumberLiteral(value)};`)(), -value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("JsExpressionEmitter with a generator's own names", () => {
  it("emits Lorenz's IR over local variables, bit-identical to the rhs kernel", async () => {
    const m = compileModel(await loadModel("builtin://ode/lorenz"));
    const emitter = new JsExpressionEmitter(
      {
        state: (i) => `s${i}`,
        param: (j) => `q${j}`,
        time: "tt",
        lagRing: "R",
        lagHead: "Hd",
        helper: (fn) => `H.${fn}`,
      },
      "tmp",
    );
    const prelude: string[] = [];
    const rows = m.ir.rhs.map((row) => emitter.expression(row, prelude));
    const body = [
      '"use strict";',
      "const s0 = y[0], s1 = y[1], s2 = y[2], q0 = p[0], q1 = p[1], q2 = p[2], tt = t;",
      emitter.declarations(),
      ...prelude,
      `return [${rows.join(", ")}];`,
    ].join("\n");
    const fused = new Function("H", "t", "y", "p", body) as (
      h: unknown,
      t: number,
      y: ArrayLike<number>,
      p: ArrayLike<number>,
    ) => number[];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (values) => {
          const y = Float64Array.from(values);
          const out = new Float64Array(3);
          m.kernels.rhs(0, y, out, m.initialParams(), m.makeRuntimeWorkspace());
          expect(fused(KERNEL_HELPERS, 0, y, m.initialParams())).toEqual(Array.from(out));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hoists reductions into the prelude and reports the helpers it used", () => {
    const m = compiled(
      '[model]\ntype = "map"',
      "[states]\nx = 2.0",
      '[equations.rhs]\nx = "x // 2 + sum(i * x for i in range(x + 1)) + round(x)"',
    );
    const emitter = new JsExpressionEmitter({
      state: () => "X",
      param: () => "P",
      time: "T",
      lagRing: "R",
      lagHead: "L",
      helper: (fn) => `H.${fn}`,
    });
    const prelude: string[] = [];
    const js = emitter.expression(m.ir.rhs[0]!, prelude);
    expect(prelude.join("\n")).toContain("for (");
    // `//` and int() are written out inline over Math builtins; round stays a helper call.
    expect([...emitter.helpersUsed].sort()).toEqual(["mathFloor", "mathTrunc", "round"]);
    const run = new Function("H", "X", `${emitter.declarations()}\n${prelude.join("\n")}\nreturn ${js};`);
    expect(run(KERNEL_HELPERS, 2)).toBe(1 + 6 + 2);
    expect(run(KERNEL_HELPERS, -2.5)).toBe(-2 + 0 + -2);
  });
});

describe("kernels never throw on numeric input (M-7)", () => {
  const pieces = ["x", "a", "t", "1", "0", "2.5", "-1", "math.nan", "math.inf", "1e308"];
  const unary = ["-", "not ", "sqrt", "log", "exp", "int", "round", "sign", "erf", "abs", "floor"];
  const binary = [
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "**",
    "<",
    "==",
    " and ",
    " or ",
    "min",
    "max",
    "atan2",
    "copysign",
    "hypot",
    "log",
  ];
  const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...pieces),
      fc
        .tuple(fc.constantFrom(...unary), tie("node"))
        .map(([op, e]) => (/^[a-z]/.test(op) && !op.endsWith(" ") ? `${op}(${e})` : `(${op}${e})`)),
      fc
        .tuple(tie("node"), fc.constantFrom(...binary), tie("node"))
        .map(([l, op, r]) => (/^[a-z]/.test(op) ? `${op}(${l}, ${r})` : `(${l}${op}${r})`)),
      fc.tuple(tie("node"), tie("node"), tie("node")).map(([c, l, r]) => `(${l} if ${c} else ${r})`),
      tie("node").map((e) => `sum(${e} for i in range(3))`),
    ),
  })).node;

  it("random expressions compile, and their kernels write the value the IR means for any input", () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(expression, fc.double(), fc.double(), (text, x, a) => {
        let m: ReturnType<typeof compiled>;
        try {
          m = compiled(
            '[model]\ntype = "map"',
            "[states]\nx = 1.0",
            "[params]\na = 1.0",
            `[equations.rhs]\nx = ${tomlString(text)}`,
          );
        } catch (error) {
          if (error instanceof ModelLoadError) return;
          throw error;
        }
        compiledCount++;
        // A sentinel no expression over these pieces produces: the kernel must overwrite it.
        const sentinel = -7.77e-77;
        const out = Float64Array.of(sentinel);
        m.kernels.rhs(0.5, Float64Array.of(x), out, Float64Array.of(a), m.makeRuntimeWorkspace());
        expect(Object.is(out[0], sentinel), text).toBe(false);
        // The same IR emitted over plain local names gives the same bits (NaN included).
        const emitter = new JsExpressionEmitter({
          state: () => "X",
          param: () => "A",
          time: "T",
          lagRing: "R",
          lagHead: "L",
          helper: (fn) => `H.${fn}`,
        });
        const prelude: string[] = [];
        const js = emitter.expression(m.ir.rhs[0]!, prelude);
        const direct = new Function(
          "H",
          "X",
          "A",
          "T",
          `${emitter.declarations()}\n${prelude.join("\n")}\nreturn ${js};`,
        ) as (h: unknown, x: number, a: number, t: number) => number;
        const expected = direct(KERNEL_HELPERS, x, a, 0.5);
        expect(Object.is(out[0], expected), text).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Most generated texts must be valid models, so the kernel property is really exercised (nested
    // sum(... for i ...) reuses `i` and is rejected at load, hence not all of them).
    expect(compiledCount).toBeGreaterThan(150);
  });
});
