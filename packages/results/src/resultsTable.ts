import { ResultsError, ResultsErrorCode } from "./errors.ts";
import { formatCsvCell, formatCsvNumber } from "./internal/csvFormat.ts";

/**
 * Recorded results as named columns: `t`, `step`, then the recorded states and aux in recording
 * order (aux under their bare names).
 *
 * **Details:** `values[i]` is the column named `columns[i]`; columns are views of the results
 * (no copy), all of length `length`.
 *
 * @example
 * ```ts
 * // const table = res.toTable();
 * // table.columns;        // ["t", "step", "x", "y"]
 * // table.column("x")[0];
 * ```
 * @category results
 * @since 0.1.0
 */
export interface ResultsTable {
  /** Column names. */
  readonly columns: readonly string[];
  /** Column data, parallel to `columns`. */
  readonly values: readonly Float64Array[];
  /** Number of rows. */
  readonly length: number;
  /** The column with this name. */
  column(name: string): Float64Array;
}

/** @internal */
export function makeResultsTable(
  columns: readonly string[],
  values: readonly Float64Array[],
  length: number,
): ResultsTable {
  const frozenColumns = Object.freeze([...columns]);
  const frozenValues = Object.freeze([...values]);
  return Object.freeze({
    columns: frozenColumns,
    values: frozenValues,
    length,
    column(name: string): Float64Array {
      const idx = frozenColumns.indexOf(name);
      const col = frozenValues[idx];
      if (idx < 0 || col === undefined) {
        throw new ResultsError({
          code: ResultsErrorCode.UNKNOWN_VARIABLE,
          message: `Unknown column '${name}'. Columns: ${frozenColumns.join(", ")}`,
          details: { name, columns: [...frozenColumns] },
        });
      }
      return col;
    },
  });
}

/**
 * Renders a table as CSV: a header line of column names, then one line per row, `\n` line ends
 * (also after the last line). Numbers are in shortest round-trip form (`0.1`, `1e-7`, `-0`,
 * `NaN`, `Infinity`), so `Number(cell)` restores every value bit for bit.
 *
 * @example
 * ```ts
 * // tableToCsv(res.toTable()) === res.toCsv()
 * ```
 * @category results
 * @since 0.1.0
 */
export function tableToCsv(table: ResultsTable): string {
  const lines: string[] = [table.columns.map(formatCsvCell).join(",")];
  const cells = new Array<string>(table.values.length);
  for (let r = 0; r < table.length; r++) {
    for (let c = 0; c < table.values.length; c++)
      cells[c] = formatCsvNumber(table.values[c]?.[r] ?? Number.NaN);
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
