"""The rate-floor diagnosis adds up: its parts sum to the whole, and its table costs are the
quantised tables' (training.floor)."""

import math

import numpy as np
import torch
from PIL import Image

from training import cdf, floor
from training.model import LicImageModel, scale_table


def test_bit_table_is_the_quantised_tables_information():
    tables = cdf.gaussian_tables(scale_table())
    bits, lo = floor.bit_table(tables)
    c, off = tables[20]
    freq = np.diff(c)
    assert math.isclose(float(bits[20, 0 - lo]), 16 - math.log2(freq[0 - off]), rel_tol=1e-12)
    # Out of range: the escape plus the bypass code.
    assert math.isclose(float(bits[0, 100 - lo]), 16 - math.log2(freq[-1]) + 8, rel_tol=1e-12)


def test_empirical_bits_of_a_constant_channel_is_zero():
    s = torch.zeros(2, 4, 4)
    s[1, 0, :2] = 1
    # Channel 1: 2 ones among 16 symbols.
    expected = -(2 * math.log2(2 / 16) + 14 * math.log2(14 / 16))
    assert math.isclose(floor.empirical_bits(s), expected, rel_tol=1e-9)


def test_a_picture_s_bits_add_up(tmp_path):
    torch.manual_seed(0)
    model = LicImageModel().eval()
    path = tmp_path / "p.png"
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (64, 96, 3), dtype=np.uint8)).save(path)
    y_bits = floor.bit_table(cdf.gaussian_tables(scale_table()))
    z_bits = floor.bit_table(cdf.factorized_tables(model.z_density, model.cz))
    rows = floor.analyse_picture(model, str(path), [0, -1], y_bits, z_bits, str(tmp_path))
    assert [r["quality"] for r in rows] == [0, -1]
    for r in rows:
        assert math.isclose(r["bpp"], r["bpp_y"] + r["bpp_z"], rel_tol=1e-9)
        assert math.isclose(r["bpp_y"], r["bpp_y_anchors"] + r["bpp_y_non_anchors"], rel_tol=1e-6)
        assert sum(r["scale_index_hist"]) == 192 * 4 * 8  # padded to 64 x 128
    assert (tmp_path / "p-q+0.png").exists()
