/**
 * "Nice" axis ticks over [lo, hi]: steps of 1, 2 or 5 × 10^k giving about `target` ticks, all
 * inside the range. A degenerate range is widened by ±1 (or ±|lo|/10) first.
 */
export function niceTicks(lo: number, hi: number, target = 6): { ticks: number[]; lo: number; hi: number } {
  let a = lo;
  let b = hi;
  if (!(b > a)) {
    const pad = a === 0 ? 1 : Math.abs(a) / 10;
    a -= pad;
    b += pad;
  }
  const raw = (b - a) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const step = (unit < 1.5 ? 1 : unit < 3 ? 2 : unit < 7 ? 5 : 10) * power;
  const first = Math.ceil(a / step - 1e-9);
  const last = Math.floor(b / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { ticks, lo: a, hi: b };
}

/** A tick label: integers as they are, others with at most 6 significant digits, no trailing zeros. */
export function tickLabel(value: number): string {
  if (Object.is(value, -0)) return "0";
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  return String(Number(value.toPrecision(6)));
}
