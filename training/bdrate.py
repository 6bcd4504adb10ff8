"""Bjontegaard delta rate: average bitrate difference at equal PSNR (cubic fit of log-rate over
PSNR, integrated over the overlapping PSNR range).

    /usr/bin/python3 -m training.bdrate docs/kodak-lic-image-v1.json ../shared/anchors/kodak/webp.json
"""

import json
import math
import sys

import numpy as np


def bd_rate(rate_a, psnr_a, rate_b, psnr_b):
    """Percent rate change of curve b relative to curve a (negative: b needs fewer bits)."""
    la, lb = np.log(np.asarray(rate_a, float)), np.log(np.asarray(rate_b, float))
    pa, pb = np.asarray(psnr_a, float), np.asarray(psnr_b, float)
    fa = np.polyfit(pa, la, 3)
    fb = np.polyfit(pb, lb, 3)
    lo = max(pa.min(), pb.min())
    hi = min(pa.max(), pb.max())
    if hi <= lo:
        raise ValueError("the curves do not overlap in PSNR")
    ia, ib = np.polyint(fa), np.polyint(fb)
    avg_a = (np.polyval(ia, hi) - np.polyval(ia, lo)) / (hi - lo)
    avg_b = (np.polyval(ib, hi) - np.polyval(ib, lo)) / (hi - lo)
    return (math.exp(avg_b - avg_a) - 1) * 100


def load_curve(path):
    with open(path) as f:
        d = json.load(f)
    r = d["results"]
    psnr = r.get("psnr-rgb", r.get("psnr"))
    pairs = sorted(zip(r["bpp"], psnr))
    return [p[0] for p in pairs], [p[1] for p in pairs], d.get("name", path)


def main():
    ours = load_curve(sys.argv[1])
    for path in sys.argv[2:]:
        other = load_curve(path)
        print(f"{other[2]:40s} BD-rate of {ours[2]}: {bd_rate(other[0], other[1], ours[0], ours[1]):+.1f}%")


if __name__ == "__main__":
    main()
