/**
 * Issue 13: preset files cross both ways between dyn and the Python reference (dynlib 0.40.3,
 * `Sim.load_preset` / `Sim.save_preset`): a file in the reference's exact output format loads
 * here, and every file we write passes each check the reference's reader makes. The reader is
 * reproduced twice: with smol-toml in JavaScript, and with Python's own `tomllib` (a second,
 * independent TOML parser) where python3 ≥ 3.11 is installed.
 */
import { execFileSync } from "node:child_process";
import type { DynWarning } from "@dyn/core";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { isSessionError, type Sim, setup } from "../src/index.ts";

function lorenz(): { sim: Sim; warnings: DynWarning[] } {
  const warnings: DynWarning[] = [];
  return { sim: setup("builtin://ode/lorenz", { onWarning: (w) => warnings.push(w) }), warnings };
}

const HEAD = '[__presets__]\nschema = "dynlib-presets-v1"\n';

/**
 * What the reference's `save_preset` writes (its own small emitter): the header table, a blank
 * line after every table, `[presets.<name>.states]` before `[presets.<name>.params]`, values as
 * Python `str(float)`, and NaN/±inf as the strings "nan", "+inf", "-inf".
 */
const REFERENCE_OUTPUT = [
  "[__presets__]",
  'schema = "dynlib-presets-v1"',
  "",
  "[presets.butterfly.states]",
  "x = -8.0",
  "y = 8.0",
  "z = 27.0",
  "",
  "[presets.butterfly.params]",
  "sigma = 10.0",
  "rho = 28.0",
  "beta = 2.6666666666666665",
  "",
  "[presets.extremes.params]",
  'sigma = "nan"',
  'rho = "+inf"',
  'beta = "-inf"',
  "",
  "[presets.tiny.params]",
  "rho = 1e-05",
  "beta = 1e+16",
  "",
].join("\n");

/** The reference's reader in JavaScript: TOML, then exactly the checks `load_preset` makes. */
function referenceLoad(
  text: string,
): Record<string, { params: Record<string, number>; states: Record<string, number> | null }> {
  const doc = parse(text) as Record<string, unknown>;
  const header = (doc["__presets__"] ?? {}) as Record<string, unknown>;
  if (header["schema"] !== "dynlib-presets-v1") throw new Error("schema");
  const section = doc["presets"] ?? {};
  if (typeof section !== "object" || Array.isArray(section)) throw new Error("[presets] must be a table");
  const pyFloat = (v: unknown): number => {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "string" && /^\s*[+-]?(inf|infinity|nan|\d+(\.\d*)?(e[+-]?\d+)?)\s*$/i.test(v)) {
      return Number(
        v
          .trim()
          .replace(/inf(inity)?/i, "Infinity")
          .replace(/nan/i, "NaN")
          .replace(/^\+(?=N)/, ""),
      );
    }
    throw new Error(`float(${String(v)})`);
  };
  const out: [string, { params: Record<string, number>; states: Record<string, number> | null }][] = [];
  for (const [name, table] of Object.entries(section as Record<string, unknown>)) {
    if (typeof table !== "object" || table === null || Array.isArray(table))
      throw new Error(`${name}: table`);
    const t = table as Record<string, unknown>;
    const params = (t["params"] ?? {}) as Record<string, unknown>;
    const states = (t["states"] ?? {}) as Record<string, unknown>;
    if (typeof params !== "object" || typeof states !== "object") throw new Error(`${name}: subtables`);
    if (Object.keys(params).length === 0 && Object.keys(states).length === 0)
      throw new Error(`${name}: empty`);
    const f = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, pyFloat(v)]));
    out.push([name, { params: f(params), states: Object.keys(states).length > 0 ? f(states) : null }]);
  }
  return Object.fromEntries(out); // own keys even for a preset named "__proto__"
}

