import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { setup, setupFile } from "../src/node.ts";

describe("@dyn/session/node", () => {
  it("setupFile and the path-aware setup load model files", () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-session-"));
    try {
      const file = join(dir, "decay.toml");
      writeFileSync(
        file,
        '[model]\ntype = "ode"\n[states]\nx = 1.0\n[params]\na = 2.0\n[equations.rhs]\nx = "-a * x"\n',
      );
      const a = setupFile(join(dir, "decay"), { stepper: "rk4" });
      a.run({ T: 1, dt: 0.01 });
      expect(a.state("x")).toBeCloseTo(Math.exp(-2), 8);
      const b = setup(file, { stepper: "euler" });
      expect(b.stepperName).toBe("euler");
      const c = setup("builtin://ode/expdecay");
      expect(c.stepperName).toBe("rk4");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
