import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { builtinModelTexts } from "../src/builtins/embedded.generated.ts";
import {
  canonicalSpecJson,
  listBuiltins,
  loadModel,
  ModelLoadError,
  modelFromObject,
  parseModel,
  specHash,
} from "../src/index.ts";
import { loadModelFile } from "../src/node.ts";
import { DECAY_HASH, DECAY_TOML } from "./hash-vectors.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function thrown(run: () => unknown): ModelLoadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error("expected a ModelLoadError");
}

const BUILTIN_HASHES: Record<string, string> = {
  "ode/duffing": "20303773319634a55d01e49ceee1e08d6ccd5c5ab3e3565a4506f99f92bc479f",
  "ode/eto-circular": "a3b68f31f82298bd9c4354fbf8fa499e93c94b393d5c7fcf85b73cfc5037a86e",
  "ode/exp-if": "968da20bfc2700f125433738e562385dbb8afabedfbd202e61546ab508544651",
  "ode/expdecay": "be93ca87ecd39a65acff506d219c427a44b5dda4d33af5cc1470ebcd07e7ff54",
  "ode/fitzhugh-nagumo": "1819b00a4fa4d2c50478d697c92681b8d03898e0b508bd506928a0bd3b82f151",
  "ode/hodgkin-huxley": "eb1e71a4e550fc5faf9ec27d46ca3ecd0494aceffc3899a843c9c70d0f226ea9",
  "ode/izhikevich": "46bdd69f0813cf492e091b2ef78d9c2094dfb6fbe14cd38e2d29532204591d0d",
  "ode/leaky-if": "3299d504219d7adeadb46737a15c5ca94317c3936961133970032baf9c82968b",
  "ode/lorenz": "a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd",
  "ode/quadratic-if": "8cc9d1a31a45b2dfb83a0e5f963f5c85d5268bfacb835f18d61928e38fe9f0c7",
  "ode/resonate-if": "aa7f4cbf6fc7aa7d19264bca4ea4bd275cc74a0550a65c2739d99910906c0382",
  "ode/vanderpol": "ef30495d231cb085907a08a3624d861af819f9fa5d8003aed32fbc33b2e141bc",
  "map/henon": "b86248e49130f964c47643690e2d243e64f19aa4df97a9e5bc04a74b66496ad9",
  "map/henon2": "8144782b23b856eefc2a0a5c2f1fffb9052ea625b20ed6a4b251f43da6a32327",
  "map/ikeda": "7f25ad7d6b5f92f108cb2c65495e1034f0a17fefec16f834fd78e9ebb36ff7d9",
  "map/logistic": "4f54140f147125351ff656122614328a1adc53c3cb6dbd55a38f1629207c657f",
  "map/lozi": "1f491a80c8d1c56a643d48547b1a7c20530550c4b04b82e207252361527d4c17",
  "map/sine": "4c25760be4352f40d37548bc9c37400fb9a1fa8a84dd36124b4d30ace1456a81",
  "map/standard": "0e36cedae133fdbc69deb78858bef6c64641b996097e8c385998252c6f6a3739",
};

describe("§8 item 1: parseModel of decay.toml", () => {
  it("gives states [x], params [a], stateIc [1.0] as a number, a state vector of length 1", () => {
    const spec = parseModel(DECAY_TOML);
    expect(spec.states).toEqual(["x"]);
    expect(spec.params).toEqual(["a"]);
    expect(spec.stateIc).toEqual([1.0]);
    expect(typeof spec.stateIc[0]).toBe("number");
    expect(spec.stateIc.length).toBe(1);
    expect(spec.kind).toBe("ode");
    expect(spec.name).toBe("Exponential Decay");
    expect(Object.isFrozen(spec) && Object.isFrozen(spec.states) && Object.isFrozen(spec.sim)).toBe(true);
  });
});