/** The same reader in Python with tomllib; values come back as float.hex so no bit is lost. */
const REFERENCE_LOAD_PY = `
import json, sys, tomllib
doc = tomllib.loads(sys.stdin.read())
header = doc.get("__presets__", {})
assert header.get("schema") == "dynlib-presets-v1", "schema"
section = doc.get("presets", {})
assert isinstance(section, dict), "[presets] must be a table"
out = {}
for name, table in section.items():
    assert isinstance(table, dict), name
    params = table.get("params") or {}
    states = table.get("states") or {}
    assert isinstance(params, dict) and isinstance(states, dict), name
    assert len(params) or len(states), name + ": empty"
    out[name] = {"params": {k: float(v).hex() for k, v in params.items()},
                 "states": {k: float(v).hex() for k, v in states.items()} or None}
print(json.dumps(out))
`;

function findTomllibPython(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(py, ["-c", "import tomllib"], { stdio: "ignore" });
      return py;
    } catch {
      // try the next one
    }
  }
  return null;
}
const python = findTomllibPython();
if (python === null)
  console.warn("dyn: presetInterop.test.ts: no python3 with tomllib; the tomllib check is skipped");

/** Python's float.hex (finite, infinite and NaN values). */
function floatHex(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0x0.0p+0" : "0x0.0p+0";
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const sign = hi >>> 31 ? "-" : "";
  const biased = (hi >>> 20) & 0x7ff;
  const mant = (hi & 0xfffff).toString(16).padStart(5, "0") + lo.toString(16).padStart(8, "0");
  const [lead, exp] = biased === 0 ? ["0", -1022] : ["1", biased - 1023];
  return `${sign}0x${lead}.${mant}p${exp >= 0 ? "+" : ""}${exp}`;
}

