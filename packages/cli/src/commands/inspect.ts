import { resolve } from "node:path";
import { isDynError } from "@dyn/core";
import { type NdArray, type NpzArchive, openNpz, parsePythonJson } from "@dyn/io-npz";
import { compileModel } from "@dyn/model";
import { Sim, statusName } from "@dyn/session";
import { badInput, usageError } from "../errors.ts";
import { parseArgv } from "../internal/argv.ts";
import { readCheckpoint } from "../internal/snapshots.ts";
import { formatTable } from "../internal/table.ts";
import type { CliIo } from "../io.ts";
import { loadModelArgument } from "../modelSource.ts";
import { short } from "../runSummary.ts";

type Meta = Readonly<Record<string, unknown>>;

function field(meta: Meta, key: string, integer = false): string {
  const value = meta[key];
  if (value === undefined) return "(missing)";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return integer && Number.isInteger(value) ? String(value) : short(value);
  return typeof value === "string"
    ? value
    : JSON.stringify(value, (_k, x) => (typeof x === "bigint" ? Number(x) : x));
}

/**
 * The format pin and the writer (D-9): our files say `writer`; the reference's files have none
 * and pin its own version; dyn files before D-9 pinned `dyn/<version>` there instead.
 */
function writtenBy(meta: Meta, pins: Meta): string {
  const pin = field(pins, "dynlib_version");
  if (meta["writer"] !== undefined) return `format of dynlib ${pin} · written by ${field(meta, "writer")}`;
  return pin.startsWith("dyn/") ? `written by ${pin}` : `written by dynlib ${pin}`;
}

function statusText(status: unknown): string {
  if (typeof status !== "number" && typeof status !== "bigint") return "(missing)";
  const code = Number(status);
  return `${code} (${statusName(code)})`;
}

function readMeta(archive: NpzArchive, path: string): Meta {
  if (!archive.has("meta.json")) throw badInput(`Missing 'meta.json' in snapshot file ${path}`);
  const text = new TextDecoder().decode(archive.get("meta.json").data as Uint8Array);
  let meta: unknown;
  try {
    meta = parsePythonJson(text);
  } catch (error) {
    throw badInput(`Invalid JSON in meta.json of ${path}: ${(error as Error).message}`);
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    throw badInput(`Invalid JSON in meta.json of ${path}: expected an object`);
  }
  return meta as Meta;
}

function namedValues(names: unknown, array: NdArray | null): string {
  if (array === null) return "(missing)";
  const values = Array.from(array.data as ArrayLike<number | bigint>, Number);
  const labels = Array.isArray(names) ? names.map(String) : [];
  return values.map((x, i) => `${labels[i] ?? `[${i}]`}=${short(x)}`).join(", ") || "(none)";
}

/**
 * `dyn inspect <ckpt.npz> [--model <model>]`: print a snapshot file's metadata (schema, name,
 * pins, time, step, state and parameter values, workspace arrays) without running anything; with
 * `--model`, also say whether the file resumes on that model.
 */
export async function inspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv("inspect", args, { values: ["model"] });
  const [file, extra] = parsed.positional;
  if (file === undefined) throw usageError("dyn inspect: missing <checkpoint.npz>");
  if (extra !== undefined) throw usageError(`dyn inspect: unexpected argument '${extra}' (one file only)`);
  const path = resolve(io.cwd, file);
  const bytes = await readCheckpoint(path);
  let archive: NpzArchive;
  try {
    archive = openNpz(bytes);
  } catch (error) {
    throw badInput(`Cannot read snapshot file ${path}: ${(error as Error).message}`);
  }
  const meta = readMeta(archive, path);
  const get = (key: string) => (archive.has(key) ? archive.get(key) : null);
  const pins = (meta.pins ?? {}) as Meta;
  io.stdout.write(
    [
      `file: ${path} (${bytes.length} bytes)`,
      `schema: ${field(meta, "schema")} · snapshot '${field(meta, "name")}' · created ${field(meta, "created_at")}`,
      `description: ${field(meta, "description")}`,
      `time: t=${field(meta, "t_curr")} · step ${field(meta, "step_count", true)} · dt ${field(meta, "dt_curr")} · time shift ${field(meta, "time_shift")} · status ${statusText(meta.status)}`,
      `state: ${namedValues(meta.state_names, get("y"))}`,
      `params: ${namedValues(meta.param_names, get("params"))}`,
      `pins: spec hash ${field(pins, "spec_hash")} · stepper ${field(pins, "stepper_name")} · dtype ${field(pins, "dtype_token")} · ${writtenBy(meta, pins)}`,
      "",
    ].join("\n"),
  );
  const rows = archive.keys
    .filter((k) => k.startsWith("workspace/") || k === "stepper_config")
    .map((k) => {
      const a = archive.get(k);
      return [k, a.dtype, `(${a.shape.join(", ")}${a.shape.length === 1 ? "," : ""})`];
    });
  if (rows.length > 0) io.stdout.write(formatTable(["array", "dtype", "shape"], rows));
  const model = parsed.values.get("model");
  if (model !== undefined) {
    const sim = new Sim(compileModel(await loadModelArgument(model, io)), {
      stepper: String(pins.stepper_name ?? ""),
      onWarning: () => {},
    });
    try {
      sim.importSnapshot(bytes);
      io.stdout.write(`resumes on ${model}: yes\n`);
    } catch (error) {
      if (!isDynError(error)) throw error;
      io.stdout.write(`resumes on ${model}: no — ${error.message}\n`);
      return 1;
    }
  }
  return 0;
}
