import { recordSource } from "../fused/sourceRegistry.ts";
import { interpretedRunLoop } from "./interpretedLoop.ts";
import { type LoopOptions, loopOptionsKey, loopSource } from "./loopSource.ts";
import type { RunFrame } from "./runFrame.ts";

/** A compiled runner loop: runs a frame until done, failed, or a buffer needs growing. */
export type RunLoop = (frame: RunFrame) => number;

const loopsByOwner = new WeakMap<object, Map<string, RunLoop>>();
const ownerIds = new WeakMap<object, number>();
let nextOwnerId = 1;

/** A process-unique number per owner object (a compiled model), used in sourceURLs. */
export function ownerId(owner: object): number {
  let id = ownerIds.get(owner);
  if (id === undefined) {
    id = nextOwnerId++;
    ownerIds.set(owner, id);
  }
  return id;
}

let codeGeneration: boolean | undefined;

/**
 * Whether this environment compiles generated code, probed once: a Content-Security-Policy
 * without 'unsafe-eval' makes `new Function` throw an `EvalError`.
 */
function codeGenerationAvailable(): boolean {
  if (codeGeneration === undefined) {
    try {
      new Function("return 0");
      codeGeneration = true;
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      codeGeneration = false;
    }
  }
  return codeGeneration;
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/**
 * The runner loop for one (model, stepper, option set), compiled once and cached on the model
 * object.
 *
 * **Why a unique source per pair:** V8 shares type feedback between functions compiled from
 * identical source text, so a shared loop would see every model's `rhs` and every stepper's
 * `step` at one call site and go megamorphic (performance.md). The `sourceURL` comment names the
 * model object, its spec hash and the stepper, which makes each pair's text unique.
 *
 * Without code generation — a model compiled with `backend: "interpreter"`, or a page whose CSP
 * forbids `new Function` — the loop is `interpretedRunLoop`, the same loop as ordinary code.
 */
export function getRunLoop(
  model: { readonly backend?: string },
  specHash: string,
  stepperName: string,
  stepperKey: object,
  options: LoopOptions,
): RunLoop {
  let byKey = loopsByOwner.get(model);
  if (byKey === undefined) {
    byKey = new Map();
    loopsByOwner.set(model, byKey);
  }
  const key = `${stepperName}#${ownerId(stepperKey)}|${loopOptionsKey(options)}`;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  if (model.backend === "interpreter" || !codeGenerationAvailable()) {
    const loop = interpretedRunLoop(options);
    byKey.set(key, loop);
    return loop;
  }
  const url = `dyn/run-${ownerId(model)}-${sanitize(specHash.slice(0, 12))}-${sanitize(stepperName)}-${loopOptionsKey(options)}.js`;
  const source = loopSource(options);
  const factory = new Function(`${source}\n//# sourceURL=${url}`) as () => RunLoop;
  recordSource(model, url, source);
  const loop = factory();
  byKey.set(key, loop);
  return loop;
}
