/**
 * Snapshot export + import of a Lorenz RK4 session (after 1000 steps): `exportSnapshot()` to
 * bytes (the .npz of session-semantics §8) and `importSnapshot(bytes)` into a second session of
 * the same model. Bound (performance.md): export + import < 5 ms together. Checked in prepare: the
 * imported session's state, time and step count equal the exporter's bit for bit.
 */
import { assertBitIdentical, assertSame } from "./check.ts";
import { loadDyn, reasonOf, type Sim } from "./dyn.ts";
import type { Workload } from "./harness.ts";

const BOTH = "dyn exportSnapshot + importSnapshot";
const EXPORT = "dyn exportSnapshot";
const IMPORT = "dyn importSnapshot";

/** The snapshot methods of session-semantics §8.2, which arrive with the snapshot-file issue. */
interface SnapshotMethods {
  exportSnapshot(target?: undefined): Uint8Array;
  importSnapshot(source: Uint8Array): void;
}

function snapshotMethods(sim: Sim): SnapshotMethods | string {
  const s = sim as unknown as Partial<SnapshotMethods>;
  if (typeof s.exportSnapshot !== "function" || typeof s.importSnapshot !== "function") {
    return "Sim has no exportSnapshot/importSnapshot yet (session-semantics §8.2; the snapshot-file issue)";
  }
  return s as SnapshotMethods;
}

export async function workloads(quick: boolean): Promise<Workload[]> {
  const dyn = await loadDyn();
  let source: (Sim & SnapshotMethods) | undefined;
  let target: (Sim & SnapshotMethods) | undefined;
  let bytes: Uint8Array = new Uint8Array(0);
  let reason = typeof dyn === "string" ? dyn : undefined;
  if (typeof dyn !== "string") {
    try {
      const a = dyn.session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
      const b = dyn.session.setup("builtin://ode/lorenz", { stepper: "rk4", onWarning: () => {} });
      a.run({ T: 10, dt: 0.01, record: false });
      const methods = snapshotMethods(a);
      if (typeof methods === "string") reason = methods;
      else {
        source = a as Sim & SnapshotMethods;
        target = b as Sim & SnapshotMethods;
      }
    } catch (error) {
      reason = reasonOf(error);
    }
  }
  const gap = reason === undefined ? {} : { unavailable: reason };
  const exportIt = () => {
    bytes = (source as Sim & SnapshotMethods).exportSnapshot();
    return bytes;
  };
  const importIt = () => {
    (target as Sim & SnapshotMethods).importSnapshot(bytes);
    return target;
  };
  return [
    {
      id: "snapshot",
      title: "snapshot export + import, Lorenz RK4 session (bytes, no file system)",
      unit: "ms",
      // Milliseconds per round: more rounds cost little and steady the median.
      rounds: quick ? 21 : 61,
      prepare: (context) => {
        if (source === undefined || target === undefined) return;
        try {
          for (let i = 0; i < 5; i++) {
            exportIt();
            importIt();
          }
        } catch (error) {
          for (const label of [BOTH, EXPORT, IMPORT]) context.unavailable(label, reasonOf(error));
          return;
        }
        assertBitIdentical(
          "snapshot: imported state",
          Array.from(target.stateVector()),
          Array.from(source.stateVector()),
        );
        const a = source.sessionStateSummary();
        const b = target.sessionStateSummary();
        assertSame("snapshot: imported t", b.t, a.t);
        assertSame("snapshot: imported step count", b.step, a.step);
      },
      cases: [
        {
          label: BOTH,
          run: () => {
            exportIt();
            return importIt();
          },
          ...gap,
        },
        { label: EXPORT, run: exportIt, ...gap },
        { label: IMPORT, run: importIt, ...gap },
      ],
      ratios: [],
      bounds: { [BOTH]: 5 },
      notes: () => (bytes.length > 0 ? [`snapshot file size: ${bytes.length} bytes`] : []),
    },
  ];
}
