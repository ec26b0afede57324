import * as fs from "node:fs";
import { readFileBytesSync, writeFileAtomicSync } from "@dyn/io-npz/node";
import type { FilePort } from "./filePort.ts";

/**
 * Node's file access (the `node` target of `#file-access`): reads whole files, writes atomically
 * (temp file in the same folder, then rename).
 */
export const fileAccess: FilePort | null = {
  readBytes: (path) => readFileBytesSync(path),
  writeBytesAtomic: (path, bytes) => writeFileAtomicSync(path, bytes),
  exists: (path) => fs.existsSync(path),
};
