"""Trains the lic-pframe model on CPU, resumably: stage 1, pairs of frames; stage 2, cascades.

    source training/env.sh
    /usr/bin/python3 -m training.stage training/configs/lic-pframe-v1/stage-01-pairs.json   # the stage
    /usr/bin/python3 -m training.train_pframe --run lic-pframe-v1 --resume ...               # by hand

Each step, for a batch of 2-frame sequences (training/video_data.py) and qualities q drawn as for
the image model:
  1. frame 0 is coded by the frozen image model (its weights file, moving average) at q, with true
     rounding; its reconstruction rounded to 8 bits is the reference;
  2. motion from the reference to frame 1 by block matching (training/motion.py `estimate`), and
     the prediction by the integer warp a decoder will run (`warp`);
  3. the P model codes frame 1 at q given the prediction; loss = bpp + lambda(q) * MSE, weighted
     as the image model's (training.loop.rate_distortion).
The log says what the P frame costs next to what the image model spends on the same frame at the
same q (the gain is the number that matters) and how good the prediction alone is. Validation:
fixed crops of the held-out clips (foreman, mobile), P against intra at three qualities.

Cascades (--frames T > 2, stage 2): frames 1..T-1 are each coded by the P model from the previous
frame as decoded, rounded to 8 bits, as the codec chains its P frames, so the model sees its own
errors accumulate. With probability --drift-noise per sample, a reference gets uniform noise of
-1, 0 or +1 levels per sample value before motion estimation and warp (a decoder on another machine
may differ by up to one level). The loss is the sum of the P frames' losses, each weighted as a
pair's; no gradient flows along the reference chain (8-bit rounding and the integer warp cut it
anyway), so each frame's loss is back-propagated as soon as it is computed and only one frame's
graph is held at a time. T = 2 without drift noise is stage 1, step for step. Per-position figures
go to RUN-cascade.csv; validation adds a 4-frame cascade on the held-out crops (RUN-val-cascade.csv).

Full-resolution synthesis (--full-res-synthesis, stage 3): the model's synthesis also takes the
prediction at full resolution (training/pframe_model.py, full_res). The checkpoints record it
("full_res_synthesis"), so a resume keeps the architecture it saved; resuming weights without the
path with the option adds it, starting at zero (the model unchanged), and the saved optimiser
state, made for the other parameters, is then left for a fresh one (warmed up again).

Resumes from the run's checkpoint (training/runs/RUN/), else from the weights file in git
(training/checkpoints/RUN.pt, fresh optimiser), else starts from the image model's weights. Shares
its machinery with training.train through training/loop.py.
"""

import argparse
import contextlib
import os
import random
import time

import torch

from training import motion, video_data
from training.loop import (Clock, MovingAverage, RunPaths, add_common_arguments, append_csv, join, launch,
                           log_line, lr_at, parse_lr_drops, psnr, rate_distortion, sample_qualities,
                           save_checkpoint, warmed_up)
from training.model import model_from_weights
from training.pframe_model import LicPFrameModel, from_image_weights, has_full_res, load_pframe_weights

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_IMAGE_WEIGHTS = "training/checkpoints/lic-image-v1.pt"
# Validation: frame pairs (t, t+1) of the held-out clips, a centred 256x256 crop at full size; in
# cascades also the sequences t..t+VALIDATION_CASCADE-1.
VALIDATION_CLIPS = ("foreman", "mobile")
VALIDATION_PAIRS = (0, 10, 20)
VALIDATION_CROP = 256
VALIDATION_QUALITIES = (2, 5, 8)
VALIDATION_CASCADE = 4  # frames of a validation cascade (stage 2 on)


def frozen_image_model(path):
    """The image model of a weights file (its moving average), for coding the reference frames; a
    relative path is taken from the repository's root, as the stage configs write it."""
    saved = torch.load(os.path.join(HERE, "..", path) if not os.path.isabs(path) else path)
    model = model_from_weights(saved["ema"]).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model, saved.get("step")


