import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ResultsAccumulator, ResultsView, tableToCsv } from "../src/index.ts";
import { chunk, meta, publishInfo } from "./helpers.ts";

/** Minimal RFC 4180 reader for the round trip (quoted cells may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split("\n").slice(0, -1)) {
    const cells: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let cell = "";
        i++;
        for (;;) {
          if (line[i] === '"' && line[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (line[i] === '"') {
            i++;
            break;
          } else {
            cell += line[i];
            i++;
          }
        }
        cells.push(cell);
        i++; // comma
      } else {
        const end = line.indexOf(",", i);
        const stop = end < 0 ? line.length : end;
        cells.push(line.slice(i, stop));
        i = stop + 1;
      }
    }
    rows.push(cells);
  }
  return rows;
}

function viewOf(stateNames: string[], auxNames: string[], t: number[], rows: number[][], aux: number[][]) {
  const acc = new ResultsAccumulator({ stateNames, auxNames });
  acc.append(chunk({ t, states: rows, aux, step: t.map((_, i) => i * 3) }), meta({ frameStep: 2 }));
  return new ResultsView(acc.publish(publishInfo), { segments: acc.segments });
}

describe("toCsv", () => {
  it("writes t, step, then recorded names, numbers in shortest round-trip form", () => {
    const res = viewOf(
      ["x", "y"],
      ["e"],
      [1e-7, 0.1, 2],
      [
        [0.1 + 0.2, -0],
        [NaN, Infinity],
        [1e21, 5e-324],
      ],
      [[2], [-Infinity], [1 / 3]],
    );
    expect(res.toCsv()).toBe(
      "t,step,x,y,e\n" +
        "1e-7,2,0.30000000000000004,-0,2\n" +
        "0.1,5,NaN,Infinity,-Infinity\n" +
        "2,8,1e+21,5e-324,0.3333333333333333\n",
    );
    expect(tableToCsv(res.toTable())).toBe(res.toCsv());
  });

  it("quotes names holding commas, quotes or line breaks", () => {
    const res = viewOf(["a,b", 'say "hi"'], [], [0], [[1, 2]], []);
    expect(res.toCsv().split("\n")[0]).toBe('t,step,"a,b","say ""hi"""');
    expect(parseCsv(res.toCsv())[0]).toEqual(["t", "step", "a,b", 'say "hi"']);
  });

  it("round-trips every float64 bit for bit", () => {
    const anyDouble = fc.double();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyDouble, anyDouble), { minLength: 0, maxLength: 20 }),
        fc.double({ min: -1e300, max: 1e300, noNaN: true }),
        (values, start) => {
          const t = values.map((_, i) => start + i);
          const res = viewOf(
            ["x"],
            ["e"],
            t,
            values.map(([x]) => [x]),
            values.map(([, e]) => [e]),
          );
          const parsed = parseCsv(res.toCsv());
          expect(parsed[0]).toEqual(["t", "step", "x", "e"]);
          const body = parsed.slice(1).map((row) => row.map(Number));
          expect(body.length).toBe(values.length);
          body.forEach((row, i) => {
            expect(Object.is(row[0], res.t[i])).toBe(true);
            expect(row[1]).toBe(res.step[i]);
            expect(Object.is(row[2], values[i]?.[0])).toBe(true);
            expect(Object.is(row[3], values[i]?.[1])).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
