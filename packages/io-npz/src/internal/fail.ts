import { NpzError, type NpzErrorCode } from "../errors.ts";

/** Where a parse is happening: the public function, and the member when inside an archive. */
export interface Where {
  readonly fn: string;
  readonly member?: string;
}

/**
 * Builds an NpzError in the house template:
 * `<fn>: <what (value)> in member '<m>' at byte <n>; <fix>`. Offsets count in the archive
 * for ZIP structures and in the member's uncompressed bytes for `.npy` content.
 */
export function fail(
  code: NpzErrorCode,
  where: Where,
  what: string,
  offset: number | undefined,
  fix: string,
  extra: Readonly<Record<string, unknown>> = {},
  cause?: unknown,
): NpzError {
  const at = offset;
  const place =
    (where.member === undefined ? "" : ` in member '${where.member}'`) +
    (at === undefined ? "" : ` at byte ${at}`);
  const details: Record<string, unknown> = { ...extra };
  if (where.member !== undefined) details.member = where.member;
  if (at !== undefined) details.offset = at;
  return new NpzError({ code, message: `${where.fn}: ${what}${place}; ${fix}`, details, cause });
}
