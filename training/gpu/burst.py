"""A burst of image-model training on one GPU: resumes lic-image-v1 from its weights file, trains on
the data pack for a wall-clock budget, and writes a weights file in the format of
training/checkpoints/lic-image-v1.pt (procedure: training/gpu/README.md).

    python3 -m training.gpu.burst --pack training/gpu/pack/pack.pt --out $OUT --minutes 8 --batch 64
    /usr/bin/python3 -m training.gpu.burst --device cpu --minutes 0.5 --batch 2 --crop 64   # the CPU check

Same model (training/model.py) and loss (training/loop.py) as training.train, with the recipe of the
latest CPU stage (its learning rate, quality bias, crop), changed only where a large batch needs it:

- Steps. One GPU step of batch B stands for B/8 CPU steps (the CPU stages' batch is 8): the step
  counter advances by ceil(samples / 8), so the log, the checkpoint and the stage configs keep
  counting in the CPU trainer's steps. A GPU step takes the learning rate that training.train would
  take at the last of the CPU steps it stands for.
- Learning rate: the stage's, times sqrt(B / 8) (--lr to set it), after a warm-up of --warmup GPU
  steps (the optimiser is fresh: the weights file holds none), and times --final-lr-factor over the
  last --final-fraction of the budget (the drop the CPU stages make before an export).
- Moving average: decay 0.999 ** (B / 8) per GPU step, the CPU trainer's 0.999 per 8 samples.
- Precision: TF32 matrix products; --precision bf16 (the default) runs the analysis and the
  synthesis under bf16 autocast but their last layers, whose outputs are the latent and the
  picture, in float32; the hyper networks, the scale network, the densities and the loss always
  run in float32 (the likelihoods and their logs lose too much in bf16).
- The pack's tiles are held on the device as uint8; crops, flips and the float conversion run there.

Writes to --out (by default $OUT, else training/runs/lic-image-v1-gpu/), every --ckpt-minutes and
at the end: lic-image-v1.pt (the moving average as float16 under 'model' and 'ema', 'step',
'train_seconds', and 'gpu_burst', what ran), lic-image-v1-gpu.csv (the log, training/logs'
columns, written up to the checkpoint's step only) and stage-NN-gpu-burst.json (the stage config
these steps make, for training/configs/lic-image-v1/).
"""

import argparse
import glob
import json
import math
import os
import random
import shlex
import sys
import time

import torch

from training import stage as stages
from training.gpu import pack as packs
from training.loop import (MovingAverage, append_csv, optimise, rate_distortion, sample_qualities,
                           save_git_copy, warmed_up)
from training.model import LAMBDAS, LicImageModel, latent_channels, migrate_levels

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = "lic-image-v1"
CONFIG_DIR = os.path.join(HERE, "configs", RUN)
LOG_HEADER = ["step", "train_hours", "lr", "loss", "bpp", "psnr_q0", "psnr_q7", "bpp_q0", "bpp_q7"]


def parse(argv):
    p = argparse.ArgumentParser(description="Trains lic-image-v1 on one GPU for a wall-clock budget.")
    p.add_argument("--weights", default=os.path.join(HERE, "checkpoints", RUN + ".pt"))
    p.add_argument("--pack", default=os.path.join(HERE, "gpu", "pack", "pack.pt"))
    p.add_argument("--stage", help="the CPU stage config whose recipe to follow (default: the latest)")
    p.add_argument("--out", default=os.environ.get("OUT") or os.path.join(HERE, "runs", RUN + "-gpu"))
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--minutes", type=float, default=8.0, help="training time, from the first step")
    p.add_argument("--steps", type=int, help="stop after this many GPU steps instead (tests)")
    p.add_argument("--batch", type=int, default=64,
                   help="samples per step; on CUDA halved until one step fits in memory")
    p.add_argument("--crop", type=int, help="crop side, a multiple of 64 (default: the stage's)")
    p.add_argument("--lr", type=float, help="default: the stage's times sqrt(batch / the stage's batch)")
    p.add_argument("--warmup", type=int, default=100, help="GPU steps of learning-rate warm-up")
    p.add_argument("--final-fraction", type=float, default=0.15,
                   help="share of the budget (of --steps if given) trained at the lower final rate")
    p.add_argument("--final-lr-factor", type=float, default=0.3)
    p.add_argument("--quality-bias", type=float, help="default: the stage's")
    p.add_argument("--ema-decay", type=float, help="default: 0.999 ** (batch / the stage's batch)")
    p.add_argument("--precision", choices=("bf16", "fp32"), default="bf16")
    p.add_argument("--channels-last", action=argparse.BooleanOptionalAction, default=None,
                   help="default: on for CUDA")
    p.add_argument("--ckpt-minutes", type=float, default=2.0)
    p.add_argument("--log-every", type=int, default=25, help="GPU steps per log line")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2, help="CPU threads (--device cpu)")
    return p.parse_args(argv)


