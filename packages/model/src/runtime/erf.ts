/**
 * `math.erf` and `math.erfc` following the published fdlibm algorithm (`s_erf.c`, Sun
 * Microsystems 1993): rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35),
 * [1/0.35, 6 or 28), with the exponential split `exp(-z*z - 0.5625) * exp((z-x)(z+x) + R/S)`
 * that keeps erfc accurate deep in the tail. Error below 1 ulp. Written from the algorithm's
 * description and its published coefficients.
 */
import { highWord, withLowWordCleared } from "./floatBits.ts";

const TINY = 1e-300;
/** (float)0.84506291151: erf(1) rounded to single precision. */
const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const EFX8 = 1.02703333676410069053;

// erf on [0, 0.84375): x + x * P(x²)/Q(x²)
const PP0 = 1.28379167095512558561e-1;
const PP1 = -3.2504210724700149937e-1;
const PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3;
const PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1;
const QQ2 = 6.50222499887672944485e-2;
const QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4;
const QQ5 = -3.9602282787753681232e-6;

// erf on [0.84375, 1.25): erx + P(s)/Q(s), s = |x| - 1
const PA0 = -2.36211856075265944077e-3;
const PA1 = 4.14856118683748331666e-1;
const PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1;
const PA4 = -1.10894694282396677476e-1;
const PA5 = 3.54783043256182359371e-2;
const PA6 = -2.166375594868790843e-3;
const QA1 = 1.06420880400844228286e-1;
const QA2 = 5.40397917702171048937e-1;
const QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1;
const QA5 = 1.36370839120290507362e-2;
const QA6 = 1.1984499846799107417e-2;

// erfc on [1.25, 1/0.35): exp(-x² - 0.5625 + R(s)/S(s)) / x, s = 1/x²
const RA0 = -9.86494403484714822705e-3;
const RA1 = -6.93858572707181764372e-1;
const RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1;
const RA4 = -1.62396669462573470355e2;
const RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1;
const RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1;
const SA2 = 1.376577541435190426e2;
const SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2;
const SA5 = 4.29008140027567833386e2;
const SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135;
const SA8 = -6.04244152148580987438e-2;

// erfc on [1/0.35, 28)
const RB0 = -9.86494292470009928597e-3;
const RB1 = -7.99283237680523006574e-1;
const RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2;
const RB4 = -6.37566443368389627722e2;
const RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1;
const SB2 = 3.25792512996573918826e2;
const SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3;
const SB5 = 2.55305040643316442583e3;
const SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;

/** x·P(x²)/Q(x²) on the central interval (shared by erf and erfc). */
function centralRatio(z: number): number {
  const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
  const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
  return r / s;
}

/** P/Q on [0.84375, 1.25) with s = |x| − 1. */
function nearOneRatio(s: number): number {
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return p / q;
}

/** exp(-x² - 0.5625 + R/S) / x for x ≥ 1.25 (`ax` = |x|, `lowTail` selects the RA/SA set). */
function tail(ax: number, lowTail: boolean): number {
  const s = 1 / (ax * ax);
  let r: number;
  let q: number;
  if (lowTail) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  // z is |x| with its low word cleared so z*z is exact; (z-x)(z+x) carries the remainder.
  const z = withLowWordCleared(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q)) / ax;
}

/**
 * `math.erf(x)`, the error function (< 1 ulp, fdlibm algorithm).
 *
 * @example
 * ```ts
 * pyErf(1); // 0.8427007929497149
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyErf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    // erf(nan) = nan, erf(±inf) = ±1
    if (x !== x) return x;
    return x > 0 ? 1 : -1;
  }
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) {
      // |x| < 2**-28: erf(x) ≈ (2/√π)·x; the scaled form avoids underflow for tiny x.
      if (ix < 0x00800000) return 0.125 * (8 * x + EFX8 * x);
      return x + EFX * x;
    }
    return x + x * centralRatio(x * x);
  }
  if (ix < 0x3ff40000) {
    const ratio = nearOneRatio(Math.abs(x) - 1);
    return hx >= 0 ? ERX + ratio : -ERX - ratio;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1 - TINY : TINY - 1;
  const r = tail(Math.abs(x), ix < 0x4006db6e);
  return hx >= 0 ? 1 - r : r - 1;
}

/**
 * `math.erfc(x)` = 1 − erf(x) without cancellation (< 1 ulp, fdlibm algorithm).
 *
 * @example
 * ```ts
 * pyErfc(10); // 2.088487583762545e-45
 * ```
 * @category runtime
 * @since 0.1.0
 */
export function pyErfc(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    // erfc(nan) = nan, erfc(+inf) = 0, erfc(-inf) = 2
    if (x !== x) return x;
    return x > 0 ? 0 : 2;
  }
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1 - x;
    const y = centralRatio(x * x);
    if (hx < 0x3fd00000) return 1 - (x + x * y);
    const r = x * y + (x - 0.5);
    return 0.5 - r;
  }
  if (ix < 0x3ff40000) {
    const ratio = nearOneRatio(Math.abs(x) - 1);
    if (hx >= 0) return 1 - ERX - ratio;
    return 1 + (ERX + ratio);
  }
  if (ix < 0x403c0000) {
    if (hx < 0 && ix >= 0x40180000) return 2 - TINY;
    const r = tail(Math.abs(x), ix < 0x4006db6d);
    return hx > 0 ? r : 2 - r;
  }
  return hx > 0 ? TINY * TINY : 2 - TINY;
}
