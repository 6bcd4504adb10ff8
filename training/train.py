"""Trains the variable-rate lic-image model on CPU, resumably.

    source training/env.sh
    /usr/bin/python3 -m training.stage training/configs/lic-image-v1/stage-NN-NAME.json   # a stage
    /usr/bin/python3 -m training.train --run lic-image-v1 --resume ...                    # by hand

Stages (training/configs/, run by training.stage) hold the arguments each stretch of training ran
with. Checkpoints (model + optimiser) go to training/runs/RUN/ (not in git) every few minutes; the
moving average of the weights goes to training/checkpoints/RUN.pt, the model's one checkpoint in
git, overwritten in place and committed whenever training stops so that a new machine can resume
(never a second copy: older steps are in its git history). Every logged step is appended to
training/logs/RUN.csv and every validation to training/logs/RUN-val.csv.
"""

import argparse
import csv
import math
import os
import random
import time

import torch
import torch.distributed as dist

from training import data
from training.model import GAIN_KEYS, LAMBDAS, LicImageModel, latent_channels, migrate_levels

HERE = os.path.dirname(os.path.abspath(__file__))


def lambda_at(q):
    """Geometric interpolation of the lambda table at continuous quality positions q (N,)."""
    log_l = torch.log(torch.tensor(LAMBDAS))
    lo = torch.clamp(torch.floor(q), 0, len(LAMBDAS) - 2).long()
    t = q - lo.float()
    return torch.exp(log_l[lo] * (1 - t) + log_l[lo + 1] * t)


def parse_lr_drops(spec):
    """'27600:5e-5,28600:1.5e-5' -> [(27600, 5e-5), (28600, 1.5e-5)], sorted by step."""
    drops = []
    for part in filter(None, spec.split(",")):
        step, lr = part.split(":")
        drops.append((int(step), float(lr)))
    return sorted(drops)


def lr_at(step, base, drops):
    lr = base
    for at, value in drops:
        if step >= at:
            lr = value
    return lr


def sample_qualities(n, rng, bias=0.0):
    """Half the samples at the exact levels, half anywhere in between (for interpolation).

    bias > 0 tilts both halves towards the high levels, linearly: level i is drawn with weight
    1 + bias * i / top, so the top level is (1 + bias) times as likely as the lowest. The high
    levels are where the transforms are furthest from what the rate allows (docs/training-log.md)."""
    top = len(LAMBDAS) - 1
    weights = [1 + bias * i / top for i in range(top + 1)]
    qs = []
    for _ in range(n):
        if rng.random() < 0.5:
            qs.append(float(rng.choices(range(top + 1), weights)[0]))
        elif bias == 0:
            qs.append(rng.uniform(0, top))
        else:
            # Inverse CDF of the density proportional to 1 + bias * q / top on [0, top].
            a = bias / (2 * top)
            c = rng.random() * top * (1 + bias / 2)
            qs.append(min(top, (math.sqrt(1 + 4 * a * c) - 1) / (2 * a)))
    return torch.tensor(qs)


