import type { StridedBlock } from "../chunk.ts";
import { ResultsError, ResultsErrorCode } from "../errors.ts";

export function badChunk(message: string, details: Record<string, unknown> = {}): ResultsError {
  return new ResultsError({
    code: ResultsErrorCode.BAD_CHUNK,
    message: `ResultsAccumulator.stage: ${message}`,
    details,
  });
}

export function checkCount(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw badChunk(`${what} must be a non-negative integer (got ${String(value)})`, { [what]: value });
  }
  return value;
}

export function checkLength(arr: ArrayLike<number> | undefined, needed: number, what: string): void {
  if (needed === 0) return;
  if (arr === undefined || typeof arr.length !== "number" || arr.length < needed) {
    throw badChunk(`${what} must hold at least ${needed} values (got ${arr?.length ?? "none"})`, {
      field: what,
      needed,
    });
  }
}

/** Checks that every element (row < rows, col < cols) of a strided block lies inside its data. */
export function checkBlock(block: StridedBlock | undefined, rows: number, cols: number, what: string): void {
  if (rows === 0 || cols === 0) return;
  if (block === undefined) throw badChunk(`${what} is required for ${rows} rows × ${cols} columns`);
  const offset = block.offset ?? 0;
  const { rowStride, colStride } = block;
  for (const [name, v] of [
    ["offset", offset],
    ["rowStride", rowStride],
    ["colStride", colStride],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw badChunk(`${what}.${name} must be a non-negative integer (got ${v})`);
  }
  const last = offset + (rows - 1) * rowStride + (cols - 1) * colStride;
  if (last >= block.data.length) {
    throw badChunk(
      `${what} is too short for ${rows} rows × ${cols} columns: needs index ${last}, has length ${block.data.length}`,
      { field: what, rows, cols },
    );
  }
}
