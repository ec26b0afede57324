import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readNpz } from "@dyn/io-npz";
import { setup } from "@dyn/session";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/index.ts";
import { runWith } from "./helpers.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "dyn-cli-run-"));

/** The last data row of a CSV as numbers. */
function lastRow(csv: string): number[] {
  const rows = csv.trim().split("\n");
  return (rows[rows.length - 1] as string).split(",").map(Number);
}

describe("dyn run", () => {
  it("runs a builtin and prints the summary with the session's exact final state", async () => {
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "2", "--dt", "0.01"]);
    expect(run.code).toBe(0);
    const sim = setup("builtin://ode/lorenz");
    sim.run({ T: 2, dt: 0.01 });
    const x = Number(sim.state("x").toPrecision(6));
    expect(run.stdout).toContain("model: Lorenz System (ode) · stepper rk4 · dt 0.01");
    expect(run.stdout).toContain("t 0.0 → 2.0 · 200 steps · 201 rows recorded");
    expect(run.stdout).toContain(`x=${x}`);
    expect(run.stdout).toMatch(/wall [\d.]+ ms/);
    expect(run.stdout).toContain("segments: run#0 [0.0 → 2.0]");
    expect(run.stdout.split("\n").length).toBeLessThan(25); // one screen
    expect(run.stderr).toBe("");
  });

  it("applies --params, --ic, --stepper and --record, and writes the CSV the session would", async () => {
    const dir = tmp();
    const args = [
      "--T",
      "1",
      "--stepper",
      "rk2",
      "--params",
      "rho=20,beta=2",
      "--ic",
      "z=5",
      "--record",
      "x,z",
    ];
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", ...args, "--out", "r.csv"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("stepper rk2");
    const sim = setup("builtin://ode/lorenz", { stepper: "rk2" });
    sim.run({ T: 1, params: [10, 20, 2], ic: [1, 1, 5], recordVars: ["x", "z"] });
    const csv = readFileSync(join(dir, "r.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("t,step,x,z");
    expect(csv).toBe(sim.results().toCsv());
    expect(run.stdout).toContain(`results: ${join(dir, "r.csv")} (101 rows × 4 columns)`);
  });

  it("writes results as .npz with one float64 column per variable", async () => {
    const dir = tmp();
    const run = await runWith(runCli, ["run", "builtin://map/logistic", "--N", "50", "--out", "r.npz"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const arrays = readNpz(new Uint8Array(readFileSync(join(dir, "r.npz"))));
    expect([...arrays.keys()]).toEqual(["t", "step", "x"]);
    const sim = setup("builtin://map/logistic");
    sim.run({ N: 50 });
    expect(Array.from(arrays.get("x")?.data as Float64Array)).toEqual(
      Array.from(sim.results().get("x") as Float64Array),
    );
    expect(arrays.get("t")?.dtype).toBe("<f8");
  });

  it("records after a --transient warm-up, times reported from t0", async () => {
    const run = await runWith(runCli, ["run", "builtin://ode/vanderpol", "--T", "1", "--transient", "5"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("t 0.0 → 1.0");
    expect(run.stdout).toContain("final state (t=6.0)");
  });

  it("reads the model from a file and from standard input", async () => {
    const dir = tmp();
    const toml = `[model]\ntype = "ode"\nname = "Decay"\n[states]\nx = 1.0\n[params]\na = 2.0\n[equations.rhs]\nx = "-a * x"\n`;
    writeFileSync(join(dir, "decay.toml"), toml);
    const fromFile = await runWith(runCli, ["run", "decay.toml", "--T", "1", "--dt", "0.001"], { cwd: dir });
    expect(fromFile.code).toBe(0);
    const x = Number(fromFile.stdout.match(/x=([\d.e-]+)/)?.[1]);
    expect(Math.abs(x - Math.exp(-2))).toBeLessThan(1e-5);
    const fromStdin = await runWith(runCli, ["run", "-", "--T", "1", "--dt", "0.001"], { stdin: toml });
    expect(fromStdin.stdout).toBe(
      fromFile.stdout.replace(/wall [\d.]+ m?s/, fromStdin.stdout.match(/wall [\d.]+ m?s/)?.[0] ?? ""),
    );
  });

  it("checkpoints with --snapshot-out and resumes with --resume-from bit-identically", async () => {
    const dir = tmp();
    const first = await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--T", "3", "--stepper", "ab3", "--snapshot-out", "ckpt.npz"],
      { cwd: dir },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`checkpoint: ${join(dir, "ckpt.npz")}`);
    const resumed = await runWith(
      runCli,
      [
        "run",
        "builtin://ode/lorenz",
        "--stepper",
        "ab3",
        "--resume-from",
        "ckpt.npz",
        "--T",
        "6",
        "--out",
        "b.csv",
      ],
      { cwd: dir },
    );
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("(resume)");
    const whole = await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--T", "6", "--stepper", "ab3", "--out", "a.csv"],
      { cwd: dir },
    );
    expect(whole.code).toBe(0);
    const a = readFileSync(join(dir, "a.csv"), "utf8");
    const b = readFileSync(join(dir, "b.csv"), "utf8");
    expect(lastRow(b)).toEqual(lastRow(a)); // exact float64 text, shortest round-trip
    expect(a.endsWith(b.split("\n").slice(1).join("\n"))).toBe(true);
  });
});

describe("dyn run --dynlib-version", () => {
  const pinOf = (path: string): unknown => {
    const meta = setup("builtin://ode/lorenz").inspectSnapshot(new Uint8Array(readFileSync(path)));
    return (meta["pins"] as Record<string, unknown>)["dynlib_version"];
  };

  it("pins the checkpoint to the reference version given (default 0.40.3)", async () => {
    const dir = tmp();
    const args = ["run", "builtin://ode/lorenz", "--T", "0.1"];
    expect((await runWith(runCli, [...args, "--snapshot-out", "a.npz"], { cwd: dir })).code).toBe(0);
    expect(pinOf(join(dir, "a.npz"))).toBe("0.40.3");
    const b = await runWith(runCli, [...args, "--snapshot-out", "b.npz", "--dynlib-version", "0.41.0"], {
      cwd: dir,
    });
    expect(b.code).toBe(0);
    expect(pinOf(join(dir, "b.npz"))).toBe("0.41.0");
  });

  it("refuses the flag without --snapshot-out, and a value that is no version, before running", async () => {
    const dir = tmp();
    const lone = await runWith(runCli, ["run", "builtin://ode/lorenz", "--dynlib-version", "0.41.0"], {
      cwd: dir,
    });
    expect(lone.code).toBe(1);
    expect(lone.stdout).toBe("");
    expect(lone.stderr).toContain("dyn run: --dynlib-version only applies to --snapshot-out");
    const bad = await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--snapshot-out", "c.npz", "--dynlib-version", "0.41 beta"],
      { cwd: dir },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("dynlibVersion must be a version string such as '0.40.3' (got '0.41 beta')");
  });
});

describe("dyn run: bad input", () => {
  const cases: Array<[string, string[], number, string]> = [
    ["unknown option with a suggestion", ["--TT", "3"], 2, "unknown option --TT (did you mean --T?)"],
    ["option without its value", ["--T"], 2, "option --T needs a value"],
    ["non-numeric horizon", ["--T", "ten"], 1, "--T must be a finite number (got 'ten')"],
    ["both horizons", ["--T", "1", "--N", "3"], 1, "--T and --N exclude each other"],
    ["--N on an ODE", ["--N", "3"], 1, "--N is for maps"],
    [
      "misspelt parameter",
      ["--params", "sigm=3"],
      1,
      "unknown parameter 'sigm' (did you mean 'sigma'?); valid parameters: sigma, rho, beta",
    ],
    ["malformed pair", ["--ic", "x:3"], 1, "--ic expects name=value pairs"],
    ["bad value", ["--params", "rho=abc"], 1, "--params rho must be a finite number (got 'abc')"],
    ["unknown stepper", ["--stepper", "rk44"], 1, "rk44"],
    ["map stepper for an ODE", ["--stepper", "map"], 1, "Stepper 'map' is for maps but the model is an ODE"],
    ["negative dt", ["--dt", "-1"], 1, "dt"],
    ["unknown recorded variable", ["--record", "w"], 1, "w"],
    [
      "results file type",
      ["--T", "0.1", "--out", "r.txt"],
      1,
      "--out must end in .csv or .npz (got 'r.txt')",
    ],
    [
      "checkpoint file type",
      ["--snapshot-out", "c.json"],
      1,
      "--snapshot-out must end in .npz (got 'c.json')",
    ],
    ["missing checkpoint", ["--resume-from", "nope.npz"], 1, "checkpoint file not found"],
    ["two models", ["builtin://ode/expdecay"], 2, "unexpected argument 'builtin://ode/expdecay'"],
  ];
  it.each(cases)("%s", async (_name, extra, code, message) => {
    const run = await runWith(runCli, ["run", "builtin://ode/lorenz", ...extra], { cwd: tmp() });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr.startsWith("dyn run: ")).toBe(true);
  });

  it("needs a model", async () => {
    const run = await runWith(runCli, ["run"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing <model>");
  });

  it("shows a model error's location and caret", async () => {
    const bad = `[model]\ntype = "ode"\n[states]\nx = 1.0\n[equations.rhs]\nx = "-x *"\n`;
    const run = await runWith(runCli, ["run", "-"], { stdin: bad });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("in [equations.rhs.x]");
    expect(run.stderr).toContain("^");
  });

  it("refuses --params together with --resume-from (the session's resume rule)", async () => {
    const dir = tmp();
    await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "1", "--snapshot-out", "c.npz"], {
      cwd: dir,
    });
    const run = await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--resume-from", "c.npz", "--T", "2", "--params", "rho=3"],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("params");
  });

  it("refuses a checkpoint of another model", async () => {
    const dir = tmp();
    await runWith(runCli, ["run", "builtin://ode/lorenz", "--T", "1", "--snapshot-out", "c.npz"], {
      cwd: dir,
    });
    const run = await runWith(
      runCli,
      ["run", "builtin://ode/vanderpol", "--resume-from", "c.npz", "--T", "2"],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("State vector shape mismatch: expected (2,), got (3,)");
    const otherStepper = await runWith(
      runCli,
      ["run", "builtin://ode/lorenz", "--stepper", "euler", "--resume-from", "c.npz", "--T", "2"],
      { cwd: dir },
    );
    expect(otherStepper.code).toBe(1);
    expect(otherStepper.stderr).toContain(
      "the checkpoint does not fit this run: stepper is 'rk4' in the file, 'euler' here",
    );
  });
});

describe("dyn run: summaries", () => {
  it("counts logged events with their first and last times", async () => {
    const model = `[model]
type = "ode"
name = "Leaky"
[states]
v = 0.0
[params]
I = 2.0
[equations.rhs]
v = "I - v"
[events.fire]
cond = "v >= 1.0"
action = "v = 0.0"
log = ["t"]
`;
    const run = await runWith(runCli, ["run", "-", "--T", "10", "--dt", "0.001"], { stdin: model });
    expect(run.code).toBe(0);
    // v = 2(1 − e^{−t}) reaches 1 at t = ln 2 ≈ 0.693, then again every ln 2: 14 firings by t = 10.
    const [, count, first] = run.stdout.match(/events: fire ×(\d+) \(t ([\d.]+) …/) ?? [];
    expect(Number(count)).toBe(14);
    expect(Math.abs(Number(first) - Math.LN2)).toBeLessThan(0.002);
  });

  it("shows a map's iterations", async () => {
    const run = await runWith(runCli, ["run", "builtin://map/logistic", "--N", "30"]);
    expect(run.stdout).toContain("ran: n 0 → 30 (t 0.0 → 0.3) · 30 steps · 31 rows recorded");
  });
});