@torch.no_grad()
def prediction_from(reference, x, block):
    """x's prediction from an 8-bit reference (uint8): block motion estimated on the reference, then
    the integer warp; (prediction in [0, 1], seconds spent)."""
    t0 = time.time()
    mv = motion.estimate(reference, motion.to_8bit(x), block=block)
    prediction = motion.warp(reference, mv, block)
    return prediction.float().div_(255), time.time() - t0


@torch.no_grad()
def reference_and_prediction(intra, x0, x1, q, block):
    """The reference (frame 0 coded by the image model, 8 bits), and frame 1's prediction from it:
    (reference uint8, prediction in [0, 1], seconds spent in motion estimation and warp)."""
    reference = motion.to_8bit(intra(x0, q, eval_mode=True)[0])
    prediction, seconds = prediction_from(reference, x1, block)
    return reference, prediction, seconds


def drift(reference, probability, generator):
    """The reference as another machine may decode it: for each sample with the given probability,
    every value moved by -1, 0 or +1 level (uniformly), kept in 0..255; the others as they are.
    generator: its own, so that the model's training noise is drawn as without drift; the noise is
    drawn on its device, which must be the reference's (a CPU generator here, a CUDA one in
    training/gpu/pframe_burst.py)."""
    if probability <= 0:
        return reference
    n = reference.shape[0]
    device = generator.device if generator is not None else reference.device
    hit = torch.rand(n, generator=generator, device=device) < probability
    noise = torch.randint(-1, 2, reference.shape, generator=generator, dtype=torch.int16, device=device)
    noise *= hit.view(n, 1, 1, 1)
    return (reference.to(torch.int16) + noise).clamp_(0, 255).to(torch.uint8)


class FrameResult:
    """What coding one P frame of a cascade gave (all detached): per-sample MSE and bpp, the
    prediction's per-sample MSE, the loss, the frame, its prediction."""

    def __init__(self, loss, mse, bpp, pred_mse, x, pred):
        self.loss, self.mse, self.bpp, self.pred_mse, self.x, self.pred = loss, mse, bpp, pred_mse, x, pred


def train_cascade(net, intra, seq, q, block, drift_probability=0.0, generator=None, sync=None,
                  predict=prediction_from):
    """Codes a batch of sequences (N, T, 3, H, W) and back-propagates each P frame's loss as soon as
    it is computed (the caller zeroes the gradients before and steps after). Frame 0 is coded by
    the frozen image model; frame t >= 1 by net from frame t-1 as decoded and rounded to 8 bits,
    drifted (see drift) before motion estimation and warp. The gradients are those of the sum of
    the P frames' losses: the reference chain carries none. sync(last): a context for one frame's
    forward and backward (DDP's no_sync for all but the last frame). predict(reference, x, block):
    (prediction in [0, 1], seconds), prediction_from by default (the GPU burst passes its own, which
    must give the same prediction). Returns ([FrameResult] for frames 1..T-1, seconds spent in
    motion estimation and warp)."""
    reference = motion.to_8bit(intra(seq[:, 0], q, eval_mode=True)[0])
    results, me_seconds = [], 0.0
    frames = seq.shape[1]
    for t in range(1, frames):
        x = seq[:, t]
        pred, seconds = predict(drift(reference, drift_probability, generator), x, block)
        me_seconds += seconds
        with sync(t == frames - 1) if sync is not None else contextlib.nullcontext():
            x_hat, bits_y, bits_z = net(x, pred, q)
            loss, mse, bpp = rate_distortion(x, x_hat, bits_y + bits_z, q)
            loss.backward()
        # Training mode reconstructs from straight-through rounding: its values are the true
        # rounding's (to float precision), i.e. what the decoder reconstructs.
        reference = motion.to_8bit(x_hat.detach())
        results.append(FrameResult(loss.detach(), mse.detach(), bpp.detach(),
                                   torch.mean((x - pred) ** 2, dim=(1, 2, 3)), x, pred))
    return results, me_seconds


