import { describe, expect, it } from "vitest";
import {
  defineTemplate,
  getStepper,
  isStepperTemplate,
  STEPPER_ERROR_CODES,
  type StepperTemplate,
  type TemplateExpr,
} from "../src/index.ts";

function only(tp: StepperTemplate): TemplateExpr {
  const s = tp.body[tp.body.length - 1];
  if (s?.kind !== "assign") throw new Error("expected an assignment");
  return s.value;
}

function show(e: TemplateExpr): string {
  switch (e.op) {
    case "num":
      return e.text;
    case "ref":
      return e.name;
    case "neg":
      return `(-${show(e.arg)})`;
    case "call":
      return `${e.fn}(${e.args.map(show).join(", ")})`;
    default:
      return `(${show(e.left)} ${{ add: "+", sub: "-", mul: "*", div: "/", pow: "^" }[e.op]} ${show(e.right)})`;
  }
}

function parseError(text: string): string {
  try {
    defineTemplate(text);
  } catch (err) {
    expect((err as { code: string }).code).toBe(STEPPER_ERROR_CODES.INVALID_DEFINITION);
    return (err as Error).message;
  }
  throw new Error("expected a parse error");
}

describe("defineTemplate: structure", () => {
  it("every built-in explicit stepper carries a template; implicit ones do not", () => {
    for (const name of ["map", "euler", "rk2", "rk4", "ab2", "ab3", "rk45"])
      expect(isStepperTemplate(getStepper(name).template)).toBe(true);
    for (const name of ["bdf2", "sdirk2", "bdf2a", "tr-bdf2a"])
      expect(getStepper(name).template).toBeUndefined();
  });

  it("templates are frozen plain data and keep their source text", () => {
    const tp = getStepper("rk4").template as StepperTemplate;
    expect(Object.isFrozen(tp)).toBe(true);
    expect(Object.isFrozen(tp.body[0])).toBe(true);
    expect(tp.source).toContain("sixth = h / 6.0");
    expect(isStepperTemplate({ brand: "other" })).toBe(false);
  });

  it("keeps the written order: left-associative + - * /, right-associative ^ above unary minus", () => {
    const e = (text: string): string => show(only(defineTemplate(`vector a, b\nyp = ${text}`)));
    expect(e("a + b + y")).toBe("((a + b) + y)");
    expect(e("a - b - y")).toBe("((a - b) - y)");
    expect(e("a * b / y * 2")).toBe("(((a * b) / y) * 2)");
    expect(e("a + (b + y)")).toBe("(a + (b + y))");
    expect(e("-a ^ 2")).toBe("(-(a ^ 2))");
    expect(e("a ^ b ^ 2")).toBe("(a ^ (b ^ 2))");
    expect(e("y + h * (1.5 * a - 0.5 * b)")).toBe("(y + (h * ((1.5 * a) - (0.5 * b))))");
    expect(e("max(a, min(b, y)) + abs(-1e-3)")).toBe("(max(a, min(b, y)) + abs((-1e-3)))");
  });

  it("reads ab3's start as nested if/else (else-if chains fold into nested ifs)", () => {
    const tp = defineTemplate(`
      counter c
      scalar s
      if c == 0 {
        s = 1
      } else if c == 1 {
        s = 2
      } else {
        s = 3
      }
      yp = y * s
    `);
    const top = tp.body[0];
    expect(top?.kind).toBe("if");
    if (top?.kind !== "if") return;
    expect(top.cond.op).toBe("eq");
    expect(top.ifTrue).toHaveLength(1);
    const inner = top.ifFalse[0];
    expect(inner?.kind).toBe("if");
    if (inner?.kind !== "if") return;
    expect(inner.ifFalse).toHaveLength(1);
    expect(tp.body).toHaveLength(2);
  });

  it("adaptive templates have begin/attempt sections and a controller", () => {
    const tp = getStepper("rk45").template as StepperTemplate;
    expect(tp.controller).toEqual({ kind: "wrms", grow: 0.2, shrink: 0.25 });
    expect(tp.begin).toEqual([{ kind: "eval", target: "k1", time: { op: "ref", name: "t" }, arg: "y" }]);
    expect(tp.body.filter((s) => s.kind === "eval").map((s) => (s as { target: string }).target)).toEqual([
      "k2",
      "k3",
      "k4",
      "k5",
      "k6",
      "k7",
    ]);
  });
});

describe("defineTemplate: errors name the line and the fix", () => {
  it("unknown names and functions", () => {
    expect(parseError("vector k\nk = f(t, y)\nyp = y + h * q")).toMatch(/line 3: unknown name 'q'/);
    expect(parseError("yp = y + tanh(h)")).toMatch(/unknown function 'tanh'; templates may call abs, sqrt/);
    expect(parseError("yp = y + min(h)")).toMatch(/min takes 2 argument\(s\), got 1/);
  });

  it("kind errors: vectors in scalar places, read-only names, self-overwriting f", () => {
    expect(parseError("vector k\nscalar s\ns = k + 1\nyp = y")).toMatch(
      /line 3: vector 'k' used where a scalar is needed/,
    );
    expect(parseError("y = y + 1\nyp = y")).toMatch(/'y' \(the current state\) is read-only/);
    expect(parseError("vector k\nk = f(t, k)\nyp = k")).toMatch(/would overwrite its own argument/);
    expect(parseError("scalar s\ns = f(t, y)\nyp = y")).toMatch(/needs a vector target/);
    expect(parseError("vector k\nk = f(y, y)\nyp = y")).toMatch(/vector 'y' used where a scalar is needed/);
    expect(parseError("vector k\nif k == 0 {\n}\nyp = y")).toMatch(/vector 'k' used where a scalar/);
  });

  it("declarations: reserved, duplicate, late", () => {
    expect(parseError("vector h\nyp = y")).toMatch(/'h' is reserved/);
    expect(parseError("vector a, a\nyp = y")).toMatch(/'a' is declared twice/);
    expect(parseError("yp = y\nvector a")).toMatch(/declarations must come before statements/);
    expect(parseError("q = 1\nyp = y")).toMatch(/'q' is not declared/);
  });

  it("structure: missing outputs, unclosed blocks, stray braces, bad controllers", () => {
    expect(parseError("vector k\nk = f(t, y)")).toMatch(/never assigns 'yp'/);
    expect(parseError("controller wrms grow=0.2 shrink=0.25\nbegin:\nyn = y")).toMatch(/never assigns 'e'/);
    expect(parseError("scalar s\nif s == 0 {\nyp = y")).toMatch(/not closed/);
    expect(parseError("}\nyp = y")).toMatch(/without an open 'if'/);
    expect(parseError("controller pid grow=1 shrink=1\nyp = y")).toMatch(/unknown controller 'pid'/);
    expect(parseError("begin:\nyp = y")).toMatch(/'begin:' needs a controller/);
    expect(parseError("yp = y $ 2")).toMatch(/unexpected character "\$"/);
    expect(parseError("yp = (y + 1")).toMatch(/expected '\)'/);
  });
});
