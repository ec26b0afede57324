import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** A plotted stretch of one variable. */
export interface PlotLine {
  readonly name: string;
  readonly color: string;
  readonly t: Float64Array;
  readonly y: Float64Array;
}

/**
 * uPlot wants one shared x axis; segments (and branches) have their own times. Merge all times
 * into one sorted axis and give every line `null` where it has no sample; `spanGaps` then
 * draws each line through its own samples only. On a fixed-step grid the branches share their
 * times, so the merged axis stays about as long as the longest segment.
 */
function align(lines: readonly PlotLine[]): uPlot.AlignedData {
  const all = new Float64Array(lines.reduce((n, l) => n + l.t.length, 0));
  let at = 0;
  for (const l of lines) {
    all.set(l.t, at);
    at += l.t.length;
  }
  all.sort();
  const xs: number[] = [];
  for (const x of all) if (xs.length === 0 || xs[xs.length - 1] !== x) xs.push(x);
  const index = new Map<number, number>();
  xs.forEach((x, i) => index.set(x, i));
  const ys = lines.map((l) => {
    const y: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (let i = 0; i < l.t.length; i++) {
      const value = l.y[i] as number;
      y[index.get(l.t[i] as number) as number] = Number.isFinite(value) ? value : null;
    }
    return y;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

/** The page's plot: one uPlot chart rebuilt whenever the lines change. */
export class Plot {
  readonly #host: HTMLElement;
  #chart: uPlot | null = null;
  readonly #resize = new ResizeObserver(() => this.#fit());

  constructor(host: HTMLElement) {
    this.#host = host;
    this.#resize.observe(host);
  }

  show(lines: readonly PlotLine[], yLabel: string, isMap: boolean): void {
    this.#chart?.destroy();
    this.#chart = null;
    this.#host.replaceChildren();
    this.#host.dataset.segments = String(lines.length);
    if (lines.length === 0) {
      const empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = "Run the model to see its trajectory here.";
      this.#host.append(empty);
      return;
    }
    const options: uPlot.Options = {
      width: Math.max(320, this.#host.clientWidth - 10),
      height: 440,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes: [
        { label: isMap ? "t (iteration × dt)" : "t", stroke: "#333", grid: { stroke: "#eceff3" } },
        { label: yLabel, stroke: "#333", grid: { stroke: "#eceff3" }, size: 60 },
      ],
      series: [
        {},
        ...lines.map((l) => ({
          label: l.name,
          stroke: l.color,
          width: 1.5,
          spanGaps: true,
          points: { show: isMap && l.t.length < 400 },
        })),
      ],
    };
    this.#chart = new uPlot(options, align(lines), this.#host);
  }

  #fit(): void {
    if (this.#chart !== null)
      this.#chart.setSize({ width: Math.max(320, this.#host.clientWidth - 10), height: 440 });
  }
}