describe("§8 item 2: ints and floats stay apart", () => {
  const doc = (x: string) => `[model]\ntype = "map"\n[states]\nx = ${x}\n[equations.rhs]\nx = "x"\n`;
  it("TOML x = 1 yields 1n (canonical 1), x = 1.0 yields 1.0, and the hashes differ", () => {
    const asInt = parseModel(doc("1"));
    const asFloat = parseModel(doc("1.0"));
    expect(asInt.stateIc[0]).toBe(1n);
    expect(asFloat.stateIc[0]).toBe(1);
    expect(canonicalSpecJson(asInt)).toContain('"state_ic":[1]');
    expect(canonicalSpecJson(asFloat)).toContain('"state_ic":[1.0]');
    expect(specHash(asInt)).not.toBe(specHash(asFloat));
  });
  it("modelFromObject with x: 1n / x: 1 gives the same specs and hashes as the TOML texts", () => {
    const obj = (x: number | bigint) => ({
      model: { type: "map" },
      states: { x },
      equations: { rhs: { x: "x" } },
    });
    expect(modelFromObject(obj(1n))).toEqual(parseModel(doc("1")));
    expect(specHash(modelFromObject(obj(1n)))).toBe(specHash(parseModel(doc("1"))));
    expect(specHash(modelFromObject(obj(1)))).toBe(specHash(parseModel(doc("1.0"))));
  });
  it("modelFromObject deep-copies its input and rejects non-plain data", () => {
    const input = { model: { type: "map" }, states: { x: 0.5 }, equations: { rhs: { x: "x" } } };
    const spec = modelFromObject(input);
    input.states.x = 9;
    expect(spec.stateIc).toEqual([0.5]);
    expect(Object.isFrozen(input)).toBe(false);
    const bad = thrown(() => modelFromObject({ ...input, states: { x: new Map() } }));
    expect(bad.message).toContain("must be plain data");
    const nul = thrown(() => modelFromObject({ ...input, states: { x: null } }));
    expect(nul.message).toContain("got null");
  });
});

describe("§1.3: a TOML text and the object its parse yields give the same spec and hash", () => {
  it("holds for every builtin and the decay vector", () => {
    for (const text of [...Object.values(builtinModelTexts), DECAY_TOML]) {
      const fromText = parseModel(text);
      const fromObject = modelFromObject(parseToml(text, { integersAsBigInt: true }));
      expect(fromObject).toEqual(fromText);
      expect(specHash(fromObject)).toBe(specHash(fromText));
    }
  });
  it("parses the same text to equal, independent specs every time (its speed: bench model-load)", () => {
    const text = builtinModelTexts["ode/lorenz"] as string;
    const first = parseModel(text);
    for (let i = 0; i < 20; i++) {
      const again = parseModel(text);
      expect(again).toEqual(first);
      expect(again).not.toBe(first);
      expect(specHash(again)).toBe(specHash(first));
    }
  });
});

describe("§8 item 3: CRLF and BOM", () => {
  it("a CRLF document (blocks included) hashes like the LF one; a leading BOM is ignored", () => {
    const lf = `[model]\ntype = "ode"\n[states]\nx = 1.0\ny = 0.0\n[equations]\nexpr = """\ndx = -x\ndy = x - y\n"""\n`;
    const crlf = lf.replaceAll("\n", "\r\n");
    const lfSpec = parseModel(lf);
    expect(lfSpec.equationsBlock).toBe("dx = -x\ndy = x - y\n");
    expect(parseModel(crlf).equationsBlock).toBe(lfSpec.equationsBlock);
    expect(specHash(parseModel(crlf))).toBe(specHash(lfSpec));
    expect(specHash(parseModel(`\uFEFF${crlf}`))).toBe(specHash(lfSpec));
  });
});

describe("§8 item 4: TOML syntax errors", () => {
  it("line 4 `beta = 8/3` → TOML_SYNTAX, line 4, column 9, >>>, a caret under /, the quoting hint", () => {
    const text = `[model]\ntype = "ode"\n[params]\nbeta = 8/3\n[states]\nx = 1.0\n`;
    const error = thrown(() => parseModel(text));
    expect(error.code).toBe("TOML_SYNTAX");
    expect(error.line).toBe(4);
    expect(error.column).toBe(9);
    expect(error.message).toContain("Failed to parse inline model:");
    const lines = error.message.split("\n");
    const marked = lines.findIndex((line) => line.startsWith(">>>"));
    expect(lines[marked]).toMatch(/^>>> +4 \| beta = 8\/3$/);
    const caretLine = lines[marked + 1] as string;
    expect(caretLine.trim()).toBe("^");
    expect((lines[marked] as string)[caretLine.indexOf("^")]).toBe("/");
    // two lines of context before and after
    expect(lines[marked - 2]).toMatch(/ 2 \| type = "ode"$/);
    expect(lines[marked + 3]).toMatch(/ 6 \| x = 1.0$/);
    expect(error.message).toContain('beta = "8/3"');
  });
  it("a line without = hints at key = value", () => {
    const error = thrown(() => parseModel(`[model]\ntype = "ode"\nstates\n`));
    expect(error.code).toBe("TOML_SYNTAX");
    expect(error.line).toBe(3);
    expect(error.message).toContain("key = value");
  });
});

