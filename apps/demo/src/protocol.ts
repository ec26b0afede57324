/** Messages between the page and the simulation worker. */

/** A model as the page shows it: names, defaults, steppers that fit. */
export interface ModelInfo {
  readonly uri: string;
  readonly label: string;
  readonly kind: "ode" | "map";
  readonly specHash: string;
  readonly states: readonly string[];
  readonly stateIc: readonly number[];
  readonly params: readonly string[];
  readonly paramValues: readonly number[];
  readonly steppers: readonly string[];
  readonly defaultStepper: string;
  readonly dt: number;
}

/** One recorded stretch, ready to plot: time and every state column. */
export interface SegmentData {
  readonly name: string;
  readonly resume: boolean;
  readonly t: Float64Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly params: Readonly<Record<string, number>>;
}

/** What the session looks like after a request. */
export interface SessionStatus {
  readonly uri: string;
  readonly stepper: string;
  readonly t: number;
  readonly step: number;
  readonly state: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, number>>;
  readonly snapshots: ReadonlyArray<{
    name: string;
    t: number;
    step: number;
    description: string;
    parent: string | null;
  }>;
}

export type Request =
  | { readonly type: "catalogue" }
  | { readonly type: "load"; readonly uri: string; readonly stepper: string }
  | {
      readonly type: "run";
      readonly resume: boolean;
      readonly horizon: number;
      readonly dt?: number;
      readonly ic?: readonly number[];
      readonly params?: readonly number[];
      readonly tag: string;
    }
  | { readonly type: "assign"; readonly params: Readonly<Record<string, number>> }
  | { readonly type: "snapshot"; readonly name: string; readonly description: string }
  | { readonly type: "reset"; readonly name: string }
  | { readonly type: "export"; readonly name: string | null }
  | { readonly type: "inspect"; readonly bytes: Uint8Array }
  | { readonly type: "import"; readonly bytes: Uint8Array };

export type Reply =
  | { readonly type: "catalogue"; readonly models: readonly ModelInfo[] }
  | {
      readonly type: "status";
      readonly status: SessionStatus;
      readonly segment?: SegmentData;
      readonly wallMs?: number;
    }
  | { readonly type: "file"; readonly bytes: Uint8Array; readonly fileName: string }
  | {
      readonly type: "inspected";
      readonly meta: Readonly<Record<string, unknown>>;
      readonly match: string | null;
    };

/** Envelope: requests carry an id; replies and progress echo it. */
export type ToWorker = { readonly id: number; readonly request: Request };
export type FromWorker =
  | { readonly id: number; readonly kind: "reply"; readonly reply: Reply }
  | { readonly id: number; readonly kind: "error"; readonly message: string }
  | { readonly id: number; readonly kind: "progress"; readonly fraction: number };
