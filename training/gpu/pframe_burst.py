"""A burst of P-frame training on one GPU: resumes lic-pframe-v1 from its weights file, trains the
latest P stage's recipe on the P data pack for a wall-clock budget, and writes a weights file in the
format of training/checkpoints/lic-pframe-v1.pt (procedure: training/gpu/README.md; what it shares
with the image burst: training/gpu/common.py).

    python3 -m training.gpu.pframe_burst --out $OUT --minutes 8 --batch 32
    /usr/bin/python3 -m training.gpu.pframe_burst --device cpu --minutes 0.5 --batch 2 --crop 64   # the CPU check

Same model (training/pframe_model.py), cascade (train_pframe.train_cascade: frame 0 coded by the
frozen image model, each P frame from the previous one as decoded, drift noise, one frame's graph
at a time), loss (training.loop.rate_distortion) and log figures (train_pframe.frame_figures) as
training.train_pframe, with the recipe of the latest P stage (its rates for the new and the copied
image parameters, quality bias, crop, frames, drift noise, block, full-resolution synthesis),
changed only where a large batch needs it:

- Steps. One GPU step of batch B stands for B / b CPU steps, b the stage's batch (4 in stages 1-3):
  the step counter advances by ceil(samples / b), so the log, the checkpoint and the stage configs
  keep counting in the CPU trainer's steps (a burst of 1000 steps of 32 advances the model by 8000).
  gpu_steps in the config and the checkpoint counts the GPU's own. s_per_step in the log is per
  CPU step (a GPU step's seconds divided by B / b), me_share the share of the GPU step.
- Learning rates: the stage's two (new paths, image weights) times sqrt(B / b) (--lr, --lr-intra to
  set them), after a warm-up of --warmup GPU steps (the optimiser is fresh: the weights file holds
  none), and times --final-lr-factor over the last --final-fraction of the budget (an lr_drops
  entry of the config, a factor of both rates as train_pframe's --lr-drops are).
- Moving average: decay 0.999 ** (B / b) per GPU step, the CPU trainer's 0.999 per b samples.
- Precision: TF32; --precision bf16 (the default) runs the P model's prediction features, analysis
  and synthesis under bf16 autocast, but their layers whose outputs are the latent y, the picture
  and the hyper mean in float32; the frozen image model as training.gpu.burst runs it; the latent
  coder, the likelihoods and the loss stay float32.
- Motion (training/motion.py, integer torch ops): `estimate` and `warp` run on the GPU ("device")
  once estimate there has given the CPU's vectors for the first batch's frame pairs; otherwise
  ("pool") estimate runs on the CPU in a process pool over the machine's cores, the batch split
  between the processes (each sample's vectors are its own: the same vectors as one call), and the
  warp on the GPU. --motion auto (the default) picks the first that works; the log's me_share and
  each printed line measure it.
- Data: training.video_data's VideoSequences over the pack (training/gpu/pframe_pack.py): its runs
  are the clips, its tiles the stills; synthetic sequences are rendered by DataLoader workers, items
  travel as uint8 and become floats on the device.

No validation runs here (the held-out clips stay on the CPU machine): validate the returned weights
there (training/gpu/README.md).

Writes to --out (by default $OUT, else training/runs/lic-pframe-v1-gpu/), every --ckpt-minutes and
at the end: lic-pframe-v1.pt (per --git-weights, as train_pframe: the current weights by default,
float16 under 'model' and 'ema', with 'step', 'train_seconds', 'image_weights_step', 'block',
'full_res_synthesis' and 'pframe_gpu_burst', what ran), lic-pframe-v1-ema.pt (the moving average,
the same format; not with --git-weights ema), lic-pframe-v1-gpu.csv and lic-pframe-v1-gpu-cascade.csv
(the logs, training/logs' columns, up to the weights' step) and stage-NN-pframe-gpu-burst.json (the
stage config of these steps, for training/configs/lic-pframe-v1/). A file over the device tool's
16 MiB is written as NAME.part0, NAME.part1, ... instead (`cat NAME.part* > NAME`).
"""

import argparse
import glob
import math
import multiprocessing
import os
import random
import sys
import time

import numpy as np
import torch

