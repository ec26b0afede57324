import { type DynError, didYouMean } from "@dyn/core";
import { SESSION_ERROR_CODES } from "@dyn/session";

/**
 * Session errors whose messages follow the Python reference (`resume=True`, dict and list reprs,
 * `reset()`), restated in the command line's terms; every other error keeps its message.
 * The session's structured `details` carry everything needed, so nothing is parsed from text.
 */
export function cliMessage(error: DynError): string {
  const details = error.details as Readonly<Record<string, unknown>> | undefined;
  if (details === undefined) return error.message;
  if (error.code === SESSION_ERROR_CODES.SNAPSHOT_INCOMPATIBLE && isRecord(details["diff"])) {
    return incompatible(details["diff"]) ?? error.message;
  }
  if (
    error.code === SESSION_ERROR_CODES.UNKNOWN_NAME &&
    typeof details["name"] === "string" &&
    isStringList(details["stateNames"]) &&
    isStringList(details["auxNames"])
  ) {
    return unknownRecorded(details["name"], details["stateNames"], details["auxNames"]);
  }
  if (typeof details["target"] === "number" && typeof details["current"] === "number") {
    const map = error.message.includes("from N");
    const target = map
      ? `--N ends at t=${plain(details["target"])}, which`
      : `--T ${plain(details["target"])}`;
    return `${target} must lie beyond the checkpoint's time t=${plain(details["current"])} (--T is the absolute end time)`;
  }
  return error.message;
}

const PIN_LABELS: Readonly<Record<string, string>> = {
  spec_hash: "spec hash",
  stepper_name: "stepper",
  workspace_sig: "workspace layout",
  dtype_token: "dtype",
};

/** `diff` maps a pin to [this session's value, the file's value]. */
function incompatible(diff: Readonly<Record<string, unknown>>): string | null {
  const parts: string[] = [];
  for (const [key, pair] of Object.entries(diff)) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const label = PIN_LABELS[key] ?? key;
    const [here, file] = pair as [unknown, unknown];
    if (typeof here === "string" && typeof file === "string") {
      parts.push(`${label} is '${file}' in the file, '${here}' here`);
    } else parts.push(`${label} differs`);
  }
  const hint = "Resume with the model and --stepper the checkpoint was written with";
  return `the checkpoint does not fit this run: ${parts.join("; ")}. ${hint}`;
}

function unknownRecorded(name: string, states: readonly string[], aux: readonly string[]): string {
  const hint = didYouMean(name, [...states, ...aux]);
  const suggestion = hint === undefined ? "" : ` (did you mean '${hint}'?)`;
  const list = (names: readonly string[]) => (names.length === 0 ? "(none)" : names.join(", "));
  return `--record: unknown variable '${name}'${suggestion}; states: ${list(states)}; aux variables: ${list(aux)}`;
}

function plain(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