def stage_configs():
    return sorted((stages.load(p) for p in glob.glob(os.path.join(CONFIG_DIR, "stage-*.json"))),
                  key=lambda c: c["stage"])


def recipe_stage(path):
    """The CPU stage whose recipe the burst follows: the named one, else the latest image stage."""
    if path:
        return stages.load(path)
    image = [c for c in stage_configs() if stages.trainer(c) == "image"]
    if not image:
        raise SystemExit(f"no image stage config in {CONFIG_DIR}")
    return image[-1]


def under_bf16(obj, device_type, method="forward"):
    """Runs an instance's method under bf16 autocast (the instance attribute shadows the class's
    method: the model's code and its state dict stay as they are)."""
    inner = getattr(obj, method)

    def wrapped(*a, **k):
        with torch.autocast(device_type, dtype=torch.bfloat16):
            return inner(*a, **k)

    setattr(obj, method, wrapped)


def in_float32(obj, device_type, method="forward"):
    """Runs an instance's method in float32 (autocast off, tensor arguments made float32), also
    inside a bf16 region."""
    inner = getattr(obj, method)

    def wrapped(*a, **k):
        with torch.autocast(device_type, enabled=False):
            return inner(*(t.float() if torch.is_tensor(t) else t for t in a), **k)

    setattr(obj, method, wrapped)


def use_precision(model, precision, device_type):
    """bf16 autocast for the analysis and the synthesis but their last layers (see the docstring).
    Done by wrapping the instances' forward methods, so that the model's code and its state dict
    stay those of training/model.py."""
    if precision == "fp32":
        return
    under_bf16(model.g_a, device_type)
    under_bf16(model.g_s, device_type)
    in_float32(model.g_a.net[-1], device_type)  # -> y
    in_float32(model.g_s.net[-1], device_type)  # -> x^


class TileSampler:
    """Random crops with horizontal flips of the pack's tiles, held on the device as uint8."""

    def __init__(self, tiles, crop, device, seed, channels_last):
        if crop > tiles.shape[1]:
            raise SystemExit(f"--crop {crop} is larger than the pack's tiles ({tiles.shape[1]})")
        self.tiles = tiles.to(device)  # (N, T, T, 3)
        self.crop = crop
        self.channels_last = channels_last
        self.span = torch.arange(crop, device=device)
        self.gen = torch.Generator(device=device)
        self.gen.manual_seed(seed)

    def batch(self, n):
        d = self.tiles.device
        limit = self.tiles.shape[1] - self.crop + 1
        which = torch.randint(self.tiles.shape[0], (n,), generator=self.gen, device=d)
        rows = torch.randint(limit, (n, 1), generator=self.gen, device=d) + self.span
        cols = torch.randint(limit, (n, 1), generator=self.gen, device=d) + self.span
        flip = torch.rand(n, 1, generator=self.gen, device=d) < 0.5
        cols = torch.where(flip, cols.flip(1), cols)
        x = self.tiles[which[:, None, None], rows[:, :, None], cols[:, None, :]]  # (n, c, c, 3)
        x = x.permute(0, 3, 1, 2).float().div_(255)  # NCHW in the channels_last layout
        return x if self.channels_last else x.contiguous()


def load_model(path):
    """(model, saved moving average or None, step, train_seconds) of a weights file or run
    checkpoint: its 'model' weights, as training.train resumes them."""
    state = torch.load(path, map_location="cpu")
    weights = {k: v.float() if v.is_floating_point() else v for k, v in state["model"].items()}
    migrate_levels(weights)
    model = LicImageModel(m=latent_channels(weights))
    model.load_state_dict(weights)
    ema = state.get("ema")
    if ema is not None:
        migrate_levels(ema)
    return model, ema, int(state["step"]), float(state.get("train_seconds", 0.0))


def fitting_batch(model, sampler, batch, device):
    """The largest of batch, batch/2, ... whose step fits in the GPU's memory (one forward and
    backward each, gradients dropped)."""
    while True:
        try:
            x = sampler.batch(batch)
            q = torch.linspace(0, len(LAMBDAS) - 1, batch, device=device)
            x_hat, bits_y, bits_z = model(x, q)
            rate_distortion(x, x_hat, bits_y + bits_z, q)[0].backward()
            torch.cuda.synchronize()
            return batch
        except torch.cuda.OutOfMemoryError:
            if batch == 1:
                raise
            print(f"batch {batch} does not fit: trying {batch // 2}", flush=True)
            batch //= 2
        finally:
            model.zero_grad(set_to_none=True)
            torch.cuda.empty_cache()