from training import motion, video_data
from training.gpu import common
from training.gpu import pack as image_packs
from training.gpu import pframe_pack as packs
from training.loop import MovingAverage, sample_qualities, save_git_copy
from training.model import LAMBDAS
from training.pframe_model import has_full_res, load_pframe_weights
from training.train_pframe import frame_figures, frozen_image_model, prediction_from, train_cascade

RUN = "lic-pframe-v1"
LOG_HEADER = ["step", "train_hours", "lr", "loss", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr",
              "s_per_step", "me_share"]
CASCADE_HEADER = ["step", "position", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr"]
FIGURES = ("bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr")
TRAINER = "pframe-gpu-burst"
FILE_LIMIT = 16 * 2 ** 20  # what the device tool returns per file
CHECK_SAMPLES = 8  # samples of the first batch whose motion the CPU recomputes (--motion auto/device)


def parse(argv):
    p = argparse.ArgumentParser(description="Trains lic-pframe-v1 on one GPU for a wall-clock budget.")
    common.add_arguments(p, RUN, packs.DEFAULT_OUT, batch=32, unit="sequences", recipe="the latest P stage",
                         rates="rates", log_every=None, log_every_help="GPU steps per log line (default: about 25 "
                                                                       "CPU steps)")
    p.add_argument("--image-weights", help="the frozen image model (default: the stage's image_weights)")
    p.add_argument("--lr", type=float, help="new paths (default: the stage's times sqrt(batch / the stage's batch))")
    p.add_argument("--lr-intra", type=float, help="the weights copied from the image model (likewise)")
    p.add_argument("--synthetic-ratio", type=float, default=0.5,
                   help="share of synthetic sequences (train_pframe's default; the stage configs do not set it)")
    p.add_argument("--git-weights", choices=("model", "ema"), default="model",
                   help="what lic-pframe-v1.pt holds, as train_pframe's option (its default: the current weights)")
    p.add_argument("--motion", choices=("auto", "device", "pool"), default="auto",
                   help="where motion estimation runs (see the docstring)")
    p.add_argument("--motion-procs", type=int, help="processes of the motion pool (default: the cores less the "
                                                    "data workers and this process)")
    p.add_argument("--workers", type=int, help="DataLoader workers (default: 6 on CUDA, 0 on the CPU)")
    return p.parse_args(argv)


def use_precision(model, precision, device_type):
    """bf16 autocast for the P model's prediction features, analysis and synthesis, with the layers
    that give y, the picture and the conditioned hyper mean in float32 (see the docstring); done by
    wrapping the instances' methods, so that the code and the state dict stay pframe_model.py's."""
    if precision == "fp32":
        return
    common.under_bf16(model.pred_features, device_type)
    common.under_bf16(model, device_type, "analysis")
    common.under_bf16(model, device_type, "synthesis")
    common.in_float32(model.image.g_a.net[-1], device_type)  # -> y
    common.in_float32(model.image.g_s.net[-1], device_type)  # -> the picture (before synthesis_full)
    if model.full_res:
        common.in_float32(model.synthesis_full, device_type)  # -> the picture
    common.in_float32(model.mean_inject, device_type)  # the hyper mean, inside the latent coder


def load_pframe(path, full_res_wanted):
    """(model, saved moving average or None, step, train_seconds, full_res, the file's dict) of a
    weights file, as train_pframe resumes one: its 'model' weights; the full-resolution path when the
    weights have it or the recipe asks for it (added at zero)."""
    state = torch.load(path, map_location="cpu")
    saved = bool(state.get("full_res_synthesis", False)) or has_full_res(state["model"])
    full_res = saved or full_res_wanted
    model = load_pframe_weights(state["model"], full_res=full_res)
    return model, state.get("ema"), int(state["step"]), float(state.get("train_seconds", 0.0)), full_res, saved


class PackSequences(video_data.VideoSequences):
    """VideoSequences over a P pack: its runs are the clips, its tiles the stills. Items are uint8
    (T, crop, crop, 3), to travel cheaply from the DataLoader workers; VideoSequences' floats are
    these divided by 255."""

    def __init__(self, stills, runs, **kwargs):
        super().__init__(runs, list(stills), **kwargs)
        self._still_arrays = dict(stills)  # the lazy cache VideoSequences fills from files: already full

    def __getitem__(self, index):
        if not 0 <= index < self.length:
            raise IndexError(index)
        return torch.from_numpy(self.render(self.spec(index)))


def to_sequences(batch, device, channels_last):
    """(N, T, H, W, 3) uint8 -> (N, T, 3, H, W) float in [0, 1] on the device; with channels_last,
    laid out so that every frame seq[:, t] is a channels_last tensor."""
    x = batch.to(device, non_blocking=True)
    if channels_last:
        return x.permute(1, 0, 2, 3, 4).contiguous().float().div_(255).permute(1, 0, 4, 2, 3)
    return x.permute(0, 1, 4, 2, 3).contiguous().float().div_(255)


def _pool_init():
    torch.set_num_threads(1)


def _estimate_part(reference, current, block):
    return motion.estimate(torch.from_numpy(reference), torch.from_numpy(current), block=block).numpy()


class PoolMotion:
    """motion.estimate on the CPU in a pool of processes, the batch split between them; the warp on
    the references' device. A spawned pool: safe beside CUDA."""

    name = "pool"

    def __init__(self, procs):
        self.procs = procs
        self.pool = multiprocessing.get_context("spawn").Pool(procs, initializer=_pool_init)
        self.seconds = 0.0

    def estimate(self, reference, current, block):
        """(N, 2, rows, cols) int32 on the CPU: motion.estimate(reference, current, block)."""
        ref, cur = reference.cpu().numpy(), current.cpu().numpy()
        n = ref.shape[0]
        bounds = np.linspace(0, n, min(n, self.procs) + 1).round().astype(int)
        parts = self.pool.starmap(_estimate_part, [(ref[a:b], cur[a:b], block)
                                                   for a, b in zip(bounds, bounds[1:]) if b > a])
        return torch.from_numpy(np.concatenate(parts))

    def __call__(self, reference, x, block):
        t0 = time.time()
        mv = self.estimate(reference, motion.to_8bit(x), block).to(reference.device)
        prediction = motion.warp(reference, mv, block).float().div_(255)
        seconds = time.time() - t0
        self.seconds += seconds
        return prediction, seconds

    def drain(self):
        seconds, self.seconds = self.seconds, 0.0
        return seconds

    def close(self):
        self.pool.terminate()
        self.pool.join()


def on_cpu_prediction(reference, x, block):
    """prediction_from on the CPU, for references and pictures on any device."""
    prediction, seconds = prediction_from(reference.cpu(), x.cpu(), block)
    return prediction.to(reference.device), seconds


class DeviceMotion:
    """train_pframe.prediction_from on the references' device. On CUDA its time is taken by events
    (no synchronisation of its own) and read by drain() once the step has synchronised."""

    name = "device"

    def __init__(self, device):
        self.cuda = device.type == "cuda"
        self.events = []
        self.seconds = 0.0

    def __call__(self, reference, x, block):
        if not self.cuda:
            prediction, seconds = prediction_from(reference, x, block)
            self.seconds += seconds
            return prediction, seconds
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        prediction, _ = prediction_from(reference, x, block)
        end.record()
        self.events.append((start, end))
        return prediction, 0.0

    def drain(self):
        seconds = self.seconds + sum(s.elapsed_time(e) for s, e in self.events) / 1000
        self.events, self.seconds = [], 0.0
        return seconds

    def close(self):
        pass


@torch.no_grad()
def motion_matches_cpu(seq, block, samples=CHECK_SAMPLES):
    """Whether motion.estimate and motion.warp on seq's device give the CPU's vectors and
    predictions for the frame pairs (t-1, t) of the first samples: (all equal, differing vectors,
    vectors compared)."""
    frames = motion.to_8bit(seq[:samples])
    differ = total = 0
    for t in range(1, frames.shape[1]):
        ref, cur = frames[:, t - 1].contiguous(), frames[:, t].contiguous()
        on_device = motion.estimate(ref, cur, block=block)
        on_cpu = motion.estimate(ref.cpu(), cur.cpu(), block=block)
        differ += int((on_device.cpu() != on_cpu).any(dim=1).sum())
        total += on_cpu[:, 0].numel()
        if not torch.equal(motion.warp(ref, on_device, block).cpu(), motion.warp(ref.cpu(), on_device.cpu(), block)):
            differ += 1
    return differ == 0, differ, total


def motion_mode(mode, device, seq, block):
    """"device" or "pool" for --motion: on CUDA, "device" only once the check has passed."""
    if mode == "pool" or device.type != "cuda":
        return "pool" if mode == "pool" else "device"
    t0 = time.time()
    try:
        same, differ, total = motion_matches_cpu(seq, block)
        print(f"motion on {device}: {total - differ} of {total} vectors as on the CPU "
              f"({time.time() - t0:.1f} s to check)", flush=True)
    except RuntimeError as e:  # an operation the GPU does not have: the pool instead
        same = False
        print(f"motion on {device} failed: {e}".splitlines()[0], flush=True)
    if same:
        return "device"
    if mode == "device":
        raise SystemExit("motion estimation on the GPU differs from the CPU's: run with --motion pool")
    print("motion: a pool of processes on the CPU instead", flush=True)
    return "pool"


def probe_step(model, intra, seq, q, block, drift_p, drift_gen, predict):
    """One cascade step's forwards and backwards on the first n sequences, for common.fitting_batch."""
    def step(n):
        train_cascade(model, intra, seq[:n], q[:n], block, drift_p, drift_gen, predict=predict)

    return step


def write_limited(write, path, limit=FILE_LIMIT):
    """write(path), then, if the file is over limit, splits it into path.part0, path.part1, ... of
    at most limit bytes each (`cat path.part* > path` joins them) and removes it."""
    write(path)
    for old in glob.glob(path + ".part*"):
        os.remove(old)
    size = os.path.getsize(path)
    if size <= limit:
        return [path]
    parts = []
    with open(path, "rb") as f:
        for i in range(math.ceil(size / limit)):
            parts.append(f"{path}.part{i}")
            with open(parts[-1], "wb") as out:
                out.write(f.read(limit))
    os.remove(path)
    print(f"{path}: {size / 2 ** 20:.2f} MiB is over {limit / 2 ** 20:g} MiB: written as {len(parts)} parts "
          f"(cat {os.path.basename(path)}.part* > {os.path.basename(path)})", flush=True)
    return parts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse(argv)
    setting = common.Setting(args, RUN, "pframe", "P-frame")
    device, cuda, channels_last, t, crop = setting.device, setting.cuda, setting.channels_last, setting.t, setting.crop
    frames_per_seq = t.get("frames", 2)
    drift_p = t.get("drift_noise", 0.0)
    block = t["block"]
    image_weights = args.image_weights or t["image_weights"]
    cores = os.cpu_count() or 1
    workers = args.workers if args.workers is not None else (min(6, max(0, cores - 2)) if cuda else 0)
    motion_procs = args.motion_procs or max(1, cores - workers - 1)

    common.require_pack(args.pack, "training.gpu.pframe_pack", "training/gpu/pframe-pack")
    pack = packs.load(args.pack)
    t0 = time.time()
    stills, runs = packs.contents(pack)
    sequences = PackSequences(stills, runs, frames=frames_per_seq, crop=crop, synthetic_ratio=args.synthetic_ratio,
                              length=2 ** 40, seed=args.seed)
    if sequences.skipped:
        print(f"runs smaller than the crop or shorter than a sequence, left out: {len(sequences.skipped)}", flush=True)
    decode_seconds = time.time() - t0

    model, saved_ema, from_step, train_seconds, full_res, saved_full_res = load_pframe(
        args.weights, bool(t.get("full_res_synthesis", False)))
    intra, intra_step = frozen_image_model(image_weights)
    model.to(device, memory_format=setting.memory_format)
    intra.to(device, memory_format=setting.memory_format)
    use_precision(model, args.precision, device.type)
    common.use_image_precision(intra, args.precision, device.type)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    drift_gen = torch.Generator(device=device)
    drift_gen.manual_seed(args.seed + 4099)
    recipe = setting.recipe
    print(f"{setting.name}, torch {torch.__version__}, {cores} cores; {len(stills)} still tiles and {len(runs)} runs "
          f"from {args.pack} ({decode_seconds:.1f} s to decode); {args.weights} at step {from_step}"
          f"{', full-resolution synthesis' + ('' if saved_full_res else ' (added, at zero)') if full_res else ''}; "
          f"image model {image_weights} (step {intra_step}); recipe of stage {recipe['stage']} ({recipe['name']}): "
          f"{frames_per_seq} frames, drift {drift_p}, block {block}", flush=True)

    model.train()
    # The first batch, rendered here: the motion check and the memory probe (whose motion runs in
    # this process: the probe measures memory only).
    first = torch.stack([sequences[i] for i in range(args.batch)])
    first_seq = to_sequences(first, device, channels_last)
    mode = motion_mode(args.motion, device, first_seq, block)
    if cuda:
        q_probe = torch.linspace(0, len(LAMBDAS) - 1, args.batch, device=device)
        probe_motion = DeviceMotion(device) if mode == "device" else on_cpu_prediction
        batch = common.fitting_batch(model, args.batch, probe_step(model, intra, first_seq, q_probe, block, drift_p,
                                                                   drift_gen, probe_motion))
    else:
        batch = args.batch
    del first, first_seq
    per_cpu_step = batch / t["batch"]
    lr = common.scaled(args.lr, t["lr"], per_cpu_step)
    lr_intra = common.scaled(args.lr_intra, t["lr_intra"], per_cpu_step)
    # The clock's rate is a factor of both (train_pframe's lr_drops are).
    clock = common.Clock(args, from_step, batch, t["batch"], 1.0)
    decay = common.ema_decay(args.ema_decay, per_cpu_step)
    log_every = args.log_every or max(1, round(25 / per_cpu_step))
    ema = MovingAverage(model, decay)
    if saved_ema is not None:
        ema.load(saved_ema)
    optimizer = torch.optim.Adam([{"params": model.new_parameters(), "lr": lr},
                                  {"params": model.image_parameters(), "lr": lr_intra}])
    loader_args = dict(num_workers=workers, pin_memory=cuda)
    if workers:
        loader_args.update(persistent_workers=True, prefetch_factor=4)
    # The workers fork before the motion pool's processes and threads exist.
    loader = iter(torch.utils.data.DataLoader(sequences, batch_size=batch, sampler=range(2 ** 40), **loader_args))
    predict = PoolMotion(motion_procs) if mode == "pool" else DeviceMotion(device)
    print(f"batch {batch} of {frames_per_seq}x{crop}x{crop} ({per_cpu_step:g} CPU steps per step), lr {lr:.3g} "
          f"(image weights {lr_intra:.3g}), warm-up {args.warmup} steps, final x{args.final_lr_factor} over the "
          f"last {args.final_fraction:.0%}, moving average {decay:.5f}, {args.precision}, channels_last "
          f"{channels_last}, motion {predict.name}{f' ({motion_procs} processes)' if predict.name == 'pool' else ''}, "
          f"{workers} data workers, a log line every {log_every} steps", flush=True)

    os.makedirs(args.out, exist_ok=True)
    weights_out = os.path.join(args.out, RUN + ".pt")
    ema_out = os.path.join(args.out, RUN + "-ema.pt")
    log_out = os.path.join(args.out, RUN + "-gpu.csv")
    cascade_out = os.path.join(args.out, RUN + "-gpu-cascade.csv")
    config_out = os.path.join(args.out, f"stage-{setting.number:02d}-{TRAINER}.json")
    logs = common.HeldLogs({log_out: LOG_HEADER, cascade_out: CASCADE_HEADER})
    pack_sha = image_packs.sha256(args.pack)
    pack_record = {"sha256": pack_sha, "stills": len(pack["stills"]), "runs": len(pack["runs"]), "tile": pack["tile"],
                   "run": pack["run"], "seed": pack["seed"], "stills_mib": pack["stills_mib"],
                   "clips_mib": pack["clips_mib"]}

    def save(elapsed):
        logs.write()
        burst = common.burst_record("training.gpu.pframe_burst", argv, args, setting, clock, lr, decay, elapsed,
                                    model.m, pack_sha, frames=frames_per_seq, lr_intra=lr_intra,
                                    git_weights=args.git_weights, motion=predict.name,
                                    synthetic_ratio=args.synthetic_ratio)
        extra = {"image_weights_step": intra_step, "block": block, "full_res_synthesis": full_res,
                 "pframe_gpu_burst": burst}
        on_cpu = {k: v.detach().to("cpu") for k, v in model.state_dict().items()}
        average = {k: v.detach().to("cpu") for k, v in ema.state.items()}
        step, seconds = clock.cpu_steps(), train_seconds + elapsed
        written = write_limited(lambda p: save_git_copy(p, on_cpu if args.git_weights == "model" else average,
                                                        step, seconds, extra), weights_out)
        if args.git_weights == "model":
            written += write_limited(lambda p: save_git_copy(p, average, step, seconds, extra), ema_out)
        if clock.g:
            recipe_record = {"block": block, "image_weights": image_weights,
                             "frames": frames_per_seq, "drift_noise": drift_p, "full_res_synthesis": full_res,
                             "synthetic_ratio": args.synthetic_ratio, "git_weights": args.git_weights,
                             "motion": predict.name}
            common.write_config(config_out, common.stage_config(
                RUN, TRAINER, setting, clock, burst, pack_record, {"lr": lr, "lr_intra": lr_intra},
                "both learning rates", recipe_record,
                f", motion {predict.name}, data from the P pack {pack_sha[:12]}"))
        print(f"saved {', '.join(os.path.basename(p) for p in written)} at step {step} ({clock.g} GPU steps, "
              f"{elapsed / 60:.1f} min)", flush=True)

    sums = dict.fromkeys(LOG_HEADER[3:], 0.0)
    positions = {p: dict.fromkeys(FIGURES, 0.0) for p in range(1, frames_per_seq)}
    n = 0
    clock.begin()
    line_start = time.time()
    line_seconds = {"data": 0.0, "figures": 0.0}
    step_factor = 0.0
    try:
        while clock.running():
            step_factor = clock.rate()
            optimizer.param_groups[0]["lr"] = lr * step_factor
            optimizer.param_groups[1]["lr"] = lr_intra * step_factor
            t_data = time.time()
            seq = to_sequences(next(loader), device, channels_last)
            t_step = time.time()
            q = sample_qualities(batch, rng, setting.bias).to(device)
            optimizer.zero_grad(set_to_none=True)
            frames, _ = train_cascade(model, intra, seq, q, block, drift_p, drift_gen, predict=predict)
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            ema.update(model)
            if cuda:
                torch.cuda.synchronize()
            t_figures = time.time()
            seconds = t_figures - t_step
            me_seconds = predict.drain()
            figures = frame_figures(intra, frames, q)
            line_seconds["data"] += t_step - t_data
            line_seconds["figures"] += time.time() - t_figures
            clock.g += 1
            p_frames = len(frames)
            sums["loss"] += float(sum(f.loss for f in frames))
            for key in FIGURES:
                sums[key] += sum(fig[key] for fig in figures) / p_frames
            sums["s_per_step"] += seconds / per_cpu_step
            sums["me_share"] += me_seconds / seconds
            for position, fig in enumerate(figures, start=1):
                for key, value in fig.items():
                    positions[position][key] += value
            n += 1
            if clock.g % log_every == 0:
                now = time.time()
                hours = (train_seconds + now - clock.start) / 3600
                logs.add(log_out, log_row(clock.cpu_steps(), hours, lr * step_factor, sums, n))
                logs.add(cascade_out, *cascade_rows(clock.cpu_steps(), positions, n))
                wall = now - line_start
                print(common.log_text(LOG_HEADER, logs.last(log_out)) +
                      f" samples/s={n * batch / wall:.1f} data_wait={line_seconds['data'] / wall:.2f}"
                      f" figures={line_seconds['figures'] / wall:.2f}{setting.peak_memory()}", flush=True)
                sums = dict.fromkeys(LOG_HEADER[3:], 0.0)
                positions = {p: dict.fromkeys(FIGURES, 0.0) for p in range(1, frames_per_seq)}
                n = 0
                line_seconds = {"data": 0.0, "figures": 0.0}
                line_start = now
                if clock.checkpoint_due(now):
                    save(now - clock.start)
                    clock.saved()
        elapsed = clock.elapsed()
        if n:
            logs.add(log_out, log_row(clock.cpu_steps(), (train_seconds + elapsed) / 3600, lr * step_factor, sums, n))
            logs.add(cascade_out, *cascade_rows(clock.cpu_steps(), positions, n))
        save(elapsed)
    finally:
        predict.close()


def log_row(step, hours, lr, sums, n):
    """A line of the log, rounded as train_pframe rounds it; a stop when its loss is not finite."""
    row = [step, round(hours, 4), f"{lr:.2e}"]
    row += [round(sums[k] / n, 4 if k in ("loss", "bpp", "intra_bpp") else 3) for k in LOG_HEADER[3:]]
    return common.finite(row)


def cascade_rows(step, positions, n):
    return [[step, p] + [round(fig[k] / n, 4 if "bpp" in k else 3) for k in CASCADE_HEADER[2:]]
            for p, fig in positions.items()]


if __name__ == "__main__":
    main()
