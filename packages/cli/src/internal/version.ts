import { readFileSync } from "node:fs";

/**
 * The version in @dyn/cli's own package.json. Read at call time relative to this module, which
 * sits two levels below the package root both as source (`src/internal/`) and as build output
 * (`dist/internal/`).
 */
export function cliVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
