"""How much would an integer context for the scales of the non-anchor elements save?

The scale index of every element of y comes from the hyperprior alone (ScaleNet_int(z^)); the
means of the non-anchors also see the decoded anchors (checkerboard). A context for the scales
would have to be integer too (parsing never depends on a float), for instance a table indexed by
the hyperprior's scale index and by the decoded anchor residuals around the element. This probe
measures an upper bound of what such a table can give, without training anything: on training
photos it picks, for every (scale index, context bucket) pair, the shift of the scale index that
minimises the bits of the non-anchor residuals, and reports the bits it saves on the held-out
validation photos.

    source training/env.sh
    /usr/bin/python3 -m training.probe_scale_context --weights training/checkpoints/lic-image-v1.pt
"""
import argparse

import torch
import torch.nn.functional as F

from training import data
from training.model import SCALE_LEVELS, checkerboard_mask, gaussian_likelihood, model_from_weights

SHIFTS = list(range(-12, 13))
SAME_BUCKETS = 13     # mean |r| of the (up to) four anchor neighbours in the same channel, in halves
ENERGY_BUCKETS = 12   # the same mean over all channels, log-spaced


def element_stats(model, path, q, crop):
    """For the non-anchor elements of one centre crop: hyperprior scale index, the two context
    buckets, and the bits of each residual under every shift of its scale index."""
    x = data.load_rgb(path).float().div(255).unsqueeze(0)
    h, w = x.shape[2], x.shape[3]
    ch, cw = min(h, crop) // 64 * 64, min(w, crop) // 64 * 64
    top, left = (h - ch) // 2, (w - cw) // 2
    x = x[:, :, top:top + ch, left:left + cw]
    with torch.no_grad():
        gain, _ = model.gains(torch.tensor([float(q)]))
        y = model.g_a(x) * gain
        z_hat = torch.round(model.h_a(y))
        idx = model.scale_index(z_hat, hard=True)
        hyper_mean = model.h_mean(z_hat)
        mask = checkerboard_mask(y.shape[2], y.shape[3])
        y_anchor = (torch.round(y - hyper_mean) + hyper_mean) * mask
        mean = hyper_mean * mask + model.ctx_mean(hyper_mean, y_anchor) * (1 - mask)
        r = torch.round(y - mean)

        cross = torch.tensor([[0., 1., 0.], [1., 0., 1.], [0., 1., 0.]]).view(1, 1, 3, 3)
        neighbours = F.conv2d(mask, cross, padding=1).clamp(min=1)
        same = F.conv2d(r.abs() * mask, cross.repeat(model.m, 1, 1, 1), padding=1, groups=model.m) / neighbours
        energy = same.mean(dim=1, keepdim=True).expand_as(same)
        non_anchor = (1 - mask).bool().expand_as(r)

        bits = []
        for d in SHIFTS:
            scales = model.scales_from_index((idx + d).clamp(0, SCALE_LEVELS - 1))
            # 2^-16: the frequency floor of the shipped tables
            bits.append(-torch.log2(gaussian_likelihood(r, scales).clamp(min=2 ** -16))[non_anchor])
        all_bits = -torch.log2(gaussian_likelihood(r, model.scales_from_index(idx)).clamp(min=2 ** -16)).sum()
        same_bucket = torch.clamp(torch.round(same * 2), max=SAME_BUCKETS - 1)[non_anchor].long()
        energy_bucket = torch.clamp(torch.floor(torch.log2(energy * 8 + 1) * 2), max=ENERGY_BUCKETS - 1)[non_anchor].long()
    return idx[non_anchor].long(), same_bucket, energy_bucket, torch.stack(bits, 1), float(all_bits)


CONTEXTS = {
    "same channel": (SAME_BUCKETS, lambda s: s[1]),
    "all channels": (ENERGY_BUCKETS, lambda s: s[2]),
    "both": (SAME_BUCKETS * ENERGY_BUCKETS, lambda s: s[1] * ENERGY_BUCKETS + s[2]),
}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--weights", required=True)
    p.add_argument("--raw", action="store_true", help="the raw weights instead of their moving average")
    p.add_argument("--train-images", type=int, default=16, help="training photos the tables are fitted on")
    p.add_argument("--levels", default="2,5,9")
    p.add_argument("--crop", type=int, default=768)
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    args = p.parse_args()
    torch.set_num_threads(1)

    state = torch.load(args.weights, map_location="cpu")
    model = model_from_weights({k: v.float() for k, v in state["model" if args.raw else "ema"].items()}).eval()
    train, val = data.split(data.list_images(args.train_dir))
    fit = train[::6][:args.train_images]
    no_shift = SHIFTS.index(0)
    for q in [int(v) for v in args.levels.split(",")]:
        fitted = [element_stats(model, path, q, args.crop) for path in fit]
        held_out = [element_stats(model, path, q, args.crop) for path in val]
        for name, (buckets, bucket_of) in CONTEXTS.items():
            cost = torch.zeros(SCALE_LEVELS * buckets, len(SHIFTS))
            for s in fitted:
                cost.index_add_(0, s[0] * buckets + bucket_of(s), s[3])
            best = cost.argmin(1)
            saved = total = 0.0
            for s in held_out:
                chosen = best[s[0] * buckets + bucket_of(s)].view(-1, 1)
                saved += float(s[3][:, no_shift].sum() - s[3].gather(1, chosen).sum())
                total += s[4]
            print(f"level {q}, context {name}: {100 * saved / total:.2f}% of the bits of y saved "
                  f"on the validation photos", flush=True)


if __name__ == "__main__":
    main()
