import "./style.css";
import { WorkerClient } from "./client.ts";
import { Plot, type PlotLine } from "./plot.ts";
import type { ModelInfo, Reply, SegmentData, SessionStatus } from "./protocol.ts";

/** Okabe–Ito (colour-blind safe) first, then a few more distinct hues. */
const COLORS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#882255",
  "#44AA99",
  "#332288",
  "#999933",
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = {
  model: $<HTMLSelectElement>("model"),
  stepper: $<HTMLSelectElement>("stepper"),
  dt: $<HTMLInputElement>("dt"),
  note: $("model-note"),
  params: $("params"),
  ic: $("ic"),
  horizon: $<HTMLInputElement>("horizon"),
  horizonLabel: $("horizon-label"),
  tag: $<HTMLInputElement>("tag"),
  run: $<HTMLButtonElement>("run"),
  resume: $<HTMLButtonElement>("resume"),
  assign: $<HTMLButtonElement>("assign"),
  progress: $("progress"),
  snapshotName: $<HTMLInputElement>("snapshot-name"),
  takeSnapshot: $<HTMLButtonElement>("take-snapshot"),
  snapshots: $("snapshots"),
  downloadCurrent: $<HTMLButtonElement>("download-current"),
  upload: $<HTMLInputElement>("upload"),
  inspect: $("inspect"),
  variable: $<HTMLSelectElement>("variable"),
  clearPlot: $<HTMLButtonElement>("clear-plot"),
  plot: $("plot"),
  error: $("error"),
  segments: $("segments"),
  status: $("status"),
};

const client = new WorkerClient();
const plot = new Plot(el.plot);
let models: readonly ModelInfo[] = [];
let model: ModelInfo | null = null;
let segments: Array<SegmentData & { color: string }> = [];
let runCount = 0;
let pendingFile: Uint8Array | null = null;

