import { defineStepper, getStepper, listSteppers } from "@dyn/steppers";
import { describe, expect, it } from "vitest";
import { inlineStepSource } from "../src/internal/inlineStep.ts";
import { Sim } from "../src/sim.ts";
import { sawtooth } from "./helpers/eventModels.ts";
import { forced, logistic, lorenz } from "./helpers/models.ts";

function f(src: string): unknown {
  return new Function(`return (${src});`)();
}

describe("pasting a step's body into the loop", () => {
  it("rewrites returns, including minified `return x}` and returns inside loops", () => {
    const a = inlineStepSource(
      f("function s(t,dt,y){for(let i=0;i<3;i++){if(y[i]>1)return 2}return 0}"),
      true,
    )!;
    expect(a.params).toEqual(["t", "dt", "y"]);
    expect(a.body).toBe(
      "for(let i=0;i<3;i++){if(y[i]>1){ __dynStatus = (2); break __dynStep; }}{ __dynStatus = (0); break __dynStep; }",
    );
    const b = inlineStepSource(
      f("function s(t, dt) {\n  const o = { r: 1 };\n  return o.r === 1 ? 0 : 2;\n}"),
      true,
    )!;
    expect(b.body).toContain("{ __dynStatus = (o.r === 1 ? 0 : 2); break __dynStep; }");
    expect(inlineStepSource(f("function s(t){ return t.return; }"), true)!.body).toContain("(t.return)");
  });

  it("refuses what it cannot rewrite safely, and anything not declared self-contained", () => {
    const ok = "function s(t){ return 0; }";
    expect(inlineStepSource(f(ok), false)).toBeNull();
    for (const src of [
      "function s(t){ const g = function(){ return 1; }; return g(); }",
      "function s(t){ const g = () => 1; return 0; }",
      "function s(t){ return this.x; }",
      "function s(t){ var a = 1; return a; }",
      "function s(t){ return arguments.length; }",
      "function s(t){ const r = /a/; return 0; }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the template literal is the input under test
      "function s(t){ const x = `${t}`; return 0; }",
      "function s({t}){ return 0; }",
      "function s(t){ return; }",
      "function s(t){ return\n 0; }",
    ]) {
      expect(inlineStepSource(f(src), true), src).toBeNull();
    }
  });

  const explicit = listSteppers({ kind: "ode" }).filter(
    (name) => inlineStepSource(getStepper(name).step, true) !== null,
  );

  it("every explicit built-in qualifies", () => {
    expect(explicit).toEqual(expect.arrayContaining(["euler", "rk2", "rk4", "rk45", "ab2", "ab3"]));
    expect(inlineStepSource(getStepper("map").step, true)).not.toBeNull();
  });

  for (const name of [...explicit, "map"]) {
    it(`${name}: the pasted body and the called step give bit-identical runs`, () => {
      const original = getStepper(name);
      const called = defineStepper({
        meta: { ...original.meta, name: `${name}-called`, aliases: [] },
        config: original.config,
        workspace: original.workspace,
        step: original.step,
        selfContained: false,
        // the same history restart after a state-assigning event (D-14) as the original
        ...(original.historyCounter === undefined ? {} : { historyCounter: original.historyCounter }),
      });
      const models =
        name === "map"
          ? [() => logistic({ params: { r: 3.9 } })]
          : [() => lorenz(), () => forced(), () => sawtooth()];
      for (const make of models) {
        const a = new Sim(make(), { stepper: original });
        const b = new Sim(make(), { stepper: called });
        const opts = name === "map" ? { N: 200 } : { T: 3.3, dt: 0.01 };
        a.run(opts);
        b.run(opts);
        const ra = a.rawResults();
        const rb = b.rawResults();
        expect(Array.from(ra.T)).toEqual(Array.from(rb.T));
        for (const v of ra.stateNames) expect(Array.from(ra.getVar(v))).toEqual(Array.from(rb.getVar(v)));
        expect(Array.from(ra.EVT_CODE)).toEqual(Array.from(rb.EVT_CODE));
      }
    });
  }
});
