#!/usr/bin/env python3
"""Writes snapshot files in the exact layout of the Python reference dynlib 0.40.3.

Run with a Python that has NumPy (Debian: python3-numpy):

    /usr/bin/python3 packages/session/scripts/gen-python-snapshots.py

It integrates the builtin Lorenz model (x=y=z=1, sigma=10, rho=28, beta=8/3, dt=0.01) for 100
steps with plain Python floats in the reference's arithmetic order (session-semantics Appendix A),
accumulating t as the reference does, then stores the session the way dynlib's
`Sim.export_snapshot` does: `np.savez_compressed` (DEFLATE, ZIP64 extra fields in every local
header) with `meta.json` as a uint8 array of `json.dumps(meta, indent=2)`, `y`, `params`,
`workspace/stepper/<field>` arrays (zero-size fields skipped) and `stepper_config` if non-empty.
The reference pins the stepper name as the user spelled it, so the ab3 file uses an alias.
"""
import json
import os
import zlib

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures")
SPEC_HASH = "a0376c4d5fd4fbd77943fa66506bca7f3ceb0c2b86655ac8e5c6031efc547ffd"  # builtin lorenz
SIGMA, RHO, BETA = 10.0, 28.0, 8.0 / 3.0
DT = 0.01
N = 3
RUNTIME = [("lag_ring", (0,), 12), ("lag_head", (0,), 5), ("lag_info", (0, 3), 5),
           ("aux_values", (0,), 12), ("stop_flag", (0,), 5), ("stop_phase_mask", (0,), 5)]


def f(y):
    x, yy, z = y
    return [SIGMA * (yy - x), x * (RHO - z) - yy, x * yy - BETA * z]


def rk4(y, n):
    m = 0.5 * DT
    c = DT / 6
    for _ in range(n):
        k1 = f(y)
        k2 = f([y[i] + m * k1[i] for i in range(N)])
        k3 = f([y[i] + m * k2[i] for i in range(N)])
        s = [y[i] + DT * k3[i] for i in range(N)]
        k4 = f(s)
        y = [y[i] + c * (((k1[i] + 2 * k2[i]) + 2 * k3[i]) + k4[i]) for i in range(N)]
    ws = {"y_stage": s, "k1": k1, "k2": k2, "k3": k3, "k4": k4}
    return y, ws


def ab3(y, n):
    f_nm2 = [0.0] * N
    f_nm1 = [0.0] * N
    f_n = [0.0] * N
    f_next = [0.0] * N
    y_stage = [0.0] * N
    c23, c16, c5 = 23 / 12, 16 / 12, 5 / 12
    for k in range(n):
        if k == 0:
            p = f(y)
            y_stage = [y[i] + DT * p[i] for i in range(N)]
            q = f(y_stage)
            y = [y[i] + (0.5 * DT) * (p[i] + q[i]) for i in range(N)]
            f_nm1 = p
            f_n = f(y)
        else:
            if k == 1:
                y = [y[i] + DT * (1.5 * f_n[i] - 0.5 * f_nm1[i]) for i in range(N)]
            else:
                y = [y[i] + DT * ((c23 * f_n[i] - c16 * f_nm1[i]) + c5 * f_nm2[i]) for i in range(N)]
            f_next = f(y)
            f_nm2, f_nm1, f_n = f_nm1, f_n, f_next
    ws = {"f_nm2": f_nm2, "f_nm1": f_nm1, "f_n": f_n, "f_next": f_next, "y_stage": y_stage,
          "step_index": np.array([n], dtype=np.int64)}
    return y, ws


def sig(stepper_fields):
    out = []
    for name, shape, num in stepper_fields + RUNTIME:
        out += [zlib.crc32(name.encode("utf-8")) & 0xFFFFFFFF, len(shape), *shape, num]
    return out


def write(fname, stepper_name, fields, ws, y, steps, cfg_names, cfg_values):
    t = 0.0
    for _ in range(steps):
        t += DT  # the reference's running sum
    meta = {
        "schema": "dynlib-snapshot-v1",
        "created_at": "2026-11-28T14:43:16.677648+00:00",
        "name": "current",
        "description": "Current session state",
        "pins": {
            "spec_hash": SPEC_HASH,
            "stepper_name": stepper_name,
            "workspace_sig": sig(fields),
            "dtype_token": "float64",
            "dynlib_version": "0.40.3",
        },
        "n_state": 3,
        "n_params": 3,
        "state_names": ["x", "y", "z"],
        "param_names": ["sigma", "rho", "beta"],
        "t_curr": t,
        "dt_curr": DT,
        "step_count": steps,
        "status": 9,
        "time_shift": 0.0,
        "nominal_dt": DT,
        "stepper_config_names": cfg_names,
        "stepper_config_values": cfg_values,
    }
    arrays = {
        "meta.json": np.frombuffer(json.dumps(meta, indent=2).encode("utf-8"), dtype=np.uint8),
        "y": np.array(y, dtype=np.float64),
        "params": np.array([SIGMA, RHO, BETA], dtype=np.float64),
    }
    for name, shape, _ in fields:
        a = np.asarray(ws.get(name, np.zeros(shape)), dtype=np.int64 if name == "step_index" else np.float64)
        a = a.reshape(shape)
        if a.size > 0:
            arrays["workspace/stepper/" + name] = a
    if cfg_values:
        arrays["stepper_config"] = np.array(cfg_values, dtype=np.float64)
    np.savez_compressed(os.path.join(OUT, fname), **arrays)


V3 = (3,)
RK4_FIELDS = [(n, V3, 12) for n in ["y_stage", "k1", "k2", "k3", "k4", "v_stage", "kv1", "kv2", "kv3", "kv4"]]
AB3_FIELDS = [(n, V3, 12) for n in ["f_nm2", "f_nm1", "f_n", "f_next", "y_stage"]] + [("step_index", (1,), 7)]
RK45_FIELDS = [(n, V3, 12) for n in ["y_stage", "k1", "k2", "k3", "k4", "k5", "k6", "k7"]]
RK45_CFG = ["atol", "rtol", "safety", "min_factor", "max_factor", "max_tries", "min_step", "dt_max"]

os.makedirs(OUT, exist_ok=True)
y_rk4, ws_rk4 = rk4([1.0, 1.0, 1.0], 100)
write("python-lorenz-rk4.npz", "rk4", RK4_FIELDS, ws_rk4, y_rk4, 100, [], [])
y_ab3, ws_ab3 = ab3([1.0, 1.0, 1.0], 100)
write("python-lorenz-ab3.npz", "adams_bashforth_3", AB3_FIELDS, ws_ab3, y_ab3, 100, [], [])
# rk45: the rk4 state as a starting point; its config holds dt_max = inf ("Infinity" in meta.json).
write("python-lorenz-rk45.npz", "dopri5", RK45_FIELDS, {}, y_rk4, 100, RK45_CFG,
      [1e-8, 1e-5, 0.9, 0.2, 5.0, 10.0, 1e-12, float("inf")])
print("wrote", sorted(p for p in os.listdir(OUT) if p.startswith("python-")))
