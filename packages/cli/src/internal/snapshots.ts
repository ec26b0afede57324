import { existsSync } from "node:fs";
import { readFileBytes, writeFileAtomic } from "@dyn/io-npz/node";
import type { Sim } from "@dyn/session";
import { badInput } from "../errors.ts";

/**
 * Writes the session's current state as a snapshot `.npz` at `path` (atomically); returns its
 * size. `dynlibVersion` is the pin the Python reference compares with its own version (D-9).
 */
export async function writeCheckpoint(sim: Sim, path: string, dynlibVersion?: string): Promise<number> {
  const bytes = sim.exportSnapshot(dynlibVersion === undefined ? {} : { dynlibVersion });
  await writeFileAtomic(path, bytes);
  return bytes.length;
}

/** Reads a snapshot file's bytes; a missing file is a one-line bad-input error. */
export async function readCheckpoint(path: string): Promise<Uint8Array> {
  if (!existsSync(path)) throw badInput(`checkpoint file not found: ${path}`);
  return readFileBytes(path);
}
