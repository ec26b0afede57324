"""Generate bdf2-lorenz.json: bdf2 states for Lorenz computed in the reference's operation order.

dynlib itself is not installable here, so this script is an independent transcription of the
arithmetic its `bdf2` (bdf2_jit) stepper performs, written from its published source: the
predictor, the residual grouping ((y - (4/3)*y_n) + (1/3)*y_nm1) - ((2/3)*dt)*f, the
forward-difference Jacobian, Gaussian elimination with partial pivoting and the scaled
convergence test. CPython floats are IEEE doubles without fused multiply-add, as the
reference's compiled code is. Run with python3 (no third-party modules); the test only reads
the JSON. Floats are stored as float.hex() strings.
"""
import json

SIGMA, RHO, BETA = 10.0, 28.0, 8.0 / 3.0


def lorenz(y, out):
    x, yy, z = y
    out[0] = SIGMA * (yy - x)
    out[1] = x * (RHO - z) - yy
    out[2] = x * yy - BETA * z


def solve(jm, b, n):
    for k in range(n):
        piv, pabs = k, abs(jm[k][k])
        for i in range(k + 1, n):
            if abs(jm[i][k]) > pabs:
                piv, pabs = i, abs(jm[i][k])
        if pabs <= 1e-14:
            return False
        if piv != k:
            jm[k], jm[piv] = jm[piv], jm[k]
            b[k], b[piv] = b[piv], b[k]
        inv = 1.0 / jm[k][k]
        for i in range(k + 1, n):
            fac = jm[i][k] * inv
            jm[i][k] = 0.0
            for j in range(k + 1, n):
                jm[i][j] = jm[i][j] - fac * jm[k][j]
            b[i] = b[i] - fac * b[k]
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s = s - jm[i][j] * b[j]
        b[i] = s / jm[i][i]
    return True


def bdf2_step(y, y_nm1, index, dt, tol=1e-8, max_iter=50, jac_eps=1e-8):
    n = len(y)
    f = [0.0] * n
    lorenz(y, f)
    if index == 0:
        guess = [y[i] + dt * f[i] for i in range(n)]
    else:
        guess = [(4.0 / 3.0) * y[i] - (1.0 / 3.0) * y_nm1[i] + (2.0 / 3.0) * dt * f[i] for i in range(n)]
    factor = dt if index == 0 else (2.0 / 3.0) * dt
    for _ in range(max_iter):
        fv = [0.0] * n
        lorenz(guess, fv)
        res = [0.0] * n
        max_r = 0.0
        max_scale = 0.0
        for i in range(n):
            if index == 0:
                r = guess[i] - y[i] - dt * fv[i]
                knowns = (guess[i], y[i])
            else:
                r = guess[i] - (4.0 / 3.0) * y[i] + (1.0 / 3.0) * y_nm1[i] - (2.0 / 3.0) * dt * fv[i]
                knowns = (guess[i], y[i], y_nm1[i])
            res[i] = r
            max_r = max(max_r, abs(r))
            max_scale = max([max_scale] + [abs(v) for v in knowns])
        jm = [[0.0] * n for _ in range(n)]
        for j in range(n):
            tmp = list(guess)
            eps = jac_eps * max(1.0, abs(guess[j]))
            tmp[j] = tmp[j] + eps
            ft = [0.0] * n
            lorenz(tmp, ft)
            inv = 1.0 / eps
            for i in range(n):
                df = (ft[i] - fv[i]) * inv
                jm[i][j] = 1.0 - factor * df if i == j else -factor * df
        b = [-r for r in res]
        if not solve(jm, b, n):
            raise RuntimeError("singular")
        max_d = 0.0
        for i in range(n):
            old = guess[i]
            guess[i] = old + b[i]
            max_d = max(max_d, abs(b[i]) / max(1.0, abs(old)))
        if max_r <= tol * max(1.0, max_scale) and max_d <= tol:
            return guess
    raise RuntimeError("no convergence")


def run(dt, steps):
    y, y_nm1 = [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]
    states = []
    for k in range(steps):
        new = bdf2_step(y, y_nm1, k, dt)
        y_nm1, y = y, new
        states.append([float.hex(v) for v in y])
    return states


json.dump(
    {
        "description": "bdf2 on Lorenz (sigma=10, rho=28, beta=8/3, x=y=z=1), reference operation order, "
        "written by generate-bdf2-reference.py; states after each step as float.hex()",
        "cases": [{"dt": "0.01", "states": run(0.01, 200)}, {"dt": "0.002", "states": run(0.002, 200)}],
    },
    open("bdf2-lorenz.json", "w"),
    indent=0,
)
