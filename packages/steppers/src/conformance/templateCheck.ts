import { classDefaultConfig, configFieldNames } from "../config.ts";
import { STEPPER_ERROR_CODES, StepperError } from "../errors.ts";
import { isStepperTemplate } from "../templates/parse.ts";
import type { StepperTemplate, TemplateStatement } from "../templates/types.ts";
import type { RhsFn, Stepper } from "../types.ts";
import { allocateWorkspace } from "../workspace.ts";
import type { ConformanceResult } from "./checks.ts";
import { runStatements, type TemplateEnv, templateEnv } from "./templateInterpreter.ts";

/** The outcome of {@link checkTemplate}: on a mismatch `error` is the coded error describing it. */
export interface TemplateConformanceResult extends ConformanceResult {
  readonly error?: StepperError;
}

interface Problem {
  readonly name: string;
  readonly rhs: RhsFn;
  readonly y0: readonly number[];
  readonly dt: number;
}

const P = Float64Array.from([10, 28, 8 / 3]);

const ODE_PROBLEMS: readonly Problem[] = [
  {
    name: "lorenz",
    rhs: (_t, y, out, p) => {
      out[0] = p[0]! * (y[1]! - y[0]!);
      out[1] = y[0]! * (p[1]! - y[2]!) - y[1]!;
      out[2] = y[0]! * y[1]! - p[2]! * y[2]!;
    },
    y0: [1, 1, 1],
    dt: 0.01,
  },
  {
    name: "forced oscillator",
    rhs: (t, y, out, p) => {
      out[0] = y[1]!;
      out[1] = -p[0]! * y[0]! + Math.cos(t) * p[1]! * 0.01;
      out[2] = y[0]! * y[2]! * 0.01;
    },
    y0: [0.3, -1.2, 0.7],
    dt: 0.0375,
  },
  {
    name: "decay",
    rhs: (_t, y, out) => {
      out[0] = -y[0]!;
      out[1] = -2 * y[1]! + y[0]!;
      out[2] = -0.5 * y[2]!;
    },
    y0: [1, -0.5, 2],
    dt: 0.1,
  },
];

const MAP_PROBLEMS: readonly Problem[] = [
  {
    name: "logistic",
    rhs: (_t, y, out) => {
      out[0] = 3.7 * y[0]! * (1 - y[0]!);
      out[1] = 0.5 * y[1]! + 0.1 * y[0]!;
      out[2] = 1 - 1.4 * y[2]! * y[2]! + 0.3 * y[1]!;
    },
    y0: [0.3, 1, 0.1],
    dt: 1,
  },
];

const STEPS = 40;

function evalTargets(list: readonly TemplateStatement[], out: Set<string>): Set<string> {
  for (const s of list) {
    if (s.kind === "eval") out.add(s.target);
    else if (s.kind === "if") {
      evalTargets(s.ifTrue, out);
      evalTargets(s.ifFalse, out);
    }
  }
  return out;
}

function finite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i]! - v[i]! !== 0) return false;
  return true;
}

/** One adaptive step the way the session's `wrms` controller runs a template (generate.ts). */
function adaptiveStep(
  tp: StepperTemplate,
  env: TemplateEnv,
  n: number,
  rhs: RhsFn,
  cfg: (name: string) => number,
  t: number,
  h: number,
  out: { yp: Float64Array; tp: number; dn: number },
): number {
  const grow = tp.controller!.grow;
  const shrinkExp = tp.controller!.shrink;
  const y = env.vectors.get("y")!;
  const yn = env.vectors.get("yn")!;
  const e = env.vectors.get("e")!;
  let hh = h < cfg("dt_max") ? h : cfg("dt_max");
  env.scalars.set("t", t);
  env.scalars.set("h", hh);
  runStatements(tp.begin, env, n, rhs, P);
  for (const v of evalTargets(tp.begin, new Set())) if (!finite(env.vectors.get(v)!)) return 2;
  let maxTries = Math.trunc(cfg("max_tries"));
  if (!(maxTries >= 1)) maxTries = 1;
  const attemptTargets = [...evalTargets(tp.body, new Set()), "yn"];
  for (let attempt = 0; attempt < maxTries; attempt++) {
    env.scalars.set("h", hh);
    runStatements(tp.body, env, n, rhs, P);
    let ok = attemptTargets.every((v) => finite(env.vectors.get(v)!));
    let err = Infinity;
    if (ok) {
      let acc = 0.0;
      for (let i = 0; i < n; i++) {
        const aY = Math.abs(y[i]!);
        const aN = Math.abs(yn[i]!);
        acc = acc + (e[i]! / (cfg("atol") + cfg("rtol") * (aY > aN ? aY : aN))) ** 2;
      }
      err = (acc / n) ** 0.5;
      if (err - err !== 0) ok = false;
    }
    if (!ok) {
      if (hh <= cfg("min_step")) break;
      hh = hh * cfg("min_factor");
      if (hh < cfg("min_step")) hh = cfg("min_step");
      continue;
    }
    if (err <= 1.0 || hh <= cfg("min_step")) {
      out.yp.set(yn);
      out.tp = t + hh;
      if (err > 0.0) {
        let factor = cfg("safety") * (1.0 / err) ** grow;
        if (factor > cfg("max_factor")) factor = cfg("max_factor");
        if (factor < cfg("min_factor")) factor = cfg("min_factor");
        out.dn = hh * factor;
      } else out.dn = hh * cfg("max_factor");
      if (!(out.dn < cfg("dt_max"))) out.dn = cfg("dt_max");
      return 0;
    }
    let shrink = cfg("safety") * (1.0 / err) ** shrinkExp;
    if (shrink < cfg("min_factor")) shrink = cfg("min_factor");
    hh = hh * shrink;
    if (hh < cfg("min_step")) break;
  }
  return 2;
}

