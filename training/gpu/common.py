"""What the two GPU bursts share (training.gpu.burst, the image model; training.gpu.pframe_burst, the
P-frame model; procedure: training/gpu/README.md): their common options, the CPU stage whose recipe
they follow, the device's set-up, the precision wrappers, the batch that fits, the clock that
counts their steps in the CPU trainer's steps and drops the rate at the end, the log rows held until
a checkpoint, and the records of what ran (in the weights file and in the stage config).
"""

import argparse
import glob
import json
import math
import os
import shlex
import time

import torch

from training import stage as stages
from training.loop import append_csv, warmed_up
from training.model import LAMBDAS

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # training/


def add_arguments(p, run, pack, batch, unit, recipe, rates, log_every=25, log_every_help="GPU steps per log line"):
    """The options both bursts take. run: the model; pack: the default pack; batch: the default batch
    of `unit` (samples, sequences); recipe: which stage is the default recipe; rates: "rate" or "rates"."""
    p.add_argument("--weights", default=os.path.join(HERE, "checkpoints", run + ".pt"))
    p.add_argument("--pack", default=pack)
    p.add_argument("--stage", help=f"the CPU stage config whose recipe to follow (default: {recipe})")
    p.add_argument("--out", default=os.environ.get("OUT") or os.path.join(HERE, "runs", run + "-gpu"))
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--minutes", type=float, default=8.0, help="training time, from the first step")
    p.add_argument("--steps", type=int, help="stop after this many GPU steps instead (tests)")
    p.add_argument("--batch", type=int, default=batch,
                   help=f"{unit} per step; on CUDA halved until one step fits in memory")
    p.add_argument("--crop", type=int, help="crop side, a multiple of 64 (default: the stage's)")
    p.add_argument("--warmup", type=int, default=100, help="GPU steps of learning-rate warm-up")
    p.add_argument("--final-fraction", type=float, default=0.15,
                   help=f"share of the budget (of --steps if given) trained at the lower final {rates}")
    p.add_argument("--final-lr-factor", type=float, default=0.3)
    p.add_argument("--quality-bias", type=float, help="default: the stage's")
    p.add_argument("--ema-decay", type=float, help="default: 0.999 ** (batch / the stage's batch)")
    p.add_argument("--precision", choices=("bf16", "fp32"), default="bf16")
    p.add_argument("--channels-last", action=argparse.BooleanOptionalAction, default=None,
                   help="default: on for CUDA")
    p.add_argument("--ckpt-minutes", type=float, default=2.0)
    p.add_argument("--log-every", type=int, default=log_every, help=log_every_help)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2, help="CPU threads (--device cpu)")


def stage_configs(config_dir):
    return sorted((stages.load(p) for p in glob.glob(os.path.join(config_dir, "stage-*.json"))),
                  key=lambda c: c["stage"])


def recipe_stage(path, config_dir, trainer, what):
    """The CPU stage whose recipe a burst follows: the named one, else the latest of `trainer`'s
    stages ("image", "pframe"; `what` names them in the error)."""
    if path:
        return stages.load(path)
    ours = [c for c in stage_configs(config_dir) if stages.trainer(c) == trainer]
    if not ours:
        raise SystemExit(f"no {what} stage config in {config_dir}")
    return ours[-1]


class Setting:
    """A burst's device (TF32 and cuDNN's autotuner on CUDA, --threads on the CPU), memory layout, and
    recipe: the CPU stage it follows (its 'train' dict is `t`), the crop, the quality bias, and the
    number of the stage config it writes (the next after every stage of the run)."""

    def __init__(self, args, run, trainer, what):
        self.device = torch.device(args.device)
        self.cuda = self.device.type == "cuda"
        if self.cuda:
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
            torch.backends.cudnn.benchmark = True
        else:
            torch.set_num_threads(args.threads)
        self.channels_last = self.cuda if args.channels_last is None else args.channels_last
        self.memory_format = torch.channels_last if self.channels_last else torch.contiguous_format
        config_dir = os.path.join(HERE, "configs", run)
        self.recipe = recipe_stage(args.stage, config_dir, trainer, what)
        self.t = self.recipe["train"]
        self.crop = args.crop or self.t["crop"]
        if self.crop % 64:
            raise SystemExit(f"--crop {self.crop} is not a multiple of 64")
        self.bias = self.t["quality_bias"] if args.quality_bias is None else args.quality_bias
        self.number = max(c["stage"] for c in stage_configs(config_dir)) + 1
        self.name = torch.cuda.get_device_name(self.device) if self.cuda else "cpu"

    def peak_memory(self):
        """' peak_gib=N' on CUDA, for a printed log line."""
        return f" peak_gib={torch.cuda.max_memory_allocated(self.device) / 2 ** 30:.1f}" if self.cuda else ""


