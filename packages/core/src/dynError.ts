const BRAND = "~dyn/DynError" as const;

/** Options accepted by {@link DynError}. */
export interface DynErrorOptions<Code extends string = string> {
  /** Stable machine-readable code from the throwing package's code table. */
  readonly code: Code;
  /** Human-readable message: what is wrong, where, and how to fix it. */
  readonly message: string;
  /** Structured facts about the failure (names, offsets, expected/actual values). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

/**
 * The one base error class of dyn. Every package throws `DynError` (or a subclass) with a `code`
 * from its own `as const` code table, so callers can branch on codes instead of messages.
 *
 * **Gotchas:** use {@link isDynError} rather than `instanceof`: two installed copies of
 * `@dyn/core` would defeat `instanceof`, the brand survives.
 *
 * @example
 * ```ts
 * import { DynError, isDynError } from "@dyn/core";
 * try {
 *   throw new DynError({ code: "DEMO", message: "demo: something is off" });
 * } catch (err) {
 *   if (isDynError(err)) console.log(err.code); // "DEMO"
 * }
 * ```
 * @category errors
 * @since 0.1.0
 */
export class DynError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [BRAND] = true;

  constructor(options: DynErrorOptions<Code>) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DynError";
    this.code = options.code;
    this.details = options.details ?? {};
  }
}

/**
 * True when `value` is a {@link DynError} from any copy of `@dyn/core` (checks the brand).
 * @category guards
 * @since 0.1.0
 */
export function isDynError(value: unknown): value is DynError {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[BRAND] === true;
}

/**
 * Turns anything thrown into a {@link DynError}: a DynError is returned as it is, anything else
 * is wrapped with code `INTERNAL` and kept as `cause`.
 * @category errors
 * @since 0.1.0
 */
export function toDynError(value: unknown): DynError {
  if (isDynError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new DynError({ code: "INTERNAL", message, cause: value });
}
