import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";
import * as nodeApi from "../src/node.ts";
import { formatNpyHeader } from "../src/npyHeader.ts";

const SRC = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "DEFAULT_NPZ_LIMITS",
      "NpzError",
      "NpzErrorCode",
      "decodeJsonArray",
      "encodeJsonArray",
      "isNpzError",
      "loadNpz",
      "openNpz",
      "parsePythonJson",
      "readNpy",
      "readNpyHeader",
      "readNpz",
      "stringifyPythonJson",
      "writeNpy",
      "writeNpz",
    ]);
    expect(Object.keys(nodeApi).sort()).toEqual([
      "openNpzFile",
      "readFileBytes",
      "readFileBytesSync",
      "readNpyFile",
      "readNpzFile",
      "writeFileAtomic",
      "writeFileAtomicSync",
      "writeNpyFile",
      "writeNpzFile",
    ]);
  });

  it("keeps Node built-ins out of everything but src/node.ts, so the main entry runs in browsers", () => {
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith("node.ts") && !file.includes("internal")) continue;
      expect(readFileSync(file, "utf8"), file).not.toMatch(/from "(node:|fs|path|crypto|os)/);
    }
  });

  it("has default limits of 1 GiB per member and NumPy's 10 000-byte header cap", () => {
    expect(api.DEFAULT_NPZ_LIMITS).toEqual({
      maxMemberBytes: 2 ** 30,
      maxTotalBytes: 2 ** 31,
      maxMembers: 100_000,
      maxHeaderBytes: 10_000,
      maxFileBytes: 2 ** 31,
    });
  });
});

describe("formatNpyHeader", () => {
  it("switches to format 2.0 when the header outgrows a 2-byte length", () => {
    const shape = new Array<number>(30_000).fill(1);
    const header = formatNpyHeader("<f8", shape, false);
    expect([header[6], header[7]]).toEqual([2, 0]);
    expect(header.length % 64).toBe(0);
    const bytes = new Uint8Array(header.length + 8);
    bytes.set(header);
    const array = api.readNpy(bytes, { limits: { maxHeaderBytes: 1 << 20 } });
    expect(array.shape.length).toBe(30_000);
  });

  it("pads like NumPy, growth-axis spaces included", () => {
    const text = new TextDecoder().decode(formatNpyHeader("<f8", [3], false).subarray(10));
    expect(text).toBe(`${"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }".padEnd(117, " ")}\n`);
    expect(new TextDecoder().decode(formatNpyHeader("|u1", [], false))).toContain("'shape': (), }");
  });
});