class Tally:
    """The sums behind a log line, kept on the device (no synchronisation until the line)."""

    def __init__(self, device):
        self.sums = torch.zeros(8, device=device)  # loss, bpp, lo psnr, lo bpp, lo n, hi psnr, hi bpp, hi n
        self.steps = 0

    def add(self, loss, mse, bpp, q):
        p = 10 * torch.log10(1 / mse.detach().clamp_min(1e-10))
        bpp = bpp.detach()
        lo = (q < 0.5).float()
        hi = (q > len(LAMBDAS) - 1.5).float()
        self.sums += torch.stack([loss.detach(), bpp.mean(), (p * lo).sum(), (bpp * lo).sum(), lo.sum(),
                                  (p * hi).sum(), (bpp * hi).sum(), hi.sum()])
        self.steps += 1

    def row(self, step, hours, lr):
        s = self.sums.tolist()
        n = self.steps
        return [step, round(hours, 4), f"{lr:.2e}", round(s[0] / n, 4), round(s[1] / n, 4),
                round(s[2] / max(s[4], 1), 3), round(s[5] / max(s[7], 1), 3),
                round(s[3] / max(s[4], 1), 4), round(s[6] / max(s[7], 1), 4)]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse(argv)
    device = torch.device(args.device)
    cuda = device.type == "cuda"
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    else:
        torch.set_num_threads(args.threads)
    channels_last = cuda if args.channels_last is None else args.channels_last
    recipe = recipe_stage(args.stage)
    t = recipe["train"]
    crop = args.crop or t["crop"]
    if crop % 64:
        raise SystemExit(f"--crop {crop} is not a multiple of 64")
    bias = t["quality_bias"] if args.quality_bias is None else args.quality_bias
    number = max(c["stage"] for c in stage_configs()) + 1

    if not os.path.exists(args.pack):
        raise SystemExit(f"no pack at {args.pack}: build it with training.gpu.pack, carry training/gpu/pack "
                         "(training/gpu/README.md)")
    pack = packs.load(args.pack)
    tiles = packs.tiles(pack)
    model, saved_ema, from_step, train_seconds = load_model(args.weights)
    model.to(device, memory_format=torch.channels_last if channels_last else torch.contiguous_format)
    use_precision(model, args.precision, device.type)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    sampler = TileSampler(tiles, crop, device, args.seed, channels_last)
    name = torch.cuda.get_device_name(device) if cuda else "cpu"
    print(f"{name}, torch {torch.__version__}; {tiles.shape[0]} tiles of {tiles.shape[1]} from {args.pack}; "
          f"{args.weights} at step {from_step}; recipe of stage {recipe['stage']} ({recipe['name']})", flush=True)

    model.train()
    batch = fitting_batch(model, sampler, args.batch, device) if cuda else args.batch
    per_cpu_step = batch / t["batch"]
    lr = args.lr if args.lr is not None else t["lr"] * math.sqrt(per_cpu_step)
    decay = args.ema_decay if args.ema_decay is not None else 0.999 ** per_cpu_step
    ema = MovingAverage(model, decay)
    if saved_ema is not None:
        ema.load(saved_ema)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    print(f"batch {batch} of {crop}x{crop} ({per_cpu_step:g} CPU steps per step), lr {lr:.3g}, warm-up "
          f"{args.warmup} steps, final x{args.final_lr_factor} over the last {args.final_fraction:.0%}, "
          f"moving average {decay:.5f}, {args.precision}, channels_last {channels_last}", flush=True)

    os.makedirs(args.out, exist_ok=True)
    weights_out = os.path.join(args.out, RUN + ".pt")
    log_out = os.path.join(args.out, RUN + "-gpu.csv")
    config_out = os.path.join(args.out, f"stage-{number:02d}-gpu-burst.json")
    if os.path.exists(log_out):
        os.remove(log_out)
    pack_sha = packs.sha256(args.pack)

    def cpu_steps(gpu_steps):
        return from_step + math.ceil(gpu_steps * batch / t["batch"])

    drops = []
    pending = []
    g = 0
    tally = Tally(device)
    start = time.time()
    last_save = start
    budget = args.minutes * 60
    final_from = round((1 - args.final_fraction) * args.steps) if args.steps is not None else None

    def save(elapsed):
        for row in pending:
            append_csv(log_out, LOG_HEADER, row)
        pending.clear()
        half = {k: v.detach().to("cpu").contiguous() for k, v in ema.half().items()}
        burst = {"from_step": from_step, "gpu_steps": g, "batch": batch, "crop": crop, "lr": lr,
                 "lr_drops": drops, "warmup": args.warmup, "ema_decay": decay, "precision": args.precision,
                 "device": name, "torch": torch.__version__, "seconds": round(elapsed, 1),
                 "latent_channels": model.m, "pack_sha256": pack_sha,
                 "command": "python3 -m training.gpu.burst " + " ".join(shlex.quote(a) for a in argv)}
        save_git_copy(weights_out, half, cpu_steps(g), train_seconds + elapsed, {"gpu_burst": burst})
        if g:
            with open(config_out, "w") as f:
                json.dump(stage_config(number, recipe, from_step, cpu_steps(g), batch, crop, lr, drops, bias,
                                       args, per_cpu_step, decay, pack, pack_sha, burst), f, indent=2)
                f.write("\n")
        print(f"saved {weights_out} at step {cpu_steps(g)} ({g} GPU steps, {elapsed / 60:.1f} min)", flush=True)

    line_start = time.time()
    while True:
        elapsed = time.time() - start
        if (g >= args.steps) if args.steps is not None else (elapsed >= budget):
            break
        final = (g >= final_from) if args.steps is not None else (elapsed >= (1 - args.final_fraction) * budget)
        if final and not drops:
            drops = [[cpu_steps(g), lr * args.final_lr_factor]]
        # What training.train takes at the last CPU step this one stands for (lr_at(step, lr, drops)
        # there), written so that batches below 8 drop at the same step too.
        step_lr = (drops[0][1] if drops else lr) * warmed_up(g, 0, args.warmup)
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        x = sampler.batch(batch)
        q = sample_qualities(batch, rng, bias).to(device)
        x_hat, bits_y, bits_z = model(x, q)
        loss, mse, bpp = rate_distortion(x, x_hat, bits_y + bits_z, q)
        optimise(optimizer, model, loss)
        ema.update(model)
        tally.add(loss, mse, bpp, q)
        g += 1
        at_line = g % args.log_every == 0
        if at_line:
            now = time.time()
            row = finite(tally.row(cpu_steps(g), (train_seconds + now - start) / 3600, step_lr))
            pending.append(row)
            rate = args.log_every * batch / (now - line_start)
            memory = f" peak_gib={torch.cuda.max_memory_allocated(device) / 2 ** 30:.1f}" if cuda else ""
            print(" ".join(f"{h}={v}" for h, v in zip(LOG_HEADER, row)) + f" samples/s={rate:.0f}{memory}",
                  flush=True)
            tally = Tally(device)
            line_start = now
            if now - last_save > args.ckpt_minutes * 60:
                save(now - start)
                last_save = time.time()
    elapsed = time.time() - start
    if tally.steps:
        pending.append(finite(tally.row(cpu_steps(g), (train_seconds + elapsed) / 3600, step_lr)))
    save(elapsed)


