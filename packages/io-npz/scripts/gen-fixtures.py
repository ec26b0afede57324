#!/usr/bin/env python3
"""Regenerate the @dyn/io-npz test corpus with NumPy.

Run from anywhere with a Python that has NumPy (Debian: `apt-get install python3-numpy`, then
`/usr/bin/python3 packages/io-npz/scripts/gen-fixtures.py`). Writes test/fixtures/*.npy, *.npz,
manifest.json (what every valid file must read as, bit for bit, and the error code every hostile
file must be rejected with) and json-cases.json (Python's json.dumps(indent=2) of typed values).
The output is deterministic: rerunning it must leave the files unchanged.
"""
import io
import json
import os
import struct
import zipfile
import zlib

import numpy as np
import numpy.lib.format as npf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))

manifest = {"numpy": np.__version__, "npy": [], "npz": [], "hostile": []}


def le_descr(dtype):
    """The descr our reader reports: little-endian for multi-byte types."""
    d = dtype.newbyteorder("<") if dtype.byteorder not in ("|", "=") or dtype.itemsize > 1 else dtype
    s = d.str
    return s


def expect(arr):
    """What our reader must return for `arr` (data kept in file order, converted to little-endian)."""
    order = "F" if (arr.flags.f_contiguous and not arr.flags.c_contiguous and arr.ndim > 1) else "C"
    le = arr.astype(arr.dtype.newbyteorder("<"), copy=True)
    entry = {
        "descr": le_descr(arr.dtype),
        "shape": list(arr.shape),
        "fortranOrder": order == "F",
        "hex": le.tobytes(order=order).hex(),
        "cHex": le.tobytes(order="C").hex(),
    }
    if arr.dtype.kind == "U":
        entry["strings"] = [str(x) for x in arr.ravel(order=order)]
    if arr.dtype.kind == "S":
        entry["strings"] = [x.decode("latin-1") for x in arr.ravel(order=order)]
    return entry


def save_npy(name, arr, version=None):
    buf = io.BytesIO()
    npf.write_array(buf, arr, version=version, allow_pickle=False)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buf.getvalue())
    manifest["npy"].append(dict(file=name, **expect(arr)))


ints = {
    "i1": [-128, -1, 0, 1, 127],
    "u1": [0, 1, 200, 255],
    "i2": [-32768, -1, 0, 1, 32767],
    "u2": [0, 1, 65535],
    "i4": [-(2**31), -1, 0, 1, 2**31 - 1],
    "u4": [0, 1, 2**32 - 1],
    "i8": [-(2**63), -1, 0, 1, 2**53 + 1, 2**63 - 1],
    "u8": [0, 1, 2**53 + 1, 2**64 - 1],
}
floats = [0.0, -0.0, 1.0, -2.5, 1e-5, 5e-324, 1.7976931348623157e308, float("inf"), float("-inf"), float("nan")]
for code, values in ints.items():
    orders = "|" if code[1] == "1" else "<>"
    for bo in orders:
        save_npy(f"{code}_{'le' if bo != '>' else 'be'}.npy", np.array(values, dtype=bo + code if bo != "|" else code))
save_npy("b1.npy", np.array([True, False, True, True]))
for code in ("f2", "f4", "f8"):
    for bo in "<>":
        save_npy(f"{code}_{'le' if bo == '<' else 'be'}.npy", np.array(floats, dtype=bo + code))
cvals = [complex(1, -2), complex(0.5, float("inf")), complex(float("nan"), -0.0)]
for code in ("c8", "c16"):
    for bo in "<>":
        save_npy(f"{code}_{'le' if bo == '<' else 'be'}.npy", np.array(cvals, dtype=bo + code))
save_npy("U5_le.npy", np.array(["ab", "", "héllo", "\U0001f600x"], dtype="<U5"))
save_npy("U3_be.npy", np.array(["xyz", "q"], dtype=">U3"))
save_npy("S4.npy", np.array([b"ab", b"", b"\xff\x00z", b"abcd"], dtype="S4"))
save_npy("scalar_f8.npy", np.array(3.25))
save_npy("scalar_i8.npy", np.array(-7, dtype="<i8"))
save_npy("empty_f8.npy", np.zeros((0,)))
save_npy("empty_2x0x3.npy", np.zeros((2, 0, 3), dtype="<i4"))
save_npy("c_2x3x4.npy", np.arange(24, dtype="<f8").reshape(2, 3, 4))
save_npy("f_2x3x4.npy", np.asfortranarray(np.arange(24, dtype="<i2").reshape(2, 3, 4)))
save_npy("f_be_3x2.npy", np.asfortranarray(np.arange(6, dtype=">f4").reshape(3, 2)))
save_npy("v2_f8.npy", np.arange(4.0), version=(2, 0))
save_npy("v3_u1.npy", np.arange(5, dtype="u1"), version=(3, 0))
save_npy("long_shape.npy", np.zeros((1,) * 32, dtype="u1"))


