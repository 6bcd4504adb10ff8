"""Experiment (docs/training-log.md, "The rate floor on 2K photos"): how far an encoder that
chooses z itself, instead of rounding h_a(y), lowers the rate floor. The decoder and the stream
format are unchanged: z is whatever the encoder writes.

    /usr/bin/python3 -m training.zsearch --weights training/checkpoints/lic-image-v1.pt --ema \
        --qualities 0 --steps 60 PICTURE...

z starts at h_a(y) and descends bits(y) + bits(z) (y fixed; straight-through rounding of z and of
the residuals; float scale network with its continuous index), then is rounded; the result is
measured with the shipped tables (training.floor) and the synthesis, against plain rounding.
"""

import argparse
import os

import torch
import torch.nn.functional as F

from training import cdf, data, metrics
from training.floor import bit_table, lookup
from training.model import (checkerboard_mask, gaussian_likelihood, lower_bound, model_from_weights, round_ste,
                            scale_table)


def latent_bits(model, y, z_hat, y_bits, z_bits, hard):
    """(bits of y, bits of z, y^) for a given z^: table bits when hard, else the soft estimate."""
    idx = model.scale_index(z_hat, hard=hard)
    hyper_mean = model.h_mean(z_hat)
    mask = checkerboard_mask(y.shape[2], y.shape[3])
    anchor = (round_ste(y - hyper_mean) + hyper_mean) * mask
    mean = hyper_mean * mask + model.ctx_mean(hyper_mean, anchor) * (1 - mask)
    r = round_ste(y - mean)
    if hard:
        cz = z_hat.shape[1]
        ch = torch.arange(cz).view(cz, 1, 1).expand_as(z_hat[0])
        return float(lookup(*y_bits, idx[0], r[0]).sum()), float(lookup(*z_bits, ch, z_hat[0]).sum()), r + mean
    bits_y = -torch.log2(lower_bound(gaussian_likelihood(r, model.scales_from_index(idx)), 1e-9)).sum()
    bits_z = -torch.log2(lower_bound(model.z_density.likelihood(z_hat), 1e-9)).sum()
    return bits_y, bits_z, r + mean


def search_z(model, y, steps, lr=0.03):
    z = model.h_a(y).detach().clone().requires_grad_(True)
    opt = torch.optim.Adam([z], lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        by, _, _ = latent_bits(model, y, round_ste(z), None, None, hard=False)
        # z's own rate on the unrounded z (its likelihood is flat between integers once rounded):
        # the pull back towards the density's mode that keeps z from spreading.
        bz = -torch.log2(lower_bound(model.z_density.likelihood(z), 1e-9)).sum()
        (by + bz).backward()
        opt.step()
    return torch.round(z.detach())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--ema", action="store_true")
    p.add_argument("--qualities", type=float, nargs="+", default=[0])
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("pictures", nargs="+")
    args = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    state = torch.load(args.weights)
    model = model_from_weights(state["ema" if args.ema else "model"]).eval()
    for prm in model.parameters():
        prm.requires_grad_(False)
    y_bits = bit_table(cdf.gaussian_tables(scale_table()))
    z_bits = bit_table(cdf.factorized_tables(model.z_density, model.cz))
    for path in args.pictures:
        x = data.load_rgb(path).float().div(255)[None]
        h, w = x.shape[2:]
        xp = F.pad(x, (0, (-w) % 64, 0, (-h) % 64), mode="replicate")
        with torch.no_grad():
            y0 = model.g_a(xp)
        for q in args.qualities:
            gain, inv_gain = model.gains(torch.tensor([float(q)]))
            y = y0 * gain
            out = []
            with torch.no_grad():
                plain = torch.round(model.h_a(y))
            for name, z_hat in (("plain", plain), ("searched", search_z(model, y, args.steps))):
                with torch.no_grad():
                    by, bz, y_hat = latent_bits(model, y, z_hat, y_bits, z_bits, hard=True)
                    x_hat = model.g_s(y_hat * inv_gain)[:, :, :h, :w].clamp(0, 1).mul(255).round().div(255)
                out.append(f"{name} bpp {(by + bz) / (h * w):.4f} (z {bz / (h * w):.4f}) psnr {metrics.psnr(x, x_hat):.2f}")
            print(f"{os.path.basename(path)} q={q:+g}: " + "; ".join(out), flush=True)


if __name__ == "__main__":
    main()
