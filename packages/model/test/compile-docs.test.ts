/** docs/modelling.md stays runnable: every TOML block loads and compiles, and its claims hold. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileModel } from "../src/compile/compileModel.ts";
import { parseModel } from "../src/index.ts";

const doc = readFileSync(new URL("../../../docs/modelling.md", import.meta.url), "utf8");
const tomlBlocks = [...doc.matchAll(/```toml\n([\s\S]*?)```/g)].map((match) => match[1] as string);

describe("docs/modelling.md", () => {
  it("has TOML examples", () => {
    expect(tomlBlocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(tomlBlocks.map((block, index) => [index, block]))(
    "TOML block %i loads and compiles",
    (_, block) => {
      const model = compileModel(parseModel(block));
      const out = new Float64Array(model.nState);
      const y = model.initialState();
      model.kernels.rhs(0, y, out, model.initialParams(), model.makeRuntimeWorkspace());
      expect(out.every((value) => Number.isFinite(value))).toBe(true);
    },
  );

  it("the Lorenz example writes the documented derivative", () => {
    const model = compileModel(parseModel(tomlBlocks[0] as string));
    const out = new Float64Array(3);
    model.kernels.rhs(0, model.initialState(), out, model.initialParams(), model.makeRuntimeWorkspace());
    expect(Array.from(out)).toEqual([0, 26, -1.6666666666666665]);
  });

  it("the expression tour runs as a map with its event, aux and stop condition", () => {
    const model = compileModel(parseModel(tomlBlocks[2] as string));
    const ws = model.makeRuntimeWorkspace();
    const params = model.initialParams();
    let y = model.initialState();
    model.seedLagRings(ws, y);
    const aux = new Float64Array(model.nAux);
    const scratch = new Float64Array(model.maxLogWidth);
    for (let step = 0; step < 50; step++) {
      const next = new Float64Array(2);
      model.kernels.rhs(step, y, next, params, ws);
      model.kernels.eventsEnd(step + 1, next, params, scratch, ws);
      model.kernels.updateAux(step + 1, next, params, aux, ws);
      model.advanceLagRings(ws, next);
      y = next;
      expect(y[0]).toBeGreaterThanOrEqual(0);
      expect(y[0]).toBeLessThanOrEqual(1);
    }
    expect(model.eventLogFields).toEqual([["t", "x", "aux:energy", "round(energy, 3)"]]);
    // x0 = 0.2 → logistic(0.2, 3.7) = 0.592
    const first = new Float64Array(2);
    model.kernels.rhs(0, model.initialState(), first, params, model.makeRuntimeWorkspace());
    expect(first[0]).toBe(3.7 * 0.2 * (1 - 0.2));
  });
});
