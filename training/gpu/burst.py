"""A burst of image-model training on one GPU: resumes lic-image-v1 from its weights file, trains on
the data pack for a wall-clock budget, and writes a weights file in the format of
training/checkpoints/lic-image-v1.pt (procedure: training/gpu/README.md; what it shares with the
P-frame burst: training/gpu/common.py).

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
import os
import random
import sys
import time

import torch

from training.gpu import common
from training.gpu import pack as packs
from training.loop import MovingAverage, optimise, rate_distortion, sample_qualities, save_git_copy
from training.model import LAMBDAS, LicImageModel, latent_channels, migrate_levels

RUN = "lic-image-v1"
TRAINER = "gpu-burst"
LOG_HEADER = ["step", "train_hours", "lr", "loss", "bpp", "psnr_q0", "psnr_q7", "bpp_q0", "bpp_q7"]


def parse(argv):
    p = argparse.ArgumentParser(description="Trains lic-image-v1 on one GPU for a wall-clock budget.")
    common.add_arguments(p, RUN, packs.DEFAULT_OUT, batch=64, unit="samples", recipe="the latest", rates="rate")
    p.add_argument("--lr", type=float, help="default: the stage's times sqrt(batch / the stage's batch)")
    return p.parse_args(argv)


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


def probe_step(model, sampler, device):
    """One forward and backward of a batch of n, for common.fitting_batch."""
    def step(n):
        x = sampler.batch(n)
        q = torch.linspace(0, len(LAMBDAS) - 1, n, device=device)
        x_hat, bits_y, bits_z = model(x, q)
        rate_distortion(x, x_hat, bits_y + bits_z, q)[0].backward()

    return step


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
    setting = common.Setting(args, RUN, "image", "image")
    device, cuda, t, crop = setting.device, setting.cuda, setting.t, setting.crop

    common.require_pack(args.pack, "training.gpu.pack", "training/gpu/pack")
    pack = packs.load(args.pack)
    tiles = packs.tiles(pack)
    model, saved_ema, from_step, train_seconds = load_model(args.weights)
    model.to(device, memory_format=setting.memory_format)
    common.use_image_precision(model, args.precision, device.type)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    sampler = TileSampler(tiles, crop, device, args.seed, setting.channels_last)
    recipe = setting.recipe
    print(f"{setting.name}, torch {torch.__version__}; {tiles.shape[0]} tiles of {tiles.shape[1]} from {args.pack}; "
          f"{args.weights} at step {from_step}; recipe of stage {recipe['stage']} ({recipe['name']})", flush=True)

    model.train()
    batch = common.fitting_batch(model, args.batch, probe_step(model, sampler, device)) if cuda else args.batch
    per_cpu_step = batch / t["batch"]
    lr = common.scaled(args.lr, t["lr"], per_cpu_step)
    clock = common.Clock(args, from_step, batch, t["batch"], lr)
    decay = common.ema_decay(args.ema_decay, per_cpu_step)
    ema = MovingAverage(model, decay)
    if saved_ema is not None:
        ema.load(saved_ema)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    print(f"batch {batch} of {crop}x{crop} ({per_cpu_step:g} CPU steps per step), lr {lr:.3g}, warm-up "
          f"{args.warmup} steps, final x{args.final_lr_factor} over the last {args.final_fraction:.0%}, "
          f"moving average {decay:.5f}, {args.precision}, channels_last {setting.channels_last}", flush=True)

    os.makedirs(args.out, exist_ok=True)
    weights_out = os.path.join(args.out, RUN + ".pt")
    log_out = os.path.join(args.out, RUN + "-gpu.csv")
    config_out = os.path.join(args.out, f"stage-{setting.number:02d}-{TRAINER}.json")
    logs = common.HeldLogs({log_out: LOG_HEADER})
    pack_sha = packs.sha256(args.pack)
    pack_record = {"sha256": pack_sha, "tiles": len(pack["sources"]), "tile": pack["tile"], "seed": pack["seed"],
                   "budget_mib": pack["budget_mib"]}

    def save(elapsed):
        logs.write()
        half = {k: v.detach().to("cpu").contiguous() for k, v in ema.half().items()}
        burst = common.burst_record("training.gpu.burst", argv, args, setting, clock, lr, decay, elapsed, model.m,
                                    pack_sha)
        save_git_copy(weights_out, half, clock.cpu_steps(), train_seconds + elapsed, {"gpu_burst": burst})
        if clock.g:
            common.write_config(config_out, common.stage_config(RUN, TRAINER, setting, clock, burst, pack_record, {"lr": lr},
                                                                "the learning rate"))
        print(f"saved {weights_out} at step {clock.cpu_steps()} ({clock.g} GPU steps, {elapsed / 60:.1f} min)",
              flush=True)

    tally = Tally(device)
    clock.begin()
    line_start = time.time()
    while clock.running():
        step_lr = clock.rate()
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        x = sampler.batch(batch)
        q = sample_qualities(batch, rng, setting.bias).to(device)
        x_hat, bits_y, bits_z = model(x, q)
        loss, mse, bpp = rate_distortion(x, x_hat, bits_y + bits_z, q)
        optimise(optimizer, model, loss)
        ema.update(model)
        tally.add(loss, mse, bpp, q)
        clock.g += 1
        if clock.g % args.log_every == 0:
            now = time.time()
            row = common.finite(tally.row(clock.cpu_steps(), (train_seconds + now - clock.start) / 3600, step_lr))
            logs.add(log_out, row)
            rate = args.log_every * batch / (now - line_start)
            print(common.log_text(LOG_HEADER, row) + f" samples/s={rate:.0f}{setting.peak_memory()}", flush=True)
            tally = Tally(device)
            line_start = now
            if clock.checkpoint_due(now):
                save(now - clock.start)
                clock.saved()
    elapsed = clock.elapsed()
    if tally.steps:
        logs.add(log_out, common.finite(tally.row(clock.cpu_steps(), (train_seconds + elapsed) / 3600, step_lr)))
    save(elapsed)


if __name__ == "__main__":
    main()
