"""Motion for the P-frame model: the normative integer warp, and block matching for training.

Prediction (normative, docs/video.md "Prediction"): a block motion field, one vector per block of
`block` x `block` samples (16, or 8), in quarter-pel units, each component in [-MV_LIMIT,
MV_LIMIT]; the same vector moves the three planes of an 8-bit reference. The predicted sample at
(x, y) of a block with vector (mvx, mvy) is, with px = 4x + mvx, py = 4y + mvy,
ix = px >> 2, fx = px & 3 (floor division, also for negative px), iy, fy likewise, and
R(i, j) the reference sample at column clamp(i, 0, W-1), row clamp(j, 0, H-1):

    (R(ix,iy)*(4-fx)*(4-fy) + R(ix+1,iy)*fx*(4-fy) + R(ix,iy+1)*(4-fx)*fy + R(ix+1,iy+1)*fx*fy + 8) >> 4

`warp` computes exactly this in integer tensor ops; the Java decoder must match it bit for bit
(golden vectors: training/motion_golden.py).

Estimation (encoder side, not normative): `estimate` matches blocks of integer BT.601 luma, coarse
to fine over a pyramid (full search at the coarsest level, +-2 around the doubled vector at each
finer one), then refines to half and quarter pel through the same interpolation as `warp`.
Vectorised over the batch and the blocks: no Python loop over pixels or blocks. Every tensor is
made on its inputs' device, so both functions also run on a GPU (training/gpu/pframe_burst.py, which
checks there that `estimate` gives the CPU's vectors before it relies on it).
"""

import torch
import torch.nn.functional as F

# Largest magnitude of a vector component, in quarter-pels (64 pixels).
MV_LIMIT = 256
BLOCK_SIZES = (8, 16)


