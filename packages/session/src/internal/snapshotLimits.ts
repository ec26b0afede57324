import type { NpzLimits } from "@dyn/io-npz";
import type { SnapshotLayout } from "./snapshotFile.ts";

/** Room a member gets beyond its data: its `.npy` header (NumPy caps it at 10 000 bytes) and more. */
const MEMBER_SLACK = 2 ** 20;
/** Room for `meta.json` beyond the names it repeats: the reference's keys take a few KiB. */
const META_SLACK = 2 ** 22;
/** Widest element a numeric member may have (complex128): such a member is read, then refused. */
const MAX_ITEMSIZE = 16;
/** Most members a snapshot may list (a stepper has a few dozen fields at most). */
const MAX_MEMBERS = 10_000;

/**
 * Size limits for reading a snapshot file into a session with this layout. A file of this model
 * needs `n` elements for `y`, each declared workspace field its shape's product, and so on; no
 * member may be larger than the largest of those plus slack, and the whole file no larger than
 * their sum. So a hostile file (a zip bomb, a header declaring a huge shape, a workspace field a
 * thousand times its size) is refused from its declared sizes, before anything is inflated, and
 * reading any file allocates at most a few MiB beyond what the model itself needs.
 */
export function snapshotLimits(layout: SnapshotLayout): NpzLimits {
  const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const elements = [
    layout.stateNames.length,
    layout.paramNames.length,
    layout.configNames.length,
    ...layout.stepperFields.map((f) => product(f.shape)),
    ...layout.runtimeFields.map((f) => product(f.shape)),
  ];
  const arrays = elements.map((n) => MEMBER_SLACK + MAX_ITEMSIZE * n);
  const nameChars = [...layout.stateNames, ...layout.paramNames, ...layout.configNames].reduce(
    (sum, name) => sum + name.length,
    0,
  );
  // JSON escapes a character to at most 12 bytes (a surrogate pair as two \uXXXX)
  const meta = META_SLACK + 12 * nameChars;
  return {
    maxMemberBytes: Math.max(meta, ...arrays),
    maxTotalBytes: meta + arrays.reduce((a, b) => a + b, 0),
    maxMembers: MAX_MEMBERS,
  };
}
