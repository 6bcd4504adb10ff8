"""LICT files: the layout of docs/models.md, byte for byte, and the shipped files."""

import os
import struct

import numpy as np

from training import tensorfile
from training.tests.conftest import BUNDLE


def test_round_trip_keeps_every_dtype_shape_and_order(tmp_path):
    arrays = {
        "i8": np.array([-128, 0, 127], dtype=np.int8),
        "i16": np.arange(-3, 3, dtype=np.int16).reshape(2, 3),
        "i32": np.array([[[-(2 ** 31), 2 ** 31 - 1]]], dtype=np.int32),
        "i64": np.array([-(2 ** 63), 2 ** 63 - 1], dtype=np.int64),
        "f32": np.array([1.5, -0.0, np.inf], dtype=np.float32),
        "f16": np.array([0.099975586, 65504], dtype=np.float16),
        "u8": np.array([0, 255], dtype=np.uint8),
        "scalar-like": np.array([7], dtype=np.int32),
    }
    path = tmp_path / "t.lict"
    tensorfile.write(str(path), arrays)
    back = tensorfile.read(str(path))
    assert list(back) == list(arrays)
    for name, a in arrays.items():
        assert back[name].dtype == a.dtype, name
        assert back[name].shape == a.shape, name
        assert np.array_equal(back[name].view(np.uint8), a.view(np.uint8)), name


def test_layout_is_big_endian_with_magic_count_and_footer(tmp_path):
    path = tmp_path / "t.lict"
    tensorfile.write(str(path), {"ab": np.array([[1, 2, 3]], dtype=np.int16)})
    raw = path.read_bytes()
    expected = (b"LICT" + struct.pack(">HI", 1, 1) + struct.pack(">H", 2) + b"ab"
                + struct.pack(">BB", 1, 2) + struct.pack(">II", 1, 3) + struct.pack(">hhh", 1, 2, 3) + b"TCIL")
    assert raw == expected


def test_reads_the_shipped_files():
    entropy = tensorfile.read(os.path.join(BUNDLE, "entropy.lict"))
    assert entropy["y_cdf"].shape == (64, int(entropy["y_cdf_length"].max()))
    assert entropy["z_cdf"].shape[0] == 128
    assert entropy["scale_net.c1.weight"].dtype == np.int8
    golden = tensorfile.read(os.path.join(BUNDLE, "golden.lict"))
    assert golden["golden.image"].dtype == np.uint8
    for q in range(3):
        z = golden[f"golden.q{q}.z_symbols"]
        idx = golden[f"golden.q{q}.scale_index"]
        assert idx.shape[1:] == (4 * z.shape[1], 4 * z.shape[2])
