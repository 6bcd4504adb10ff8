"""Wakes the latent channels that widen_latent added, in a training checkpoint, in place.

widen_latent starts the new channels of y at exactly zero so that the widened model codes as
before. They did not leave zero: at the smallest scale, a symbol near zero costs bits as soon as it
moves, and that pull outweighed the distortion gradient that reached them through g_s's random
columns (after 1000 steps, y_new had a standard deviation of 0.05 at the top level and not one
symbol was non-zero). This gives them a live start instead:

- g_a's new rows random, scaled so that y' = y * gain of the new channels has a standard deviation
  of --top-std at the top quality level on a training picture (a third of that at the middle level),
- g_s's columns for them zero, so the reconstruction does not change; they learn from the first
  step, since their inputs are no longer zero,
- the new channels' scale index --scale-index (constant, until the scale network learns it),
- the Adam moments of the changed slices reset; the moving average takes the same new values.

    python3 -m training.wake_channels --checkpoint training/runs/lic-image-v1/checkpoint.pt --first 192
"""

import argparse
import os

import torch

from training import data
from training.model import LAMBDAS, model_from_weights

CHANGED = ("g_a.net.7.weight", "g_a.net.7.bias", "g_s.net.0.conv.weight", "scale_net.c4.weight",
           "scale_net.c4.bias")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--first", type=int, required=True, help="first new channel")
    p.add_argument("--top-std", type=float, default=1.0)
    p.add_argument("--scale-index", type=float, default=16.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    args = p.parse_args()

    state = torch.load(args.checkpoint, map_location="cpu")
    weights = state["model"]
    first = args.first
    gen = torch.Generator().manual_seed(args.seed)
    w = weights["g_a.net.7.weight"]
    k = w.shape[0] - first
    rows = torch.randn(k, *w.shape[1:], generator=gen)

    # Calibrate on the first training picture (never Kodak): features entering g_a's last layer.
    model = model_from_weights(weights).eval()
    picture = data.load_rgb(data.split(data.list_images(args.train_dir))[0][0])
    x = picture[None, :, :512, :512].float() / 255.0
    with torch.no_grad():
        features = model.g_a.net[4:7](model.g_a.quarter(model.g_a.net[:4](x)))
        y_new = torch.nn.functional.conv2d(features, rows, stride=2, padding=1)
        top_gain = torch.exp(weights["log_gain"][len(LAMBDAS) - 1, first:].float()).view(1, k, 1, 1)
        scale = args.top_std / float((y_new * top_gain).std())
    rows *= scale

    new = {
        "g_a.net.7.weight": (slice(first, None),),
        "g_a.net.7.bias": (slice(first, None),),
        "g_s.net.0.conv.weight": (slice(None), slice(first, None)),
        "scale_net.c4.weight": (slice(first, None),),
        "scale_net.c4.bias": (slice(first, None),),
    }
    values = {
        "g_a.net.7.weight": rows,
        "g_a.net.7.bias": 0.0,
        "g_s.net.0.conv.weight": 0.0,
        "scale_net.c4.weight": 0.0,
        "scale_net.c4.bias": args.scale_index,
    }
    names = list(weights.keys())
    param_names = [n for n, _ in model.named_parameters()]
    for key in CHANGED:
        index = new[key]
        for target in (weights, state["ema"]):
            t = target[key]
            v = values[key]
            t[index] = v.to(t.dtype) if torch.is_tensor(v) else v
        moments = state["optimizer"]["state"].get(param_names.index(key))
        if moments is not None:
            for m in ("exp_avg", "exp_avg_sq"):
                moments[m][index] = 0
    assert names == list(state["model"].keys())
    torch.save(state, args.checkpoint + ".tmp")
    os.replace(args.checkpoint + ".tmp", args.checkpoint)
    print(f"woke channels {first}..{first + k - 1}: g_a rows scaled by {scale:.4g} "
          f"(y' std {args.top_std} at the top level), scale index {args.scale_index}")


if __name__ == "__main__":
    main()
