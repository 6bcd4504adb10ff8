"""Widens the latent y of a training checkpoint, in place, and gives the new channels a live start.

    python3 -m training.widen --checkpoint training/runs/lic-image-v1/checkpoint.pt --channels 320

Then train the new channels alone first (`train.py --train-only-new 192`), and everything after.

- model.widen_latent adds the channels so that the model codes as before; its Adam moments are
  padded with zeros, so the trained parameters keep theirs;
- g_a's new rows are random, scaled so that y' = y * gain of the new channels has a standard
  deviation of --top-std at the top quality level on a training picture (never Kodak);
- g_s's columns for them are zero, so the reconstruction does not change, and they learn from the
  first step since their inputs are not zero; the new channels' scale index is --scale-index until
  the scale network learns it. The moving average takes the same values.

Why the live start and the separate first phase: started at zero, the new channels stayed there,
held by their rate; started live but trained with the whole model, they were squeezed back to zero
within 200 steps. Trained alone, they learnt to cost nothing rather than to help, so lic-image-v1
stays at 192 channels (docs/models.md, "Steps 29982 to 32153").
"""

import argparse
import os

import torch

from training import data
from training.model import LAMBDAS, latent_channels, model_from_weights, widen_latent

# Each widened tensor, with the index of its new part and its live-start value.
LIVE_START = {
    "g_a.net.7.bias": (lambda first: (slice(first, None),), 0.0),
    "g_s.net.0.conv.weight": (lambda first: (slice(None), slice(first, None)), 0.0),
    "scale_net.c4.bias": (lambda first: (slice(first, None),), None),  # --scale-index
}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--channels", type=int, required=True)
    p.add_argument("--top-std", type=float, default=0.5)
    p.add_argument("--scale-index", type=float, default=12.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--from-ema", action="store_true",
                   help="start from the moving average of the weights: with the old channels frozen at first, "
                        "the raw weights would otherwise pull the average towards themselves")
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    args = p.parse_args()

    state = torch.load(args.checkpoint, map_location="cpu")
    if args.from_ema:
        state["model"] = {k: v.float() if v.is_floating_point() else v.clone() for k, v in state["ema"].items()}
    weights = state["model"]
    first = latent_channels(weights)
    names = list(weights.keys())
    param_names = [n for n, _ in model_from_weights(weights).named_parameters()]
    for target in (weights, state["ema"]):
        widen_latent(target, args.channels)
    k = args.channels - first
    # Adam moments: zero for the new parts, kept for the rest.
    for moment in ("exp_avg", "exp_avg_sq"):
        by_name = {param_names[i]: st[moment] for i, st in state["optimizer"]["state"].items()}
        widen_latent(by_name, args.channels, moments=True)
        for i, st in state["optimizer"]["state"].items():
            st[moment] = by_name[param_names[i]]

    gen = torch.Generator().manual_seed(args.seed)
    w = weights["g_a.net.7.weight"]
    rows = torch.randn(k, *w.shape[1:], generator=gen)
    model = model_from_weights(weights).eval()
    picture = data.load_rgb(data.split(data.list_images(args.train_dir))[0][0])
    x = picture[None, :, :512, :512].float() / 255.0
    with torch.no_grad():
        features = model.g_a.net[4:7](model.g_a.quarter(model.g_a.net[:4](x)))
        y_new = torch.nn.functional.conv2d(features, rows, stride=2, padding=1)
        top_gain = torch.exp(weights["log_gain"][len(LAMBDAS) - 1, first:].float()).view(1, k, 1, 1)
        rows *= args.top_std / float((y_new * top_gain).std())
    for target in (weights, state["ema"]):
        target["g_a.net.7.weight"][first:] = rows.to(target["g_a.net.7.weight"].dtype)
        for key, (index, value) in LIVE_START.items():
            target[key][index(first)] = args.scale_index if value is None else value
    assert names == list(state["model"].keys())
    torch.save(state, args.checkpoint + ".tmp")
    os.replace(args.checkpoint + ".tmp", args.checkpoint)
    print(f"widened {args.checkpoint} from {first} to {args.channels} latent channels "
          f"(y' std {args.top_std} at the top level, scale index {args.scale_index})")


if __name__ == "__main__":
    main()
