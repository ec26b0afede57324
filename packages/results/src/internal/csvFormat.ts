/** Shortest round-trip text of a float64 (`Number()` reads it back bit for bit, `-0` included). */
export function formatCsvNumber(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** RFC 4180 quoting: only cells with a comma, quote or line break are quoted. */
export function formatCsvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