def member_expect(arrays):
    return [dict(name=k, **expect(v)) for k, v in arrays.items()]


snapshot = {
    "meta.json": np.frombuffer(json.dumps({"schema": "dynlib-snapshot-v1", "t": 1.5}, indent=2).encode(), dtype=np.uint8),
    "y": np.array([1.0, -2.0]),
    "params": np.array([0.5]),
    "workspace/stepper/k1": np.array([1e-5, 2e-5]),
    "workspace/runtime/step_index": np.array([3], dtype="<i8"),
    "stepper_config": np.array([0.1, 0.2]),
}


def save_npz(name, arrays, compressed):
    path = os.path.join(OUT, name)
    (np.savez_compressed if compressed else np.savez)(path, **arrays)
    manifest["npz"].append({"file": name, "members": member_expect(arrays)})


save_npz("snapshot_stored.npz", snapshot, False)
save_npz("snapshot_deflate.npz", snapshot, True)
save_npz("mixed.npz", {"a": np.arange(6, dtype=">i4").reshape(2, 3), "b": np.array(["x", "yz"]), "c": np.array(2.0)}, True)
save_npz("empty.npz", {}, False)


class Unseekable(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.buf += b
        return len(b)


def npy_bytes(arr):
    buf = io.BytesIO()
    npf.write_array(buf, arr, allow_pickle=False)
    return buf.getvalue()


# Data descriptors (flag bit 3): what zipfile writes to an unseekable stream.
dd_arrays = {"x": np.arange(5.0), "dir/y.z": np.array([1, 2], dtype="<u2")}
sink = Unseekable()
with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
    for k, v in dd_arrays.items():
        with zf.open(k + ".npy", "w", force_zip64=True) as m:
            m.write(npy_bytes(v))
with open(os.path.join(OUT, "data_descriptor.npz"), "wb") as f:
    f.write(bytes(sink.buf))
assert all(i.flag_bits & 8 for i in zipfile.ZipFile(os.path.join(OUT, "data_descriptor.npz")).infolist())
manifest["npz"].append({"file": "data_descriptor.npz", "members": member_expect(dd_arrays)})


def build_zip(members, zip64_central=False, zip64_eocd=False, method=8, flags=0, comment=b""):
    """A hand-built ZIP; with zip64_central every size/offset lives in a zip64 extra field."""
    out = bytearray()
    central = bytearray()
    for name, data in members:
        nb = name.encode()
        comp = data if method == 0 else zlib.compress(data, 6)[2:-4]
        crc = zlib.crc32(data)
        offset = len(out)
        lextra = struct.pack("<HHQQ", 1, 16, len(data), len(comp))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, flags, method, 0, 0x21, crc,
                           0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(lextra)) + nb + lextra + comp
        if zip64_central:
            cextra = struct.pack("<HHQQQ", 1, 24, len(data), len(comp), offset)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            cextra = b""
            sizes = (len(comp), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, flags, method, 0, 0x21, crc,
                               sizes[0], sizes[1], len(nb), len(cextra), 0, 0, 0, 0, sizes[2]) + nb + cextra
    cd_offset = len(out)
    out += central
    n = len(members)
    if zip64_eocd:
        z64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central), cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(comment)) + comment
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), cd_offset, len(comment)) + comment
    return bytes(out)


z64_arrays = {"workspace/stepper/k1": np.array([1.0, 2.0, 3.0]), "meta.json": np.frombuffer(b'{"a": 1}', dtype="u1")}
z64 = build_zip([(k + ".npy", npy_bytes(v)) for k, v in z64_arrays.items()], zip64_central=True, zip64_eocd=True,
                comment=b"zip64 fixture")
with open(os.path.join(OUT, "zip64.npz"), "wb") as f:
    f.write(z64)
