"""Where the bits of a large picture go at the lowest qualities: the diagnosis of the rate floor
(docs/training-log.md, "The rate floor on 2K photos").

    /usr/bin/python3 -m training.floor --weights training/checkpoints/lic-image-v1.pt \
        --qualities -2 -1 0 1 2 --out target/floor PICTURE...

Bits are those of the quantised tables the bundle ships (cdf.gaussian_tables over the normative
scale table, cdf.factorized_tables from the z density), computed per symbol over the whole
picture as one tile: what the range coder spends, less its few bytes of flush per stream. The
scale index is the float network's, rounded (the shipped integer network matches it to within
a fraction of a percent of the rate, docs/models.md). A quality below 0 extrapolates the
per-level gains linearly beyond level 0 (LicImageModel.gains does so for q < 0).

Per picture and quality it writes a JSON record (z / y split, the cost of the symbols at the
smallest scale, of all-zero channels, of all-zero z, smooth against textured 16x16 blocks) and a
PNG map of the bits per 16x16 block beside the picture.
"""

import argparse
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from training import cdf, data, metrics
from training.model import SCALE_LEVELS, checkerboard_mask, model_from_weights, scale_table

# A 16x16 block is "smooth" when the standard deviation of its luma is below this (8-bit units):
# sky, bokeh and studio backdrops, where the floor shows.
SMOOTH_STD = 2.0


def bit_table(tables, precision=cdf.PRECISION):
    """(bits, offset) with bits[t, v - offset] the cost of value v under table t; a value out of
    range costs the escape plus about 8 bits of bypass code (docs/entropy.md 3.4: 7 + max(b - 1, 0))."""
    lo = min(off for _, off in tables)
    hi = max(off + len(c) - 2 for c, off in tables)
    width = hi - lo + 1
    bits = np.zeros((len(tables), width), dtype=np.float64)
    for t, (c, off) in enumerate(tables):
        freq = np.diff(c)
        escape = precision - math.log2(freq[-1])
        row = np.full(width, escape + 8.0)
        row[off - lo: off - lo + len(freq) - 1] = precision - np.log2(freq[:-1])
        bits[t] = row
    return torch.from_numpy(bits), lo


def lookup(bits, lo, table, values):
    """Per-element cost of integer `values` under per-element table indexes `table`."""
    v = (values.long() - lo).clamp(0, bits.shape[1] - 1)
    return bits[table.long(), v]


def empirical_bits(symbols):
    """Bits of (C, H, W) integer symbols under each channel's own histogram on this picture: what
    no static per-channel table (refitted per quality, say) can beat."""
    total = 0.0
    for c in symbols:
        _, counts = torch.unique(c, return_counts=True)
        p = counts.double() / counts.sum()
        total += float(-(counts.double() * torch.log2(p)).sum())
    return total


def luma(x):
    return 255 * (0.299 * x[:, 0] + 0.587 * x[:, 1] + 0.114 * x[:, 2])