@torch.no_grad()
def frame_figures(intra, frames, q):
    """The log's figures of each P frame of a cascade (train_cascade's FrameResults): its bpp and
    PSNR, what the image model spends on the same frame at the same q (rate estimated the same way,
    with training noise) and its PSNR, and the prediction's PSNR; PSNRs are per-sample means."""
    figures = []
    for f in frames:
        intra_hat, intra_y, intra_z = intra(f.x, q)
        _, intra_mse, intra_bpp = rate_distortion(f.x, intra_hat, intra_y + intra_z, q)
        # One copy per tensor off a GPU rather than one per sample (the same values on the CPU).
        mse, intra_mse, pred_mse = f.mse.cpu(), intra_mse.cpu(), f.pred_mse.cpu()
        n = len(mse)
        figures.append({"bpp": float(f.bpp.mean()), "psnr": sum(psnr(e) for e in mse) / n,
                        "intra_bpp": float(intra_bpp.mean()),
                        "intra_psnr": sum(psnr(e) for e in intra_mse) / n,
                        "pred_psnr": sum(psnr(e) for e in pred_mse) / n})
    return figures


def optimizer_fits(optimizer, saved):
    """Whether a saved optimiser state was made for these parameter groups: as many groups, each of
    as many parameters, each parameter's saved moments of its shape."""
    groups, saved_groups = optimizer.param_groups, saved["param_groups"]
    if len(groups) != len(saved_groups) or any(len(g["params"]) != len(s["params"])
                                               for g, s in zip(groups, saved_groups)):
        return False
    for g, s in zip(groups, saved_groups):
        for p, key in zip(g["params"], s["params"]):
            moments = saved["state"].get(key, {})
            if "exp_avg" in moments and moments["exp_avg"].shape != p.shape:
                return False
    return True


def extended_optimizer_state(optimizer, saved):
    """A saved optimiser state carried over to parameter groups that gained parameters at their end
    (the full-resolution synthesis path is registered last among the new parameters, so it lands
    at the end of group 0): each old parameter keeps its moments, the added ones start without
    any (as Adam starts every parameter). None when the groups differ otherwise."""
    groups, saved_groups = optimizer.param_groups, saved["param_groups"]
    if len(groups) != len(saved_groups):
        return None
    state, new_groups, index = {}, [], 0
    for g, s in zip(groups, saved_groups):
        if len(g["params"]) < len(s["params"]):
            return None
        for j, key in enumerate(s["params"]):
            moments = saved["state"].get(key)
            if moments is not None:
                if "exp_avg" in moments and moments["exp_avg"].shape != g["params"][j].shape:
                    return None
                state[index + j] = moments
        new_groups.append(dict(s, params=list(range(index, index + len(g["params"])))))
        index += len(g["params"])
    return {"state": state, "param_groups": new_groups}


def held_out_sequences(video_dir, frames=2):
    """(N, frames, 3, H, W) float batch of the validation crops (sequences starting at each of
    VALIDATION_PAIRS), or None (with the reason printed) where the clips or ffmpeg are missing."""
    if not video_data.ffmpeg_available():
        print("validation skipped: no ffmpeg to decode the held-out clips", flush=True)
        return None
    paths = [p for p in video_data.held_out_clips(video_dir)
             if os.path.splitext(video_data.clip_name(p))[0].split("_")[0] in VALIDATION_CLIPS] \
        if os.path.isdir(video_dir) else []
    if not paths:
        print(f"validation skipped: no held-out clip {VALIDATION_CLIPS} in {video_dir}", flush=True)
        return None
    sequences = []
    for path in paths:
        decoded = list(video_data.ffmpeg_frames(path, max(VALIDATION_PAIRS) + frames))
        for t in VALIDATION_PAIRS:
            h, w = decoded[t].shape[:2]
            top, left = (h - VALIDATION_CROP) // 2, (w - VALIDATION_CROP) // 2
            crop = [torch.from_numpy(f[top:top + VALIDATION_CROP, left:left + VALIDATION_CROP].copy())
                    for f in decoded[t:t + frames]]
            sequences.append(torch.stack(crop).permute(0, 3, 1, 2).float().div(255))
    return torch.stack(sequences)


