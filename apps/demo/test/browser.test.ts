import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setup } from "@dyn/session";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const demoRoot = fileURLToPath(new URL("..", import.meta.url));
const artifacts = join(demoRoot, "test-results");
/** Written by the Python reference for the session's cross-runtime tests. */
const pythonCheckpoint = fileURLToPath(
  new URL("../../../packages/session/test/fixtures/python-lorenz-ab3.npz", import.meta.url),
);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `apps/demo browser test skipped: ${CHROMIUM} is missing. Install Debian's Chromium (apt-get install -y chromium); .ci/run does this in CI.`,
  );
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** A tiny static file server for the built app (127.0.0.1, random port). */
function serve(root: string): Promise<{ server: Server; url: string }> {
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
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
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

describe.skipIf(!hasChromium)("demo page in Chromium", () => {
  let outDir = "";
  let server: Server | null = null;
  let url = "";
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "dyn-demo-"));
    await build({
      root: demoRoot,
      configFile: join(demoRoot, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
    ({ server, url } = await serve(outDir));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1360, height: 900 },
    });
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("crash", () => problems.push("page crashed"));
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server === null ? done() : server.close(() => done())));
    if (outDir !== "") rmSync(outDir, { recursive: true, force: true });
  }, 60_000);

  const idle = () => page.waitForSelector('body[data-busy="false"]', { timeout: 60_000 });
  const segments = () =>
    page.$$eval("#segments li", (items) =>
      items.map((li) => {
        const d = (li as HTMLElement).dataset;
        return {
          name: d.segment ?? "",
          rows: Number(d.rows),
          t0: Number(d.t0),
          t1: Number(d.t1),
          color: d.color ?? "",
          params: li.querySelector(".params")?.textContent ?? "",
        };
      }),
    );
  const fill = async (selector: string, value: string) => page.fill(selector, value);
  const noProblems = () => expect(problems).toEqual([]);

  it("runs Lorenz, snapshots, resumes, branches with a new parameter, downloads and re-imports a checkpoint", async () => {
    await page.goto(url);
    await idle();
    expect(await page.inputValue("#model")).toBe("builtin://ode/lorenz");
    expect(
      await page.$$eval("#params input", (xs) => xs.map((x) => (x as HTMLInputElement).dataset.param)),
    ).toEqual(["sigma", "rho", "beta"]);

    // Run to T = 10.
    await fill("#horizon", "10");
    await fill("#tag", "warm-up");
    await page.click("#run");
    await idle();
    expect(await segments()).toMatchObject([{ name: "warm-up", rows: 1001, t0: 0, t1: 10 }]);

    // Snapshot at t = 10, resume to 20.
    await fill("#snapshot-name", "t10");
    await page.click("#take-snapshot");
    await idle();
    expect(
      await page.$$eval("#snapshots tr", (rows) => rows.map((r) => (r as HTMLElement).dataset.snapshot)),
    ).toEqual(["initial", "t10"]);
    await fill("#horizon", "20");
    await fill("#tag", "continued");
    await page.click("#resume");
    await idle();

    // Branch from t10 with rho = 35: reset, assign, resume to 20.
    await fill('#params input[data-param="rho"]', "35");
    await fill("#tag", "rho=35");
    await page.click('#snapshots tr[data-snapshot="t10"] button.branch');
    await idle();
    const afterBranch = await segments();
    expect(afterBranch.map((s) => [s.name, s.t0, s.t1])).toEqual([
      ["warm-up", 0, 10],
      ["continued", 10, 20],
      ["rho=35", 10, 20],
    ]);
    expect(afterBranch[2]?.params).toContain("rho=35");
    expect(afterBranch[1]?.params).toContain("rho=28");
    expect(new Set(afterBranch.map((s) => s.color)).size).toBe(3);
    expect(await page.getAttribute("#plot", "data-segments")).toBe("3");
    expect(await page.$$eval("#plot canvas", (c) => c.length)).toBeGreaterThan(0);
    // The two branches really diverge: the plotted end states differ.
    expect(await page.textContent("#status")).toContain("t = 20");
    noProblems();

    // Download the t10 snapshot and check its bytes in Node: it imports and equals a Node run.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#snapshots tr[data-snapshot="t10"] button.download'),
    ]);
    expect(download.suggestedFilename()).toBe("lorenz-t10.npz");
    mkdirSync(artifacts, { recursive: true });
    const saved = join(artifacts, "lorenz-t10.npz");
    await download.saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    const fromBrowser = setup("builtin://ode/lorenz", { stepper: "rk4" });
    fromBrowser.importSnapshot(bytes);
    const inNode = setup("builtin://ode/lorenz", { stepper: "rk4" });
    inNode.run({ T: 10, dt: 0.01 });
    expect(fromBrowser.sessionStateSummary().t).toBe(10);
    expect(fromBrowser.stateVector()).toEqual(inNode.stateVector()); // bit-identical across runtimes
    expect(fromBrowser.inspectSnapshot(bytes).name).toBe("t10");

    // Upload it again: inspected, imported and resumed as a new segment from t = 10.
    await page.setInputFiles("#upload", saved);
    await idle();
    await page.waitForSelector("#inspect:not([hidden]) #import");
    expect(await page.textContent("#inspect")).toContain("builtin://ode/lorenz");
    await fill("#tag", "from file");
    await page.click("#import");
    await idle();
    const afterImport = await segments();
    expect(afterImport[3]).toMatchObject({ name: "from file", t0: 10, t1: 20 });
    expect(await page.getAttribute("#plot", "data-segments")).toBe("4");

    // A checkpoint written by the Python reference (dynlib 0.40.3, Lorenz, ab3) resumes too.
    await page.setInputFiles("#upload", pythonCheckpoint);
    await idle();
    // The card of the previous upload is still on screen until the worker has inspected this file.
    await page.waitForFunction(() =>
      document.querySelector("#inspect")?.textContent?.includes("adams_bashforth_3"),
    );
    await page.waitForSelector("#inspect:not([hidden]) #import");
    const card = await page.textContent("#inspect");
    expect(card).toContain("adams_bashforth_3");
    expect(card).toContain("dynlib 0.40.3");
    expect(card).toContain("builtin://ode/lorenz");
    const pythonT = setup("builtin://ode/lorenz", { stepper: "ab3" }).inspectSnapshot(
      new Uint8Array(readFileSync(pythonCheckpoint)),
    ).t_curr as number;
    await fill("#horizon", String(pythonT + 5));
    await fill("#tag", "from Python");
    await page.click("#import");
    await idle();
    expect(await page.inputValue("#stepper")).toBe("ab3");
    expect((await segments()).at(-1)).toMatchObject({ name: "from Python", t0: pythonT, t1: pythonT + 5 });
    noProblems();
  });

  it("shows progress on a long run without freezing the page, and reports bad input", async () => {
    await fill("#horizon", "4000");
    await fill("#tag", "long");
    await page.click("#run");
    // The worker reports progress while the page stays responsive.
    await page.waitForFunction(
      () => {
        const bar = document.getElementById("progress");
        // Seen from the page's own thread while the worker is still running.
        return (
          document.body.dataset.busy === "true" &&
          bar !== null &&
          !(bar.parentElement as HTMLElement).hidden &&
          Number.parseFloat(bar.style.width) > 0
        );
      },
      undefined,
      { timeout: 60_000, polling: 20 },
    );
    await idle();
    const long = (await segments()).at(-1);
    expect(long).toMatchObject({ name: "long", t0: 0, t1: 4000, rows: 400_001 });

    await fill("#horizon", "20");
    await fill('#params input[data-param="sigma"]', "");
    await page.click("#run");
    await idle();
    expect(await page.textContent("#error")).toContain("Parameter 'sigma' must be a number (got '')");
    await fill('#params input[data-param="sigma"]', "10");
    for (const _ of [1, 2]) {
      await fill("#snapshot-name", "twice");
      await page.click("#take-snapshot");
      await idle();
    }
    expect(await page.textContent("#error")).toContain("Snapshot 'twice' already exists");

    // A map: the horizon is an iteration count.
    await page.selectOption("#model", "builtin://map/logistic");
    await idle();
    expect(await page.textContent("#horizon-label")).toBe("Iterations N");
    expect(await page.$$eval("#stepper option", (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(
      ["map"],
    );
    await fill("#horizon", "100");
    await fill('#params input[data-param="r"]', "3.5");
    await page.click("#run");
    await idle();
    expect(await segments()).toMatchObject([{ rows: 101, params: "r=3.5" }]);
    await page.click("#clear-plot");
    expect(await page.getAttribute("#plot", "data-segments")).toBe("0");
    expect(await segments()).toEqual([]);

    // A clean picture for the artifact: run, snapshot, continue, branch with a lower rho.
    await page.selectOption("#model", "builtin://ode/lorenz");
    await idle();
    expect(await page.getAttribute("#plot", "data-segments")).toBe("0");
    await fill('#params input[data-param="rho"]', "28");
    await fill("#horizon", "15");
    await fill("#tag", "rho=28");
    await page.click("#run");
    await idle();
    await fill("#snapshot-name", "t15");
    await page.click("#take-snapshot");
    await idle();
    await fill("#horizon", "40");
    await fill("#tag", "rho=28 continued");
    await page.click("#resume");
    await idle();
    await fill('#params input[data-param="rho"]', "24");
    await fill("#tag", "rho=24 from t15");
    await page.click('#snapshots tr[data-snapshot="t15"] button.branch');
    await idle();
    expect((await segments()).map((s) => [s.name, s.t0, s.t1])).toEqual([
      ["rho=28", 0, 15],
      ["rho=28 continued", 15, 40],
      ["rho=24 from t15", 15, 40],
    ]);
    await page.waitForTimeout(200);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "demo.png"), fullPage: true });
    noProblems();
  });
});