function hex(v: number): string {
  return `${v} (0x${new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16)})`;
}

/**
 * Checks that a stepper's fused template (if it has one) reproduces its plain `step` bit for bit:
 * both run {@link STEPS} steps on several models (three ODEs, among them a forced one that reads
 * `t`, or a map), from the same state, and every proposal, proposed time, suggested next step,
 * status, history vector and counter must be identical. The template is run by a direct
 * interpreter of the template language that follows the session's kernel generator (vector
 * statements per component in index order; adaptive templates under the `wrms` controller).
 *
 * **Why:** the session runs the template instead of `step` whenever it can, so a template that
 * disagrees would silently change results.
 *
 * @example
 * ```ts
 * import { getStepper } from "@dyn/steppers";
 * import { checkTemplate } from "@dyn/steppers/authoring";
 * console.log(checkTemplate(getStepper("rk4")).ok); // true
 * ```
 * @category testing
 * @since 0.2.0
 */
export function checkTemplate(stepper: Stepper): TemplateConformanceResult {
  const check = "template";
  const tp = stepper.template;
  if (tp === undefined) return { check, ok: true, message: "skipped: no template" };
  const name = stepper.meta.name;
  const fail = (message: string, details: Record<string, unknown>): TemplateConformanceResult => {
    const error = new StepperError({
      code: STEPPER_ERROR_CODES.TEMPLATE_MISMATCH,
      message: `stepper '${name}': ${message}`,
      details: { stepper: name, ...details },
    });
    return { check, ok: false, message: error.message, error };
  };
  if (!isStepperTemplate(tp)) return fail("template is not a defineTemplate() result", {});
  const names = configFieldNames(stepper);
  const config = classDefaultConfig(stepper);
  for (const c of [
    ...tp.config,
    ...(tp.controller === null
      ? []
      : ["atol", "rtol", "safety", "min_factor", "max_factor", "max_tries", "min_step", "dt_max"]),
  ])
    if (!names.includes(c))
      return fail(`template reads config field '${c}', which the stepper does not have`, { field: c });
  const cfg = (field: string): number => config[names.indexOf(field)]!;
  const problems = stepper.meta.kind === "map" ? MAP_PROBLEMS : ODE_PROBLEMS;
  const n = 3;
  for (const problem of problems) {
    const ws = allocateWorkspace(stepper, n);
    for (const field of [...tp.history, ...tp.counters]) {
      const f = stepper.workspace.find((w) => w.name === field);
      if (f === undefined)
        return fail(`template keeps '${field}', which is not a workspace field`, { field });
    }
    const env = templateEnv(tp, n, names, config);
    const y = Float64Array.from(problem.y0);
    const yp = new Float64Array(n);
    const tProp = new Float64Array(1);
    const dtNext = new Float64Array(1);
    const errEst = new Float64Array(1);
    const ty = env.vectors.get("y")!;
    const typ = env.vectors.get("yp")!;
    let t = 0;
    let dt = problem.dt;
    for (let k = 0; k < STEPS; k++) {
      ty.set(y);
      const status = stepper.step(t, dt, y, problem.rhs, P, {}, ws, config, yp, tProp, dtNext, errEst);
      const out = { yp: typ, tp: t + dt, dn: dt };
      let tStatus = 0;
      if (tp.controller === null) {
        env.scalars.set("t", t);
        env.scalars.set("h", dt);
        runStatements(tp.body, env, n, problem.rhs, P);
      } else tStatus = adaptiveStep(tp, env, n, problem.rhs, cfg, t, dt, out);
      const where = { model: problem.name, step: k + 1 };
      if (status !== tStatus)
        return fail(
          `on ${problem.name}, step ${k + 1}: template status ${tStatus}, step status ${status}`,
          where,
        );
      if (status !== 0) break;
      const pairs: [string, ArrayLike<number>, ArrayLike<number>][] = [
        ["yp", typ, yp],
        ["tProp", [out.tp], tProp],
        ["dtNext", [out.dn], dtNext],
        ...tp.history.map((h): [string, ArrayLike<number>, ArrayLike<number>] => [
          h,
          env.vectors.get(h)!,
          ws[h] as Float64Array,
        ]),
        ...tp.counters.map((c): [string, ArrayLike<number>, ArrayLike<number>] => [
          c,
          [env.scalars.get(c)!],
          [Number((ws[c] as BigInt64Array)[0])],
        ]),
      ];
      for (const [what, fromTemplate, fromStep] of pairs) {
        for (let i = 0; i < fromStep.length; i++) {
          if (!Object.is(fromTemplate[i], fromStep[i])) {
            return fail(
              `template differs from step on ${problem.name} at step ${k + 1}: ${what}[${i}] is ${hex(fromTemplate[i]!)} from the template, ${hex(fromStep[i]!)} from step`,
              { ...where, value: `${what}[${i}]`, templateValue: fromTemplate[i], stepValue: fromStep[i] },
            );
          }
        }
      }
      y.set(yp);
      t = tProp[0]!;
      dt = stepper.meta.timeControl === "adaptive" ? dtNext[0]! : dt;
    }
  }
  return {
    check,
    ok: true,
    message: `template ≡ step bit for bit on ${problems.length} model(s), ${STEPS} steps each`,
  };
}
