/**
 * The table of functions injected into generated kernels (model-dsl.md §4.5): kernels receive
 * it through their factory and copy the entries they use into constants, so they never look
 * up a global. Every entry is pure, allocation-free and never throws on numeric input (M-7).
 */
import type { JsHelperName } from "../ir/emitJs.ts";
import { pyCopysign } from "./copysign.ts";
import { pyErf, pyErfc } from "./erf.ts";
import { pyFloorDiv } from "./floorDiv.ts";
import { pyHeaviside } from "./heaviside.ts";
import { pyHypot } from "./hypot.ts";
import { pyCeil, pyFloor, pyTrunc } from "./integer.ts";
import { pyLogBase } from "./logBase.ts";
import { pyMax2, pyMin2 } from "./minMax.ts";
import { pyMod } from "./mod.ts";
import { pyPow } from "./pow.ts";
import { pyRound, pyRoundDigits } from "./round.ts";
import { pySign } from "./sign.ts";

/**
 * A numeric function of the kernel helper table.
 * @category compilation
 * @since 0.1.0
 */
export type KernelHelper = (...args: number[]) => number;

/**
 * Helper table of generated kernels, keyed by IR function name.
 *
 * @example
 * ```ts
 * KERNEL_HELPERS.floordiv(-7, 2); // -4
 * ```
 * @category compilation
 * @since 0.1.0
 */
export const KERNEL_HELPERS: Readonly<Record<JsHelperName, KernelHelper>> = Object.freeze({
  abs: Math.abs,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  atan2: Math.atan2,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  hypot: pyHypot,
  floordiv: pyFloorDiv,
  mod: pyMod,
  pow: pyPow,
  round: pyRound,
  roundDigits: pyRoundDigits as KernelHelper,
  trunc: pyTrunc,
  floor: pyFloor,
  ceil: pyCeil,
  min2: pyMin2,
  max2: pyMax2,
  copysign: pyCopysign,
  sign: pySign,
  heaviside: pyHeaviside,
  erf: pyErf,
  erfc: pyErfc,
  logBase: pyLogBase,
  // Builtins used by inline emissions of the helpers above.
  mathFloor: Math.floor,
  mathTrunc: Math.trunc,
  mathCeil: Math.ceil,
  mathPow: Math.pow,
  mathLog: Math.log,
} satisfies Record<JsHelperName, KernelHelper>);