@torch.no_grad()
def validate(model, intra, pairs, block):
    """Per quality: (q, P bpp, P PSNR, intra bpp, intra PSNR, prediction PSNR) on the validation
    pairs, true rounding, reconstructions rounded to 8 bits; PSNR of the mean MSE."""
    was_training = model.training
    model.eval()
    x0, x1 = pairs
    rows = []
    for q_val in VALIDATION_QUALITIES:
        q = torch.full((x0.shape[0],), float(q_val))
        _, pred, _ = reference_and_prediction(intra, x0, x1, q, block)
        pixels = x1.shape[0] * x1.shape[2] * x1.shape[3]
        out = [q_val]
        for x_hat, by, bz in (model(x1, pred, q, eval_mode=True), intra(x1, q, eval_mode=True)):
            x_hat = motion.to_8bit(x_hat).float().div(255)
            out += [float((by + bz).sum()) / pixels, psnr(torch.mean((x1 - x_hat) ** 2))]
        out.append(psnr(torch.mean((x1 - pred) ** 2)))
        rows.append(out)
    model.train(was_training)
    return rows


@torch.no_grad()
def validate_cascade(model, intra, seq, block):
    """Per quality and P frame position t = 1..T-1 of the validation sequences (N, T, 3, H, W):
    (q, t, P bpp, P PSNR, intra bpp, intra PSNR, prediction PSNR); frame 0 coded by the image model,
    each P frame from the previous one as decoded (8 bits), no drift noise, true rounding."""
    was_training = model.training
    model.eval()
    pixels = seq.shape[0] * seq.shape[3] * seq.shape[4]
    rows = []
    for q_val in VALIDATION_QUALITIES:
        q = torch.full((seq.shape[0],), float(q_val))
        reference = motion.to_8bit(intra(seq[:, 0], q, eval_mode=True)[0])
        for t in range(1, seq.shape[1]):
            x = seq[:, t]
            pred, _ = prediction_from(reference, x, block)
            x_hat, by, bz = model(x, pred, q, eval_mode=True)
            reference = motion.to_8bit(x_hat)
            intra_hat, iy, iz = intra(x, q, eval_mode=True)
            out = [q_val, t]
            for decoded, bits in ((reference, by + bz), (motion.to_8bit(intra_hat), iy + iz)):
                out += [float(bits.sum()) / pixels, psnr(torch.mean((x - decoded.float().div(255)) ** 2))]
            out.append(psnr(torch.mean((x - pred) ** 2)))
            rows.append(out)
    model.train(was_training)
    return rows


def main(argv=None):
    p = argparse.ArgumentParser()
    add_common_arguments(p, run="lic-pframe-v1", lr=1e-4, port=29518)
    p.add_argument("--lr-intra", type=float, default=5e-5,
                   help="learning rate of the weights copied from the image model (--lr: the new paths)")
    p.add_argument("--image-weights", default=DEFAULT_IMAGE_WEIGHTS,
                   help="the image model: it codes the reference frames, and a new run starts from it")
    p.add_argument("--block", type=int, default=16, choices=motion.BLOCK_SIZES, help="motion block size")
    p.add_argument("--git-weights", default="model", choices=("model", "ema"),
                   help="what the weights file in git holds: the current weights (default: early in training "
                        "the moving average lags far behind them, 2 dB at step 1500) or their moving average")
    p.add_argument("--synthetic-ratio", type=float, default=0.5, help="share of synthetic sequences")
    p.add_argument("--frames", type=int, default=2,
                   help="frames per sequence: 2 codes pairs (stage 1), more codes cascades of P frames, each "
                        "from the previous one as decoded (stage 2)")
    p.add_argument("--drift-noise", type=float, default=0.0,
                   help="probability that a sample's reference gets -1/0/+1 levels of noise before motion "
                        "estimation and warp (the cross-machine drift of a decoder)")
    p.add_argument("--full-res-synthesis", action="store_true",
                   help="the synthesis also takes the prediction at full resolution (stage 3 on); a resumed "
                        "checkpoint that has this path keeps it anyway")
    p.add_argument("--video-dir", default=video_data.DEFAULT_VIDEO_DIR)
    p.add_argument("--stills-dir", default=video_data.DEFAULT_STILLS_DIR)
    args = p.parse_args(argv)
    if args.frames < 2:
        p.error("--frames must be at least 2")
    if not 0 <= args.drift_noise <= 1:
        p.error("--drift-noise is a probability")
    launch(run, args, p)


