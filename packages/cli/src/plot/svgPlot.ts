import { niceTicks, tickLabel } from "./ticks.ts";

/**
 * One line of a plot: its legend name, x and y values (same length; non-finite points are
 * skipped) and an optional colour.
 * @category cli
 * @since 0.1.0
 */
export interface PlotSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** CSS colour; defaults to the palette entry of the series' index. */
  readonly color?: string;
}

/**
 * What {@link renderSvgPlot} draws: a title, axis labels, the series, and the picture size in
 * pixels (default 900 × 480).
 * @category cli
 * @since 0.1.0
 */
export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  readonly width?: number;
  readonly height?: number;
}

/**
 * Colour-blind-safe palette (Okabe–Ito), one colour per segment.
 * @category cli
 * @since 0.1.0
 */
export const SEGMENT_COLORS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
] as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Min/max decimation: at most two points per pixel column keep every spike visible while the
 * file stays small whatever the number of recorded rows.
 */
function decimate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  toPx: (v: number) => number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let column = Number.NaN;
  let lo = 0;
  let hi = 0;
  let loX = 0;
  let hiX = 0;
  const flush = () => {
    if (Number.isNaN(column)) return;
    if (loX <= hiX) out.push([loX, lo], [hiX, hi]);
    else out.push([hiX, hi], [loX, lo]);
  };
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    const c = Math.round(toPx(xi));
    if (c !== column) {
      flush();
      column = c;
      lo = hi = yi;
      loX = hiX = xi;
    } else if (yi < lo) {
      lo = yi;
      loX = xi;
    } else if (yi > hi) {
      hi = yi;
      hiX = xi;
    }
  }
  flush();
  return out;
}

/**
 * Renders line series as a self-contained SVG document: framed axes with nice ticks and tick
 * labels, axis labels, a title, a legend, one colour per series.
 *
 * @example
 * ```ts
 * import { renderSvgPlot } from "@dyn/cli";
 * const svg = renderSvgPlot({
 *   title: "decay", xLabel: "t", yLabel: "x",
 *   series: [{ name: "run#0", x: [0, 1, 2], y: [1, 0.37, 0.14] }],
 * });
 * console.log(svg.startsWith("<svg")); // true
 * ```
 * @category cli
 * @since 0.1.0
 */
export function renderSvgPlot(spec: PlotSpec): string {
  const width = spec.width ?? 900;
  const height = spec.height ?? 480;
  const m = { left: 72, right: 170, top: 44, bottom: 56 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of spec.series) {
    for (let i = 0; i < s.x.length; i++) {
      const xi = s.x[i] as number;
      const yi = s.y[i] as number;
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
      if (xi < xMin) xMin = xi;
      if (xi > xMax) xMax = xi;
      if (yi < yMin) yMin = yi;
      if (yi > yMax) yMax = yi;
    }
  }
  if (!Number.isFinite(xMin)) [xMin, xMax, yMin, yMax] = [0, 1, 0, 1];
  const xt = niceTicks(xMin, xMax, 8);
  const yPad = (yMax - yMin) * 0.04;
  const yt = niceTicks(yMin - yPad, yMax + yPad, 6);
  const x0 = xt.lo;
  const x1 = xt.hi;
  const y0 = yt.lo;
  const y1 = yt.hi;
  const px = (v: number) => m.left + ((v - x0) / (x1 - x0)) * pw;
  const py = (v: number) => m.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="${m.top - 18}" font-size="15" font-weight="600" fill="#111">${escapeXml(spec.title)}</text>`,
  );
  for (const t of xt.ticks) {
    const x = f(px(t));
    parts.push(
      `<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#e5e7eb"/>`,
      `<line x1="${x}" y1="${m.top + ph}" x2="${x}" y2="${m.top + ph + 5}" stroke="#333"/>`,
      `<text x="${x}" y="${m.top + ph + 19}" text-anchor="middle" fill="#333">${tickLabel(t)}</text>`,
    );
  }
  for (const t of yt.ticks) {
    const y = f(py(t));
    parts.push(
      `<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#e5e7eb"/>`,
      `<line x1="${m.left - 5}" y1="${y}" x2="${m.left}" y2="${y}" stroke="#333"/>`,
      `<text x="${m.left - 9}" y="${y}" dy="0.32em" text-anchor="end" fill="#333">${tickLabel(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
    `<text x="${m.left + pw / 2}" y="${height - 14}" text-anchor="middle" font-size="13" fill="#111">${escapeXml(spec.xLabel)}</text>`,
    `<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="#111">${escapeXml(spec.yLabel)}</text>`,
    `<clipPath id="plot-area"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath>`,
  );
  spec.series.forEach((s, i) => {
    const color = s.color ?? SEGMENT_COLORS[i % SEGMENT_COLORS.length];
    const points = decimate(s.x, s.y, px)
      .map(([x, y]) => `${f(px(x))},${f(py(y))}`)
      .join(" ");
    parts.push(
      `<polyline data-series="${escapeXml(s.name)}" clip-path="url(#plot-area)" fill="none" stroke="${color}" stroke-width="1.4" stroke-linejoin="round" points="${points}"/>`,
    );
    const ly = m.top + 8 + i * 20;
    const lx = m.left + pw + 16;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="3"/>`,
      `<text x="${lx + 28}" y="${ly}" dy="0.32em" fill="#111">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push("</svg>\n");
  return parts.join("\n");
}
