/**
 * `compileModel`: a validated {@link ModelSpec} → {@link CompiledModel} (model-dsl.md §4).
 */
import { ModelCompileError, ModelErrorCode } from "../errors.ts";
import { specHash as computeSpecHash } from "../hash.ts";
import type { KernelDtype } from "../ir/context.ts";
import { lowerModel } from "../ir/lowerModel.ts";
import { KERNEL_HELPERS } from "../runtime/kernelHelpers.ts";
import type { ModelSpec } from "../spec.ts";
import { interpretedKernels } from "./interpreter.ts";
import { type KernelName, kernelSources } from "./kernelSources.ts";
import type { CompiledModel, KernelSources, ModelKernels } from "./types.ts";
import {
  advanceLagRings,
  floatArray,
  lagTable,
  makeRuntimeWorkspace,
  runtimeLayoutOf,
  seedLagRings,
} from "./workspace.ts";

/**
 * Options of {@link compileModel}.
 * @category compilation
 * @since 0.1.0
 */
export interface CompileOptions {
  /** Kernel dtype override (keeps the spec hash). Default: the spec's dtype. */
  readonly dtype?: KernelDtype;
  /**
   * `"js"` (default): generated code compiled with `new Function`. `"interpreter"`: closures
   * over the same IR, bit-identical but slower, for Content-Security-Policies without
   * 'unsafe-eval'.
   */
  readonly backend?: "js" | "interpreter";
}

/** `dyn/<name>-<hash12>-<kernel>.js`: a unique script name per model and kernel (performance.md). */
function sourceUrl(spec: ModelSpec, hash: string, kernel: KernelName, dtype: KernelDtype): string {
  const name =
    (spec.name ?? "anon")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "anon";
  const suffix = dtype === "float64" ? "" : "-f32";
  return `dyn/${name}-${hash.slice(0, 12)}${suffix}-${kernel}.js`;
}

/**
 * Compile a factory body with `new Function`, mapping a Content-Security-Policy refusal to
 * `EVAL_BLOCKED`. The trailing `sourceURL` gives every model's kernels their own script, so V8
 * never shares type feedback between models.
 */
function instantiate(source: string, url: string): unknown {
  let factory: (helpers: typeof KERNEL_HELPERS) => unknown;
  try {
    factory = new Function("H", `${source}//# sourceURL=${url}\n`) as typeof factory;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ModelCompileError(
        ModelErrorCode.EXPR_UNSUPPORTED,
        `Generated kernel ${url} nests too deeply for the JavaScript engine; flatten long aux/function chains`,
        error,
      );
    }
    if (error instanceof SyntaxError) {
      throw new ModelCompileError(
        ModelErrorCode.EVAL_BLOCKED,
        `Internal error: generated kernel ${url} does not parse: ${error.message}`,
        error,
      );
    }
    throw new ModelCompileError(
      ModelErrorCode.EVAL_BLOCKED,
      "Cannot compile model kernels: this environment blocks `new Function` (a Content-Security-Policy without " +
        "'unsafe-eval'). Allow 'unsafe-eval' for the page or worker that compiles models, or pass " +
        '{ backend: "interpreter" } to compileModel (bit-identical, slower).',
      error,
    );
  }
  return factory(KERNEL_HELPERS);
}

