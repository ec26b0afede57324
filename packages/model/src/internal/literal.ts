/**
 * Literal numeric expressions of `[states]`, `[params]` and `[constants]` (model-dsl.md §2.2),
 * evaluated on exact Python values: ints as `bigint` (arbitrary precision), floats as `number`.
 * `"8/4"` → 2.0, `"2*3"` → 6n, `"7//2"` → 3n, `"-7.5//2"` → −4.0, `"2**70"` → 2n**70n.
 */
import { sortedNames } from "@dyn/core";
import { ModelErrorCode, ModelLoadError } from "../errors.ts";
import type { Expr } from "../expr/ast.ts";
import { parseExpression } from "../expr/parse.ts";
import type { SpecNumber } from "../spec.ts";
import { typeWord } from "./document.ts";

/**
 * Largest int a literal may produce: Python refuses to print ints over 4300 digits (so dynlib
 * could not hash them), and the bound keeps `2**10**9` from allocating without limit.
 */
const MAX_INT_BITS = 14_300n;

/** Reason codes mapped to the §2.2 messages by {@link evaluateLiteral}. */
class LiteralFailure {
  constructor(readonly message: string) {}
}

type PyValue = SpecNumber | boolean;

function bitLength(n: bigint): bigint {
  const abs = n < 0n ? -n : n;
  return abs === 0n ? 0n : BigInt(abs.toString(2).length);
}

function checkIntSize(n: bigint): bigint {
  if (bitLength(n) > MAX_INT_BITS)
    throw new LiteralFailure("is too large (integers are limited to 4300 digits)");
  return n;
}

/** Python `float(int)`: correctly rounded, OverflowError when out of range. */
function intToFloat(n: bigint): number {
  const x = Number(n);
  if (!Number.isFinite(x)) throw new LiteralFailure("overflows a float (int too large to convert to float)");
  return x;
}

function asFloat(v: SpecNumber): number {
  return typeof v === "bigint" ? intToFloat(v) : v;
}

function asNumber(v: PyValue): SpecNumber {
  return typeof v === "boolean" ? (v ? 1n : 0n) : v;
}

/** Python int / int: the correctly rounded quotient, even for ints beyond 2**53. */
function intTrueDivide(a: bigint, b: bigint): number {
  if (b === 0n) throw new LiteralFailure("has a division by zero");
  const limit = 1n << 53n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  if (absA <= limit && absB <= limit) return Number(a) / Number(b);
  const negative = a < 0n !== b < 0n;
  // Scale so the integer quotient has 55–56 significant bits, then fold the remainder into a
  // sticky low bit: one rounding by Number() then gives the correctly rounded result.
  const shift = 55n - (bitLength(absA) - bitLength(absB));
  const num = shift > 0n ? absA << shift : absA;
  const den = shift < 0n ? absB << -shift : absB;
  let q = num / den;
  if (num % den !== 0n) q |= 1n;
  let x = Number(q);
  let exp = -Number(shift);
  // Apply 2**exp in steps that stay within the double range.
  while (exp > 0) {
    const step = Math.min(exp, 1000);
    x *= 2 ** step;
    exp -= step;
  }
  while (exp < 0) {
    const step = Math.max(exp, -1000);
    x *= 2 ** step;
    exp -= step;
  }
  if (!Number.isFinite(x))
    throw new LiteralFailure("overflows a float (integer division result too large for a float)");
  return negative ? -x : x;
}

