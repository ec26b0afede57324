/**
 * The per-load context: the document name for messages and, for TOML input, the text, so that
 * semantic errors can carry the line and column of the key they are about.
 */
import { type ModelErrorCode, ModelLoadError } from "../errors.ts";
import { locateKey } from "./locate.ts";

export interface LoadContext {
  /** `inline model`, `model file '<path>'`, a builtin URI, or `model object`. */
  readonly source: string;
  /** The normalised TOML text, when the document came from text. */
  readonly text?: string;
}

/** A ModelLoadError at `location`, with line/column when the TOML text locates the key. */
export function loadError(
  context: LoadContext,
  code: ModelErrorCode,
  message: string,
  location: string,
  extra: { readonly suggestions?: readonly string[] } = {},
): ModelLoadError {
  const position =
    context.text === undefined || location === "" ? undefined : locateKey(context.text, location);
  return new ModelLoadError(code, message, {
    location,
    source: context.source,
    ...(position === undefined ? {} : position),
    ...(extra.suggestions === undefined ? {} : { suggestions: extra.suggestions }),
  });
}

/** Adds line/column to an error thrown by code that does not know the text (expression checks). */
export function withPosition(context: LoadContext, error: ModelLoadError): ModelLoadError {
  if (error.line !== undefined || context.text === undefined || error.location === "") return error;
  const position = locateKey(context.text, error.location);
  if (position === undefined) return error;
  const located = new ModelLoadError(
    error.code,
    error.message,
    {
      location: error.location,
      source: error.source || context.source,
      ...position,
      suggestions: error.suggestions,
    },
    error.cause,
  );
  return located;
}
