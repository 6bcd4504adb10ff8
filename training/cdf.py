"""Quantised CDF tables shipped in the bundle (normative once exported: Java loads, never recomputes).

A table codes symbols 0..n-2 as values offset..offset+n-2; symbol n-1 is the escape (the value is
then sent with a bypass code by the range coder). cdf has n+1 entries, cdf[0] = 0,
cdf[n] = 2^precision, strictly increasing: every symbol, the escape included, has frequency >= 1.
"""

import math

import numpy as np

PRECISION = 16
TAIL_MASS = 1e-9


def quantise_pmf(pmf, precision=PRECISION):
    """pmf: float array of n-1 in-range probabilities; the escape gets the missing tail mass.
    Returns int64 cdf of length n+1."""
    pmf = np.asarray(pmf, dtype=np.float64)
    tail = max(0.0, 1.0 - float(pmf.sum()))
    return quantise_masses(np.concatenate([pmf, [tail]]), precision)


def quantise_masses(p, precision=PRECISION):
    """The normative quantiser (Java's test-side FrequencyQuantizer runs the same steps, and its
    cross test recomputes the shipped tables with it; docs/entropy.md, section 2).

    p: float64 masses of all n symbols, the escape last, summing to 1 up to rounding.
        freq[i] = 1 + floor(p[i] * (2^precision - n))        (IEEE double product, then floor)
        deficit = 2^precision - sum(freq)                      (>= 0)
    and the deficit goes one unit at a time to the in-range symbols (never the escape) in order of
    decreasing p, ties to the lower symbol, starting again from the first if units remain.
    Returns the int64 cdf of n+1 entries."""
    p = np.asarray(p, dtype=np.float64)
    total = 1 << precision
    n = len(p)
    assert 1 <= n <= total
    freq = 1 + np.floor(p * (total - n)).astype(np.int64)
    deficit = total - int(freq.sum())
    assert deficit >= 0
    # Give what rounding left over to the most probable symbols (largest first), one unit each.
    order = np.argsort(-p[:-1], kind="stable")
    i = 0
    while deficit > 0:
        freq[order[i % len(order)]] += 1
        deficit -= 1
        i += 1
    cdf = np.concatenate([[0], np.cumsum(freq)])
    assert cdf[-1] == total and np.all(np.diff(cdf) >= 1)
    return cdf


def gaussian_tables(scales, precision=PRECISION, tail_mass=TAIL_MASS):
    """One table per scale: zero-mean discretised Gaussian over [-K, K]."""
    return [(quantise_pmf(pmf, precision), offset) for pmf, offset in gaussian_pmfs(scales, tail_mass)]


def gaussian_pmfs(scales, tail_mass=TAIL_MASS):
    """(in-range pmf over [-K, K], -K) per scale, the inputs of gaussian_tables' quantiser."""
    out = []
    for s in scales:
        # K such that the two tails beyond K+0.5 hold at most tail_mass.
        k = int(math.ceil(s * math.sqrt(2) * _erfcinv(tail_mass) - 0.5))
        k = max(k, 1)
        import torch  # only here and in factorized_pmfs: the quantiser itself needs numpy alone

        v = torch.arange(-k, k + 1, dtype=torch.float64)
        c = 1 / math.sqrt(2)
        pmf = 0.5 * (torch.erfc(-c * (v + 0.5) / s) - torch.erfc(-c * (v - 0.5) / s))
        out.append((pmf.numpy(), -k))
    return out


def _erfcinv(y):
    lo, hi = 0.0, 10.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if math.erfc(mid) > y:
            lo = mid
        else:
            hi = mid
    return hi


def factorized_tables(density, channels, precision=PRECISION, tail_mass=TAIL_MASS, search=256):
    """Per-channel tables for z from the learned density, over the integer range that holds all
    but tail_mass of it."""
    return [(quantise_pmf(pmf, precision), offset)
            for pmf, offset in factorized_pmfs(density, channels, tail_mass, search)]


def factorized_pmfs(density, channels, tail_mass=TAIL_MASS, search=256):
    """(in-range pmf, offset) per channel, the inputs of factorized_tables' quantiser."""
    import torch

    v = torch.arange(-search, search + 1, dtype=torch.float32)
    grid = v.view(1, 1, -1).repeat(channels, 1, 1)
    with torch.no_grad():
        lower = torch.sigmoid(density.logits(grid - 0.5)).squeeze(1).double()
        upper = torch.sigmoid(density.logits(grid + 0.5)).squeeze(1).double()
    out = []
    for c in range(channels):
        pmf = (upper[c] - lower[c]).clamp_min(0)
        cum_low = lower[c]  # mass below v - 0.5
        cum_high = 1 - upper[c]  # mass above v + 0.5
        lo = int(torch.nonzero(cum_low >= tail_mass / 2)[0]) if bool((cum_low >= tail_mass / 2).any()) else 0
        hi_idx = torch.nonzero(cum_high >= tail_mass / 2)
        hi = int(hi_idx[-1]) if len(hi_idx) else len(v) - 1
        lo = max(0, lo - 1)
        hi = min(len(v) - 1, hi + 1)
        out.append((pmf[lo:hi + 1].numpy(), int(v[lo])))
    return out


def ideal_bits(cdf, offset, values, precision=PRECISION):
    """Information content of values under one quantised table (escape: its symbol cost only)."""
    n = len(cdf) - 1
    sym = np.asarray(values) - offset
    sym = np.where((sym < 0) | (sym >= n - 1), n - 1, sym)
    freq = cdf[sym + 1] - cdf[sym]
    return float(np.sum(precision - np.log2(freq)))
