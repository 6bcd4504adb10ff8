"""LICT: the bundle's file of named integer and float arrays (normative layout in docs/models.md).

    File    --> Magic "LICT", u16 version (1), u32 count, Entry^count, footer "TCIL"
    Entry   --> u16 nameLength, name (UTF-8), u8 dtype, u8 rank, u32 dim^rank, data
    dtype   --> 0 int8 | 1 int16 | 2 int32 | 3 int64 | 4 float32 | 5 float16 | 6 uint8
    All numbers big-endian; data in row-major order.
"""

import argparse
import os
import struct

import numpy as np

MAGIC = b"LICT"
FOOTER = b"TCIL"
VERSION = 1
DTYPES = {0: ">i1", 1: ">i2", 2: ">i4", 3: ">i8", 4: ">f4", 5: ">f2", 6: ">u1"}


def write(path, arrays):
    """arrays: dict name -> numpy array (int8/16/32/64, float32/16)."""
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack(">HI", VERSION, len(arrays)))
        for name, arr in arrays.items():
            arr = np.ascontiguousarray(arr)
            code = {np.int8: 0, np.int16: 1, np.int32: 2, np.int64: 3, np.float32: 4, np.float16: 5, np.uint8: 6}[arr.dtype.type]
            raw = name.encode("utf-8")
            f.write(struct.pack(">H", len(raw)))
            f.write(raw)
            f.write(struct.pack(">BB", code, arr.ndim))
            for d in arr.shape:
                f.write(struct.pack(">I", d))
            f.write(arr.astype(DTYPES[code]).tobytes())
        f.write(FOOTER)


def read(path):
    out = {}
    with open(path, "rb") as f:
        buf = f.read()
    assert buf[:4] == MAGIC and buf[-4:] == FOOTER, "not a LICT file"
    version, count = struct.unpack_from(">HI", buf, 4)
    assert version == VERSION
    pos = 10
    for _ in range(count):
        (n,) = struct.unpack_from(">H", buf, pos); pos += 2
        name = buf[pos:pos + n].decode("utf-8"); pos += n
        code, rank = struct.unpack_from(">BB", buf, pos); pos += 2
        shape = struct.unpack_from(">" + "I" * rank, buf, pos); pos += 4 * rank
        dt = np.dtype(DTYPES[code])
        size = int(np.prod(shape)) if rank else 1
        out[name] = np.frombuffer(buf, dtype=dt, count=size, offset=pos).reshape(shape).astype(dt.newbyteorder("="))
        pos += size * dt.itemsize
    return out


def golden_main(description, default_out, make_arrays, argv=None):
    """The command line of a golden-vector script: writes make_arrays() to --out (default
    default_out) and says how many bytes that took."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", default=default_out)
    out = p.parse_args(argv).out
    write(out, make_arrays())
    print(f"{out}: {os.path.getsize(out)} bytes")