/** Python float floor division (CPython float_floor_div). */
function floatFloorDivide(a: number, b: number): number {
  if (b === 0) throw new LiteralFailure("has a division by zero");
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return Math.sign(a / b) < 0 || Object.is(a / b, -0) ? -0 : 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

/** Python float modulo (sign of the divisor). */
function floatModulo(a: number, b: number): number {
  if (b === 0) throw new LiteralFailure("has a division by zero");
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

function intFloorDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new LiteralFailure("has a division by zero");
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function intModulo(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new LiteralFailure("has a division by zero");
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Python float ** float: C pow with Python's errors (complex results, overflow, 0 ** -n). */
function floatPower(a: number, b: number): number {
  if (b === 0) return 1;
  if (a === 1) return 1;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === 0 && b < 0) throw new LiteralFailure("has a division by zero");
  if (a < 0 && Number.isFinite(a) && Number.isFinite(b) && !Number.isInteger(b)) {
    throw new LiteralFailure("has a complex result (negative base with a fractional exponent)");
  }
  if (a === -1 && !Number.isFinite(b)) return 1;
  const result = a ** b;
  if (!Number.isFinite(result) && Number.isFinite(a) && Number.isFinite(b)) {
    throw new LiteralFailure("overflows a float (** result out of range)");
  }
  return result;
}

function intPower(a: bigint, b: bigint): SpecNumber {
  if (b < 0n) {
    if (a === 0n) throw new LiteralFailure("has a division by zero");
    return floatPower(intToFloat(a), intToFloat(b));
  }
  if (a === 0n || a === 1n) return b === 0n ? 1n : a;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  if (bitLength(a) * b > MAX_INT_BITS + 1n)
    throw new LiteralFailure("is too large (integers are limited to 4300 digits)");
  return checkIntSize(a ** b);
}

function binary(op: string, left: SpecNumber, right: SpecNumber): SpecNumber {
  if (typeof left === "bigint" && typeof right === "bigint") {
    switch (op) {
      case "+":
        return checkIntSize(left + right);
      case "-":
        return checkIntSize(left - right);
      case "*":
        return checkIntSize(left * right);
      case "/":
        return intTrueDivide(left, right);
      case "//":
        return intFloorDivide(left, right);
      case "%":
        return intModulo(left, right);
      case "**":
        return intPower(left, right);
      default:
        throw new LiteralFailure("contains an unsupported operator");
    }
  }
  const a = asFloat(left);
  const b = asFloat(right);
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new LiteralFailure("has a division by zero");
      return a / b;
    case "//":
      return floatFloorDivide(a, b);
    case "%":
      return floatModulo(a, b);
    case "**":
      return floatPower(a, b);
    default:
      throw new LiteralFailure("contains an unsupported operator");
  }
}

const COMPOSED = "must be composed of numbers and arithmetic operators (e.g. '8/3')";

function evaluate(node: Expr, names: ReadonlyMap<string, SpecNumber>, allowed: readonly string[]): PyValue {
  switch (node.type) {
    case "number":
      return node.value;
    case "boolean":
      return node.value;
    case "name": {
      const value = names.get(node.id);
      if (value === undefined) {
        throw new LiteralFailure(
          `contains unknown identifier '${node.id}'. Allowed constants: ${allowed.join(", ")}.`,
        );
      }
      return value;
    }
    case "unary": {
      if (node.op !== "+" && node.op !== "-")
        throw new LiteralFailure("contains an unsupported unary operator");
      const operand = asNumber(evaluate(node.operand, names, allowed));
      if (node.op === "+") return operand;
      return typeof operand === "bigint" ? -operand : -operand;
    }
    case "binary": {
      const supported = ["+", "-", "*", "/", "//", "%", "**"];
      if (!supported.includes(node.op)) throw new LiteralFailure("contains an unsupported operator");
      const left = asNumber(evaluate(node.left, names, allowed));
      const right = asNumber(evaluate(node.right, names, allowed));
      return binary(node.op, left, right);
    }
    default:
      throw new LiteralFailure(COMPOSED);
  }
}

/** The values a literal may name: earlier constants (or all of them), then `pi` and `e`. */
export function literalNames(constants: ReadonlyMap<string, SpecNumber>): Map<string, SpecNumber> {
  const names = new Map<string, SpecNumber>(constants);
  if (!names.has("pi")) names.set("pi", Math.PI);
  if (!names.has("e")) names.set("e", Math.E);
  return names;
}

/**
 * Reads one `[states]`/`[params]`/`[constants]` value: a TOML integer/float as it is, or a string
 * holding a literal expression over numbers, `+ - * / // % **` (and `^`), unary `+ -`,
 * parentheses, `pi`, `e` and the given constants.
 *
 * @param location - e.g. `[params].beta`.
 * @throws ModelLoadError `BAD_LITERAL` with the §2.2 wording.
 */
export function evaluateLiteral(
  value: unknown,
  location: string,
  names: ReadonlyMap<string, SpecNumber>,
  source: string,
): SpecNumber {
  const where = { location, source };
  if (typeof value === "bigint" || typeof value === "number") return value;
  if (typeof value !== "string") {
    throw new ModelLoadError(
      ModelErrorCode.BAD_LITERAL,
      `${location} must be a number or numeric expression string, got ${typeWord(value)}`,
      where,
    );
  }
  const text = value.trim();
  if (text === "") {
    throw new ModelLoadError(
      ModelErrorCode.BAD_LITERAL,
      `${location} must be a numeric literal or expression, got empty string`,
      where,
    );
  }
  let tree: Expr;
  try {
    tree = parseExpression(text, location, source);
  } catch (error) {
    if (error instanceof ModelLoadError && error.code === ModelErrorCode.EXPR_UNSUPPORTED) {
      throw new ModelLoadError(
        ModelErrorCode.BAD_LITERAL,
        `${location} ${COMPOSED}, got '${text}'`,
        where,
        error,
      );
    }
    throw new ModelLoadError(
      ModelErrorCode.BAD_LITERAL,
      `${location} must be a numeric literal or arithmetic expression (e.g. '8/3'), got '${text}'`,
      where,
      error,
    );
  }
  const allowed = sortedNames(names.keys());
  let result: PyValue;
  try {
    result = evaluate(tree, names, allowed);
  } catch (error) {
    if (error instanceof LiteralFailure) {
      throw new ModelLoadError(ModelErrorCode.BAD_LITERAL, `${location} ${error.message}`, where);
    }
    throw error;
  }
  if (typeof result === "boolean") {
    throw new ModelLoadError(
      ModelErrorCode.BAD_LITERAL,
      `${location} must evaluate to a number, got boolean`,
      where,
    );
  }
  return result;
}