def require_pack(path, builder, folder):
    if not os.path.exists(path):
        raise SystemExit(f"no pack at {path}: build it with {builder}, carry {folder} (training/gpu/README.md)")


def scaled(override, value, per_cpu_step):
    """An option's value, else the stage's value times sqrt(CPU steps per GPU step) (a learning rate)."""
    return override if override is not None else value * math.sqrt(per_cpu_step)


def ema_decay(override, per_cpu_step):
    """--ema-decay, else the CPU trainer's 0.999 per stage batch: 0.999 ** (CPU steps per GPU step)."""
    return override if override is not None else 0.999 ** per_cpu_step


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


def use_image_precision(model, precision, device_type):
    """For the image model (LicImageModel: the image burst's, the P burst's frozen one) under
    --precision bf16: bf16 autocast for the analysis and the synthesis but their last layers, whose
    outputs are the latent y and the picture; the hyper networks, the scale network, the densities
    and the loss stay float32 (the likelihoods and their logs lose too much in bf16). Done by
    wrapping the instances' forward methods, so that the model's code and its state dict stay
    those of training/model.py."""
    if precision == "fp32":
        return
    under_bf16(model.g_a, device_type)
    under_bf16(model.g_s, device_type)
    in_float32(model.g_a.net[-1], device_type)  # -> y
    in_float32(model.g_s.net[-1], device_type)  # -> x^


def fitting_batch(model, batch, step):
    """The largest of batch, batch/2, ... for which step(batch) (one step's forwards and backwards)
    fits in the GPU's memory; gradients dropped."""
    while True:
        try:
            step(batch)
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


class Clock:
    """A burst's budget and steps. `g` counts GPU steps; one of batch B stands for B / b CPU steps, b
    the stage's batch, and cpu_steps() (from_step + ceil(samples / b)) is the step of the log, the
    weights and the stage config. The rate of a step (rate()) is `base` times the warm-up of the
    fresh optimiser over `warmup` GPU steps, times `final-lr-factor` over the last `final-fraction`
    of the budget (of --steps if given): what the CPU trainer takes at the last CPU step this one
    stands for with the config's lr_drops, [[the CPU step where the drop starts, base * factor]]
    (written so that batches below b drop at the same step too)."""

    def __init__(self, args, from_step, batch, stage_batch, base):
        self.from_step, self.batch, self.stage_batch, self.base = from_step, batch, stage_batch, base
        self.per_cpu_step = batch / stage_batch
        self.steps, self.budget = args.steps, args.minutes * 60
        self.final_fraction, self.final_factor, self.warmup = args.final_fraction, args.final_lr_factor, args.warmup
        self.final_from = round((1 - args.final_fraction) * args.steps) if args.steps is not None else None
        self.checkpoint_seconds = args.ckpt_minutes * 60
        self.g = 0
        self.drops = []
        self.start = self.last_save = None

    def begin(self):
        self.start = self.last_save = time.time()

    def elapsed(self):
        return time.time() - self.start

    def cpu_steps(self):
        return self.from_step + math.ceil(self.g * self.batch / self.stage_batch)

    def running(self):
        """Whether another step fits in the budget; enters the final rate when its time has come."""
        elapsed = self.elapsed()
        if (self.g >= self.steps) if self.steps is not None else (elapsed >= self.budget):
            return False
        final = (self.g >= self.final_from) if self.steps is not None else (
            elapsed >= (1 - self.final_fraction) * self.budget)
        if final and not self.drops:
            self.drops = [[self.cpu_steps(), self.base * self.final_factor]]
        return True

    def rate(self):
        return (self.drops[0][1] if self.drops else self.base) * warmed_up(self.g, 0, self.warmup)

    def checkpoint_due(self, now):
        return now - self.last_save > self.checkpoint_seconds

    def saved(self):
        self.last_save = time.time()


