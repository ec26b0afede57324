/**
 * `[events.NAME]` (model-dsl.md §2.5): the stage-3 read (phase, cond, action, log, tags, the
 * retired `record`, unknown keys M-9) and the later target/tag check.
 */
import { compareCodePoints, pythonStrListRepr, sortedNames } from "@dyn/core";
import { splitActionBlock } from "../blocks.ts";
import { ModelErrorCode } from "../errors.ts";
import type { EventPhase, EventSpec } from "../spec.ts";
import { type LoadContext, loadError } from "./context.ts";
import { type DocTable, isTable, typeWord } from "./document.ts";
import { checkUnknownKeys } from "./unknownKeys.ts";

const EVENT_KEYS = ["phase", "cond", "action", "log", "tags"];
const TAG = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function readPhase(context: LoadContext, label: string, raw: unknown): EventPhase {
  if (raw === undefined) return "end";
  if (raw === "start" || raw === "end" || raw === "both") return raw;
  if (raw === "pre")
    throw loadError(
      context,
      ModelErrorCode.BAD_EVENT,
      `${label}.phase: pre is deprecated. Use start for event phase.`,
      `${label}.phase`,
    );
  if (raw === "post")
    throw loadError(
      context,
      ModelErrorCode.BAD_EVENT,
      `${label}.phase: post is deprecated. Use end for event phase.`,
      `${label}.phase`,
    );
  const got = typeof raw === "string" ? `'${raw}'` : typeWord(raw);
  throw loadError(
    context,
    ModelErrorCode.BAD_EVENT,
    `${label}.phase must be 'start'|'end'|'both', got ${got}`,
    `${label}.phase`,
  );
}

function readStringList(context: LoadContext, label: string, key: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === "string")) {
    throw loadError(
      context,
      ModelErrorCode.BAD_EVENT,
      `${label}.${key} must be a list of strings if present`,
      `${label}.${key}`,
    );
  }
  return [...(raw as string[])];
}

function readKeyedAction(
  context: LoadContext,
  label: string,
  entries: [string, unknown][],
): Record<string, string> | null {
  const keyed = Object.create(null) as Record<string, string>;
  for (const [target, expr] of entries) {
    if (typeof expr !== "string") {
      throw loadError(
        context,
        ModelErrorCode.BAD_EVENT,
        `${label}.action.${target} must be a string expression, got ${typeWord(expr)}`,
        `${label}.action.${target}`,
      );
    }
    keyed[target] = expr;
  }
  return entries.length === 0 ? null : keyed;
}

/** Reads the events in declaration order (tags are checked later). */
export function readEvents(context: LoadContext, table: DocTable): EventSpec[] {
  const events: EventSpec[] = [];
  for (const [name, body] of Object.entries(table)) {
    const label = `[events.${name}]`;
    if (!isTable(body))
      throw loadError(
        context,
        ModelErrorCode.TABLE_SHAPE,
        `${label} must be a table, got ${typeWord(body)}`,
        label,
      );
    const phase = readPhase(context, label, body.phase);
    const cond = body.cond;
    if (typeof cond !== "string" || cond.trim() === "") {
      const got =
        typeof cond === "string"
          ? "a blank string (M-12: an empty condition is not allowed)"
          : cond === undefined
            ? "nothing"
            : typeWord(cond);
      throw loadError(
        context,
        ModelErrorCode.BAD_EVENT,
        `${label}.cond must be a string expression, got ${got}`,
        `${label}.cond`,
      );
    }
    let actionKeyed: Record<string, string> | null = null;
    let actionBlock: string | null = null;
    const action = body.action;
    const hasAction = "action" in body;
    if (hasAction) {
      if (typeof action === "string") actionBlock = action;
      else if (isTable(action)) actionKeyed = readKeyedAction(context, label, Object.entries(action));
      else {
        throw loadError(
          context,
          ModelErrorCode.BAD_EVENT,
          `${label}.action must be a string (statement block) or a table (action.x = "…"), got ${typeWord(action)}`,
          `${label}.action`,
        );
      }
    } else {
      const flat = Object.entries(body).filter(([key]) => key.startsWith("action."));
      actionKeyed = readKeyedAction(
        context,
        label,
        flat.map(([key, value]) => [key.slice(7), value]),
      );
    }
    if ("record" in body) {
      throw loadError(
        context,
        ModelErrorCode.BAD_EVENT,
        `${label}.record is no longer supported. Use log=['t'] to record event occurrence times, or log=['t', 'x', ...] to log time and values.`,
        `${label}.record`,
      );
    }
    const log = readStringList(context, label, "log", body.log);
    const tags = readStringList(context, label, "tags", body.tags);
    checkUnknownKeys(context, body, label, EVENT_KEYS, (key) => !hasAction && key.startsWith("action."));
    events.push({ name, phase, cond, actionKeyed, actionBlock, log, tags });
  }
  return events;
}

/** Action targets must be states/params; tags must be valid. Returns events with sorted unique tags. */
export function checkEventTargetsAndTags(
  context: LoadContext,
  events: readonly EventSpec[],
  states: readonly string[],
  params: readonly string[],
): EventSpec[] {
  const mutable = new Set([...states, ...params]);
  return events.map((event) => {
    const label = `[events.${event.name}]`;
    const targets =
      event.actionKeyed !== null
        ? Object.keys(event.actionKeyed)
        : event.actionBlock !== null
          ? splitActionBlock(event.actionBlock, `${label}.action`, context.source).map(
              (statement) => statement.target,
            )
          : [];
    const illegal = sortedNames(new Set(targets.filter((target) => !mutable.has(target))));
    if (illegal.length > 0) {
      throw loadError(
        context,
        ModelErrorCode.BAD_EVENT,
        `${label} may mutate only states/params; illegal: ${pythonStrListRepr(illegal)}`,
        `${label}.action`,
      );
    }
    for (const tag of event.tags) {
      if (!TAG.test(tag)) {
        throw loadError(
          context,
          ModelErrorCode.BAD_EVENT,
          `${label} tag '${tag}' is invalid. Tags must start with a letter or underscore and contain only letters, digits, underscores, and hyphens.`,
          `${label}.tags`,
        );
      }
    }
    return { ...event, tags: [...new Set(event.tags)].sort(compareCodePoints) };
  });
}
