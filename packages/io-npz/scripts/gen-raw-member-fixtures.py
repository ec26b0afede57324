#!/usr/bin/env python3
"""Regenerate test/fixtures-raw/: an .npz whose members are not all .npy files.

`numpy.load` returns such a member as the raw bytes `zipfile` reads for it (it decides by the
member's first six bytes, the .npy magic, not by its name). This script builds an archive with
NumPy's own .npy writer and Python's zipfile (STORED and DEFLATE members, fixed timestamps so
that rerunning it leaves the file unchanged), then records what `numpy.load(allow_pickle=False)`
returns for every key in raw_members.json: bytes as hex, arrays as descr/shape/hex.

    /usr/bin/python3 packages/io-npz/scripts/gen-raw-member-fixtures.py

It writes into its own folder because gen-fixtures.py empties test/fixtures/ when it runs.
"""
import io
import json
import os
import zipfile

import numpy as np
import numpy.lib.format as npf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures-raw")
os.makedirs(OUT, exist_ok=True)
NAME = "raw_members.npz"
STAMP = (1980, 1, 1, 0, 0, 0)


def npy(arr):
    buf = io.BytesIO()
    npf.write_array(buf, arr, allow_pickle=False)
    return buf.getvalue()


MEMBERS = [
    # (member name, content, compression)
    ("y.npy", npy(np.array([1.5, -2.0, 3.25])), zipfile.ZIP_DEFLATED),
    ("notes.txt", "checkpoint notes: é ✓\n".encode("utf-8"), zipfile.ZIP_DEFLATED),
    ("blob.bin", bytes(range(256)) * 3, zipfile.ZIP_STORED),
    # named like an array, but not one: numpy.load still returns its bytes
    ("fake.npy", b"not an array at all", zipfile.ZIP_STORED),
    ("empty", b"", zipfile.ZIP_STORED),
    # shorter than the magic, starting like it
    ("short", b"\x93NU", zipfile.ZIP_DEFLATED),
    # not named .npy, but an array: numpy.load parses it
    ("matrix.data", npy(np.arange(6, dtype="<i4").reshape(2, 3)), zipfile.ZIP_DEFLATED),
]

path = os.path.join(OUT, NAME)
with zipfile.ZipFile(path, "w") as zf:
    for name, data, method in MEMBERS:
        info = zipfile.ZipInfo(name, date_time=STAMP)
        info.compress_type = method
        info.external_attr = 0o600 << 16
        zf.writestr(info, data)

expected = {"file": NAME, "numpy": np.__version__, "keys": [], "values": {}}
with np.load(path, allow_pickle=False) as z:
    expected["keys"] = list(z.files)
    for key in z.files:
        value = z[key]
        if isinstance(value, bytes):
            expected["values"][key] = {"bytes": value.hex()}
        else:
            expected["values"][key] = {
                "descr": value.dtype.str,
                "shape": list(value.shape),
                "hex": value.tobytes(order="C").hex(),
            }

with open(os.path.join(OUT, "raw_members.json"), "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
print("wrote", path)
