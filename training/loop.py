"""What the training loops share (training.train for the image model, training.train_pframe for the
P-frame model): arguments, processes, the learning-rate schedule, quality sampling and the
rate-distortion loss, the moving average of the weights, checkpoints and resumption, log lines.

Checkpoints (model + optimiser) go to training/runs/RUN/checkpoint.pt (not in git) every few
minutes; the moving average of the weights goes to training/checkpoints/RUN.pt, the model's one
checkpoint in git. Every logged step is appended to training/logs/RUN.csv and every validation
to training/logs/RUN-val.csv.
"""

import csv
import math
import os
import time

import torch
import torch.distributed as dist

from training.model import LAMBDAS

HERE = os.path.dirname(os.path.abspath(__file__))


def add_common_arguments(p, run, lr, port):
    """The arguments both training loops take; each loop has its own default port, so that both
    can train at once."""
    p.add_argument("--run", default=run)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--steps", type=int, default=1_000_000, help="stop at this global step")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop", type=int, default=256)
    p.add_argument("--lr", type=float, default=lr)
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
    p.add_argument("--quality-bias", type=float, default=0.0,
                   help="draw level i with weight 1 + bias * i / top (0: all levels alike)")
    p.add_argument("--port", type=int, default=port, help="local port the processes meet on")
    p.add_argument("--ema-decay", type=float, default=0.999,
                   help="decay of the exponential moving average of the weights that export can use")


def launch(run, args, parser):
    """Runs run(rank, args) in --procs processes (or in this one)."""
    if args.batch % args.procs:
        parser.error("--batch must be a multiple of --procs")
    if args.procs > 1:
        torch.multiprocessing.spawn(run, args=(args,), nprocs=args.procs)
    else:
        run(0, args)


def join(rank, args):
    """Joins this process to the others and sets its threads; True for the lead process, the one
    that logs, validates and writes checkpoints."""
    if args.procs > 1:
        dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{args.port}", rank=rank,
                                world_size=args.procs)
    torch.set_num_threads(args.threads)
    return rank == 0


class RunPaths:
    """Where a run's files live."""

    def __init__(self, run):
        self.checkpoint = os.path.join(HERE, "runs", run, "checkpoint.pt")
        self.weights = os.path.join(HERE, "checkpoints", run + ".pt")
        self.log = os.path.join(HERE, "logs", run + ".csv")
        self.validation = os.path.join(HERE, "logs", run + "-val.csv")

    def resume_from(self, resume):
        """(path, saved state) to resume from: the run's checkpoint, else the weights file; (None,
        None) when not resuming or neither exists."""
        if resume:
            for path in (self.checkpoint, self.weights):
                if os.path.exists(path):
                    return path, torch.load(path)
        return None, None


def lambda_at(q):
    """Geometric interpolation of the lambda table at continuous quality positions q (N,)."""
    log_l = torch.log(torch.tensor(LAMBDAS, device=q.device))  # q may live on a GPU (training/gpu)
    lo = torch.clamp(torch.floor(q), 0, len(LAMBDAS) - 2).long()
    t = q - lo.float()
    return torch.exp(log_l[lo] * (1 - t) + log_l[lo + 1] * t)


def rate_distortion(x, x_hat, bits, q):
    """(loss, per-sample MSE, per-sample bpp). Each sample's objective is lambda * D + R; dividing
    it by sqrt(lambda / lambda_mid) leaves every sample's optimum where it is but keeps the
    high-lambda samples from drowning out the gradients of the low-rate ones."""
    lam = lambda_at(q)
    mse = torch.mean((x - x_hat) ** 2, dim=(1, 2, 3))
    bpp = bits / (x.shape[2] * x.shape[3])
    weight = torch.rsqrt(lam / LAMBDAS[len(LAMBDAS) // 2])
    return torch.mean(weight * (lam * 255 ** 2 * mse + bpp)), mse, bpp


def optimise(optimizer, model, loss):
    """One optimiser step on loss, gradients clipped to norm 1."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()


def psnr(mse):
    return 10 * math.log10(1 / max(float(mse), 1e-10))


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


def warmed_up(step, warm_start, warmup):
    """The factor of the learning rate while a fresh optimiser warms up from step warm_start."""
    return min(1.0, (step - warm_start + 1) / warmup)


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


class MovingAverage:
    """The exponential moving average of a model's weights: less noisy than the last step's
    weights, so usually the better model to export. Kept in float32 while training, stored as
    float16."""

    def __init__(self, model, decay):
        self.decay = decay
        self.state = {k: v.detach().clone().float() for k, v in model.state_dict().items()}

    def load(self, saved):
        for k, v in saved.items():
            self.state[k].copy_(v.float())

    @torch.no_grad()
    def update(self, model):
        for k, v in model.state_dict().items():
            if v.is_floating_point():
                self.state[k].mul_(self.decay).add_(v, alpha=1 - self.decay)
            else:
                self.state[k].copy_(v)

    def half(self):
        return {k: v.half() if v.is_floating_point() else v for k, v in self.state.items()}


def save_atomic(obj, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_git_copy(path, ema, step, train_seconds, extra):
    """Writes the weights file kept in git: the moving average of the weights (or the weights
    themselves, see save_checkpoint) in float16, under both keys 'model' and 'ema'. It is one dict, so torch.save stores its tensors once: 15 MiB
    per commit, where the raw weights beside their average took 30 and git's history only grows.
    A new machine resumes from the average (with a fresh optimiser, as from any weights file);
    export and evaluation read 'ema' or 'model' alike."""
    half = {k: v.half() if v.is_floating_point() else v for k, v in ema.items()}
    save_atomic({"model": half, "ema": half, "step": step, "train_seconds": train_seconds, **extra}, path)


def save_checkpoint(paths, model, optimizer, ema, step, train_seconds, extra, git_weights="ema"):
    """The run's checkpoint (model, optimiser, moving average) and the weights file in git: the
    moving average, or with git_weights="model" the current weights (for a model that still moves
    fast, whose average lags far behind it: the P-frame model early on, whose average validated 2 dB
    below its weights at step 1500)."""
    half = ema.half()
    save_atomic({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                 "train_seconds": train_seconds, "ema": half, **extra}, paths.checkpoint)
    save_git_copy(paths.weights, half if git_weights == "ema" else model.state_dict(), step, train_seconds, extra)


class Clock:
    """True every `minutes` minutes (checkpoints)."""

    def __init__(self, minutes):
        self.seconds = minutes * 60
        self.last = time.time()

    def due(self):
        if time.time() - self.last > self.seconds:
            self.last = time.time()
            return True
        return False


def append_csv(path, header, row):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    new = not os.path.exists(path)
    with open(path, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(header)
        w.writerow(row)


def log_line(path, header, row):
    """Appends a row to a log and prints it as name=value pairs."""
    append_csv(path, header, row)
    print(" ".join(f"{h}={v}" for h, v in zip(header, row)), flush=True)