def run(rank, args):
    world = args.procs
    lead = join(rank, args)
    paths = RunPaths(args.run)
    intra, intra_step = frozen_image_model(args.image_weights)
    resumed_path, state = paths.resume_from(args.resume)
    step, warm_start, train_seconds = 0, 0, 0.0
    full_res = args.full_res_synthesis
    if state is None:
        model = from_image_weights(intra.state_dict(), full_res=full_res)
        if lead:
            print(f"started from the image model {args.image_weights} (step {intra_step})", flush=True)
    else:
        saved_full_res = bool(state.get("full_res_synthesis", False)) or has_full_res(state["model"])
        if saved_full_res and not full_res and lead:
            print(f"note: {resumed_path} has the full-resolution synthesis path: it stays", flush=True)
        full_res = full_res or saved_full_res
        model = load_pframe_weights(state["model"], full_res=full_res)
        if full_res and not saved_full_res and lead:
            print(f"added the full-resolution synthesis path (zero at first) to the weights of {resumed_path}",
                  flush=True)
        step = warm_start = state["step"]
        train_seconds = state.get("train_seconds", 0.0)
    optimizer = torch.optim.Adam([{"params": model.new_parameters(), "lr": args.lr},
                                  {"params": model.image_parameters(), "lr": args.lr_intra}])
    fresh_optimiser = True
    if resumed_path == paths.checkpoint:
        if optimizer_fits(optimizer, state["optimizer"]):
            optimizer.load_state_dict(state["optimizer"])
            warm_start = 0
            fresh_optimiser = False
        elif extended_optimizer_state(optimizer, state["optimizer"]) is not None:
            optimizer.load_state_dict(extended_optimizer_state(optimizer, state["optimizer"]))
            warm_start = 0
            fresh_optimiser = False
            if lead:
                print(f"the optimiser state of {resumed_path} carried over to the added parameters' "
                      f"groups (their moments start at zero; no new warm-up)", flush=True)
        elif lead:
            print(f"the optimiser state of {resumed_path} does not fit the model's parameters (another "
                  f"architecture): fresh optimiser, warmed up again over {args.warmup} steps", flush=True)
    if lead and resumed_path is not None:
        kind = "checkpoint" if not fresh_optimiser else \
            ("checkpoint's weights" if resumed_path == paths.checkpoint else "weights") + " (fresh optimiser)"
        print(f"resumed {kind} {resumed_path} at step {step}"
              f"{', full-resolution synthesis' if full_res else ''}", flush=True)
    ema = MovingAverage(model, args.ema_decay)
    if state is not None and "ema" in state:
        ema.load(state["ema"])

    sequences = video_data.VideoSequences.from_shared(
        args.video_dir, args.stills_dir, frames=args.frames, crop=args.crop, length=2 ** 62, seed=rank,
        synthetic_ratio=args.synthetic_ratio)
    torch.manual_seed(step * world + rank)
    rng = random.Random(step + 12345 + 7919 * rank)
    drift_rng = torch.Generator().manual_seed(step * world + rank + 4099)
    batch = args.batch // world
    cascade = args.frames > 2
    held_out = held_out_sequences(args.video_dir, VALIDATION_CASCADE if cascade else 2) if lead else None
    if lead:
        print(f"{len(sequences.clip_names)} training clips {sequences.clip_names} (skipped at crop {args.crop}: "
              f"{sequences.skipped}), {len(sequences.stills)} stills, synthetic share {sequences.synthetic_ratio}; "
              f"{world} process(es) of {args.threads} thread(s)", flush=True)
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model

    def sync(last):
        """Gradients are reduced across processes once, in the last frame's backward."""
        return net.no_sync() if world > 1 and not last else contextlib.nullcontext()

    def checkpoint():
        save_checkpoint(paths, model, optimizer, ema, step, train_seconds,
                        {"image_weights_step": intra_step, "block": args.block, "full_res_synthesis": full_res},
                        git_weights=args.git_weights)

    drops = parse_lr_drops(args.lr_drops)
    header = ["step", "train_hours", "lr", "loss", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr",
              "s_per_step", "me_share"]
    val_header = ["step", "quality", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr"]
    # Cascades: the figures of each P frame position (1 = from the intra frame, T-1 = the end of
    # the chain) over the same steps as the log line, and the validation cascade's per position.
    cascade_log = os.path.join(os.path.dirname(paths.log), args.run + "-cascade.csv")
    cascade_val = os.path.join(os.path.dirname(paths.log), args.run + "-val-cascade.csv")
    cascade_header = ["step", "position", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr"]
    val_cascade_header = ["step", "quality", "position", "bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr"]
    sums = dict.fromkeys(header[3:], 0.0)
    position_sums = {t: dict.fromkeys(cascade_header[2:], 0.0) for t in range(1, args.frames)}
    n = 0
    clock = Clock(args.ckpt_minutes)
    model.train()
    while step < args.steps:
        t0 = time.time()
        factor = lr_at(step, 1.0, drops) * warmed_up(step, warm_start, args.warmup)
        optimizer.param_groups[0]["lr"] = args.lr * factor
        optimizer.param_groups[1]["lr"] = args.lr_intra * factor
        seq = torch.stack([sequences[(step * world + rank) * batch + i] for i in range(batch)])
        q = sample_qualities(batch, rng, args.quality_bias)
        optimizer.zero_grad(set_to_none=True)
        frames, me_seconds = train_cascade(net, intra, seq, q, args.block, args.drift_noise, drift_rng, sync)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        if not lead:
            continue
        ema.update(model)
        # What the image model spends on the same frames at the same q, rate estimated the same way
        # (training noise), and the prediction's own quality; outside the step's time. The log
        # line averages over the P frames of the cascade (for pairs: frame 1).
        seconds = time.time() - t0
        train_seconds += seconds
        figures = frame_figures(intra, frames, q)
        p_frames = len(frames)
        loss = float(sum(f.loss for f in frames))
        for key in ("bpp", "psnr", "intra_bpp", "intra_psnr", "pred_psnr"):
            sums[key] += sum(fig[key] for fig in figures) / p_frames
        for key, value in (("loss", loss), ("s_per_step", seconds), ("me_share", me_seconds / seconds)):
            sums[key] += value
        for t, fig in enumerate(figures, start=1):
            for key, value in fig.items():
                position_sums[t][key] += value
        n += 1
        if step % args.log_every == 0:
            row = [step, round(train_seconds / 3600, 4), f"{args.lr * factor:.2e}"]
            row += [round(sums[k] / n, 4 if k in ("loss", "bpp", "intra_bpp") else 3) for k in header[3:]]
            log_line(paths.log, header, row)
            if cascade:
                for t, fig in position_sums.items():
                    log_line(cascade_log, cascade_header,
                             [step, t] + [round(fig[k] / n, 4 if "bpp" in k else 3) for k in cascade_header[2:]])
            sums = dict.fromkeys(header[3:], 0.0)
            position_sums = {t: dict.fromkeys(cascade_header[2:], 0.0) for t in range(1, args.frames)}
            n = 0
        if held_out is not None and step % args.val_every == 0:
            ema_model = LicPFrameModel(m=model.m, full_res=model.full_res)
            ema_model.load_state_dict(ema.state)
            for label, m in ((str(step), model), (f"{step}-ema", ema_model)):
                for row in validate(m, intra, (held_out[:, 0], held_out[:, 1]), args.block):
                    append_csv(paths.validation, val_header, [label] + [round(v, 4) for v in row])
                    print("val " + " ".join(f"{h}={v:.4g}" for h, v in zip(val_header, [step] + row)), flush=True)
                if cascade:
                    for row in validate_cascade(m, intra, held_out, args.block):
                        append_csv(cascade_val, val_cascade_header, [label] + [round(v, 4) for v in row])
                        print("val-cascade " + " ".join(f"{h}={v:.4g}" for h, v in zip(val_cascade_header, [step] + row)),
                              flush=True)
        if clock.due():
            checkpoint()
    if lead:
        checkpoint()


if __name__ == "__main__":
    main()
