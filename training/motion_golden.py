"""Writes the golden vectors of the integer warp (training/motion.py, docs/video.md "Prediction")
for the Java implementation's test: a random 8-bit reference of odd size, a motion field per block
size with negative, fractional, border-crossing and extreme vectors, and the prediction of each.

    /usr/bin/python3 -m training.motion_golden

Deterministic (fixed seed): running it again rewrites the same bytes. training/tests/test_motion.py
checks the stored file against `warp`, so the Python and Java sides test one file.
"""

import os

import numpy as np
import torch

from training import tensorfile
from training.motion import BLOCK_SIZES, MV_LIMIT, field_shape, warp

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "video", "src", "test", "resources", "org", "lic4j", "video",
                                            "motion-golden.lict"))
WIDTH, HEIGHT = 37, 29
SEED = 20


def golden_arrays():
    """name -> array: 'reference' uint8 (3, H, W); per block size B, 'blockB.mv' int32 (2, rows,
    cols) (component 0 horizontal, quarter-pels) and 'blockB.prediction' uint8 (3, H, W)."""
    rng = np.random.default_rng(SEED)
    reference = rng.integers(0, 256, size=(3, HEIGHT, WIDTH), dtype=np.uint8)
    arrays = {"reference": reference}
    for block in BLOCK_SIZES:
        rows, cols = field_shape(HEIGHT, WIDTH, block)
        # Mostly short vectors with every fraction and sign; some far enough to leave the picture;
        # the first block at the limit, the last at minus the limit.
        mv = rng.integers(-24, 25, size=(2, rows, cols))
        far = rng.random((2, rows, cols)) < 0.25
        mv[far] = rng.integers(-MV_LIMIT, MV_LIMIT + 1, size=int(far.sum()))
        mv[:, 0, 0] = MV_LIMIT
        mv[:, -1, -1] = -MV_LIMIT
        mv = mv.astype(np.int32)
        prediction = warp(torch.from_numpy(reference).unsqueeze(0), torch.from_numpy(mv).unsqueeze(0), block)[0]
        arrays[f"block{block}.mv"] = mv
        arrays[f"block{block}.prediction"] = prediction.numpy()
    return arrays


def main():
    tensorfile.golden_main(__doc__, DEFAULT_OUT, golden_arrays)


if __name__ == "__main__":
    main()
