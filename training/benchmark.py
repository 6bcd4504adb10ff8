"""PyTorch timing of the transforms that the Java codec runs, on the same pictures: the baseline
that `lic4j bench` compares ONNX Runtime against in one run. Prints one JSON object on stdout.

    /usr/bin/python3 -m training.benchmark --weights training/checkpoints/lic-image-v1.pt \
        [--quality 75] [--threads 2] [--warmup 1] IMAGE...

Encoder side: g_a and h_a. Decoder side: h_mean, ctx_mean (checkerboard anchors first) and g_s.
Times are medians over the images, in ms, after --warmup untimed passes over the first image.
Each image is padded (edge replication) to a multiple of 64, as the codec does.

Also the model's estimated size of each picture (eval-mode likelihoods, with the float scale
network unless the checkpoint carries integer act_scales), to set against the real coded size:
meaningful only when the checkpoint's step is the one the bundle was exported from ("step").

Without torch (another interpreter, or a machine without python3-torch) it prints
{"skipped": "..."} and exits 0, so that the bench goes on without the comparison.
"""

import argparse
import json
import statistics
import sys
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--quality", type=float, default=75.0, help="0..100, as lic4j encode -q")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("images", nargs="+")
    args = p.parse_args()
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as e:
        print(json.dumps({"skipped": f"no torch in {sys.executable}: {e}"}))
        return
    from training import data, quantize
    from training.model import LAMBDAS, checkerboard_mask, gaussian_likelihood, model_from_weights

    torch.set_num_threads(args.threads)
    state = torch.load(args.weights, map_location="cpu")
    # Bundles are exported from the moving average of the weights when the checkpoint has one
    # (training/publish-bundle.sh --ema): compare against the same weights.
    model = model_from_weights(state["ema"] if "ema" in state else state["model"])
    model.eval()
    scales = "float"
    if state.get("act_scales") is not None:
        model.set_scale_override(quantize.integer_scale_fn(
            quantize.integerise(model.scale_net, state["act_scales"])))
        scales = "integer"
    # The header stores quality in hundredths; the position on the model's levels follows from it.
    levels = len(LAMBDAS)
    q = torch.tensor([(levels - 1) * round(args.quality * 100) / 10000.0])

    def clock(fn, *a):
        t = time.perf_counter()
        out = fn(*a)
        return out, (time.perf_counter() - t) * 1000.0

    @torch.no_grad()
    def run(x):
        gain, inv_gain = model.gains(q)
        y, t_ga = clock(model.g_a, x)
        y = y * gain
        z, t_ha = clock(model.h_a, y)
        z_hat = torch.round(z)
        hyper_mean, t_hm = clock(model.h_mean, z_hat)
        mask = checkerboard_mask(y.shape[2], y.shape[3])
        anchor = (torch.round(y - hyper_mean) + hyper_mean) * mask
        ctx, t_ctx = clock(model.ctx_mean, hyper_mean, anchor)
        mean = hyper_mean * mask + ctx * (1 - mask)
        r_hat = torch.round(y - mean)
        _, t_gs = clock(model.g_s, (r_hat + mean) * inv_gain)
        # The estimate, untimed: what training calls the rate.
        idx = model.scale_index(z_hat, hard=True)
        bits_y = -torch.log2(gaussian_likelihood(r_hat, model.scales_from_index(idx)).clamp_min(1e-9)).sum()
        bits_z = -torch.log2(model.z_density.likelihood(z_hat).clamp_min(1e-9)).sum()
        return {"g_a": t_ga, "h_a": t_ha, "h_mean": t_hm, "ctx_mean": t_ctx, "g_s": t_gs}, float(bits_y + bits_z)

    def load(path):
        x = data.load_rgb(path).float().div(255).unsqueeze(0)
        h, w = x.shape[2], x.shape[3]
        return F.pad(x, (0, (-w) % 64, 0, (-h) % 64), mode="replicate"), h * w

    first, _ = load(args.images[0])
    for _ in range(args.warmup):
        run(first)
    times = {k: [] for k in ("g_a", "h_a", "h_mean", "ctx_mean", "g_s", "encode", "decode")}
    bits = []
    pixels = []
    for path in args.images:
        x, n = load(path)
        t, b = run(x)
        for k, v in t.items():
            times[k].append(v)
        times["encode"].append(t["g_a"] + t["h_a"])
        times["decode"].append(t["h_mean"] + t["ctx_mean"] + t["g_s"])
        bits.append(b)
        pixels.append(n)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "step": state.get("step"),
           "scales": scales, "images": len(args.images), "quality": args.quality}
    for k, v in times.items():
        out[k + "_ms"] = round(statistics.median(v), 2)
    out["estimated_bits"] = [round(b) for b in bits]
    out["estimated_bpp"] = round(sum(bits) / sum(pixels), 5)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