describe("§8 item 5: the shebang line (M-15)", () => {
  const body = DECAY_TOML;
  it("#!other → This is not a dynlib model", () => {
    const error = thrown(() => parseModel(`#!other\n${body}`, { source: "model file 'm.toml'" }));
    expect(error.code).toBe("NOT_A_MODEL");
    expect(error.message).toContain("This is not a dynlib model: model file 'm.toml' declares '#!other'");
  });
  it("#! dynlib:0.40 and #! dyn load; an ordinary first comment is ignored", () => {
    expect(specHash(parseModel(`#! dynlib:0.40\n${body}`))).toBe(DECAY_HASH);
    expect(specHash(parseModel(`#! dyn\n${body}`))).toBe(DECAY_HASH);
    expect(specHash(parseModel(`# just a comment\n${body}`))).toBe(DECAY_HASH);
    expect(specHash(parseModel(`#!/usr/bin/env something\n${body}`))).toBe(DECAY_HASH);
  });
});

describe("§8 item 6: references", () => {
  it("builtin://ode/lorenz and …/lorenz.toml load", () => {
    const a = loadModel("builtin://ode/lorenz");
    const b = loadModel("builtin://ode/lorenz.toml");
    expect(a.states).toEqual(["x", "y", "z"]);
    expect(specHash(b)).toBe(specHash(a));
  });
  it("the main entry imports nothing Node-only (browser bundle)", () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from\s+"node:|from\s+"(fs|path|url|os)"|require\(/);
      for (const match of text.matchAll(/from\s+"(\.[^"]+\.ts)"/g))
        visit(join(file, "..", match[1] as string));
    };
    visit(join(packageDir, "src/index.ts"));
    expect(seen.size).toBeGreaterThan(5);
  });
  it("…/lorenzz suggests lorenz", () => {
    const error = thrown(() => loadModel("builtin://ode/lorenzz"));
    expect(error.code).toBe("SOURCE_NOT_FOUND");
    expect(error.message).toContain("did you mean 'builtin://ode/lorenz'?");
    expect(error.suggestions).toContain("builtin://ode/lorenz");
  });
  it("listBuiltins() returns 19 sorted URIs", () => {
    const uris = listBuiltins();
    expect(uris).toHaveLength(19);
    expect([...uris].sort()).toEqual(uris);
    expect(uris[0]).toBe("builtin://map/henon");
    expect(uris).toContain("builtin://ode/vanderpol");
  });
  it("in Node, loadModel reads a path like loadModelFile: missing → Model file not found; .toml optional", () => {
    const error = thrown(() => loadModel("./m.toml"));
    expect(error.code).toBe("SOURCE_NOT_FOUND");
    expect(error.message).toBe("Model file not found: ./m.toml");
    const lorenz = loadModel(join(packageDir, "models/ode/lorenz"));
    expect(specHash(lorenz)).toBe(BUILTIN_HASHES["ode/lorenz"]);
    expect(lorenz).toEqual(loadModelFile(join(packageDir, "models/ode/lorenz.toml")));
    const viaUrl = loadModel(new URL("../models/map/logistic.toml", import.meta.url).href);
    expect(specHash(viaUrl)).toBe(BUILTIN_HASHES["map/logistic"]);
  });
  it("inline: + TOML loads", () => {
    expect(specHash(loadModel(`inline:${DECAY_TOML}`))).toBe(DECAY_HASH);
  });
  it("loadModelFile: a missing path → Model file not found; .toml may be omitted; file URLs work", () => {
    const missing = join(packageDir, "models/ode/nope.toml");
    const error = thrown(() => loadModelFile(missing));
    expect(error.code).toBe("SOURCE_NOT_FOUND");
    expect(error.message).toBe(`Model file not found: ${missing}`);
    const lorenz = loadModelFile(join(packageDir, "models/ode/lorenz"));
    expect(specHash(lorenz)).toBe(BUILTIN_HASHES["ode/lorenz"]);
    const viaUrl = loadModelFile(new URL("../models/map/logistic.toml", import.meta.url));
    expect(specHash(viaUrl)).toBe(BUILTIN_HASHES["map/logistic"]);
  });
});

describe("§8 item 7: the builtin catalogue", () => {
  for (const [key, hash] of Object.entries(BUILTIN_HASHES)) {
    it(`builtin://${key} loads and hashes to its §6 value`, () => {
      expect(specHash(loadModel(`builtin://${key}`))).toBe(hash);
    });
  }
  it("the embedded texts equal the shipped files", () => {
    const files: string[] = [];
    for (const kind of readdirSync(join(packageDir, "models"))) {
      for (const file of readdirSync(join(packageDir, "models", kind))) {
        if (file.endsWith(".toml")) files.push(`${kind}/${file.slice(0, -5)}`);
      }
    }
    expect(files.sort()).toEqual(Object.keys(builtinModelTexts).sort());
    for (const key of files) {
      expect(builtinModelTexts[key], key).toBe(
        readFileSync(join(packageDir, "models", `${key}.toml`), "utf8"),
      );
    }
  });
});