with np.load(os.path.join(OUT, "zip64.npz")) as check:
    assert sorted(check.files) == sorted(z64_arrays)
    assert (check["workspace/stepper/k1"] == z64_arrays["workspace/stepper/k1"]).all()
manifest["npz"].append({"file": "zip64.npz", "members": member_expect(z64_arrays)})


# ---- hostile and broken files -------------------------------------------------------------------
def hostile(name, data, code, note):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    manifest["hostile"].append({"file": name, "code": code, "note": note})


good = npy_bytes(np.arange(3.0))


def npy_with_header(text, data=b"\0" * 24, version=1):
    h = text.encode("latin-1")
    pad = 64 - ((10 + len(h) + 1) % 64)
    h = h + b" " * pad + b"\n"
    return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<H", len(h)) + h + data


hostile("bad_magic.npy", b"\x93NUMPX" + good[6:], "NPY_BAD_MAGIC", "magic string is wrong")
hostile("bad_version.npy", good[:6] + b"\x04\x00" + good[8:], "NPY_UNSUPPORTED_VERSION", "format version 4.0")
hostile("truncated_header.npy", good[:50], "NPY_TRUNCATED", "file ends inside the header")
hostile("truncated_prefix.npy", good[:8], "NPY_TRUNCATED", "file ends before the header length")
hostile("short_data.npy", good[:-1], "NPY_DATA_SIZE_MISMATCH", "one data byte missing")
hostile("long_data.npy", good + b"\0", "NPY_DATA_SIZE_MISMATCH", "one extra data byte")
hostile("object_dtype.npy", npy_with_header("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"),
        "NPY_OBJECT_DTYPE", "pickled object array")
hostile("structured_dtype.npy", npy_with_header("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }"),
        "NPY_UNSUPPORTED_DTYPE", "structured dtype")
hostile("datetime_dtype.npy", npy_with_header("{'descr': '<M8[s]', 'fortran_order': False, 'shape': (3,), }"),
        "NPY_UNSUPPORTED_DTYPE", "datetime64")
hostile("missing_key.npy", npy_with_header("{'descr': '<f8', 'shape': (3,), }"), "NPY_BAD_HEADER", "no fortran_order")
hostile("extra_key.npy", npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1, }"),
        "NPY_BAD_HEADER", "unknown key")
hostile("not_a_dict.npy", npy_with_header("[1, 2, 3]"), "NPY_BAD_HEADER", "header is a list")
hostile("bad_literal.npy", npy_with_header("{'descr': '<f8', 'fortran_order': Fals, 'shape': (3,), }"),
        "NPY_BAD_HEADER", "misspelt literal")
hostile("negative_shape.npy", npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }"),
        "NPY_BAD_HEADER", "negative dimension")
hostile("float_shape.npy", npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,), }"),
        "NPY_BAD_HEADER", "float dimension")
hostile("huge_shape.npy", npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
        "NPY_LIMIT_EXCEEDED", "shape needs 2**67 bytes")
