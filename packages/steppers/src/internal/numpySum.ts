// numpy's pairwise summation (umath pairwise_sum) over terms[offset .. offset+length), so that a
// WRMS norm sums in exactly numpy's order (session-semantics Appendix A).
export function numpyPairwiseSum(terms: Float64Array, offset: number, length: number): number {
  if (length < 8) {
    let res = 0.0;
    for (let i = 0; i < length; i++) res += terms[offset + i]!;
    return res;
  }
  if (length <= 128) {
    const r0s = offset;
    let r0 = terms[r0s]!,
      r1 = terms[r0s + 1]!,
      r2 = terms[r0s + 2]!,
      r3 = terms[r0s + 3]!;
    let r4 = terms[r0s + 4]!,
      r5 = terms[r0s + 5]!,
      r6 = terms[r0s + 6]!,
      r7 = terms[r0s + 7]!;
    const blocks = length - (length % 8);
    let i = 8;
    for (; i < blocks; i += 8) {
      r0 += terms[offset + i]!;
      r1 += terms[offset + i + 1]!;
      r2 += terms[offset + i + 2]!;
      r3 += terms[offset + i + 3]!;
      r4 += terms[offset + i + 4]!;
      r5 += terms[offset + i + 5]!;
      r6 += terms[offset + i + 6]!;
      r7 += terms[offset + i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < length; i++) res += terms[offset + i]!;
    return res;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return numpyPairwiseSum(terms, offset, half) + numpyPairwiseSum(terms, offset + half, length - half);
}
