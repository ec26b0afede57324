import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NdArray } from "../src/index.ts";
import { isNpzError } from "../src/index.ts";
import {
  openNpzFile,
  readFileBytes,
  readFileBytesSync,
  readNpyFile,
  readNpzFile,
  writeFileAtomic,
  writeFileAtomicSync,
  writeNpyFile,
  writeNpzFile,
} from "../src/node.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dyn-io-npz-node-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const y: NdArray = { dtype: "<f8", shape: [3], data: new Float64Array([1, 2, 3]), fortranOrder: false };

async function rejection(
  p: Promise<unknown>,
): Promise<Error & { code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (isNpzError(err)) return err as Error & { code: string; details: Record<string, unknown> };
    throw err;
  }
  throw new Error("expected a rejection");
}

describe.each([
  ["writeFileAtomic", (p: string, b: Uint8Array) => writeFileAtomic(p, b)],
  ["writeFileAtomicSync", async (p: string, b: Uint8Array) => writeFileAtomicSync(p, b)],
] as const)("%s", (_, write) => {
  it("creates parent folders and leaves no temp file", async () => {
    const target = join(dir, "a", "b", "snap.npz");
    await write(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["snap.npz"]);
  });

  it("replaces an existing target", async () => {
    const target = join(dir, "snap.npz");
    writeFileSync(target, "old contents that are longer");
    await write(target, new Uint8Array([9]));
    expect([...readFileSync(target)]).toEqual([9]);
    expect(readdirSync(dir)).toEqual(["snap.npz"]);
  });

  it("leaves the target untouched and removes the temp file when writing fails", async () => {
    const target = join(dir, "snap.npz");
    writeFileSync(target, "precious");
    // Not bytes: fails after the temp file was created, before the rename.
    const err = await rejection(
      Promise.resolve().then(() => write(target, { length: 3 } as unknown as Uint8Array)),
    );
    expect(err.code).toBe("IO_FAILED");
    expect(err.details.path).toBe(target);
    expect(readFileSync(target, "utf8")).toBe("precious");
    expect(readdirSync(dir)).toEqual(["snap.npz"]);
  });

  it("leaves a directory in the way untouched and removes the temp file when the rename fails", async () => {
    const target = join(dir, "snap.npz");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "x");
    const err = await rejection(Promise.resolve().then(() => write(target, new Uint8Array([1]))));
    expect(err.code).toBe("IO_FAILED");
    expect(err.message).toContain(`writing ${JSON.stringify(target)} failed`);
    expect(readdirSync(dir)).toEqual(["snap.npz"]);
    expect(readdirSync(target)).toEqual(["inside"]);
  });

  it("reports a parent path that is a file", async () => {
    writeFileSync(join(dir, "file"), "x");
    const err = await rejection(
      Promise.resolve().then(() => write(join(dir, "file", "snap.npz"), new Uint8Array([1]))),
    );
    expect(err.code).toBe("IO_FAILED");
    expect(err.details.errno).toMatch(/^E/);
  });
});

describe("readFileBytes", () => {
  it("reads a file and refuses one above maxFileBytes before reading it", async () => {
    const path = join(dir, "x.bin");
    writeFileSync(path, new Uint8Array(100));
    expect((await readFileBytes(path)).length).toBe(100);
    expect(readFileBytesSync(path).length).toBe(100);
    expect((await rejection(readFileBytes(path, { limits: { maxFileBytes: 99 } }))).code).toBe(
      "NPZ_LIMIT_EXCEEDED",
    );
    expect(
      (
        await rejection(
          Promise.resolve().then(() => readFileBytesSync(path, { limits: { maxFileBytes: 99 } })),
        )
      ).code,
    ).toBe("NPZ_LIMIT_EXCEEDED");
  });

  it("turns a missing file into IO_FAILED with its errno", async () => {
    const err = await rejection(readFileBytes(join(dir, "missing.npz")));
    expect(err.code).toBe("IO_FAILED");
    expect(err.details.errno).toBe("ENOENT");
  });
});

describe("file round trips", () => {
  it("writes and reads .npz and .npy files", async () => {
    const path = join(dir, "out", "snap.npz");
    await writeNpzFile(path, [
      ["y", y],
      ["workspace/stepper/k1", y],
    ]);
    const arrays = await readNpzFile(path);
    expect([...arrays.keys()]).toEqual(["y", "workspace/stepper/k1"]);
    expect(arrays.get("y")?.data).toEqual(y.data);
    expect((await openNpzFile(path)).get("workspace/stepper/k1").data).toEqual(y.data);
    await writeNpyFile(join(dir, "y.npy"), y);
    expect((await readNpyFile(join(dir, "y.npy"))).data).toEqual(y.data);
    expect(existsSync(join(dir, "out"))).toBe(true);
    expect(readdirSync(join(dir, "out"))).toEqual(["snap.npz"]);
  });

  it("applies the read limits to files", async () => {
    const path = join(dir, "snap.npz");
    await writeNpzFile(path, [["y", y]]);
    expect((await rejection(readNpzFile(path, { limits: { maxMemberBytes: 10 } }))).code).toBe(
      "NPZ_LIMIT_EXCEEDED",
    );
  });
});
