/**
 * A page for the CSP browser test: served with `Content-Security-Policy: script-src 'self'`, it
 * checks that string evaluation really is refused, then compiles a builtin with the interpreter
 * backend and runs it to completion, and publishes the outcome as JSON in `#result`.
 */
import { compileModel, loadModel } from "@dyn/model";
import { Sim } from "@dyn/session";

function bitsOf(values: ArrayLike<number>): string[] {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), (v) => v.toString(16));
}

/** True when both `new Function` and indirect `eval` throw an EvalError on this page. */
function evalRefused(): boolean {
  const refused = (attempt: () => unknown): boolean => {
    try {
      attempt();
      return false;
    } catch (error) {
      return error instanceof EvalError;
    }
  };
  // biome-ignore lint/security/noGlobalEval: the test proves the page's CSP refuses eval
  const indirectEval = globalThis.eval;
  return refused(() => new Function("return 1")()) && refused(() => indirectEval("1"));
}

const out: Record<string, unknown> = { evalRefused: evalRefused() };
try {
  const runs: Record<string, unknown> = {};
  for (const stepper of ["rk4", "rk45"]) {
    const sim = new Sim(compileModel(loadModel("builtin://ode/lorenz"), { backend: "interpreter" }), {
      stepper,
      onWarning: () => {},
    });
    sim.run({ T: 10 });
    const summary = sim.sessionStateSummary();
    runs[stepper] = {
      t: summary.t,
      rows: sim.results().length,
      finalState: bitsOf(sim.stateVector()),
    };
  }
  out["runs"] = runs;
} catch (error) {
  out["error"] = `${(error as { code?: string }).code ?? ""} ${(error as Error).message}`;
}
const pre = document.getElementById("result") as HTMLElement;
pre.textContent = JSON.stringify(out);
document.body.dataset["done"] = "true";
