/**
 * Loads dyn's packages for the benchmarks without making a missing piece fatal: a workload whose
 * dyn path cannot run reports the reason as a gap instead of failing the whole suite.
 */
import type * as ModelApi from "@dyn/model";
import type * as SessionApi from "@dyn/session";
import type * as SteppersApi from "@dyn/steppers";

export type SessionModule = typeof SessionApi;
export type ModelModule = typeof ModelApi;
export type SteppersModule = typeof SteppersApi;
export type Sim = SessionApi.Sim;
export type Stepper = SteppersApi.Stepper;
export type RhsFn = SteppersApi.RhsFn;

export interface Dyn {
  readonly session: SessionModule;
  readonly model: ModelModule;
  readonly steppers: SteppersModule;
}

function reasonOf(error: unknown): string {
  const text =
    error instanceof Error
      ? error.name === "Error"
        ? error.message
        : `${error.name}: ${error.message}`
      : String(error);
  return text.split("\n")[0] ?? text;
}

let steppersCache: Promise<SteppersModule> | undefined;
let dynCache: Promise<Dyn | string> | undefined;

/**
 * Throws unless workspace packages resolve to their TypeScript sources (the `@dyn/source`
 * condition that `pnpm bench` passes, also to its worker threads): a stale `dist/` build would
 * otherwise be measured silently.
 */
export function assertSourceResolution(): void {
  for (const name of ["@dyn/session", "@dyn/steppers", "@dyn/model"]) {
    const url = import.meta.resolve(name);
    if (!url.endsWith("/src/index.ts")) {
      throw new Error(
        `${name} resolves to ${url}, not to its sources: run through \`pnpm bench\` (tsx --conditions=@dyn/source)`,
      );
    }
  }
}

/** @dyn/steppers alone (the hand-written loops are cross-checked against its plain `step`). */
export function loadSteppers(): Promise<SteppersModule> {
  assertSourceResolution();
  steppersCache ??= import("@dyn/steppers");
  return steppersCache;
}

/**
 * The session, model and steppers packages, checked by one short Lorenz RK4 run through
 * `setup(...).run(...)`; a string is the reason they cannot run a simulation yet.
 */
export function loadDyn(): Promise<Dyn | string> {
  dynCache ??= (async () => {
    try {
      const [session, model, steppers] = await Promise.all([
        import("@dyn/session"),
        import("@dyn/model"),
        loadSteppers(),
      ]);
      const sim = session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
      sim.run({ T: 0.1, dt: 0.01, record: false });
      return { session, model, steppers };
    } catch (error) {
      return `@dyn/session cannot run Lorenz RK4 yet (${reasonOf(error)})`;
    }
  })();
  return dynCache;
}

/** A function of @dyn/model that may not be exported yet (the compiler exports come last). */
export async function modelExport<T>(name: string): Promise<T | string> {
  try {
    const model = (await import("@dyn/model")) as unknown as Record<string, unknown>;
    const value = model[name];
    return value === undefined ? `@dyn/model does not export ${name} yet` : (value as T);
  } catch (error) {
    return `@dyn/model cannot be loaded (${reasonOf(error)})`;
  }
}

export { reasonOf };