function fmt(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

function setBusy(busy: boolean): void {
  document.body.dataset.busy = String(busy);
  for (const b of document.querySelectorAll<HTMLButtonElement>("button")) b.disabled = busy;
  el.upload.disabled = busy;
}

function showError(message: string | null): void {
  el.error.hidden = message === null;
  el.error.textContent = message ?? "";
}

function setProgress(fraction: number | null): void {
  const box = el.progress.parentElement as HTMLElement;
  box.hidden = fraction === null;
  el.progress.style.width = `${Math.round((fraction ?? 0) * 100)}%`;
}

/** Runs one worker call with the page locked; errors land in the error box. */
async function act(request: Parameters<WorkerClient["call"]>[0]): Promise<Reply | null> {
  setBusy(true);
  showError(null);
  try {
    const reply = await client.call(request, (f) => setProgress(f));
    if (reply.type === "status") applyStatus(reply.status, reply.segment, reply.wallMs);
    return reply;
  } catch (error) {
    showError((error as Error).message);
    return null;
  } finally {
    setProgress(null);
    setBusy(false);
  }
}

function numberField(host: HTMLElement, name: string, value: number, kind: "param" | "state"): void {
  const label = document.createElement("label");
  label.textContent = name;
  const input = document.createElement("input");
  input.type = "number";
  input.step = "any";
  input.value = String(value);
  input.dataset[kind] = name;
  label.append(input);
  host.append(label);
}

function readFields(host: HTMLElement, kind: "param" | "state"): number[] {
  return [...host.querySelectorAll<HTMLInputElement>(`input[data-${kind}]`)].map((input) => {
    const value = Number(input.value);
    if (input.value.trim() === "" || !Number.isFinite(value)) {
      throw new Error(
        `${kind === "param" ? "Parameter" : "Initial value"} '${input.dataset[kind]}' must be a number (got '${input.value}')`,
      );
    }
    return value;
  });
}

function fillModel(m: ModelInfo): void {
  model = m;
  el.stepper.replaceChildren(
    ...m.steppers.map((s) => new Option(s, s, s === m.defaultStepper, s === m.defaultStepper)),
  );
  el.dt.value = String(m.dt);
  el.params.replaceChildren();
  m.params.forEach((p, i) => numberField(el.params, p, m.paramValues[i] as number, "param"));
  el.ic.replaceChildren();
  m.states.forEach((s, i) => numberField(el.ic, s, m.stateIc[i] as number, "state"));
  el.horizonLabel.textContent = m.kind === "map" ? "Iterations N" : "End time T";
  el.horizon.value = m.kind === "map" ? "200" : m.uri.endsWith("izhikevich") ? "200" : "30";
  el.variable.replaceChildren(...m.states.map((s) => new Option(s, s)));
  el.note.textContent = `${m.kind === "map" ? "Discrete map" : "ODE"} · ${m.states.length} states · spec hash ${m.specHash.slice(0, 12)}…`;
}

function applyStatus(status: SessionStatus, segment?: SegmentData, wallMs?: number): void {
  el.status.textContent = `${status.uri} · ${status.stepper} · t = ${fmt(status.t)} · step ${status.step}${wallMs === undefined ? "" : ` · last run ${wallMs.toFixed(0)} ms`}`;
  el.status.dataset.t = String(status.t);
  el.snapshots.replaceChildren(
    ...status.snapshots.map((s) => {
      const row = document.createElement("tr");
      row.dataset.snapshot = s.name;
      row.title = s.description + (s.parent === null ? "" : ` (from ${s.parent})`);
      const name = document.createElement("td");
      name.textContent = s.name;
      const t = document.createElement("td");
      t.textContent = fmt(s.t);
      const actions = document.createElement("td");
      for (const [cls, text, title] of [
        ["reset", "Reset", "Rewind the session to this snapshot"],
        ["branch", "Branch", "Rewind, apply the parameter fields, resume to the horizon"],
        ["download", "⬇ .npz", "Download this snapshot as a NumPy .npz checkpoint"],
      ] as const) {
        const b = document.createElement("button");
        b.className = `small ${cls}`;
        b.textContent = text;
        b.title = title;
        b.addEventListener("click", () => void snapshotAction(cls, s.name));
        actions.append(b);
      }
      row.append(name, t, actions);
      return row;
    }),
  );
  if (segment !== undefined) {
    segments.push({ ...segment, color: COLORS[segments.length % COLORS.length] as string });
    redraw();
  }
}

function redraw(): void {
  const variable = el.variable.value;
  const lines: PlotLine[] = segments
    .filter((s) => s.columns[variable] !== undefined)
    .map((s) => ({ name: s.name, color: s.color, t: s.t, y: s.columns[variable] as Float64Array }));
  plot.show(lines, variable, model?.kind === "map");
  el.segments.replaceChildren(
    ...segments.map((s) => {
      const li = document.createElement("li");
      li.dataset.segment = s.name;
      li.dataset.rows = String(s.t.length);
      li.dataset.t0 = String(s.t[0]);
      li.dataset.t1 = String(s.t[s.t.length - 1]);
      li.dataset.color = s.color;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = s.color;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = s.name;
      const span = document.createElement("span");
      span.textContent = `t ${fmt(s.t[0] as number)} → ${fmt(s.t[s.t.length - 1] as number)} · ${s.t.length} rows`;
      const params = document.createElement("span");
      params.className = "params";
      params.textContent = Object.entries(s.params)
        .map(([k, v]) => `${k}=${fmt(v)}`)
        .join(", ");
      li.append(swatch, name, span, params);
      return li;
    }),
  );
}

function nextTag(fallback: string): string {
  const typed = el.tag.value.trim();
  el.tag.value = "";
  runCount++;
  return typed === "" ? `${fallback} ${runCount}` : typed;
}

function horizon(): number {
  const h = Number(el.horizon.value);
  if (!Number.isFinite(h)) throw new Error(`The horizon must be a number (got '${el.horizon.value}')`);
  return h;
}

async function guarded(body: () => Promise<unknown>): Promise<void> {
  try {
    await body();
  } catch (error) {
    showError((error as Error).message);
  }
}

async function loadSelected(): Promise<void> {
  const m = models.find((x) => x.uri === el.model.value);
  if (m === undefined) return;
  fillModel(m);
  await act({ type: "load", uri: m.uri, stepper: el.stepper.value });
}

async function download(name: string | null): Promise<void> {
  const reply = await act({ type: "export", name });
  if (reply?.type !== "file") return;
  const url = URL.createObjectURL(new Blob([reply.bytes as BlobPart], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = reply.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function snapshotAction(action: "reset" | "branch" | "download", name: string): Promise<void> {
  await guarded(async () => {
    if (action === "download") return download(name);
    if ((await act({ type: "reset", name })) === null || action === "reset") return;
    const values = readFields(el.params, "param");
    const params = Object.fromEntries((model?.params ?? []).map((p, i) => [p, values[i] as number]));
    if ((await act({ type: "assign", params })) === null) return;
    await act({ type: "run", resume: true, horizon: horizon(), tag: nextTag(`branch from ${name}`) });
  });
}

function renderInspect(meta: Readonly<Record<string, unknown>>, match: string | null): void {
  const pins = (meta.pins ?? {}) as Record<string, unknown>;
  const rows: Array<[string, string]> = [
    ["snapshot", String(meta.name)],
    ["created", String(meta.created_at)],
    ["t", fmt(Number(meta.t_curr))],
    ["step", String(meta.step_count)],
    ["stepper", String(pins.stepper_name)],
    // dyn names itself in `writer` (older dyn files pinned "dyn/<version>"); the Python
    // reference writes no `writer` and pins its bare version number.
    [
      "written by",
      typeof meta.writer === "string"
        ? `${meta.writer} (dynlib ${String(pins.dynlib_version)} format)`
        : String(pins.dynlib_version).includes("/")
          ? String(pins.dynlib_version)
          : `dynlib ${String(pins.dynlib_version)}`,
    ],
    ["states", (meta.state_names as string[] | undefined)?.join(", ") ?? "?"],
    ["model", match ?? "no builtin matches its spec hash"],
  ];
  const dl = document.createElement("dl");
  for (const [k, v] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dl.append(dt, dd);
  }
  const button = document.createElement("button");
  button.id = "import";
  button.textContent = "Import & resume to horizon";
  button.disabled = match === null;
  button.addEventListener(
    "click",
    () =>
      void guarded(async () => {
        if (pendingFile === null) return;
        const reply = await act({ type: "import", bytes: pendingFile.slice() });
        if (reply?.type !== "status") return;
        const m = models.find((x) => x.uri === reply.status.uri);
        if (m !== undefined && m !== model) {
          el.model.value = m.uri;
          fillModel(m);
          segments = [];
          redraw();
        }
        el.stepper.value = reply.status.stepper;
        const t = reply.status.t;
        if (!(horizon() > t)) el.horizon.value = fmt(m?.kind === "map" ? reply.status.step + 200 : t + 20);
        await act({
          type: "run",
          resume: true,
          horizon: horizon(),
          tag: nextTag(`resumed ${String(meta.name)}`),
        });
      }),
  );
  el.inspect.replaceChildren(dl, button);
  el.inspect.hidden = false;
}

el.model.addEventListener(
  "change",
  () =>
    void guarded(async () => {
      segments = [];
      redraw();
      await loadSelected();
    }),
);
el.stepper.addEventListener(
  "change",
  () => void guarded(() => act({ type: "load", uri: el.model.value, stepper: el.stepper.value })),
);
el.variable.addEventListener("change", redraw);
el.clearPlot.addEventListener("click", () => {
  segments = [];
  redraw();
});
el.run.addEventListener(
  "click",
  () =>
    void guarded(() =>
      act({
        type: "run",
        resume: false,
        horizon: horizon(),
        dt: Number(el.dt.value),
        ic: readFields(el.ic, "state"),
        params: readFields(el.params, "param"),
        tag: nextTag("run"),
      }),
    ),
);
el.resume.addEventListener(
  "click",
  () => void guarded(() => act({ type: "run", resume: true, horizon: horizon(), tag: nextTag("resume") })),
);
el.assign.addEventListener(
  "click",
  () =>
    void guarded(() => {
      const values = readFields(el.params, "param");
      return act({
        type: "assign",
        params: Object.fromEntries((model?.params ?? []).map((p, i) => [p, values[i] as number])),
      });
    }),
);
el.takeSnapshot.addEventListener(
  "click",
  () =>
    void guarded(async () => {
      const name = el.snapshotName.value.trim() || `snap${document.querySelectorAll("#snapshots tr").length}`;
      const reply = await act({
        type: "snapshot",
        name,
        description: `taken in the demo at t=${el.status.dataset.t ?? "?"}`,
      });
      if (reply !== null) el.snapshotName.value = "";
    }),
);
el.downloadCurrent.addEventListener("click", () => void guarded(() => download(null)));
el.upload.addEventListener(
  "change",
  () =>
    void guarded(async () => {
      const file = el.upload.files?.[0];
      if (file === undefined) return;
      pendingFile = new Uint8Array(await file.arrayBuffer());
      el.upload.value = "";
      const reply = await act({ type: "inspect", bytes: pendingFile.slice() });
      if (reply?.type === "inspected") renderInspect(reply.meta, reply.match);
    }),
);

async function start(): Promise<void> {
  const reply = await client.call({ type: "catalogue" });
  if (reply.type !== "catalogue") throw new Error("unexpected reply to catalogue");
  models = reply.models;
  el.model.replaceChildren(...models.map((m) => new Option(m.label, m.uri)));
  el.model.value = "builtin://ode/lorenz";
  redraw();
  await loadSelected();
}

void start().catch((error: unknown) => {
  showError(`The simulation worker failed to start: ${(error as Error).message}`);
  setBusy(false);
});
