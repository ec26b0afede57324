/**
 * Each built-in fixed-step template, run by a direct interpreter of the template language,
 * reproduces its stepper's plain `step` bit for bit (proposal, history, step_index) over many
 * steps: the templates are the same arithmetic in the same order (session-semantics App. A).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateWorkspace,
  getStepper,
  type RhsFn,
  type StepperTemplate,
  type TemplateExpr,
  type TemplateStatement,
} from "../src/index.ts";

type Env = { vectors: Map<string, Float64Array>; scalars: Map<string, number> };

function evalExpr(e: TemplateExpr, env: Env, i: number): number {
  switch (e.op) {
    case "num":
      return e.value;
    case "ref": {
      const v = env.vectors.get(e.name);
      if (v !== undefined) return v[i] as number;
      const s = env.scalars.get(e.name);
      if (s === undefined) throw new Error(`unbound ${e.name}`);
      return s;
    }
    case "neg":
      return -evalExpr(e.arg, env, i);
    case "add":
      return evalExpr(e.left, env, i) + evalExpr(e.right, env, i);
    case "sub":
      return evalExpr(e.left, env, i) - evalExpr(e.right, env, i);
    case "mul":
      return evalExpr(e.left, env, i) * evalExpr(e.right, env, i);
    case "div":
      return evalExpr(e.left, env, i) / evalExpr(e.right, env, i);
    case "pow":
      return evalExpr(e.left, env, i) ** evalExpr(e.right, env, i);
    case "call": {
      const a = e.args.map((x) => evalExpr(x, env, i));
      if (e.fn === "min") return (a[1] as number) < (a[0] as number) ? (a[1] as number) : (a[0] as number);
      if (e.fn === "max") return (a[1] as number) > (a[0] as number) ? (a[1] as number) : (a[0] as number);
      return Math[e.fn](a[0] as number);
    }
  }
}

function run(list: readonly TemplateStatement[], env: Env, n: number, rhs: RhsFn, p: Float64Array): void {
  for (const s of list) {
    if (s.kind === "if") {
      const l = evalExpr(s.cond.left, env, 0);
      const r = evalExpr(s.cond.right, env, 0);
      const ok = { lt: l < r, le: l <= r, gt: l > r, ge: l >= r, eq: l === r, ne: l !== r }[s.cond.op];
      run(ok ? s.ifTrue : s.ifFalse, env, n, rhs, p);
    } else if (s.kind === "eval") {
      rhs(
        evalExpr(s.time, env, 0),
        env.vectors.get(s.arg) as Float64Array,
        env.vectors.get(s.target) as Float64Array,
        p,
        {},
      );
    } else if (env.vectors.has(s.target)) {
      const out = env.vectors.get(s.target) as Float64Array;
      for (let i = 0; i < n; i++) out[i] = evalExpr(s.value, env, i);
    } else env.scalars.set(s.target, evalExpr(s.value, env, 0));
  }
}

const lorenz: RhsFn = (_t, y, out, p) => {
  out[0] = p[0]! * (y[1]! - y[0]!);
  out[1] = y[0]! * (p[1]! - y[2]!) - y[1]!;
  out[2] = y[0]! * y[1]! - p[2]! * y[2]!;
};
const forced: RhsFn = (t, y, out, p) => {
  out[0] = y[1]!;
  out[1] = -p[0]! * y[0]! + Math.cos(t) * p[1]!;
  out[2] = y[0]! * y[2]! * 0.01;
};

describe("template ≡ plain step (interpreted)", () => {
  for (const name of ["map", "euler", "rk2", "rk4", "ab2", "ab3"]) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
          fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
          fc.boolean(),
          (y0, dt, useForced) => {
            const stepper = getStepper(name);
            const tp = stepper.template as StepperTemplate;
            const rhs = useForced ? forced : lorenz;
            const p = Float64Array.from([10, 28, 8 / 3]);
            const n = 3;
            const ws = allocateWorkspace(stepper, n);
            const y = Float64Array.from(y0);
            const yp = new Float64Array(n);
            const tProp = new Float64Array(1);
            const dtNext = new Float64Array(1);
            const errEst = new Float64Array(1);
            const env: Env = { vectors: new Map(), scalars: new Map() };
            for (const v of [...tp.vectors, ...tp.history, "yp"]) env.vectors.set(v, new Float64Array(n));
            for (const s of [...tp.scalars, ...tp.counters]) env.scalars.set(s, 0);
            const ty = Float64Array.from(y0);
            env.vectors.set("y", ty);
            let t = 0;
            for (let k = 0; k < 12; k++) {
              expect(
                stepper.step(t, dt, y, rhs, p, {}, ws, new Float64Array(0), yp, tProp, dtNext, errEst),
              ).toBe(0);
              env.scalars.set("t", t);
              env.scalars.set("h", dt);
              run(tp.body, env, n, rhs, p);
              const typ = env.vectors.get("yp") as Float64Array;
              expect(Array.from(typ)).toEqual(Array.from(yp));
              for (const hname of tp.history)
                expect(Array.from(env.vectors.get(hname)!)).toEqual(Array.from(ws[hname] as Float64Array));
              for (const c of tp.counters)
                expect(BigInt(env.scalars.get(c)!)).toBe((ws[c] as BigInt64Array)[0]);
              y.set(yp);
              ty.set(typ);
              t = tProp[0]!;
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});
