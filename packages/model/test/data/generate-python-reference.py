"""Generate python-reference.json: CPython values for the expression runtime helpers.

Run once with python3 (mpmath for correctly rounded erf/erfc); the tests only read the JSON.
Floats are stored as float.hex() strings so every bit survives.
"""
import json
import math
import random

import mpmath

random.seed(20261128)
mpmath.mp.prec = 200

SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 0.1, -0.1, 3.0, -3.0, 7.0, -7.5, 1e-300, -1e-300,
           5e-324, 1e308, -1e308, math.inf, -math.inf, math.nan, 2.5, -2.5, 1e16, 0.3, 10.0]


def rand_float():
    kind = random.random()
    if kind < 0.3:
        return random.choice(SPECIAL)
    if kind < 0.5:
        return float(random.randint(-20, 20))
    if kind < 0.8:
        return random.uniform(-100, 100)
    return math.ldexp(random.uniform(-1, 1), random.randint(-60, 60))


def h(x):
    return float.hex(x)


pairs = []
for _ in range(1500):
    a, b = rand_float(), rand_float()
    try:
        fd = a // b
        md = a % b
    except ZeroDivisionError:
        continue
    pairs.append([h(a), h(b), h(fd), h(md)])

rounds = []
for _ in range(800):
    kind = random.random()
    if kind < 0.3:
        x = random.randint(-1000, 1000) + 0.5
    elif kind < 0.6:
        x = random.uniform(-1e6, 1e6)
    else:
        x = random.uniform(-10, 10)
    rounds.append([h(x), round(x)])

round_digits = []
for _ in range(2000):
    n = random.randint(0, 22)
    kind = random.random()
    if kind < 0.3:
        # exact binary ties such as 0.125 and values written with n+1 decimals ending in 5
        x = random.randint(-10**6, 10**6) / 2 ** random.randint(1, 12)
    elif kind < 0.6:
        x = float(f"{random.uniform(-1000, 1000):.{min(n + 1, 17)}f}")
    else:
        x = math.ldexp(random.uniform(-1, 1), random.randint(-40, 60))
    round_digits.append([h(x), n, h(round(x, n))])

erf = []
xs = [0.0, -0.0, 1e-310, 1e-20, 0.1, 0.5, 0.84, 0.85, 1.0, 1.2, 1.3, 2.0, 2.8, 2.9, 3.0, 5.0, 5.9, 6.0,
      7.0, 10.0, 20.0, 27.0, 27.9, -0.3, -1.0, -2.0, -3.5, -6.5, -10.0, -30.0]
xs += [random.uniform(-7, 7) for _ in range(300)] + [random.uniform(0, 27) for _ in range(100)]
for x in xs:
    erf.append([h(x), h(float(mpmath.erf(x))), h(float(mpmath.erfc(x)))])

json.dump({"floordivMod": pairs, "round": rounds, "roundDigits": round_digits, "erf": erf},
          open("python-reference.json", "w"), separators=(",", ":"))
