import type { StepperTemplate, TemplateExpr, TemplateStatement } from "../templates/types.ts";
import type { RhsFn } from "../types.ts";

/**
 * The values a template runs on: its vectors (scratch, history, `y`, `yp`) and its scalars
 * (per-step scalars, counters, config fields, `t`, `h`).
 */
export interface TemplateEnv {
  readonly vectors: Map<string, Float64Array>;
  readonly scalars: Map<string, number>;
}

function value(e: TemplateExpr, env: TemplateEnv, i: number): number {
  switch (e.op) {
    case "num":
      return e.value;
    case "ref": {
      const v = env.vectors.get(e.name);
      if (v !== undefined) return v[i]!;
      const s = env.scalars.get(e.name);
      if (s === undefined) throw new Error(`template reads unbound '${e.name}'`);
      return s;
    }
    case "neg":
      return -value(e.arg, env, i);
    case "add":
      return value(e.left, env, i) + value(e.right, env, i);
    case "sub":
      return value(e.left, env, i) - value(e.right, env, i);
    case "mul":
      return value(e.left, env, i) * value(e.right, env, i);
    case "div":
      return value(e.left, env, i) / value(e.right, env, i);
    case "pow":
      return value(e.left, env, i) ** value(e.right, env, i);
    case "call": {
      const a = value(e.args[0]!, env, i);
      if (e.fn === "min" || e.fn === "max") {
        // The generated kernels' min/max: the second operand wins only when strictly beyond.
        const b = value(e.args[1]!, env, i);
        return e.fn === "min" ? (b < a ? b : a) : b > a ? b : a;
      }
      return Math[e.fn](a);
    }
  }
}

/**
 * Runs template statements directly, the way the session's kernel generator unrolls them: a
 * vector assignment per component in index order, `eval` as one `rhs` call, `if` on scalars.
 * Slow and allocation-free only in the sense that matters here: it is the conformance oracle
 * for a template, independent of the session.
 */
export function runStatements(
  list: readonly TemplateStatement[],
  env: TemplateEnv,
  n: number,
  rhs: RhsFn,
  params: Float64Array,
): void {
  for (const s of list) {
    if (s.kind === "if") {
      const l = value(s.cond.left, env, 0);
      const r = value(s.cond.right, env, 0);
      const op = s.cond.op;
      const ok =
        op === "lt"
          ? l < r
          : op === "le"
            ? l <= r
            : op === "gt"
              ? l > r
              : op === "ge"
                ? l >= r
                : op === "eq"
                  ? l === r
                  : l !== r;
      runStatements(ok ? s.ifTrue : s.ifFalse, env, n, rhs, params);
    } else if (s.kind === "eval") {
      const target = env.vectors.get(s.target)!;
      rhs(value(s.time, env, 0), env.vectors.get(s.arg)!, target, params, {});
    } else {
      const out = env.vectors.get(s.target);
      if (out === undefined) env.scalars.set(s.target, value(s.value, env, 0));
      else for (let i = 0; i < n; i++) out[i] = value(s.value, env, i);
    }
  }
}

/** A fresh environment for `tp` on n states, with config fields read from `config` by name. */
export function templateEnv(
  tp: StepperTemplate,
  n: number,
  configNames: readonly string[],
  config: Float64Array,
): TemplateEnv {
  const env: TemplateEnv = { vectors: new Map(), scalars: new Map() };
  for (const v of [...tp.vectors, ...tp.history, "y", "yp", "yn", "e"])
    env.vectors.set(v, new Float64Array(n));
  for (const s of [...tp.scalars, ...tp.counters]) env.scalars.set(s, 0);
  for (const name of tp.config) env.scalars.set(name, config[configNames.indexOf(name)]!);
  env.scalars.set("n", n);
  return env;
}