describe("preset files the reference writes load here", () => {
  it("its exact output format: states before params, str(float) values, 'nan'/'+inf'/'-inf' strings", () => {
    const { sim } = lorenz();
    expect(sim.loadPreset("*", { text: REFERENCE_OUTPUT })).toBe(3);
    sim.applyPreset("butterfly");
    expect(sim.stateDict()).toEqual({ x: -8, y: 8, z: 27 });
    expect(sim.paramDict()).toEqual({ sigma: 10, rho: 28, beta: 8 / 3 });
    sim.applyPreset("extremes");
    expect(sim.param("sigma")).toBeNaN();
    expect(sim.param("rho")).toBe(Infinity);
    expect(sim.param("beta")).toBe(-Infinity);
    sim.applyPreset("tiny");
    expect([sim.param("rho"), sim.param("beta")]).toEqual([1e-5, 1e16]);
  });

  it("any valid TOML the reference's tomllib reads: inline tables, dotted keys, hex/octal/binary ints, underscores", () => {
    const { sim } = lorenz();
    const text = `${HEAD}
[presets]
inline = { params = { rho = 0x10, sigma = 0o17 }, states = { x = 0b101 } }
dotted.params.rho = 1_000.5
[presets.literal]
'params' = { "beta" = 2e0 } # a comment
`;
    expect(sim.loadPreset("*", { text })).toBe(3);
    sim.applyPreset("inline");
    expect([sim.param("rho"), sim.param("sigma"), sim.state("x")]).toEqual([16, 15, 5]);
    sim.applyPreset("dotted");
    expect(sim.param("rho")).toBe(1000.5);
    sim.applyPreset("literal");
    expect(sim.param("beta")).toBe(2);
    if (python !== null) {
      const out = JSON.parse(
        execFileSync(python, ["-c", REFERENCE_LOAD_PY], { input: text, encoding: "utf8" }),
      );
      expect(Object.keys(out)).toEqual(["inline", "dotted", "literal"]);
    }
  });

  it.skipIf(python === null)(
    "string and integer values convert exactly as Python's float() converts them",
    () => {
      const values = [
        " 1.5 ",
        "1_000.25",
        "1e1_0",
        ".5",
        "5.",
        "-Infinity",
        "+NaN",
        "iNf",
        "1__0",
        "_1",
        "1_",
        "",
        "0x10",
        "1e400",
        "1,5",
        "\t2\n",
      ];
      const ints = ["0x7fffffffffffffff", "0o17", "0b11", "-17", String(2n ** 1023n), "9007199254740993"];
      const body = [
        ...values.map((v, i) => `s${i} = ${JSON.stringify(v)}`),
        ...ints.map((v, i) => `i${i} = ${v}`),
      ].join("\n");
      const script =
        "import json, sys, tomllib\n" +
        "d = tomllib.loads(sys.stdin.read())\n" +
        "def f(v):\n" +
        "    try:\n        return float(v).hex()\n    except (ValueError, OverflowError):\n        return None\n" +
        "print(json.dumps({k: f(v) for k, v in d.items()}))";
      const want = JSON.parse(
        execFileSync(python as string, ["-c", script], { input: body, encoding: "utf8" }),
      ) as Record<string, string | null>;
      for (const [key, hex] of Object.entries(want)) {
        const { sim } = lorenz();
        const text = `${HEAD}[presets.p.params]\nrho = ${body
          .split("\n")
          .find((l) => l.startsWith(`${key} =`))
          ?.slice(key.length + 3)}\n`;
        let got: string | null = null;
        try {
          sim.loadPreset("p", { text });
          sim.applyPreset("p");
          got = floatHex(sim.param("rho"));
        } catch (err) {
          expect(isSessionError(err), String(err)).toBe(true);
        }
        expect([key, got]).toEqual([key, hex]);
      }
    },
  );

  it("invalid TOML is refused with a coded error naming the line (a table declared twice)", () => {
    const { sim } = lorenz();
    const twice = `${HEAD}[presets.a.params]\nrho = 1.0\n[presets.a.params]\nsigma = 2.0\n`;
    let err: unknown;
    try {
      sim.loadPreset("*", { text: twice });
    } catch (e) {
      err = e;
    }
    expect(isSessionError(err)).toBe(true);
    expect((err as { code: string }).code).toBe("SESSION_PRESET");
    expect((err as Error).message).toMatch(/^Invalid preset TOML in <text>: .* \(line 5, column \d+\)/);
    expect(sim.listPresets()).toEqual([]);
  });

  it("only the presets asked for are checked, as the reference does", () => {
    const { sim } = lorenz();
    const text = `${HEAD}[presets.good.params]\nrho = 3.0\n[presets.bad]\nparams = 1\n`;
    expect(sim.loadPreset("good", { text })).toBe(1);
    expect(() => sim.loadPreset("*", { text }, { onConflict: "replace" })).toThrow(
      "[presets.bad].params must be a table in <text>",
    );
  });

  it("keys other than params/states in a preset are ignored with a warning (the reference ignores them)", () => {
    const { sim, warnings } = lorenz();
    expect(sim.loadPreset("*", { text: `${HEAD}[presets.a]\nnote = "x"\nparams = { rho = 2.0 }\n` })).toBe(1);
    expect(warnings.map((w) => w.code)).toEqual(["PRESET_UNKNOWN_KEY"]);
    expect(warnings[0]?.message).toBe(
      "Preset 'a' in <text>: ignoring key 'note' (only 'params' and 'states' are read)",
    );
  });
});