def save_atomic(obj, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_git_copy(path, ema, step, train_seconds, extra):
    """Writes the weights file kept in git: the moving average of the weights in float16, under
    both keys 'model' and 'ema'. It is one dict, so torch.save stores its tensors once: 15 MiB
    per commit, where the raw weights beside their average took 30 and git's history only grows.
    A new machine resumes from the average (with a fresh optimiser, as from any weights file);
    export and evaluation read 'ema' or 'model' alike."""
    half = {k: v.half() if v.is_floating_point() else v for k, v in ema.items()}
    save_atomic({"model": half, "ema": half, "step": step, "train_seconds": train_seconds, **extra}, path)


def append_csv(path, header, row):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    new = not os.path.exists(path)
    with open(path, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(header)
        w.writerow(row)


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
    p.add_argument("--run", default="lic-image-v1")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--init", help="start from these weights (a checkpoints/*.pt file)")
    p.add_argument("--steps", type=int, default=1_000_000, help="stop at this global step")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--lr-drops", default="",
                   help="STEP:LR,...: from each STEP on, train at LR instead of --lr (a decay before an "
                        "export, within one run, so that it needs no restart)")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--val-every", type=int, default=1000)
    p.add_argument("--log-every", type=int, default=25)
    p.add_argument("--threads", type=int, default=2, help="threads per process")
    p.add_argument("--procs", type=int, default=1,
                   help="data-parallel processes, each with --batch/--procs samples: on this 2-core "
                        "machine two processes of one thread are about 6%% faster than one of two")
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    p.add_argument("--qat", action="store_true", help="train with the integer scale network in the loop")
    p.add_argument("--grow", action="store_true",
                   help="resume into a model with added layers: their weights keep their function-preserving "
                        "initialisation, the optimiser starts afresh (with warm-up)")
    p.add_argument("--quality-bias", type=float, default=0.0,
                   help="draw level i with weight 1 + bias * i / top (0: all levels alike)")
    p.add_argument("--port", type=int, default=29517, help="local port the processes meet on")
    p.add_argument("--ema-decay", type=float, default=0.999,
                   help="decay of the exponential moving average of the weights that export can use")
    args = p.parse_args(argv)
    if args.batch % args.procs:
        p.error("--batch must be a multiple of --procs")
    if args.procs > 1:
        torch.multiprocessing.spawn(run, args=(args,), nprocs=args.procs)
    else:
        run(0, args)


def run(rank, args):
    world = args.procs
    lead = rank == 0
    if world > 1:
        dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{args.port}", rank=rank, world_size=world)
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(HERE, "runs", args.run)
    ckpt_path = os.path.join(run_dir, "checkpoint.pt")
    weights_path = os.path.join(HERE, "checkpoints", args.run + ".pt")
    log_path = os.path.join(HERE, "logs", args.run + ".csv")
    val_path = os.path.join(HERE, "logs", args.run + "-val.csv")

    # The latent width comes from the saved state. Loaded once here; the resume branches below
    # take it from here.
    resumed = None
    for path in (ckpt_path, weights_path):
        if args.resume and os.path.exists(path):
            resumed = torch.load(path)
            break
    m = latent_channels(resumed["model"]) if resumed is not None else 192
    model = LicImageModel(m=m)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = 0
    warm_start = 0
    train_seconds = 0.0

    def load_weights(saved):
        added = migrate_levels(saved)
        if added:
            print(f"added {added} lower quality levels (gains extrapolated)", flush=True)
        missing, unexpected = model.load_state_dict(saved, strict=not args.grow)
        if missing or unexpected:
            print(f"grown: new {missing}, dropped {unexpected}", flush=True)

    if args.resume and os.path.exists(ckpt_path):
        state = resumed
        load_weights(state["model"])
        if not args.grow:
            optimizer.load_state_dict(pad_gain_moments(state["optimizer"], model))
        step = state["step"]
        warm_start = step if args.grow else 0
        train_seconds = state.get("train_seconds", 0.0)
        ema_state = state.get("ema")
        if lead:
            print(f"resumed {ckpt_path} at step {step}", flush=True)
    elif args.resume and os.path.exists(weights_path):
        state = resumed
        load_weights(state["model"])
        step = state["step"]
        warm_start = step
        train_seconds = state.get("train_seconds", 0.0)
        ema_state = state.get("ema")
        print(f"resumed weights {weights_path} at step {step} (fresh optimiser)", flush=True)
    elif args.init:
        state = torch.load(args.init)
        model.load_state_dict(state["model"])
        print(f"initialised from {args.init}", flush=True)
    # The moving average of the weights: less noisy than the last step's weights, so usually the
    # better model to export. Kept in float32 while training, stored as float16.
    ema = {k: v.detach().clone().float() for k, v in model.state_dict().items()}
    if "ema_state" in locals() and ema_state is not None:
        migrate_levels(ema_state)
        for k, v in ema_state.items():
            ema[k].copy_(v.float())
    paths = data.list_images(args.train_dir)
    train_paths, val_paths = data.split(paths)
    # Every process draws its own crops, qualities and noise.
    sampler = data.CropSampler(train_paths, args.crop, seed=step * world + rank)
    torch.manual_seed(step * world + rank)
    if args.qat:
        from training.quantize import attach_fake_quant
        saved = state.get("act_scales") if "state" in locals() else None
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
        extra = {"act_scales": model._act_scales} if args.qat else {}
        extra["ema"] = {k: v.half() if v.is_floating_point() else v for k, v in ema.items()}
        save_atomic({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                     "step": step, "train_seconds": train_seconds, **extra}, ckpt_path)
        save_git_copy(weights_path, extra["ema"], step, train_seconds,
                      {"act_scales": model._act_scales} if args.qat else {})

    drops = parse_lr_drops(args.lr_drops)
    header = ["step", "train_hours", "lr", "loss", "bpp", "psnr_q0", "psnr_q7", "bpp_q0", "bpp_q7"]
    acc = {"loss": 0.0, "bpp": 0.0, "n": 0}
    lo_acc = [0.0, 0.0, 0]
    hi_acc = [0.0, 0.0, 0]
    last_ckpt = time.time()
    model.train()
    while step < args.steps:
        t0 = time.time()
        lr = lr_at(step, args.lr, drops) * min(1.0, (step - warm_start + 1) / args.warmup)
        for g in optimizer.param_groups:
            g["lr"] = lr
        x = sampler.batch(batch)
        q = sample_qualities(batch, rng, args.quality_bias)
        lam = lambda_at(q)
        x_hat, bits_y, bits_z = net(x, q, hard_scales=args.qat)
        pixels = x.shape[2] * x.shape[3]
        mse = torch.mean((x - x_hat) ** 2, dim=(1, 2, 3))
        bpp = (bits_y + bits_z) / pixels
        # Each sample's objective is lambda * D + R; dividing it by sqrt(lambda / lambda_mid) leaves
        # every sample's optimum where it is but keeps the high-lambda samples from drowning out
        # the gradients of the low-rate ones.
        weight = torch.rsqrt(lam / LAMBDAS[len(LAMBDAS) // 2])
        loss = torch.mean(weight * (lam * 255 ** 2 * mse + bpp))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        if not lead:
            continue
        with torch.no_grad():
            for k, v in model.state_dict().items():
                if v.is_floating_point():
                    ema[k].mul_(args.ema_decay).add_(v, alpha=1 - args.ema_decay)
                else:
                    ema[k].copy_(v)
        train_seconds += time.time() - t0

        acc["loss"] += float(loss)
        acc["bpp"] += float(bpp.mean())
        acc["n"] += 1
        for i in range(batch):
            psnr = 10 * math.log10(1 / max(float(mse[i]), 1e-10))
            if q[i] < 0.5:
                lo_acc[0] += psnr; lo_acc[1] += float(bpp[i]); lo_acc[2] += 1
            elif q[i] > len(LAMBDAS) - 1.5:
                hi_acc[0] += psnr; hi_acc[1] += float(bpp[i]); hi_acc[2] += 1
        if step % args.log_every == 0:
            n = acc["n"]
            row = [step, round(train_seconds / 3600, 4), f"{lr:.2e}", round(acc["loss"] / n, 4),
                   round(acc["bpp"] / n, 4),
                   round(lo_acc[0] / max(lo_acc[2], 1), 3), round(hi_acc[0] / max(hi_acc[2], 1), 3),
                   round(lo_acc[1] / max(lo_acc[2], 1), 4), round(hi_acc[1] / max(hi_acc[2], 1), 4)]
            append_csv(log_path, header, row)
            print(" ".join(f"{h}={v}" for h, v in zip(header, row)), flush=True)
            acc = {"loss": 0.0, "bpp": 0.0, "n": 0}
            lo_acc = [0.0, 0.0, 0]
            hi_acc = [0.0, 0.0, 0]
        if step % args.val_every == 0:
            for q_val, vb, vp in validate(model, val_images):
                append_csv(val_path, ["step", "quality", "bpp", "psnr"], [step, q_val, round(vb, 4), round(vp, 3)])
                print(f"val step={step} q={q_val} bpp={vb:.4f} psnr={vp:.3f}", flush=True)
            ema_model = LicImageModel(m=model.m)
            ema_model.load_state_dict(ema)
            for q_val, vb, vp in validate(ema_model, val_images):
                append_csv(val_path, ["step", "quality", "bpp", "psnr"], [f"{step}-ema", q_val, round(vb, 4), round(vp, 3)])
                print(f"val-ema step={step} q={q_val} bpp={vb:.4f} psnr={vp:.3f}", flush=True)
        if time.time() - last_ckpt > args.ckpt_minutes * 60:
            checkpoint()
            last_ckpt = time.time()
    if lead:
        checkpoint()


if __name__ == "__main__":
    main()
