"""Kodak rate-distortion of a checkpoint, from the model's own likelihoods (estimated bits).

    /usr/bin/python3 -m training.evaluate --weights training/checkpoints/lic-image-v1.pt \
        [--integer] [--qualities 0 1 2 3 4 5 6 7] [--json docs/kodak-lic-image-v1.json]

--integer replaces the float scale network with the exact integer one that the bundle ships
(what the Java codec runs), so the numbers are those of the exported model.
"""

import argparse
import json
import os
import time

import torch
import torch.nn.functional as F

from training import bdrate, data, metrics, quantize, refine
from training.model import LAMBDAS, model_from_weights

KODAK = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "eval", "kodak")
ANCHORS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "anchors", "kodak")


@torch.no_grad()
def measure(model, path, q, soft_scales=False, refine_iterations=0):
    """(bpp, RGB-PSNR, MS-SSIM) of one picture at quality position q."""
    img = data.load_rgb(path)
    x = img.float().div(255).unsqueeze(0)
    h, w = x.shape[2], x.shape[3]
    ph, pw = (-h) % 64, (-w) % 64
    xp = F.pad(x, (0, pw, 0, ph), mode="replicate")
    if refine_iterations > 0:
        x_hat, by, bz = refine.code_refined(model, refine.RefineStep(model), xp, q, refine_iterations)
    else:
        x_hat, by, bz = model(xp, torch.tensor([float(q)]), eval_mode=True, soft_scales=soft_scales)
    x_hat = x_hat[:, :, :h, :w].clamp(0, 1).mul(255).round().div(255)
    return float(by + bz) / (h * w), metrics.psnr(x, x_hat), metrics.ms_ssim(x, x_hat)


_worker = {}


def _init_worker(weights, ema, act_scales, soft_scales, refine_iterations):
    torch.set_num_threads(1)
    model = load_model(weights, ema, act_scales)
    _worker.update(model=model, soft_scales=soft_scales, refine=refine_iterations)


def _measure_task(task):
    path, q = task
    return measure(_worker["model"], path, q, _worker["soft_scales"], _worker["refine"])


def evaluate(model, paths, qualities, soft_scales=False, refine_iterations=0, pool=None):
    """Mean bpp, PSNR and MS-SSIM per quality; `pool` (from `worker_pool`) spreads the pictures."""
    rows = []
    for q in qualities:
        tasks = [(path, q) for path in paths]
        if pool is not None:
            results = pool.map(_measure_task, tasks)
        else:
            results = [measure(model, path, q, soft_scales, refine_iterations) for path, q in tasks]
        n = len(paths)
        rows.append({"quality": q, "lambda": LAMBDAS[int(q)] if float(q).is_integer() else None,
                     "bpp": sum(r[0] for r in results) / n, "psnr": sum(r[1] for r in results) / n,
                     "ms_ssim": sum(r[2] for r in results) / n})
        print(f"q={q} bpp={rows[-1]['bpp']:.4f} psnr={rows[-1]['psnr']:.3f} ms-ssim={rows[-1]['ms_ssim']:.4f}", flush=True)
    return rows


def load_model(weights, ema, act_scales):
    """The model of a checkpoint; with act_scales, its exact integer scale network."""
    state = torch.load(weights)
    model = model_from_weights(state["ema" if ema else "model"])
    model.eval()
    if act_scales is not None:
        model.set_scale_override(quantize.integer_scale_fn(quantize.integerise(model.scale_net, act_scales)))
    return model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--ema", action="store_true", help="use the moving average of the weights (key 'ema')")
    p.add_argument("--integer", action="store_true")
    p.add_argument("--soft-scales", action="store_true", help="float network, continuous scales (reference)")
    p.add_argument("--qualities", type=float, nargs="*", default=list(range(len(LAMBDAS))))
    p.add_argument("--images", type=int, default=24)
    p.add_argument("--refine", type=int, default=0, metavar="N",
                   help="refine each latent with N steps of descent first (training/refine.py), as the encoder's --refine N")
    p.add_argument("--json")
    p.add_argument("--procs", type=int, default=1, help="worker processes of one thread each")
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    args = p.parse_args()
    torch.set_num_threads(2)
    state = torch.load(args.weights)
    act_scales = None
    if args.integer:
        act_scales = state.get("act_scales")
        if act_scales is None:
            from training.train import calibration_z
            float_model = model_from_weights(state["ema" if args.ema else "model"]).eval()
            sampler = data.CropSampler(data.split(data.list_images(args.train_dir))[0], 256, seed=1)
            act_scales = quantize.calibrate(float_model.scale_net, calibration_z(float_model, sampler))
    model = load_model(args.weights, args.ema, act_scales)
    paths = data.list_images(KODAK)[:args.images]
    t = time.time()
    pool = None
    if args.procs > 1:
        # Processes of one thread each: the pictures are independent, and one process cannot keep
        # two cores busy with these small convolutions.
        pool = torch.multiprocessing.get_context("spawn").Pool(
            args.procs, _init_worker, (args.weights, args.ema, act_scales, args.soft_scales, args.refine))
    try:
        rows = evaluate(model, paths, args.qualities, soft_scales=args.soft_scales, refine_iterations=args.refine,
                        pool=pool)
    finally:
        if pool is not None:
            pool.close()
    print(f"{len(paths)} images, {time.time() - t:.0f} s, step {state.get('step')}")
    curve = ([r["bpp"] for r in rows], [r["psnr"] for r in rows])
    for name in ("webp", "bpg_444_x265_ycbcr", "compressai-bmshj2018-hyperprior_mse_cpu", "vtm"):
        path = os.path.join(ANCHORS, name + ".json")
        if os.path.exists(path) and len(rows) >= 4:
            a = bdrate.load_curve(path)
            try:
                print(f"BD-rate vs {name}: {bdrate.bd_rate(a[0], a[1], *curve):+.1f}%")
            except ValueError as e:
                print(f"BD-rate vs {name}: {e}")
    if args.json:
        out = {"name": "lic4j " + os.path.basename(args.weights).replace(".pt", "") + (f" (integer scales, refined {args.refine})" if args.integer and args.refine else " (integer scales)" if args.integer else " (float, continuous scales)" if args.soft_scales else " (float, rounded scale index)"),
               "description": f"estimated bits from the model's likelihoods, step {state.get('step')}",
               "results": {"bpp": curve[0], "psnr-rgb": curve[1], "ms-ssim-rgb": [r["ms_ssim"] for r in rows],
                           "quality": [r["quality"] for r in rows]}}
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
