import type { SessionModel } from "../../src/modelPort.ts";
import { fakeModel } from "./fakeModel.ts";

/** Two-state ODE with aux E = x*x and K = x + y. */
export function withAux(): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 1, y: 0 },
    params: { w: 2 },
    rhs: (_t, s, out, p) => {
      out[0] = s[1]!;
      out[1] = -p[0]! * s[0]!;
    },
    aux: {
      names: ["E", "K"],
      fn: (_t, s, _p, out) => {
        out[0] = s[0]! * s[0]!;
        out[1] = s[0]! + s[1]!;
      },
    },
  });
}

/** Decay with an end-phase event firing on every step that logs t and x (item 6a). */
export function tickEveryStep(): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 1 },
    params: { a: 1 },
    rhs: (_t, y, out, p) => {
      out[0] = -p[0]! * y[0]!;
    },
    events: [
      {
        name: "tick",
        phase: "end",
        cond: () => true,
        log: {
          fields: ["t", "x"],
          fn: (t, y, _p, out) => {
            out[0] = t;
            out[1] = y[0]!;
          },
        },
        tags: ["clock"],
      },
    ],
  });
}

/**
 * Sawtooth: x' = 1; an end event resets x to 0 when x >= 1 and logs t; a start event "spike"
 * (tag "edge") logs t and x when x >= 0.5 and adds 1 to the parameter `count`.
 */
export function sawtooth(): SessionModel {
  return fakeModel({
    kind: "ode",
    states: { x: 0 },
    params: { count: 0 },
    rhs: (_t, _y, out) => {
      out[0] = 1;
    },
    events: [
      {
        name: "spike",
        phase: "start",
        cond: (_t, y) => y[0]! >= 0.5 && y[0]! < 0.5 + 1e-9,
        action: (_t, _y, p) => {
          p[0] = p[0]! + 1;
        },
        log: {
          fields: ["t", "x"],
          fn: (t, y, _p, out) => {
            out[0] = t;
            out[1] = y[0]!;
          },
        },
        tags: ["edge"],
      },
      {
        name: "reset",
        phase: "end",
        cond: (_t, y) => y[0]! >= 1 - 1e-12,
        action: (_t, y) => {
          y[0] = 0;
        },
        log: {
          fields: ["t"],
          fn: (t, _y, _p, out) => {
            out[0] = t;
          },
        },
        tags: ["edge", "reset"],
      },
    ],
  });
}