/**
 * Compile a model into allocation-free kernels over model-dtype typed arrays (§4.1–§4.5).
 *
 * The spec is lowered to the IR (exposed as `ir` for fused-kernel generators), each kernel is
 * generated as JS source and compiled once with `new Function` under a unique `sourceURL`.
 * Kernels never throw on numeric input (M-7) and never allocate.
 *
 * @param spec - a validated spec (from `parseModel`, `loadModel`, …).
 * @param options - `dtype` override: `float64` or `float32` (the hash is unchanged);
 *   `backend: "interpreter"` for environments that forbid `new Function`.
 * @throws {@link ModelCompileError} `UNSUPPORTED_DTYPE` for dtypes other than float64/float32,
 *   `EVAL_BLOCKED` when `new Function` is refused (and the backend is not `"interpreter"`).
 * @example
 * ```ts
 * import { compileModel, loadModel } from "@dyn/model";
 * const model = compileModel(loadModel("builtin://ode/lorenz"));
 * const out = new Float64Array(3);
 * model.kernels.rhs(0, model.initialState(), out, model.initialParams(), model.makeRuntimeWorkspace());
 * out; // Float64Array [0, 26, -1.6666666666666665]
 * ```
 * @category compilation
 * @since 0.1.0
 */
export function compileModel(spec: ModelSpec, options: CompileOptions = {}): CompiledModel {
  const dtype = options.dtype ?? spec.dtype;
  if (dtype !== "float64" && dtype !== "float32") {
    throw new ModelCompileError(
      ModelErrorCode.UNSUPPORTED_DTYPE,
      `Cannot compile dtype '${dtype}': supported dtypes are float32, float64`,
    );
  }
  const hash = computeSpecHash(spec);
  const ir = lowerModel(spec, { dtype });
  const hasStop = ir.stop !== null;
  const sources = kernelSources(ir, hash);
  let kernels: ModelKernels;
  if (options.backend === "interpreter") {
    kernels = interpretedKernels(ir);
  } else {
    const compiled: Partial<Record<KernelName, unknown>> = {};
    for (const [kernel, source] of Object.entries(sources) as [KernelName, string][]) {
      compiled[kernel] = instantiate(source, sourceUrl(spec, hash, kernel, dtype));
    }
    kernels = Object.freeze(compiled) as unknown as ModelKernels;
  }
  const table = lagTable(ir);
  const layout = Object.freeze(
    runtimeLayoutOf(ir, hasStop).map((field) =>
      Object.freeze({ ...field, shape: Object.freeze([...field.shape]) }),
    ),
  );
  const logFields = ir.events.map((event) => Object.freeze(event.log.map((field) => field.name)));
  const exported: KernelSources = Object.freeze({ ...sources });
  const toArray = (values: readonly (number | bigint)[]): ReturnType<CompiledModel["initialState"]> => {
    const array = floatArray(dtype, values.length);
    values.forEach((value, index) => {
      array[index] = Number(value);
    });
    return array;
  };
  return Object.freeze({
    spec,
    specHash: hash,
    dtype,
    ir,
    nState: spec.states.length,
    nParams: spec.params.length,
    nAux: ir.auxNames.length,
    stateNames: ir.stateNames,
    paramNames: ir.paramNames,
    auxNames: ir.auxNames,
    eventNames: Object.freeze(ir.events.map((event) => event.name)),
    eventPhases: Object.freeze(ir.events.map((event) => event.phase)),
    eventAssignsState: Object.freeze(
      ir.events.map((event) => event.actions.some((action) => action.target.kind === "state")),
    ),
    eventLogFields: Object.freeze(logFields),
    maxLogWidth: Math.max(1, ...logFields.map((fields) => fields.length)),
    hasStop,
    lagStateInfo: Object.freeze(
      ir.lagStates.map((lag) =>
        Object.freeze([lag.stateIndex, lag.bufferLen, lag.ringOffset, lag.headIndex] as const),
      ),
    ),
    runtimeLayout: layout,
    makeRuntimeWorkspace: () => makeRuntimeWorkspace(ir, hasStop),
    seedLagRings: (ws, y) => seedLagRings(table, ws, y),
    advanceLagRings: (ws, y) => advanceLagRings(table, ws, y),
    initialState: () => toArray(spec.stateIc),
    initialParams: () => toArray(spec.paramVals),
    kernels,
    backend: options.backend === "interpreter" ? "interpreter" : "js",
    exportSources: () => exported,
  } satisfies CompiledModel);
}
