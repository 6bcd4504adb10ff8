#!/usr/bin/env python3
"""The rate-distortion table of the effort levels (docs/benchmarks.md, "Effort levels").

Usage: effort-table.py BASE_REPORT REPORT...  (folders written by `lic4j eval --effort N --out DIR`;
BASE_REPORT is effort 0's). For each report: per quality, the mean change of bits and of PSNR
against the base on the same pictures, and the two folded into one rate change at 5 dB per unit of
log-rate, averaged over the qualities; and the median encode time of its points.
"""
import json
import math
import statistics
import sys


def lic4j_points(report):
    with open(report + "/results.json") as f:
        points = json.load(f)["points"]
    return {(p["image"], p["setting"]): p for p in points if p["codec"] == "lic4j"}


def main(reports):
    base = lic4j_points(reports[0])
    qualities = sorted({setting for _, setting in base})
    print("| report | median encode ms | " + " | ".join(f"q {q:g}: bits, dB" for q in qualities)
          + " | folded rate change |")
    print("|---" * (len(qualities) + 3) + "|")
    for report in reports:
        points = lic4j_points(report)
        cells, folded = [], []
        for q in qualities:
            keys = [k for k in points if k[1] == q and k in base]
            log_rate = statistics.mean(math.log(points[k]["bpp"] / base[k]["bpp"]) for k in keys)
            bits = statistics.mean(points[k]["bpp"] / base[k]["bpp"] - 1 for k in keys)
            psnr = statistics.mean(points[k]["psnr"] - base[k]["psnr"] for k in keys)
            folded.append(math.exp(log_rate - psnr / 5) - 1)
            cells.append(f"{100 * bits:+.1f}%, {psnr:+.2f}")
        encode = statistics.median(p["encode_ms"] for p in points.values())
        print(f"| {report} | {encode:.0f} | " + " | ".join(cells) + f" | {100 * statistics.mean(folded):+.2f}% |")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