hostile("huge_header.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 10**9) + b"{", "NPY_LIMIT_EXCEEDED",
        "declares a 1 GB header")

npz_good = build_zip([("y.npy", good)], method=8)
hostile("not_a_zip.npz", b"PK\x03\x04" + b"\0" * 40, "ZIP_NOT_A_ZIP", "no end-of-central-directory record")
hostile("truncated.npz", npz_good[:-30], "ZIP_NOT_A_ZIP", "end record cut off")
stored = bytearray(build_zip([("y.npy", good)], method=0))
stored[30 + 5 + 20 + 100] ^= 0x01
hostile("crc_mismatch.npz", bytes(stored), "ZIP_CRC_MISMATCH", "one data bit flipped in a stored member")
hostile("encrypted.npz", build_zip([("y.npy", good)], flags=1), "ZIP_ENCRYPTED", "encryption flag set")
hostile("bzip2.npz", build_zip([("y.npy", good)], method=12), "ZIP_UNSUPPORTED_METHOD", "bzip2 member")
bad_deflate = bytearray(npz_good)
bad_deflate[30 + 5 + 20] = 0xFF
hostile("bad_deflate.npz", bytes(bad_deflate), "ZIP_CORRUPT_DEFLATE", "invalid deflate block type")
# Zip bomb: 32 MiB of zeros deflates to ~32 KiB; the central directory lies and declares 1 KiB.
bomb_data = b"\x93NUMPY" + b"\0" * (32 * 1024 * 1024)
bomb = bytearray(build_zip([("bomb.npy", bomb_data)]))
cd = bomb.rfind(b"PK\x01\x02")
struct.pack_into("<I", bomb, cd + 24, 1024)
hostile("bomb_lying_size.npz", bytes(bomb), "ZIP_SIZE_MISMATCH", "inflates far beyond the declared size")
# Declares a 1 TiB member in its zip64 extra field.
huge = bytearray(build_zip([("y.npy", good)], zip64_central=True))
cd = huge.rfind(b"PK\x01\x02")
struct.pack_into("<Q", huge, cd + 46 + 5 + 4, 2**40)
hostile("declared_huge.npz", bytes(huge), "NPZ_LIMIT_EXCEEDED", "declares a 1 TiB member")
many = bytearray(npz_good)
eocd = many.rfind(b"PK\x05\x06")
struct.pack_into("<HH", many, eocd + 8, 60000, 60000)
hostile("count_lies.npz", bytes(many), "ZIP_OUT_OF_BOUNDS", "declares 60000 members in a tiny directory")
off = bytearray(npz_good)
eocd = off.rfind(b"PK\x05\x06")
struct.pack_into("<I", off, eocd + 16, 10**6)
hostile("cd_offset_out.npz", bytes(off), "ZIP_OUT_OF_BOUNDS", "central directory offset past the end")
loc = bytearray(npz_good)
cd = loc.rfind(b"PK\x01\x02")
struct.pack_into("<I", loc, cd + 42, 10**6)
hostile("local_offset_out.npz", bytes(loc), "ZIP_OUT_OF_BOUNDS", "local header offset past the end")
sig = bytearray(npz_good)
sig[0] = 0x51
hostile("bad_local_signature.npz", bytes(sig), "ZIP_BAD_SIGNATURE", "local header signature broken")
hostile("object_member.npz", build_zip([("o.npy", npy_with_header("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"))]),
        "NPY_OBJECT_DTYPE", "member holds a pickled object array")
hostile("duplicate.npz", build_zip([("y.npy", good), ("y.npy", good)]), "ZIP_DUPLICATE_MEMBER", "two members named y.npy")

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
    f.write("\n")


# ---- json.dumps(indent=2) reference strings ------------------------------------------------------
def typed(v):
    """Tag a value so the TS test can rebuild it exactly (ints as bigint, floats by their bits)."""
    if isinstance(v, bool) or v is None:
        return {"t": "lit", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "bits": struct.pack(">d", v).hex()}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, list):
        return {"t": "list", "v": [typed(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "v": [[k, typed(x)] for k, x in v.items()]}
    raise TypeError(v)


cases = [
    {"schema": "dynlib-snapshot-v1", "created_at": "2026-11-28T14:43:16.677648+00:00", "name": "current",
     "description": "Current session state",
     "pins": {"spec_hash": "ab" * 32, "stepper_name": "rk4", "workspace_sig": [3, 0, 1], "dtype_token": "float64",
              "dynlib_version": "0.40.3"},
     "n_state": 2, "n_params": 1, "state_names": ["x", "v"], "param_names": ["k"], "t_curr": 10.0, "dt_curr": 0.01,
     "step_count": 1000, "status": 0, "time_shift": 0.0, "nominal_dt": 1e-5, "stepper_config_names": [],
     "stepper_config_values": [], "parent": None},
    [float("inf"), float("-inf"), float("nan"), -0.0, 1e16, 1e-5, 123456789.125, 5e-324, 0.1 + 0.2, 1e22, 2**53 + 2.0],
    {"ascii": "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \0 del \x7f",
     "unicode": "héllo ✓ \U0001f600 \u2028", "empty_list": [], "empty_dict": {}, "nested": [[], [{}], {"a": [1, [2]]}]},
    -(2**70),
    "just a string",
    True,
    None,
    [],
    {},
    {"1": 1, "b": 2, "a": False},
]
with open(os.path.join(OUT, "json-cases.json"), "w") as f:
    json.dump([{"value": typed(c), "python": json.dumps(c, indent=2)} for c in cases], f, indent=1)
    f.write("\n")
print("wrote", len(manifest["npy"]), "npy,", len(manifest["npz"]), "npz,", len(manifest["hostile"]), "hostile")