@torch.no_grad()
def analyse_picture(model, path, qualities, y_bits, z_bits, out_dir):
    img = data.load_rgb(path)
    x = img.float().div(255).unsqueeze(0)
    h, w = x.shape[2], x.shape[3]
    xp = F.pad(x, (0, (-w) % 64, 0, (-h) % 64), mode="replicate")
    y0 = model.g_a(xp)
    name = os.path.splitext(os.path.basename(path))[0]
    # Smooth blocks: luma std per 16x16 block of the padded picture.
    blocks = F.unfold(luma(xp).unsqueeze(1), 16, stride=16).std(dim=1).view(xp.shape[2] // 16, xp.shape[3] // 16)
    smooth = blocks < SMOOTH_STD
    inside = torch.zeros_like(smooth)
    inside[:(h + 15) // 16, :(w + 15) // 16] = True
    smooth &= inside
    rows = []
    for q in qualities:
        gain, inv_gain = model.gains(torch.tensor([float(q)]))
        y = y0 * gain
        z_hat = torch.round(model.h_a(y))
        idx = model.scale_index(z_hat, hard=True)
        hyper_mean = model.h_mean(z_hat)
        mask = checkerboard_mask(y.shape[2], y.shape[3])
        anchor = (torch.round(y - hyper_mean) + hyper_mean) * mask
        mean = hyper_mean * mask + model.ctx_mean(hyper_mean, anchor) * (1 - mask)
        r = torch.round(y - mean)
        y_hat = r + mean
        x_hat = model.g_s(y_hat * inv_gain)[:, :, :h, :w].clamp(0, 1).mul(255).round().div(255)

        by = lookup(*y_bits, idx[0], r[0])  # (M, yh, yw)
        cz = z_hat.shape[1]
        ch = torch.arange(cz).view(cz, 1, 1).expand_as(z_hat[0])
        bz = lookup(*z_bits, ch, z_hat[0])  # (CZ, zh, zw)
        bz_zero = lookup(*z_bits, torch.arange(cz), torch.zeros(cz))  # cost of a 0 per z channel
        pixels = h * w
        at_min = idx[0] == 0
        zero_r = r[0] == 0
        zero_channels = zero_r.flatten(1).all(dim=1)
        anchors = mask[0, 0].bool().expand_as(r[0])
        # Residuals beyond their table's range go through the escape (16 bits) and the bypass.
        escapes = by >= float(y_bits[0][:, -1].min())
        # Bits per 16x16 block: y at its position, z spread evenly over the 4x4 positions it covers.
        block_bits = by.sum(0) + F.interpolate(bz.sum(0)[None, None], scale_factor=4, mode="nearest")[0, 0] / 16
        row = {
            "picture": name, "width": w, "height": h, "quality": q,
            "psnr": metrics.psnr(x, x_hat),
            "bpp": float(by.sum() + bz.sum()) / pixels,
            "bpp_y": float(by.sum()) / pixels, "bpp_z": float(bz.sum()) / pixels,
            "y_at_min_scale_share": float(at_min.float().mean()),
            "bpp_y_at_min_scale": float(by[at_min].sum()) / pixels,
            "bits_per_zero_at_min_scale": float(lookup(*y_bits, torch.zeros(1), torch.zeros(1))),
            "y_zero_share": float(zero_r.float().mean()),
            "bpp_y_anchors": float(by[anchors].sum()) / pixels,
            "bpp_y_non_anchors": float(by[~anchors].sum()) / pixels,
            "y_escape_share": float(escapes.float().mean()),
            "bpp_y_escapes": float(by[escapes].sum()) / pixels,
            "bpp_y_zero_symbols": float(by[zero_r].sum()) / pixels,
            "y_zero_channels": int(zero_channels.sum()),
            "bpp_y_zero_channels": float(by[zero_channels].sum()) / pixels,
            "scale_index_mean": float(idx.float().mean()),
            "scale_index_hist": torch.bincount(idx.flatten().long(), minlength=SCALE_LEVELS).tolist(),
            "z_zero_share": float((z_hat == 0).float().mean()),
            "bpp_z_zero_symbols": float(bz[z_hat[0] == 0].sum()) / pixels,
            "bits_per_z_zero_mean": float(bz_zero.mean()),
            "bits_per_z_zero_min": float(bz_zero.min()),
            "bpp_z_empirical": empirical_bits(z_hat[0]) / pixels,
            "bpp_if_z_free": float(by.sum()) / pixels,
            "smooth_block_share": float(smooth.sum()) / float(inside.sum()),
            "bpp_smooth_blocks": float(block_bits[smooth].sum()) / (256 * max(1, int(smooth.sum()))),
            "bpp_textured_blocks": float(block_bits[inside & ~smooth].sum()) / (256 * max(1, int((inside & ~smooth).sum()))),
            "bits_share_smooth_blocks": float(block_bits[smooth].sum() / block_bits[inside].sum()),
            "per_channel_bpp_y": (by.flatten(1).sum(1) / pixels).tolist(),
            "per_channel_min_scale_share": at_min.flatten(1).float().mean(1).tolist(),
        }
        rows.append(row)
        print(f"{name} q={q:+.1f} bpp={row['bpp']:.4f} (z {row['bpp_z']:.4f}, y {row['bpp_y']:.4f}) "
              f"psnr={row['psnr']:.2f} min-scale {row['y_at_min_scale_share']:.2f} "
              f"zero-ch {row['y_zero_channels']} smooth {row['smooth_block_share']:.2f} "
              f"bpp smooth/textured {row['bpp_smooth_blocks']:.4f}/{row['bpp_textured_blocks']:.4f}", flush=True)
        if out_dir is not None and q == qualities[0]:
            write_map(block_bits[:(h + 15) // 16, :(w + 15) // 16] / 256, x, os.path.join(out_dir, f"{name}-q{q:+g}.png"))
    return rows


def write_map(bpp, x, path, cell=4, top=1.0):
    """The picture (downscaled to the map's size) beside its bits per pixel per 16x16 block,
    black 0 to white `top` bpp on a square-root scale, `cell` pixels a block."""
    bh, bw = bpp.shape
    v = (bpp / top).clamp(0, 1).sqrt()
    heat = torch.stack([v.clamp(0, 1), (2 * v - 0.5).clamp(0, 1), (3 * v - 2).clamp(0, 1)])  # black-red-yellow-white
    heat = F.interpolate(heat[None], scale_factor=cell, mode="nearest")[0]
    pic = F.interpolate(x, size=heat.shape[1:], mode="area")[0]
    both = torch.cat([pic, torch.ones(3, heat.shape[1], 4), heat], dim=2)
    Image.fromarray(both.mul(255).round().byte().permute(1, 2, 0).numpy()).save(path, optimize=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--ema", action="store_true")
    p.add_argument("--qualities", type=float, nargs="+", default=[0, 1, 2])
    p.add_argument("--out", required=True, help="folder for floor.json and the block maps")
    p.add_argument("pictures", nargs="+")
    args = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    state = torch.load(args.weights)
    model = model_from_weights(state["ema" if args.ema else "model"]).eval()
    y_bits = bit_table(cdf.gaussian_tables(scale_table()))
    z_bits = bit_table(cdf.factorized_tables(model.z_density, model.cz))
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for path in args.pictures:
        rows += analyse_picture(model, path, args.qualities, y_bits, z_bits, args.out)
        with open(os.path.join(args.out, "floor.json"), "w") as f:
            json.dump({"weights": args.weights, "step": state.get("step"), "rows": rows}, f)
            f.write("\n")


if __name__ == "__main__":
    main()