describe("preset files we write pass every check of the reference's reader", () => {
  const tricky = [
    0.1,
    1e-5,
    -0,
    5e-324,
    1.7976931348623157e308,
    1e21,
    3,
    Number.NaN,
    Infinity,
    -Infinity,
    123456789.123,
  ];

  it("values survive bit for bit through the reference's reader (smol-toml here, tomllib in Python)", () => {
    const { sim } = lorenz();
    const docs: string[] = [];
    for (let i = 0; i + 2 < tricky.length; i += 3) {
      sim.addPreset(`p${i}`, {
        params: { sigma: tricky[i] as number, rho: tricky[i + 1] as number, beta: tricky[i + 2] as number },
        states: { y: tricky[i] as number },
      });
    }
    let text: string | undefined;
    for (const name of sim.listPresets()) {
      text = sim.savePreset(name, text === undefined ? undefined : { text });
      docs.push(text);
    }
    const finalText = text as string;
    const expected = Object.fromEntries(
      sim.listPresets().map((name) => {
        const i = Number(name.slice(1));
        return [
          name,
          {
            params: {
              sigma: floatHex(tricky[i] as number),
              rho: floatHex(tricky[i + 1] as number),
              beta: floatHex(tricky[i + 2] as number),
            },
            states: { y: floatHex(tricky[i] as number) },
          },
        ];
      }),
    );
    const js = referenceLoad(finalText);
    const jsHex = Object.fromEntries(
      Object.entries(js).map(([n, p]) => [
        n,
        {
          params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, floatHex(v)])),
          states:
            p.states === null
              ? null
              : Object.fromEntries(Object.entries(p.states).map(([k, v]) => [k, floatHex(v)])),
        },
      ]),
    );
    expect(jsHex).toEqual(expected);
    if (python !== null) {
      const out = JSON.parse(
        execFileSync(python, ["-c", REFERENCE_LOAD_PY], { input: finalText, encoding: "utf8" }),
      );
      expect(out).toEqual(expected);
    }
    // and back here, exactly
    const { sim: back } = lorenz();
    expect(back.loadPreset("*", { text: finalText })).toBe(3);
    back.applyPreset("p3");
    expect(Object.is(back.param("beta"), 1e21)).toBe(true);
    back.applyPreset("p0");
    expect(Object.is(back.param("beta"), -0)).toBe(true);
  });

  it("names that need quoting (dots, spaces, non-ASCII) are written as TOML quoted keys", () => {
    const { sim } = lorenz();
    for (const name of ["a.b", "with space", "é", "__proto__"]) sim.addPreset(name, { params: { rho: 1.5 } });
    let text: string | undefined;
    for (const name of sim.listPresets())
      text = sim.savePreset(name, text === undefined ? undefined : { text });
    expect(Object.keys(referenceLoad(text as string)).sort()).toEqual([
      "__proto__",
      "a.b",
      "with space",
      "é",
    ]);
    if (python !== null) {
      const out = JSON.parse(
        execFileSync(python, ["-c", REFERENCE_LOAD_PY], { input: text, encoding: "utf8" }),
      );
      expect(Object.keys(out).sort()).toEqual(["__proto__", "a.b", "with space", "é"]);
    }
    const { sim: back } = lorenz();
    expect(back.loadPreset("*", { text: text as string })).toBe(4);
    expect(back.listPresets()).toEqual(["__proto__", "a.b", "with space", "é"]);
  });

  it("saving into a reference-written file keeps its presets and other tables; a file without header gets one", () => {
    const { sim } = lorenz();
    sim.addPreset("mine", { params: { rho: 6 }, states: { x: 0.5 } });
    const extra = `${REFERENCE_OUTPUT}\n[tool]\nowner = "lab"\nruns = 3\n`;
    const text = sim.savePreset("mine", { text: extra });
    const before = parse(extra, { integersAsBigInt: true });
    const after = parse(text, { integersAsBigInt: true }) as Record<string, Record<string, unknown>>;
    expect(after["tool"]).toEqual(before["tool"]);
    expect(Object.keys(after["presets"] ?? {})).toEqual(["butterfly", "extremes", "tiny", "mine"]);
    expect(after["presets"]?.["mine"]).toEqual({ states: { x: 0.5 }, params: { rho: 6 } });
    expect(Object.keys(referenceLoad(text))).toEqual(["butterfly", "extremes", "tiny", "mine"]);
    const headless = sim.savePreset("mine", { text: "[presets.old.params]\nrho = 1.0\n" });
    expect(referenceLoad(headless)["old"]?.params).toEqual({ rho: 1 });
    expect(() => sim.savePreset("mine", { text: '[__presets__]\nschema = "v0"\n' })).toThrow(
      "[__presets__].schema in <text> must be 'dynlib-presets-v1', found 'v0'",
    );
    expect(() => sim.savePreset("mine", { text: `presets = 3\n${HEAD}` })).toThrow(
      "Expected [presets] table in <text>, found int",
    );
  });
});
