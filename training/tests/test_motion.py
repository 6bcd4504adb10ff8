"""The integer warp against a per-sample reading of its definition and the golden vectors that the
Java implementation is tested with; block matching against known motion."""

import os

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from training import motion, motion_golden, tensorfile


def warp_by_definition(reference, mv, block):
    """docs/video.md "Prediction", one sample at a time."""
    c, h, w = reference.shape
    ref = reference.astype(np.int64)
    out = np.zeros((c, h, w), dtype=np.int64)
    for y in range(h):
        for x in range(w):
            mvx, mvy = int(mv[0, y // block, x // block]), int(mv[1, y // block, x // block])
            px, py = 4 * x + mvx, 4 * y + mvy
            ix, fx, iy, fy = px // 4, px % 4, py // 4, py % 4

            def r(i, j):
                return ref[:, min(max(j, 0), h - 1), min(max(i, 0), w - 1)]

            out[:, y, x] = (r(ix, iy) * (4 - fx) * (4 - fy) + r(ix + 1, iy) * fx * (4 - fy)
                            + r(ix, iy + 1) * (4 - fx) * fy + r(ix + 1, iy + 1) * fx * fy + 8) >> 4
    return out.astype(np.uint8)


@pytest.mark.parametrize("block", motion.BLOCK_SIZES)
def test_warp_is_its_definition(block):
    rng = np.random.default_rng(block)
    ref = rng.integers(0, 256, size=(2, 3, 21, 35), dtype=np.uint8)
    rows, cols = motion.field_shape(21, 35, block)
    mv = rng.integers(-70, 71, size=(2, 2, rows, cols)).astype(np.int32)
    got = motion.warp(torch.from_numpy(ref), torch.from_numpy(mv), block).numpy()
    for i in range(2):
        assert np.array_equal(got[i], warp_by_definition(ref[i], mv[i], block))


def test_zero_and_whole_pel_vectors_copy_and_shift():
    ref = torch.randint(0, 256, (1, 3, 32, 48), dtype=torch.uint8)
    assert torch.equal(motion.warp(ref, torch.zeros(1, 2, 2, 3, dtype=torch.int32)), ref)
    mv = torch.zeros(1, 2, 2, 3, dtype=torch.int32)
    mv[:, 0], mv[:, 1] = 4 * 3, -4 * 2  # 3 px right, 2 px up: sample (x, y) is ref (x+3, y-2)
    got = motion.warp(ref, mv)
    padded = F.pad(ref.float(), (0, 3, 2, 0), mode="replicate").to(torch.uint8)
    assert torch.equal(got, padded[:, :, :32, 3:])


def test_field_checks():
    ref = torch.zeros(1, 3, 20, 20, dtype=torch.uint8)
    with pytest.raises(ValueError, match="needs a"):
        motion.warp(ref, torch.zeros(1, 2, 1, 1, dtype=torch.int32))
    with pytest.raises(ValueError, match="exceeds"):
        motion.warp(ref, torch.full((1, 2, 2, 2), motion.MV_LIMIT + 1, dtype=torch.int32))
    with pytest.raises(ValueError, match="block size"):
        motion.warp(ref, torch.zeros(1, 2, 5, 5, dtype=torch.int32), block=4)


def test_golden_vectors_are_current():
    """The stored file is what the generator writes today, and its predictions are the
    definition's (so the Java test and this one test the same thing)."""
    stored = tensorfile.read(motion_golden.DEFAULT_OUT)
    fresh = motion_golden.golden_arrays()
    assert sorted(stored) == sorted(fresh)
    for name, arr in fresh.items():
        assert np.array_equal(stored[name], arr), name
    for block in motion.BLOCK_SIZES:
        mv = stored[f"block{block}.mv"]
        assert mv.min() == -motion.MV_LIMIT and mv.max() == motion.MV_LIMIT
        assert np.array_equal(stored[f"block{block}.prediction"],
                              warp_by_definition(stored["reference"], mv, block))
    assert os.path.getsize(motion_golden.DEFAULT_OUT) < 16 * 1024


def textured(n, h, w, seed=0):
    """8-bit pictures with structure at every scale (smooth blobs plus fine detail)."""
    g = torch.Generator().manual_seed(seed)
    out = torch.zeros(n, 3, h, w)
    for cell, amp in ((32, 120), (8, 60), (2, 30)):
        noise = torch.rand(n, 3, h // cell + 2, w // cell + 2, generator=g) - 0.5
        out += amp * F.interpolate(noise, size=(h + 2 * cell, w + 2 * cell), mode="bilinear",
                                   align_corners=False)[:, :, cell:cell + h, cell:cell + w]
    return (out + 128).clamp(0, 255).round().to(torch.uint8)


@pytest.mark.parametrize("block", motion.BLOCK_SIZES)
def test_estimate_recovers_global_motion(block):
    """Whole-pel and quarter-pel shifts up to 30 px, one per picture, the current frame made by the
    warp itself: every 16x16 block's vector found exactly, all but 1% of the 8x8 blocks' (a block
    of 8 is small enough to match texture elsewhere now and then)."""
    shifts = [(0, 0), (4 * 5, -4 * 3), (-4 * 30, 4 * 17), (7, -5), (-13, 22), (4 * 12 + 1, -4 * 9 - 3)]
    ref = textured(len(shifts), 128, 160)
    rows, cols = motion.field_shape(128, 160, block)
    truth = torch.tensor(shifts, dtype=torch.int32).view(-1, 2, 1, 1).expand(-1, 2, rows, cols).contiguous()
    cur = motion.warp(ref, truth, block)
    found = motion.estimate(ref, cur, block=block)
    # Blocks whose true source lies wholly outside the picture cannot be matched: leave them out.
    inside = torch.ones(len(shifts), rows, cols, dtype=torch.bool)
    for i, (dx, dy) in enumerate(shifts):
        xs = torch.arange(cols) * block + dx // 4
        ys = torch.arange(rows) * block + dy // 4
        inside[i] = ((ys >= 0) & (ys + block < 128)).view(-1, 1) & ((xs >= 0) & (xs + block < 160)).view(1, -1)
    missed = int((found != truth).any(dim=1)[inside].sum())
    assert missed <= (0 if block == 16 else int(inside.sum()) // 100), f"{missed} of {int(inside.sum())} blocks missed"
