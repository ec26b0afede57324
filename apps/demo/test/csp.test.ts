/**
 * Issue 13: a page whose Content-Security-Policy forbids string evaluation (`script-src 'self'`,
 * no 'unsafe-eval') runs a model to completion with the interpreter backend, with the same
 * numbers as Node's generated kernels.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModel, loadModel } from "@dyn/model";
import { Sim } from "@dyn/session";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"];
const pageRoot = fileURLToPath(new URL("./csp", import.meta.url));
const hasChromium = existsSync(CHROMIUM);
const CSP = "script-src 'self'";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** Static files with the CSP header on every response (127.0.0.1, random port). */
function serveWithCsp(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    let file = resolve(root, `.${path}`);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": MIME[extname(file)] ?? "application/octet-stream",
      "content-security-policy": CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      done({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

function bitsOf(values: ArrayLike<number>): string[] {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), (v) => v.toString(16));
}

describe.skipIf(!hasChromium)("a strict-CSP page (script-src 'self')", () => {
  let outDir = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  let url = "";

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "dyn-csp-"));
    await build({
      root: pageRoot,
      configFile: false,
      logLevel: "warn",
      resolve: { conditions: ["@dyn/source", "module", "browser", "import", "default"] },
      build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4000 },
    });
    ({ server, url } = await serveWithCsp(outDir));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server === null ? done() : server.close(() => done())));
    if (outDir !== "") rmSync(outDir, { recursive: true, force: true });
  }, 60_000);

  it("runs Lorenz to completion with the interpreter backend, matching Node", async () => {
    const page = await (browser as Browser).newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const response = await page.goto(url);
    expect(response?.headers()["content-security-policy"]).toBe(CSP);
    await page.waitForSelector('body[data-done="true"]', { timeout: 120_000 });
    const result = JSON.parse((await page.textContent("#result")) ?? "{}") as {
      evalRefused: boolean;
      error?: string;
      runs?: Record<string, { t: number; rows: number; finalState: string[] }>;
    };
    // The policy was really in force: the page's own script could not evaluate a string (checked
    // from the page: DevTools evaluation, which page.evaluate uses, is exempt from the CSP).
    expect(result.evalRefused).toBe(true);
    expect(result.error).toBeUndefined();
    expect(pageErrors).toEqual([]);
    for (const stepper of ["rk4", "rk45"]) {
      const sim = new Sim(compileModel(loadModel("builtin://ode/lorenz")), { stepper, onWarning: () => {} });
      sim.run({ T: 10 });
      const run = result.runs?.[stepper];
      expect(run?.t).toBe(10);
      expect(run?.rows).toBe(sim.results().length);
      // rk4 is plain arithmetic: bit for bit across engines. rk45's step controller calls
      // Math.pow, whose last bit may differ between Chromium's and Node's V8 builds.
      if (stepper === "rk4") expect(run?.finalState).toEqual(bitsOf(sim.stateVector()));
      else {
        const page = Float64Array.from(
          run?.finalState ?? [],
          (h) => new Float64Array(BigUint64Array.of(BigInt(`0x${h}`)).buffer)[0] as number,
        );
        sim
          .stateVector()
          .forEach((x, i) =>
            expect(Math.abs((page[i] as number) - x)).toBeLessThan(1e-9 * Math.abs(x) + 1e-12),
          );
      }
    }
    await page.close();
  });
});