class HeldLogs:
    """Log files whose rows are held until a weights file of their steps is written (write()), so
    that a log never runs past the weights returned with it; files of an earlier burst in the same
    folder are removed first."""

    def __init__(self, headers):
        self.headers = headers  # {path: header}
        self.rows = {path: [] for path in headers}
        for path in headers:
            if os.path.exists(path):
                os.remove(path)

    def add(self, path, *rows):
        self.rows[path].extend(rows)

    def last(self, path):
        return self.rows[path][-1]

    def write(self):
        for path, rows in self.rows.items():
            for row in rows:
                append_csv(path, self.headers[path], row)
            rows.clear()


def log_text(header, row):
    """A log row printed as name=value pairs."""
    return " ".join(f"{h}={v}" for h, v in zip(header, row))


def finite(row):
    """A log row, or a stop when its loss (row[3]) is not finite: the weights file the last
    checkpoint wrote stays as it is (the moving average has taken the non-finite weights in too)."""
    if not math.isfinite(row[3]):
        raise SystemExit(f"loss {row[3]} by step {row[0]}: stopped without writing; the last weights file stays")
    return row


def burst_record(module, argv, args, setting, clock, lr, decay, elapsed, latent_channels, pack_sha, **more):
    """What ran, as the weights file keeps it (under 'gpu_burst', 'pframe_gpu_burst') and the stage
    config repeats; `more`: a burst's own entries."""
    return {"from_step": clock.from_step, "gpu_steps": clock.g, "batch": clock.batch, "crop": setting.crop,
            "lr": lr, "lr_drops": clock.drops, "warmup": args.warmup, "ema_decay": decay,
            "precision": args.precision, **more, "device": setting.name, "torch": torch.__version__,
            "seconds": round(elapsed, 1), "latent_channels": latent_channels, "pack_sha256": pack_sha,
            "command": f"python3 -m {module} " + " ".join(shlex.quote(a) for a in argv)}


def write_config(path, config):
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def stage_config(run, trainer, setting, clock, burst, pack, rates, rates_named, train_more=None, notes_more=""):
    """The stage config of a burst's steps so far, in the form of training/configs/RUN/, with the
    learning rates and warm-up in CPU steps (the tests check them against the log lines as
    training.train and train_pframe would take them). burst: burst_record's; rates: the learning
    rates ({"lr": ...}, a P burst's "lr_intra" too); train_more: a burst's own recipe entries;
    rates_named and notes_more: words of the notes."""
    per_cpu_step = clock.per_cpu_step
    warmup = burst["warmup"] * per_cpu_step
    return {
        "model": run,
        "stage": setting.number,
        "name": trainer,
        "from_step": burst["from_step"],
        "to_step": clock.cpu_steps(),
        "start": "weights",
        "trainer": trainer,
        "train": {
            **rates,
            "lr_drops": burst["lr_drops"],
            "quality_bias": setting.bias,
            "crop": burst["crop"],
            "batch": burst["batch"],
            "procs": 1,
            "threads": 1,
            "warmup": int(warmup) if warmup == int(warmup) else warmup,
            "grow": False,
            **(train_more or {}),
            "gpu_steps": burst["gpu_steps"],
            "ema_decay": burst["ema_decay"],
            "precision": burst["precision"],
            "pack": pack,
        },
        "quality_levels": len(LAMBDAS),
        "latent_channels": burst["latent_channels"],
        "exports": [],
        "replayable": False,
        "command": burst["command"],
        "device": burst["device"],
        "notes": (f"GPU burst (training/gpu/README.md) on {burst['device']}, {burst['seconds'] / 60:.1f} min: "
                  f"{burst['gpu_steps']} steps of batch {burst['batch']}, each counted as {per_cpu_step:g} CPU "
                  f"steps; recipe of stage {setting.recipe['stage']} with {rates_named} times sqrt({per_cpu_step:g}), "
                  f"fresh optimiser, warm-up of {burst['warmup']} GPU steps, moving average "
                  f"{burst['ema_decay']:.5f} per step{notes_more}."),
    }
