/** Bit-identity checks: a hand-written loop only counts as the baseline if it computes exactly what dyn computes. */

const bitsA = new Float64Array(1);
const bitsB = new Float64Array(1);
const wordsA = new BigUint64Array(bitsA.buffer);
const wordsB = new BigUint64Array(bitsB.buffer);

function sameBits(a: number, b: number): boolean {
  bitsA[0] = a;
  bitsB[0] = b;
  return wordsA[0] === wordsB[0];
}

/** Throws unless `ours` and `theirs` have the same length and the same bits at every index. */
export function assertBitIdentical(what: string, ours: ArrayLike<number>, theirs: ArrayLike<number>): void {
  if (ours.length !== theirs.length) {
    throw new BitMismatchError(
      `${what}: lengths differ (dyn ${ours.length}, hand-written ${theirs.length}); the comparison would not be honest`,
    );
  }
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = theirs[i] as number;
    if (!sameBits(a, b)) {
      throw new BitMismatchError(
        `${what}: index ${i} differs (dyn ${a}, hand-written ${b}); the hand-written loop must use dyn's exact operation order`,
      );
    }
  }
}

/** Throws unless two numbers are bit-identical. */
export function assertSame(what: string, ours: number, theirs: number): void {
  assertBitIdentical(what, [ours], [theirs]);
}

/** Thrown when a hand-written loop and dyn disagree: the workload fails rather than report a dishonest ratio. */
export class BitMismatchError extends Error {
  override name = "BitMismatchError";
}