def finite(row):
    """A log row, or a stop when its loss is not finite: the weights file the last checkpoint wrote
    stays as it is (the moving average has taken the non-finite weights in too)."""
    if not math.isfinite(row[3]):
        raise SystemExit(f"loss {row[3]} by step {row[0]}: stopped without writing; the last weights file stays")
    return row


def stage_config(number, recipe, from_step, to_step, batch, crop, lr, drops, bias, args, per_cpu_step, decay,
                 pack, pack_sha, burst):
    """The stage config of the burst's steps, in the form of training/configs/lic-image-v1/, with the
    learning rates and warm-up in CPU steps (training/tests/test_stages.py checks them against the
    log lines)."""
    warmup = args.warmup * per_cpu_step
    return {
        "model": RUN,
        "stage": number,
        "name": "gpu-burst",
        "from_step": from_step,
        "to_step": to_step,
        "start": "weights",
        "trainer": "gpu-burst",
        "train": {
            "lr": lr,
            "lr_drops": drops,
            "quality_bias": bias,
            "crop": crop,
            "batch": batch,
            "procs": 1,
            "threads": 1,
            "warmup": int(warmup) if warmup == int(warmup) else warmup,
            "grow": False,
            "gpu_steps": burst["gpu_steps"],
            "ema_decay": decay,
            "precision": args.precision,
            "pack": {"sha256": pack_sha, "tiles": len(pack["sources"]), "tile": pack["tile"], "seed": pack["seed"],
                     "budget_mib": pack["budget_mib"]},
        },
        "quality_levels": len(LAMBDAS),
        "latent_channels": burst["latent_channels"],
        "exports": [],
        "replayable": False,
        "command": burst["command"],
        "device": burst["device"],
        "notes": (f"GPU burst (training/gpu/README.md) on {burst['device']}, {burst['seconds'] / 60:.1f} min: "
                  f"{burst['gpu_steps']} steps of batch {batch}, each counted as {per_cpu_step:g} CPU steps; "
                  f"recipe of stage {recipe['stage']} with the learning rate times sqrt({per_cpu_step:g}), "
                  f"fresh optimiser, warm-up of {args.warmup} GPU steps, moving average {decay:.5f} per step."),
    }


if __name__ == "__main__":
    main()
