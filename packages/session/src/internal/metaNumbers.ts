import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";
import type { SnapshotMeta } from "../snapshotMeta.ts";

function fileError(message: string): Error {
  return sessionError(SESSION_ERROR_CODES.SNAPSHOT_FILE, message);
}

/** What a meta number must be: any finite number, a positive one, or a non-negative integer. */
export type MetaNumberKind = "finite" | "positive" | "count";

const WANTED: Readonly<Record<MetaNumberKind, string>> = {
  finite: "a finite number",
  positive: "a finite number > 0",
  count: "an integer >= 0",
};

function fits(n: number, kind: MetaNumberKind): boolean {
  if (!Number.isFinite(n)) return false;
  if (kind === "positive") return n > 0;
  if (kind === "count") return Number.isSafeInteger(n) && n >= 0;
  return true;
}

/**
 * A required meta number (`t_curr`, `dt_curr`, `step_count`, `status`, …). Stricter than the
 * reference, which takes `float(...)`/`int(...)` of anything: a time that is not finite, a step
 * size that is not positive or a count beyond 2^53 would break the next run, so the file is
 * refused instead.
 */
export function metaNumber(meta: SnapshotMeta, key: string, kind: MetaNumberKind): number {
  if (!Object.hasOwn(meta, key)) throw fileError(`Snapshot meta.json is missing the required key '${key}'`);
  const v = meta[key];
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !fits(n, kind)) {
    const shown = typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : String(v).slice(0, 40);
    throw fileError(
      `Snapshot meta.json key '${key}' must be ${WANTED[kind]} (got ${typeof v === "object" ? (Array.isArray(v) ? "a list" : "an object") : shown})`,
    );
  }
  return n;
}

/** An optional meta number (our keys `frame_step`, `grid_origin`, `grid_step`): absent or null is undefined. */
export function optionalMetaNumber(
  meta: SnapshotMeta,
  key: string,
  kind: MetaNumberKind,
): number | undefined {
  if (!Object.hasOwn(meta, key) || meta[key] === null) return undefined;
  return metaNumber(meta, key, kind);
}