def field_shape(height, width, block):
    """(rows, columns) of a motion field: blocks at the right and bottom are cut to the picture."""
    return -(-height // block), -(-width // block)


def interpolate(a, b, c, d, fx, fy):
    """The fixed-point bilinear interpolation of the four neighbours (integer tensors)."""
    return (a * (4 - fx) * (4 - fy) + b * fx * (4 - fy) + c * (4 - fx) * fy + d * fx * fy + 8) >> 4


def check_field(mv, height, width, block):
    if block not in BLOCK_SIZES:
        raise ValueError(f"block size {block} is not one of {BLOCK_SIZES}")
    if mv.dtype.is_floating_point:
        raise ValueError("motion vectors are integers (quarter-pels)")
    rows, cols = field_shape(height, width, block)
    if mv.shape[1:] != (2, rows, cols):
        raise ValueError(f"a {width}x{height} picture with {block}x{block} blocks needs a (N, 2, {rows}, {cols}) "
                         f"field, not {tuple(mv.shape)}")
    if mv.numel() and int(mv.abs().max()) > MV_LIMIT:
        raise ValueError(f"a motion vector component exceeds {MV_LIMIT} quarter-pels")


def sample_field(mv, height, width, block):
    """The per-sample vectors (N, H, W) of each component of a block field (N, 2, rows, cols)."""
    per_sample = mv.repeat_interleave(block, dim=2).repeat_interleave(block, dim=3)
    return per_sample[:, 0, :height, :width], per_sample[:, 1, :height, :width]


def warp(reference, mv, block=16):
    """The prediction of a picture: reference (N, C, H, W) 8-bit samples (uint8 or any integer
    type), mv (N, 2, rows, cols) integer quarter-pel vectors (component 0 horizontal). Returns
    (N, C, H, W) uint8."""
    n, c, h, w = reference.shape
    check_field(mv, h, w, block)
    mvx, mvy = sample_field(mv.to(torch.int32), h, w, block)
    device = reference.device
    xs = torch.arange(w, dtype=torch.int32, device=device).view(1, 1, w) * 4 + mvx
    ys = torch.arange(h, dtype=torch.int32, device=device).view(1, h, 1) * 4 + mvy
    # >> on a negative int32 tensor is arithmetic, i.e. floor division by 4; & 3 its remainder.
    ix, fx, iy, fy = xs >> 2, xs & 3, ys >> 2, ys & 3
    x0, x1 = ix.clamp(0, w - 1).long(), (ix + 1).clamp(0, w - 1).long()
    y0, y1 = (iy.clamp(0, h - 1) * w).long(), ((iy + 1).clamp(0, h - 1) * w).long()
    flat = reference.reshape(n, c, h * w).to(torch.int32)

    def at(rows, cols):
        index = (rows + cols).reshape(n, 1, h * w).expand(n, c, h * w)
        return torch.gather(flat, 2, index).view(n, c, h, w)

    fx, fy = fx.unsqueeze(1), fy.unsqueeze(1)
    out = interpolate(at(y0, x0), at(y0, x1), at(y1, x0), at(y1, x1), fx, fy)
    return out.to(torch.uint8)


def luma(rgb):
    """Integer BT.601 luma of 8-bit RGB (N, 3, H, W) -> int32 (N, 1, H, W)."""
    rgb = rgb.to(torch.int32)
    return (77 * rgb[:, 0:1] + 150 * rgb[:, 1:2] + 29 * rgb[:, 2:3] + 128) >> 8


def to_8bit(x):
    """A float picture in [0, 1] rounded to 8-bit samples (uint8)."""
    return x.clamp(0, 1).mul(255).round().to(torch.uint8)


def _blocks(picture, block):
    """(N, 1, H, W) -> (N, rows*cols, block, block), blocks in raster order."""
    n, _, h, w = picture.shape
    return picture.reshape(n, h // block, block, w // block, block).permute(0, 1, 3, 2, 4).reshape(n, -1, block, block)


def _windows(picture, vectors, block, radius):
    """For each block, the samples of picture (N, 1, H, W) over the block moved by its integer
    vector (N, 2, rows, cols) and widened by radius on every side, coordinates clamped to the
    picture as `warp` clamps them: (N, rows*cols, block + 2r, block + 2r)."""
    n, _, h, w = picture.shape
    rows, cols = vectors.shape[2:]
    device = picture.device
    span = torch.arange(block + 2 * radius, device=device) - radius
    xs = ((torch.arange(cols, device=device) * block).view(1, 1, cols) + vectors[:, 0]).unsqueeze(-1) + span  # (N, rows, cols, S)
    ys = ((torch.arange(rows, device=device) * block).view(1, rows, 1) + vectors[:, 1]).unsqueeze(-1) + span
    xs, ys = xs.clamp(0, w - 1), ys.clamp(0, h - 1)
    index = ys.unsqueeze(-1) * w + xs.unsqueeze(-2)  # (N, rows, cols, S, S)
    s = block + 2 * radius
    flat = picture.reshape(n, h * w)
    return torch.gather(flat, 1, index.reshape(n, -1)).view(n, rows * cols, s, s)


def _sad(current_blocks, candidate):
    return (current_blocks - candidate).abs().sum(dim=(2, 3))


def _refine_integer(current, reference, vectors, block, radius, penalty, spread):
    """Best integer vector within +-radius of each block's vector, by SAD plus penalty per pel of
    vector length (so that flat areas keep short vectors). spread: each candidate's SAD is summed
    over the (2*spread+1)^2 neighbouring blocks that take the same offset, for the small blocks of
    a coarse level, which alone match noise as well as motion."""
    n = current.shape[0]
    rows, cols = vectors.shape[2:]
    cur = _blocks(current, block)
    win = _windows(reference, vectors, block, radius)
    offsets = [(dx, dy) for dy in range(-radius, radius + 1) for dx in range(-radius, radius + 1)]
    sads = torch.stack([_sad(cur, win[:, :, radius + dy:radius + dy + block, radius + dx:radius + dx + block])
                        for dx, dy in offsets])  # (K, N, blocks)
    if spread:
        k = 2 * spread + 1
        sads = F.avg_pool2d(sads.float().view(-1, 1, rows, cols), k, 1, spread, count_include_pad=False)
        sads = sads.view(len(offsets), n, -1) * (k * k)
    candidates = vectors.reshape(1, n, 2, -1) + torch.tensor(offsets, device=vectors.device).view(-1, 1, 2, 1)  # (K, N, 2, blocks)
    cost = sads + penalty * candidates.abs().sum(dim=2)
    best = cost.argmin(dim=0)  # (N, blocks)
    chosen = torch.gather(candidates, 0, best.view(1, n, 1, -1).expand(1, n, 2, -1))[0]
    return chosen.view(n, 2, rows, cols)


def _refine_subpel(current, reference, quarter, block, step, penalty):
    """Best quarter-pel vector within +-step quarter-pels (one ring) of each block's, by SAD of
    the interpolation `warp` computes. quarter: (N, 2, rows, cols) quarter-pel vectors."""
    n = current.shape[0]
    rows, cols = quarter.shape[2:]
    base = quarter >> 2
    cur = _blocks(current, block)
    # A candidate lies within [base - 1, base + 2) pels, and interpolation reads one sample to the
    # right and below it: a window of radius 2 holds every sample read.
    radius = 2
    win = _windows(reference, base, block, radius)
    frac = (quarter & 3).reshape(n, 2, -1, 1, 1)
    best_cost, best = None, None
    for dy in (-step, 0, step):
        for dx in (-step, 0, step):
            px = frac[:, 0] + dx  # quarter-pels relative to base, in [-2, 5]
            py = frac[:, 1] + dy
            ox, fx, oy, fy = px >> 2, px & 3, py >> 2, py & 3
            a = _shifted(win, ox, oy, block, radius)
            b = _shifted(win, ox + 1, oy, block, radius)
            c = _shifted(win, ox, oy + 1, block, radius)
            d = _shifted(win, ox + 1, oy + 1, block, radius)
            cand = interpolate(a, b, c, d, fx, fy)
            v = quarter + torch.tensor([dx, dy], device=quarter.device).view(1, 2, 1, 1)
            cost = _sad(cur, cand) + penalty * v.abs().sum(dim=1).reshape(n, -1) // 4
            if best_cost is None:
                best_cost, best = cost, v.reshape(n, 2, -1).clone()
            else:
                better = cost < best_cost
                best_cost = torch.where(better, cost, best_cost)
                best = torch.where(better.unsqueeze(1), v.reshape(n, 2, -1), best)
    return best.view(n, 2, rows, cols)


def _shifted(win, ox, oy, block, radius):
    """win[..., radius + oy + i, radius + ox + j] for i, j < block, with a per-block integer
    offset (ox, oy) of shape (N, blocks, 1, 1) in [-radius, radius]."""
    n, nb, s, _ = win.shape
    i = torch.arange(block, device=win.device).view(1, 1, block, 1)
    rows = (radius + oy + i).expand(n, nb, block, 1)
    cols = (radius + ox + i.view(1, 1, 1, block)).expand(n, nb, 1, block)
    index = (rows * s + cols).reshape(n, nb, block * block)
    return torch.gather(win.reshape(n, nb, s * s), 2, index).view(n, nb, block, block)


def _downsample(picture):
    """2x2 mean with rounding (int32), odd sizes cut."""
    n, _, h, w = picture.shape
    p = picture[:, :, :h // 2 * 2, :w // 2 * 2]
    return (p[:, :, 0::2, 0::2] + p[:, :, 0::2, 1::2] + p[:, :, 1::2, 0::2] + p[:, :, 1::2, 1::2] + 2) >> 2


# The block size of the coarse-to-fine search; a field of 8x8 blocks starts from it and is then
# refined at 8 (4x4 blocks at half resolution match noise as readily as motion).
SEARCH_BLOCK = 16


def estimate(reference, current, block=16, levels=3, search=32, penalty=4, spread=1):
    """Block motion from reference to current, both 8-bit RGB (N, 3, H, W) with H and W multiples
    of 16: the quarter-pel field (N, 2, rows, cols) int32 that `warp(reference, ., block)` uses to
    predict current. search: the full-search range in pixels at full resolution (covered at the
    coarsest level); penalty: SAD units per pel of vector length; spread: the neighbourhood of
    blocks whose SADs the coarsest level sums (see _refine_integer)."""
    n, _, h, w = current.shape
    if block not in BLOCK_SIZES:
        raise ValueError(f"block size {block} is not one of {BLOCK_SIZES}")
    if h % SEARCH_BLOCK or w % SEARCH_BLOCK:
        raise ValueError(f"{w}x{h} is not a multiple of {SEARCH_BLOCK}")
    scale = 2 ** (levels - 1)
    if SEARCH_BLOCK % scale:
        raise ValueError(f"{levels} levels: blocks of {SEARCH_BLOCK} cannot be halved {levels - 1} times")
    pyramid_ref, pyramid_cur = [luma(reference)], [luma(current)]
    for _ in range(levels - 1):
        pyramid_ref.append(_downsample(pyramid_ref[-1]))
        pyramid_cur.append(_downsample(pyramid_cur[-1]))
    vectors = torch.zeros(n, 2, h // SEARCH_BLOCK, w // SEARCH_BLOCK, dtype=torch.int64, device=current.device)
    radius = -(-search // scale)
    for level in range(levels - 1, -1, -1):
        vectors = _refine_integer(pyramid_cur[level], pyramid_ref[level], vectors, SEARCH_BLOCK >> level,
                                  radius, penalty, spread if level == levels - 1 else 0)
        if level:
            vectors = vectors * 2
        radius = 2
    cur, ref = pyramid_cur[0], pyramid_ref[0]
    if block != SEARCH_BLOCK:
        split = SEARCH_BLOCK // block
        vectors = vectors.repeat_interleave(split, dim=2).repeat_interleave(split, dim=3)
        vectors = _refine_integer(cur, ref, vectors, block, 1, penalty, 0)
    quarter = (vectors * 4).clamp(-MV_LIMIT, MV_LIMIT)
    quarter = _refine_subpel(cur, ref, quarter, block, 2, penalty)
    quarter = _refine_subpel(cur, ref, quarter, block, 1, penalty)
    return quarter.clamp(-MV_LIMIT, MV_LIMIT).to(torch.int32)
