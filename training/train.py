"""Trains the variable-rate lic-image model on CPU, resumably.

    source training/env.sh
    /usr/bin/python3 -m training.stage training/configs/lic-image-v1/stage-NN-NAME.json   # a stage
    /usr/bin/python3 -m training.train --run lic-image-v1 --resume ...                    # by hand

Stages (training/configs/, run by training.stage) hold the arguments each stretch of training ran
with. What this loop shares with the P-frame model's (training/train_pframe.py) is in
training/loop.py. Checkpoints (model + optimiser) go to training/runs/RUN/ (not in git) every few minutes; the
moving average of the weights goes to training/checkpoints/RUN.pt, the model's one checkpoint in
git, overwritten in place and committed whenever training stops so that a new machine can resume
(never a second copy: older steps are in its git history). Every logged step is appended to
training/logs/RUN.csv and every validation to training/logs/RUN-val.csv.
"""

import argparse
import math
import random
import time

import torch

from training import data
from training.loop import (Clock, MovingAverage, RunPaths, add_common_arguments, append_csv, join, launch,
                           log_line, lr_at, optimise, parse_lr_drops, psnr, rate_distortion, sample_qualities,
                           save_checkpoint, warmed_up)
from training.model import GAIN_KEYS, LAMBDAS, LicImageModel, latent_channels, migrate_levels


