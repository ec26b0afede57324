import { ResultsError, ResultsErrorCode } from "../errors.ts";
import { type Segment, segmentAutoName, segmentEffectiveName } from "../segment.ts";

/** Every name a segment other than `skipIndex` answers to: effective name, auto alias, explicit name. */
function reservedNames(segments: readonly Segment[], skipIndex: number | null): Set<string> {
  const reserved = new Set<string>();
  segments.forEach((seg, idx) => {
    if (idx === skipIndex) return;
    reserved.add(segmentEffectiveName(seg));
    reserved.add(segmentAutoName(seg));
    if (seg.name !== null) reserved.add(seg.name);
  });
  return reserved;
}

/** `base`, or `base-2`, `base-3`, … — the first one no other segment answers to (§7.4). */
export function uniqueSegmentName(
  segments: readonly Segment[],
  base: string,
  skipIndex: number | null,
): string {
  const reserved = reservedNames(segments, skipIndex);
  let candidate = base;
  for (let suffix = 2; reserved.has(candidate); suffix++) candidate = `${base}-${suffix}`;
  return candidate;
}

/** Effective names, each followed by its auto alias when that differs (the rename error lists these). */
export function availableSegmentNames(segments: readonly Segment[]): string[] {
  const names: string[] = [];
  for (const seg of segments) {
    names.push(segmentEffectiveName(seg));
    const auto = segmentAutoName(seg);
    if (!names.includes(auto)) names.push(auto);
  }
  return names;
}

export function unknownSegmentError(key: string, known: readonly string[]): ResultsError {
  const list = known.length > 0 ? known.join(", ") : "<none>";
  return new ResultsError({
    code: ResultsErrorCode.UNKNOWN_SEGMENT,
    message: `Unknown segment '${key}'. Known names: ${list}`,
    details: { key, known: [...known] },
  });
}

/**
 * Index of the segment a rename addresses: a non-negative index, or an explicit name / auto alias
 * (first match in creation order, as the reference resolves it).
 */
export function resolveSegmentForRename(segments: readonly Segment[], key: number | string): number {
  if (typeof key === "number") {
    if (!Number.isInteger(key) || key < 0 || key >= segments.length) {
      throw new RangeError(`segment index ${key} out of range (0..${segments.length - 1})`);
    }
    return key;
  }
  const idx = segments.findIndex((seg) => seg.name === key || segmentAutoName(seg) === key);
  if (idx < 0) throw unknownSegmentError(key, availableSegmentNames(segments));
  return idx;
}
