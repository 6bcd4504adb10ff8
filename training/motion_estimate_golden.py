"""Writes the golden fields of the training pipeline's block matching (`estimate` in
training/motion.py) for the Java port's test (org.lic4j.video.MotionEstimator): an 8-bit reference
with structure at every scale, a current picture made from it by a field that varies from block to
block (every fraction and sign) plus noise, and the field `estimate` finds at each block size.

    /usr/bin/python3 -m training.motion_estimate_golden

Deterministic (fixed seed): running it again rewrites the same bytes.
"""

import os

import numpy as np
import torch

from training import tensorfile
from training.motion import BLOCK_SIZES, estimate, field_shape, warp

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "video", "src", "test", "resources", "org", "lic4j", "video",
                                            "motion-estimate-golden.lict"))
WIDTH, HEIGHT = 96, 48
SEED = 21


def golden_arrays():
    """name -> array: 'reference' and 'current' uint8 (3, H, W); per block size B, 'blockB.mv'
    int32 (2, rows, cols), what estimate(reference, current, B) returns."""
    rng = np.random.default_rng(SEED)
    picture = np.zeros((3, HEIGHT, WIDTH))
    for cell, amp in ((32, 120), (8, 60), (2, 30)):
        knots = rng.random((3, HEIGHT // cell + 2, WIDTH // cell + 2)) - 0.5
        up = torch.nn.functional.interpolate(torch.from_numpy(knots).unsqueeze(0), scale_factor=cell, mode="bilinear",
                                             align_corners=False)[0].numpy()
        picture += amp * up[:, :HEIGHT, :WIDTH]
    reference = np.clip(np.round(picture + 128), 0, 255).astype(np.uint8)
    rows, cols = field_shape(HEIGHT, WIDTH, 8)
    truth = rng.integers(-40, 41, size=(2, rows, cols)).astype(np.int32)
    moved = warp(torch.from_numpy(reference).unsqueeze(0), torch.from_numpy(truth).unsqueeze(0), 8)[0].numpy()
    noise = rng.integers(-3, 4, size=moved.shape)
    current = np.clip(moved.astype(np.int32) + noise, 0, 255).astype(np.uint8)
    arrays = {"reference": reference, "current": current}
    ref, cur = torch.from_numpy(reference).unsqueeze(0), torch.from_numpy(current).unsqueeze(0)
    for block in BLOCK_SIZES:
        arrays[f"block{block}.mv"] = estimate(ref, cur, block=block)[0].numpy().astype(np.int32)
    return arrays


def main():
    tensorfile.golden_main(__doc__, DEFAULT_OUT, golden_arrays)


if __name__ == "__main__":
    main()
