import { describe, expect, it } from "vitest";
import { noResultsError, ResultsAccumulator, ResultsErrorCode, ResultsView } from "../src/index.ts";
import { chunk, meta, thrown } from "./helpers.ts";

function viewWith(stateNames: string[], auxNames: string[], status = 9) {
  const acc = new ResultsAccumulator({ stateNames, auxNames });
  const ts = [0, 1, 2];
  acc.append(
    chunk({
      t: ts,
      states: stateNames.length ? ts.map((t) => stateNames.map((_, j) => 10 * (j + 1) + t)) : undefined,
      aux: auxNames.length ? ts.map((t) => auxNames.map((_, j) => -(10 * (j + 1) + t))) : undefined,
    } as Parameters<typeof chunk>[0]),
    meta(),
  );
  const raw = acc.publish({
    status,
    finalState: Float64Array.of(1, 2),
    finalParams: Float64Array.of(3),
    tFinal: 2.5,
    finalDt: 0.5,
    stepCountFinal: 7,
    finalWorkspace: { stepper: { k: 1 } },
  });
  return new ResultsView(raw, { segments: acc.segments });
}

describe("ResultsView (§7.3)", () => {
  it("exposes the published scalars and arrays; length equals raw n (item 25, view part)", () => {
    const res = viewWith(["x", "y"], ["e"]);
    expect(res.length).toBe(res.raw.n);
    expect(res.n).toBe(3);
    expect(res.m).toBe(0);
    expect([res.status, res.ok, res.exitedEarly, res.stepCountFinal]).toEqual([9, true, false, 7]);
    expect(res.raw.tFinal).toBe(2.5);
    expect(res.raw.finalWorkspace).toEqual({ stepper: { k: 1 } });
    expect(res.stateNames).toEqual(["x", "y"]);
    expect(res.auxNames).toEqual(["e"]);
    expect(Array.from(res.t)).toEqual([0, 1, 2]);
    expect(Array.from(res.step)).toEqual([0, 1, 2]);
    expect(Array.from(res.flags)).toEqual([0, 0, 0]);
  });

  it("derives ok/exitedEarly from the status like §7.2", () => {
    expect([viewWith(["x"], [], 7).ok, viewWith(["x"], [], 7).exitedEarly]).toEqual([true, true]);
    expect([viewWith(["x"], [], 13).ok, viewWith(["x"], [], 13).exitedEarly]).toEqual([false, false]);
  });

  it("get() reads states, aux with and without prefix, in request order, as views for one name (item 27)", () => {
    const res = viewWith(["y", "x"], ["e", "p"]);
    expect(Array.from(res.get("x"))).toEqual([20, 21, 22]);
    expect(Array.from(res.get("e"))).toEqual([-10, -11, -12]);
    expect(Array.from(res.get("aux.p"))).toEqual([-20, -21, -22]);
    const m = res.get(["p", "x", "aux.e", "y"]);
    expect([m.rows, m.cols]).toEqual([3, 4]);
    expect(m.toArrays()).toEqual([
      [-20, 20, -10, 10],
      [-21, 21, -11, 11],
      [-22, 22, -12, 12],
    ]);
    // one name is a view into the published buffer
    expect(res.get("x").buffer).toBe(res.raw.Y.data.buffer);
    expect(res.raw.AUX?.row(1)).toEqual(res.get("p"));
  });

  it("states win over aux of the same name; aux.NAME still reaches the aux", () => {
    const res = viewWith(["q"], ["q"]);
    expect(Array.from(res.get("q"))).toEqual([10, 11, 12]);
    expect(Array.from(res.get("aux.q"))).toEqual([-10, -11, -12]);
  });

  it("an empty selection records only t/step/flags; AUX is null without aux", () => {
    const res = viewWith([], []);
    expect(res.length).toBe(3);
    expect(res.raw.AUX).toBeNull();
    expect(res.raw.Y.rows).toBe(0);
    expect(res.toCsv()).toBe("t,step\n0,0\n1,1\n2,2\n");
  });

  it("names unknown variables with the reference's message (item 27)", () => {
    const res = viewWith(["x"], ["e"]);
    for (const [name, shown] of [
      ["z", "z"],
      ["aux.x", "aux.x"],
      ["aux.", "aux."],
    ] as const) {
      const err = thrown(() => res.get(name));
      expect(err.code).toBe(ResultsErrorCode.UNKNOWN_VARIABLE);
      expect(err.message).toBe(
        `Unknown variable: '${shown}'. Available states: ['x']. Available aux: ['e'].`,
      );
    }
    expect(thrown(() => res.get(["x", "nope"])).message).toContain(
      "Unknown variable: 'nope'. Available states: ['x']",
    );
    expect(thrown(() => res.raw.getVar("nope")).message).toContain("Unknown variable: 'nope'");
  });

  it("noResultsError carries the reference's message", () => {
    const err = noResultsError();
    expect(err.code).toBe(ResultsErrorCode.NO_RESULTS);
    expect(err.message).toBe("No simulation results available; call run() first (reset() clears history).");
    expect(err.name).toBe("ResultsError");
  });

  it("toTable() has t, step, then recorded names, as views", () => {
    const res = viewWith(["x"], ["e"]);
    const table = res.toTable();
    expect(table.columns).toEqual(["t", "step", "x", "e"]);
    expect(table.length).toBe(3);
    expect(table.column("e")).toEqual(res.get("e"));
    expect(table.column("t")).toBe(res.t);
    expect(thrown(() => table.column("zz")).message).toBe("Unknown column 'zz'. Columns: t, step, x, e");
  });
});
