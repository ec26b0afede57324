/**
 * One recorded run inside the stitched results (session-semantics §3.1). Immutable: a rename
 * replaces the record.
 *
 * **Details:** `recStart`/`recLen` address rows of the stitched time axis, `evtStart`/`evtLen`
 * rows of the stitched event log. `tStart`/`tEnd` are the first and last appended times (in the
 * recorded frame), `stepStart`/`stepEnd` the first and last stitched STEP labels. A resumed run
 * whose first row duplicated the previous last row starts one row later than the run itself
 * (that row was dropped while stitching).
 *
 * @example
 * ```ts
 * import type { Segment } from "@dyn/results";
 * const seg: Segment = {
 *   id: 0, name: null, recStart: 0, recLen: 11, evtStart: 0, evtLen: 0,
 *   tStart: 0, tEnd: 1, stepStart: 0, stepEnd: 10, resume: false, cfgHash: "empty", note: "",
 * };
 * ```
 * @category segments
 * @since 0.1.0
 */
export interface Segment {
  /** Position in creation order (0, 1, …); the auto alias is `run#<id>`. */
  readonly id: number;
  /** The tag or rename, uniquified; `null` means "use the auto alias". */
  readonly name: string | null;
  /** First row of this segment in the stitched arrays. */
  readonly recStart: number;
  /** Number of rows appended by this segment (≥ 1). */
  readonly recLen: number;
  /** First event row of this segment in the stitched event log. */
  readonly evtStart: number;
  /** Number of event rows appended by this segment. */
  readonly evtLen: number;
  /** Time of the first appended row (recorded frame). */
  readonly tStart: number;
  /** Time of the last appended row (recorded frame). */
  readonly tEnd: number;
  /** Stitched STEP label of the first appended row. */
  readonly stepStart: number;
  /** Stitched STEP label of the last appended row. */
  readonly stepEnd: number;
  /** Whether the run was a `resume: true` run. */
  readonly resume: boolean;
  /** Digest of the stepper configuration the run used. */
  readonly cfgHash: string;
  /** Free-form note (always `""` for now). */
  readonly note: string;
}

/**
 * The alias every segment answers to: `run#<id>`.
 *
 * @example
 * ```ts
 * import { segmentAutoName } from "@dyn/results";
 * segmentAutoName({ id: 3 }); // "run#3"
 * ```
 * @category segments
 * @since 0.1.0
 */
export function segmentAutoName(segment: Pick<Segment, "id">): string {
  return `run#${segment.id}`;
}

/**
 * The name a segment is shown and resolved by: its tag/rename, else its auto alias.
 *
 * @example
 * ```ts
 * import { segmentEffectiveName } from "@dyn/results";
 * segmentEffectiveName({ id: 1, name: null });       // "run#1"
 * segmentEffectiveName({ id: 1, name: "baseline" }); // "baseline"
 * ```
 * @category segments
 * @since 0.1.0
 */
export function segmentEffectiveName(segment: Pick<Segment, "id" | "name">): string {
  return segment.name ?? segmentAutoName(segment);
}
