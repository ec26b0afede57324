import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isNpzError, type NdArray, type NpzErrorCode } from "../src/index.ts";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export interface ExpectedArray {
  name?: string;
  descr: string;
  shape: number[];
  fortranOrder: boolean;
  hex: string;
  cHex: string;
  strings?: string[];
}

export interface Manifest {
  numpy: string;
  npy: (ExpectedArray & { file: string })[];
  npz: { file: string; members: (ExpectedArray & { name: string })[] }[];
  hostile: { file: string; code: NpzErrorCode; note: string }[];
}

export const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as Manifest;

export const fixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, file)));

/** Hex of the raw little-endian bytes of numeric data (the host is little-endian). */
export function dataHex(array: NdArray): string {
  if (Array.isArray(array.data)) throw new Error("string data has no raw bytes here");
  const d = array.data as Exclude<NdArray["data"], string[]>;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString("hex");
}

/** Runs `f` and returns the NpzError code it throws; fails the test on any other outcome. */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (isNpzError(err)) return err.code;
    throw err;
  }
  throw new Error("expected an NpzError, got a value");
}

/** Returns the thrown NpzError (for message checks). */
export function errorOf(f: () => unknown): Error & { code: string; details: Record<string, unknown> } {
  try {
    f();
  } catch (err) {
    if (isNpzError(err)) return err as Error & { code: string; details: Record<string, unknown> };
    throw err;
  }
  throw new Error("expected an NpzError, got a value");
}

/** Checks `array` against what the fixture generator recorded from NumPy. */
export function matchesExpected(array: NdArray, expected: ExpectedArray, order: "file" | "C" = "file"): void {
  if (array.dtype !== expected.descr) throw new Error(`dtype ${array.dtype} !== ${expected.descr}`);
  if (JSON.stringify(array.shape) !== JSON.stringify(expected.shape))
    throw new Error(`shape ${JSON.stringify(array.shape)} !== ${JSON.stringify(expected.shape)}`);
  const fortran = order === "C" ? false : expected.fortranOrder;
  if (array.fortranOrder !== fortran) throw new Error(`fortranOrder ${array.fortranOrder} !== ${fortran}`);
  if (expected.strings !== undefined) {
    if (order === "file" && JSON.stringify(array.data) !== JSON.stringify(expected.strings)) {
      throw new Error(`strings ${JSON.stringify(array.data)} !== ${JSON.stringify(expected.strings)}`);
    }
    return;
  }
  const want = order === "C" ? expected.cHex : expected.hex;
  const got = dataHex(array);
  if (got !== want) throw new Error(`data ${got} !== ${want}`);
}