@torch.no_grad()
def validate(model, images, qualities=(0, 2, 5, 9)):
    """Estimated bpp and PSNR (true rounding) on held-out images, centre crop 512."""
    model.eval()
    out = []
    for q in qualities:
        bits = 0.0
        pixels = 0
        mse_sum = 0.0
        for im in images:
            h = min(512, im.shape[1] // 64 * 64)
            w = min(512, im.shape[2] // 64 * 64)
            top = (im.shape[1] - h) // 2
            left = (im.shape[2] - w) // 2
            x = im[:, top:top + h, left:left + w].float().div(255).unsqueeze(0)
            x_hat, by, bz = model(x, torch.tensor([float(q)]), eval_mode=True)
            x_hat = x_hat.clamp(0, 1).mul(255).round().div(255)
            bits += float(by + bz)
            pixels += h * w
            mse_sum += float(torch.mean((x - x_hat) ** 2))
        mse = mse_sum / len(images)
        out.append((q, bits / pixels, 10 * math.log10(1 / mse)))
    model.train()
    return out


@torch.no_grad()
def calibration_z(model, sampler, batches=None):
    """z^ over all quality levels (every level twice by default), for calibrating the integer
    scale network. (A fixed 8 batches covered only levels 0-7 once there were ten: the top two
    levels' activations were clipped, and their integer rate came out 2.2% and 8.5% above the
    float network's.)"""
    out = []
    for i in range(batches or 2 * len(LAMBDAS)):
        x = sampler.batch(4)
        q = torch.full((4,), float(i % len(LAMBDAS)))
        gain, _ = model.gains(q)
        out.append(torch.round(model.h_a(model.g_a(x) * gain)))
    return out


def pad_gain_moments(opt_state, model):
    """Adam moments saved before quality levels were added: zero moments for the new rows of the
    gain parameters (Adam's other moments are kept, so no restart and no warm-up is needed)."""
    names = [n for n, _ in model.named_parameters()]
    for key in GAIN_KEYS:
        index = names.index(key)
        rows = getattr(model, key).shape[0]
        st = opt_state["state"].get(index)
        if st is None:
            continue
        for moment in ("exp_avg", "exp_avg_sq"):
            t = st[moment]
            if t.shape[0] < rows:
                st[moment] = torch.cat([t.new_zeros(rows - t.shape[0], *t.shape[1:]), t], dim=0)
    return opt_state


def main(argv=None):
    p = argparse.ArgumentParser()
    add_common_arguments(p, run="lic-image-v1", lr=3e-4, port=29517)
    p.add_argument("--init", help="start from these weights (a checkpoints/*.pt file)")
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    p.add_argument("--qat", action="store_true", help="train with the integer scale network in the loop")
    p.add_argument("--grow", action="store_true",
                   help="resume into a model with added layers: their weights keep their function-preserving "
                        "initialisation, the optimiser starts afresh (with warm-up)")
    args = p.parse_args(argv)
    launch(run, args, p)


def run(rank, args):
    world = args.procs
    lead = join(rank, args)
    paths = RunPaths(args.run)

    # The latent width comes from the saved state. Loaded once here; the resume branches below
    # take it from here.
    resumed_path, state = paths.resume_from(args.resume)
    m = latent_channels(state["model"]) if state is not None else 192
    model = LicImageModel(m=m)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = 0
    warm_start = 0
    train_seconds = 0.0
    ema_state = None

    def load_weights(saved):
        added = migrate_levels(saved)
        if added:
            print(f"added {added} lower quality levels (gains extrapolated)", flush=True)
        missing, unexpected = model.load_state_dict(saved, strict=not args.grow)
        if missing or unexpected:
            print(f"grown: new {missing}, dropped {unexpected}", flush=True)

    if resumed_path == paths.checkpoint:
        load_weights(state["model"])
        if not args.grow:
            optimizer.load_state_dict(pad_gain_moments(state["optimizer"], model))
        step = state["step"]
        warm_start = step if args.grow else 0
        train_seconds = state.get("train_seconds", 0.0)
        ema_state = state.get("ema")
        if lead:
            print(f"resumed {resumed_path} at step {step}", flush=True)
    elif resumed_path is not None:
        load_weights(state["model"])
        step = state["step"]
        warm_start = step
        train_seconds = state.get("train_seconds", 0.0)
        ema_state = state.get("ema")
        print(f"resumed weights {resumed_path} at step {step} (fresh optimiser)", flush=True)
    elif args.init:
        state = torch.load(args.init)
        model.load_state_dict(state["model"])
        print(f"initialised from {args.init}", flush=True)
    ema = MovingAverage(model, args.ema_decay)
    if ema_state is not None:
        migrate_levels(ema_state)
        ema.load(ema_state)
    image_paths = data.list_images(args.train_dir)
    train_paths, val_paths = data.split(image_paths)
    # Every process draws its own crops, qualities and noise.
    sampler = data.CropSampler(train_paths, args.crop, seed=step * world + rank)
    torch.manual_seed(step * world + rank)
    if args.qat:
        from training.quantize import attach_fake_quant
        saved = state.get("act_scales") if state is not None else None
        attach_fake_quant(model, act_scales=saved, z_batches=None if saved else calibration_z(model, sampler))
    val_images = [data.load_rgb(p) for p in val_paths]
    rng = random.Random(step + 12345 + 7919 * rank)
    if lead:
        print(f"{len(sampler.images)} training images, {len(val_images)} validation images, "
              f"{world} process(es) of {args.threads} thread(s)", flush=True)
    # Gradients are averaged over the processes, so all of them take the same optimiser step from
    # the same weights; only the first one logs, validates and writes checkpoints.
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    batch = args.batch // world

    def checkpoint():
        save_checkpoint(paths, model, optimizer, ema, step, train_seconds,
                        {"act_scales": model._act_scales} if args.qat else {})

    drops = parse_lr_drops(args.lr_drops)
    header = ["step", "train_hours", "lr", "loss", "bpp", "psnr_q0", "psnr_q7", "bpp_q0", "bpp_q7"]
    acc = {"loss": 0.0, "bpp": 0.0, "n": 0}
    lo_acc = [0.0, 0.0, 0]
    hi_acc = [0.0, 0.0, 0]
    clock = Clock(args.ckpt_minutes)
    model.train()
    while step < args.steps:
        t0 = time.time()
        lr = lr_at(step, args.lr, drops) * warmed_up(step, warm_start, args.warmup)
        for g in optimizer.param_groups:
            g["lr"] = lr
        x = sampler.batch(batch)
        q = sample_qualities(batch, rng, args.quality_bias)
        x_hat, bits_y, bits_z = net(x, q, hard_scales=args.qat)
        loss, mse, bpp = rate_distortion(x, x_hat, bits_y + bits_z, q)
        optimise(optimizer, model, loss)
        step += 1
        if not lead:
            continue
        ema.update(model)
        train_seconds += time.time() - t0

        acc["loss"] += float(loss)
        acc["bpp"] += float(bpp.mean())
        acc["n"] += 1
        for i in range(batch):
            if q[i] < 0.5:
                lo_acc[0] += psnr(mse[i]); lo_acc[1] += float(bpp[i]); lo_acc[2] += 1
            elif q[i] > len(LAMBDAS) - 1.5:
                hi_acc[0] += psnr(mse[i]); hi_acc[1] += float(bpp[i]); hi_acc[2] += 1
        if step % args.log_every == 0:
            n = acc["n"]
            row = [step, round(train_seconds / 3600, 4), f"{lr:.2e}", round(acc["loss"] / n, 4),
                   round(acc["bpp"] / n, 4),
                   round(lo_acc[0] / max(lo_acc[2], 1), 3), round(hi_acc[0] / max(hi_acc[2], 1), 3),
                   round(lo_acc[1] / max(lo_acc[2], 1), 4), round(hi_acc[1] / max(hi_acc[2], 1), 4)]
            log_line(paths.log, header, row)
            acc = {"loss": 0.0, "bpp": 0.0, "n": 0}
            lo_acc = [0.0, 0.0, 0]
            hi_acc = [0.0, 0.0, 0]
        if step % args.val_every == 0:
            val_header = ["step", "quality", "bpp", "psnr"]
            for q_val, vb, vp in validate(model, val_images):
                append_csv(paths.validation, val_header, [step, q_val, round(vb, 4), round(vp, 3)])
                print(f"val step={step} q={q_val} bpp={vb:.4f} psnr={vp:.3f}", flush=True)
            ema_model = LicImageModel(m=model.m)
            ema_model.load_state_dict(ema.state)
            for q_val, vb, vp in validate(ema_model, val_images):
                append_csv(paths.validation, val_header, [f"{step}-ema", q_val, round(vb, 4), round(vp, 3)])
                print(f"val-ema step={step} q={q_val} bpp={vb:.4f} psnr={vp:.3f}", flush=True)
        if clock.due():
            checkpoint()
    if lead:
        checkpoint()


if __name__ == "__main__":
    main()
