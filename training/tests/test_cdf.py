"""The normative CDF quantiser (training/cdf.py): its rule, and the shipped tables it made.

The small cases are the ones the Java tests pin (CdfTableTest, ShippedTablesCrossTest), so both
sides assert the same integers."""

import os

import numpy as np
import pytest

from training import cdf, tensorfile
from training.tests.conftest import BUNDLE, CDF_INPUTS


def test_rule_on_small_cases():
    q = cdf.quantise_masses
    # 1 + floor(p (M - n)), then the units left to the likeliest in-range symbols, ties to the lower.
    assert q([0.2, 0.3, 0.25, 0.25], 3).tolist() == [0, 1, 4, 6, 8]
    assert q([0.1, 0.1, 0.8], 3).tolist() == [0, 2, 3, 8]  # never to the escape
    assert q([0.0, 1.0], 1).tolist() == [0, 1, 2]
    # The Java CdfTableTest cases (counts normalised to masses).
    for counts, precision, expected in (([1, 1, 1, 1], 2, [0, 1, 2, 3, 4]), ([1, 1, 1], 2, [0, 2, 3, 4]),
                                        ([1000, 1, 1], 3, [0, 6, 7, 8]), ([3, 3, 2], 3, [0, 3, 6, 8]),
                                        ([0, 5], 3, [0, 1, 8])):
        c = np.array(counts, dtype=np.float64)
        assert q(c / c.sum(), precision).tolist() == expected, counts


def test_every_symbol_gets_a_unit_and_the_total_is_exact():
    rng = np.random.default_rng(5)
    for n in (2, 3, 17, 785, 4096):
        p = rng.exponential(size=n) ** 4
        p /= p.sum()
        c = cdf.quantise_masses(p)
        assert len(c) == n + 1 and c[0] == 0 and c[-1] == 1 << cdf.PRECISION
        assert np.all(np.diff(c) >= 1)
    # As many symbols as slots: every symbol exactly one.
    assert np.array_equal(np.diff(cdf.quantise_masses(np.eye(1, 1 << 16, 5)[0])), np.ones(1 << 16))


def test_quantise_pmf_gives_the_escape_the_missing_tail():
    c = cdf.quantise_pmf([0.25, 0.5, 0.25 - 1e-3])
    assert c.tolist() == cdf.quantise_masses([0.25, 0.5, 0.25 - 1e-3, 1e-3]).tolist()


def test_ideal_bits_counts_escapes_at_the_escape_symbol():
    c = cdf.quantise_masses([0.5, 0.25, 0.25], 2)  # frequencies 2, 1, 1 of 4
    assert cdf.ideal_bits(c, -1, [-1], precision=2) == pytest.approx(1.0)
    assert cdf.ideal_bits(c, -1, [0, 99, -50], precision=2) == pytest.approx(2.0 + 2.0 + 2.0)


def shipped():
    return tensorfile.read(os.path.join(BUNDLE, "entropy.lict"))


def test_exported_masses_give_every_shipped_table():
    """The same cross check as the Java ShippedTablesCrossTest, from Python's side."""
    inputs = tensorfile.read(CDF_INPUTS)
    tables = shipped()
    for latent in ("y", "z"):
        masses = inputs[latent + ".masses"].view(np.float64)
        at = 0
        for t, (n, offset) in enumerate(zip(inputs[latent + ".length"], inputs[latent + ".offset"])):
            expected = tables[latent + "_cdf"][t, :tables[latent + "_cdf_length"][t]]
            assert np.array_equal(cdf.quantise_masses(masses[at:at + n]), expected), (latent, t)
            assert offset == tables[latent + "_cdf_offset"][t]
            at += n
        assert at == len(masses)


def test_gaussian_tables_of_the_scale_table_are_the_shipped_y_tables():
    pytest.importorskip("torch")
    from training.model import scale_table

    tables = shipped()
    ours = cdf.gaussian_tables(scale_table())
    assert len(ours) == len(tables["y_cdf"])
    for t, (c, offset) in enumerate(ours):
        n = tables["y_cdf_length"][t]
        assert np.array_equal(c, tables["y_cdf"][t, :n]), t
        assert offset == tables["y_cdf_offset"][t]
