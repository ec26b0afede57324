import { type CompiledModel, compileModel, listBuiltins, loadModel, specHash } from "@dyn/model";
import { type RunOptions, Sim } from "@dyn/session";
import { getStepper, listSteppers } from "@dyn/steppers";
import type { ModelInfo, Reply, Request, SegmentData, SessionStatus } from "./protocol.ts";

/** The models offered first, in this order; the rest of the catalogue follows. */
const FEATURED = [
  "builtin://ode/lorenz",
  "builtin://ode/izhikevich",
  "builtin://ode/vanderpol",
  "builtin://map/logistic",
];

function titleFor(uri: string, name: string | null | undefined): string {
  const tail = uri.slice(uri.lastIndexOf("/") + 1);
  return name ? `${name} (${tail})` : tail.charAt(0).toUpperCase() + tail.slice(1);
}

/**
 * The simulation side of the demo, free of any DOM or worker API so it runs in a Web Worker and
 * in Node alike: one live `Sim`, driven by {@link Request}s.
 */
export class Engine {
  #sim: Sim | null = null;
  #uri = "";
  readonly #compiled = new Map<string, CompiledModel>();
  #catalogue: ModelInfo[] | null = null;

  catalogue(): ModelInfo[] {
    if (this.#catalogue !== null) return this.#catalogue;
    const uris = [...FEATURED, ...listBuiltins().filter((u) => !FEATURED.includes(u))];
    this.#catalogue = uris.map((uri) => {
      const spec = loadModel(uri);
      return {
        uri,
        label: titleFor(uri, spec.name),
        kind: spec.kind,
        specHash: specHash(spec),
        states: [...spec.states],
        stateIc: spec.stateIc.map(Number),
        params: [...spec.params],
        paramValues: spec.paramVals.map(Number),
        steppers: listSteppers({ kind: spec.kind }),
        defaultStepper: getStepper(spec.sim.stepper).meta.name,
        dt: Number(spec.sim.dt),
      };
    });
    return this.#catalogue;
  }

  handle(request: Request, progress: (fraction: number) => void): Reply {
    switch (request.type) {
      case "catalogue":
        return { type: "catalogue", models: this.catalogue() };
      case "load":
        this.#load(request.uri, request.stepper);
        return this.#status();
      case "run":
        return this.#run(request, progress);
      case "assign":
        this.#live().assign(request.params);
        return this.#status();
      case "snapshot":
        this.#live().createSnapshot(request.name, request.description);
        return this.#status();
      case "reset":
        this.#live().reset(request.name);
        return this.#status();
      case "export": {
        const sim = this.#live();
        const bytes =
          request.name === null
            ? sim.exportSnapshot()
            : sim.exportSnapshot({ source: "snapshot", name: request.name });
        const base = this.#uri.slice(this.#uri.lastIndexOf("/") + 1);
        return { type: "file", bytes, fileName: `${base}-${request.name ?? "current"}.npz` };
      }
      case "inspect": {
        const meta = this.#live().inspectSnapshot(request.bytes);
        return { type: "inspected", meta, match: this.#modelFor(meta)?.uri ?? null };
      }
      case "import": {
        const meta = this.#live().inspectSnapshot(request.bytes);
        const model = this.#modelFor(meta);
        if (model === null) {
          throw new Error(
            `No builtin model has the spec hash ${String((meta.pins as { spec_hash?: unknown } | undefined)?.spec_hash)} of this file; the demo resumes checkpoints of builtin models only`,
          );
        }
        const stepper = String((meta.pins as { stepper_name?: unknown }).stepper_name);
        // Same model and stepper: import into the live session (its snapshots stay). Otherwise build
        // the pinned model and stepper first, so a failing import leaves the live session alone.
        const live = this.#sim;
        const sim =
          live !== null && model.uri === this.#uri && live.stepperName === stepper
            ? live
            : this.#newSim(model.uri, stepper);
        sim.importSnapshot(request.bytes);
        this.#sim = sim;
        this.#uri = model.uri;
        return this.#status();
      }
    }
  }

  #modelFor(meta: Readonly<Record<string, unknown>>): ModelInfo | null {
    const hash = (meta.pins as { spec_hash?: unknown } | undefined)?.spec_hash;
    return this.catalogue().find((m) => m.specHash === hash) ?? null;
  }

  #newSim(uri: string, stepper: string): Sim {
    let compiled = this.#compiled.get(uri);
    if (compiled === undefined) {
      compiled = compileModel(loadModel(uri));
      this.#compiled.set(uri, compiled);
    }
    return new Sim(compiled, { stepper, onWarning: () => {} });
  }

  #load(uri: string, stepper: string): void {
    this.#sim = this.#newSim(uri, stepper);
    this.#uri = uri;
  }

  #live(): Sim {
    if (this.#sim === null) throw new Error("No model loaded yet: pick a model first");
    return this.#sim;
  }

  #rows(sim: Sim): number {
    try {
      return sim.results().length;
    } catch {
      return 0;
    }
  }

  #run(request: Extract<Request, { type: "run" }>, progress: (fraction: number) => void): Reply {
    const sim = this.#live();
    const isMap = sim.model.spec.kind === "map";
    const before = request.resume ? this.#rows(sim) : 0;
    const horizon = (x: number): RunOptions => (isMap ? { N: Math.round(x) } : { T: x });
    const first: RunOptions = request.resume
      ? { resume: true, tag: request.tag }
      : {
          tag: request.tag,
          ...(request.dt === undefined ? {} : { dt: request.dt }),
          ...(request.ic === undefined ? {} : { ic: request.ic }),
          ...(request.params === undefined ? {} : { params: request.params }),
        };
    const started = performance.now();
    progress(0);
    sim.run({ ...first, ...horizon(request.horizon), onProgress: (p) => progress(p.fraction) });
    const wallMs = performance.now() - started;
    progress(1);
    return {
      type: "status",
      status: this.#statusOf(sim),
      segment: this.#segment(sim, before, request),
      wallMs,
    };
  }

  #segment(sim: Sim, before: number, request: Extract<Request, { type: "run" }>): SegmentData {
    const res = sim.results();
    // A resumed stretch starts at the previous stretch's last row, so its line joins on.
    const start = Math.max(0, before - 1);
    const columns: Record<string, Float64Array> = {};
    for (const name of res.stateNames) columns[name] = (res.get(name) as Float64Array).slice(start);
    return {
      name: request.tag,
      resume: request.resume,
      t: res.t.slice(start),
      columns,
      params: sim.paramDict(),
    };
  }

  #status(): Reply {
    return { type: "status", status: this.#statusOf(this.#live()) };
  }

  #statusOf(sim: Sim): SessionStatus {
    const summary = sim.sessionStateSummary();
    return {
      uri: this.#uri,
      stepper: sim.stepperName,
      t: summary.t,
      step: summary.step,
      state: sim.stateDict(),
      params: sim.paramDict(),
      snapshots: sim.listSnapshots().map((s) => ({
        name: s.name,
        t: s.t,
        step: s.step,
        description: s.description,
        parent: s.parent,
      })),
    };
  }
}
