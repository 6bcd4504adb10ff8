"""The data pack of a P-frame GPU burst: still tiles for synthetic motion and short runs of the
training clips' frames, lossless, one file.

    /usr/bin/python3 -m training.gpu.pframe_pack          # -> training/gpu/pframe-pack/pack.pt, about 24 MiB

A GPU machine has no ../shared, and what travels with a job is capped (64 MiB in all, the two
checkpoints of 15.7 and 14.6 MiB and the code included), so the burst (training/gpu/pframe_burst.py)
trains on a deterministic subset of what training/video_data.py draws its sequences from, at the
scale the CPU trainer sees it:

- Stills: the training split of the photos (video_data.still_paths: the image model's every-34th
  validation photos and the held-out evaluation pictures are never read), downscaled as
  video_data.cached_still does (short side 512, area averaging), each cut to its centred
  TILE x TILE square. TILE = 448 is the smallest tile on which synthetic_sequence's camera draws
  for 4 frames of 256x256 are those of the full stills (over 5000 seeds, none differs; at 432,
  19 fall back to a smaller scale or speed): the camera path needs up to 1.64 still pixels per
  output pixel, pans up to 8 px a frame and turns. One tile per photo, the photos in an order drawn
  from --seed, until --stills-mib is full.
- Runs: RUN consecutive frames of a training clip (video_data.training_clips: the clips of
  HELD_OUT_CLIPS are never decoded), as video_data.cached_clip holds them (short side 256, first
  300 frames), whole frames so that the burst crops them as the CPU trainer crops its clips.
  RUN = 7 = (4 - 1) * 2 + 1 is what one 4-frame sequence at the trainer's largest stride (2)
  spans. Each clip is cut into non-overlapping slots of RUN frames, taken in an order drawn from
  --seed; runs are added one at a time to the clip with the fewest runs for its frames (the
  trainer draws clips in proportion to their frames), until the next run would pass --clips-mib.
  Clips smaller than --min-side (the crop) or shorter than a run are left out, as VideoSequences
  leaves them out at that crop.

Every frame and tile is stored as lossless WebP (pack.encode; round-trip checked), the pixels the
CPU trainer reads: video frames are already lossy once, and re-encoding them lossily would add
artefacts the P model would learn to predict. The file's lists depend on the seed, the sizes and
the budgets, and through the budgets on the encoder's sizes (libwebp: byte-identical with Debian
12's Pillow); the pixels never depend on the encoder.

The file (torch.save, plain values and tensors: loadable with weights_only): version, codec, kind
"pframe", tile, run, seed, budgets, still_side, short_side, stills (FOLDER/NAME), runs (CLIP@START
names), run_shapes (N x 3 int32: frames, height, width), offsets and data (every still tile, then
every run's frames, one after another).
"""

import argparse
import os
import random
import sys

import numpy as np
import torch

from training import video_data
from training.gpu import pack as packs

VERSION = 1
KIND = "pframe"
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pframe-pack", "pack.pt")
DEFAULT_TILE = 448
DEFAULT_RUN = 7


def still_tile(still, tile):
    """The centred tile x tile square of a still (H, W, 3), or None when the still is smaller."""
    h, w = still.shape[:2]
    if h < tile or w < tile:
        return None
    top, left = (h - tile) // 2, (w - tile) // 2
    return np.ascontiguousarray(still[top:top + tile, left:left + tile])


def encode_checked(pixels, what):
    blob = packs.encode(pixels)
    if not np.array_equal(packs.decode(blob), pixels):
        raise SystemExit(f"lossless WebP did not round-trip {what}")
    return blob


def build_stills(paths, cache_dir, tile, budget_mib, seed, log):
    """[(name, blob)]: one centred tile per still, the stills in a seeded order, within budget."""
    order = list(paths)
    random.Random(seed).shuffle(order)
    budget = int(budget_mib * 2 ** 20)
    out, used, small = [], 0, 0
    for path in order:
        pixels = still_tile(video_data.cached_still(path, cache_dir), tile)
        if pixels is None:
            small += 1
            continue
        blob = encode_checked(pixels, path)
        if used + len(blob) > budget:
            break
        out.append((f"{os.path.basename(os.path.dirname(path))}/{os.path.basename(path)}", blob))
        used += len(blob)
    log(f"stills: {len(out)} tiles of {tile}x{tile} from {len(paths)} training photos"
        f"{f' ({small} smaller than a tile)' if small else ''}, {used / 2 ** 20:.2f} MiB, "
        f"{used * 8 / max(1, len(out) * tile * tile):.2f} bpp")
    return out


def run_order(frame_counts, run, seed):
    """{clip: [start, ...]}: each clip's non-overlapping slots of `run` frames, in a seeded order."""
    rng = random.Random(seed)
    slots = {}
    for name in sorted(frame_counts):
        starts = [i * run for i in range(frame_counts[name] // run)]
        rng.shuffle(starts)
        slots[name] = starts
    return slots


def build_runs(clips, run, budget_mib, seed, log):
    """[(name, frames, height, width, [blob per frame])] from clips {name: (F, H, W, 3)}: runs added
    to the clip with the fewest runs per frame of the clip (ties: by name) until budget."""
    counts = {name: clip.shape[0] for name, clip in clips.items()}
    slots = run_order(counts, run, seed)
    taken = {name: 0 for name in clips}
    budget = int(budget_mib * 2 ** 20)
    out, used = [], 0
    while True:
        open_clips = [n for n in sorted(clips) if taken[n] < len(slots[n])]
        if not open_clips:
            break
        name = min(open_clips, key=lambda n: (taken[n] / counts[n], n))
        start = slots[name][taken[name]]
        frames = np.asarray(clips[name][start:start + run])
        blobs = [encode_checked(np.ascontiguousarray(f), f"frame {start + i} of {name}") for i, f in enumerate(frames)]
        size = sum(len(b) for b in blobs)
        if used + size > budget:
            break
        out.append((f"{name}@{start}", run, frames.shape[1], frames.shape[2], blobs))
        taken[name] += 1
        used += size
    per_clip = ", ".join(f"{n}: {taken[n]}" for n in sorted(clips))
    pixels = sum(r * h * w for _, r, h, w, _ in out)
    log(f"runs: {len(out)} runs of {run} frames ({per_clip}), {used / 2 ** 20:.2f} MiB, "
        f"{used * 8 / max(1, pixels):.2f} bpp")
    return out


def training_clips(video_dir, cache_dir, min_side, run, log):
    """{name: (F, H, W, 3)} of the training clips that a crop of min_side and a run fit."""
    clips = {}
    for path in video_data.training_clips(video_dir):
        if video_data.is_held_out(path):  # training_clips leaves them out; never decode one here
            raise SystemExit(f"{path} is held out")
        clip = video_data.cached_clip(path, cache_dir)
        if min(clip.shape[1:3]) < min_side or clip.shape[0] < run:
            log(f"left out {video_data.clip_name(path)}: {clip.shape[2]}x{clip.shape[1]}, {clip.shape[0]} frames")
            continue
        clips[video_data.clip_name(path)] = clip
    if not clips:
        raise SystemExit(f"no training clip of {video_dir} fits a crop of {min_side} and a run of {run}")
    return clips


def build(video_dir, stills_dir, cache_dir, tile=DEFAULT_TILE, run=DEFAULT_RUN, stills_mib=12.0, clips_mib=12.0,
          min_side=256, seed=0, log=print):
    """The pack as a dict (see the module's docstring)."""
    packs.require_webp()
    stills = build_stills(video_data.still_paths(stills_dir), cache_dir, tile, stills_mib, seed, log)
    runs = build_runs(training_clips(video_dir, cache_dir, min_side, run, log), run, clips_mib, seed, log)
    blobs = [b for _, b in stills] + [b for r in runs for b in r[4]]
    return {"version": VERSION, "codec": packs.CODEC, "kind": KIND, "tile": tile, "run": run, "seed": seed,
            "stills_mib": stills_mib, "clips_mib": clips_mib, "min_side": min_side,
            "still_side": video_data.DEFAULT_STILL_SIDE, "short_side": video_data.DEFAULT_SHORT_SIDE,
            "stills": [n for n, _ in stills], "runs": [r[0] for r in runs],
            "run_shapes": torch.tensor([r[1:4] for r in runs], dtype=torch.int32).view(-1, 3),
            **packs.concatenated(blobs)}


def load(path):
    """The pack's dict; refuses a file of another kind or version."""
    pack = torch.load(path, map_location="cpu")
    if pack.get("version") != VERSION or pack.get("kind") != KIND or pack.get("codec") != packs.CODEC:
        raise SystemExit(f"{path}: not a version-{VERSION} P-frame pack (training.gpu.pframe_pack)")
    return pack


def contents(pack):
    """({still name: (T, T, 3) uint8}, {run name: (F, H, W, 3) uint8}), decoded."""
    blobs = iter(packs.blobs(pack))
    stills = {name: packs.decode(next(blobs)) for name in pack["stills"]}
    runs = {}
    for name, (frames, _h, _w) in zip(pack["runs"], pack["run_shapes"].tolist()):
        runs[name] = np.stack([packs.decode(next(blobs)) for _ in range(frames)])
    return stills, runs


def main(argv=None):
    p = argparse.ArgumentParser(description="Builds the data pack of a P-frame GPU burst (training/gpu/README.md).")
    p.add_argument("--out", default=DEFAULT_OUT)
    p.add_argument("--video-dir", default=video_data.DEFAULT_VIDEO_DIR)
    p.add_argument("--stills-dir", default=video_data.DEFAULT_STILLS_DIR)
    p.add_argument("--cache-dir", default=video_data.DEFAULT_CACHE_DIR,
                   help="video_data's cache of decoded clips and downscaled stills (filled on first use)")
    p.add_argument("--tile", type=int, default=DEFAULT_TILE, help="side of the still tiles")
    p.add_argument("--run", type=int, default=DEFAULT_RUN, help="frames per run of a clip")
    p.add_argument("--stills-mib", type=float, default=12.0, help="cap on the still tiles' bytes")
    p.add_argument("--clips-mib", type=float, default=12.0, help="cap on the runs' bytes")
    p.add_argument("--min-side", type=int, default=256, help="clips with a smaller side are left out (the crop)")
    p.add_argument("--seed", type=int, default=0, help="another seed picks other photos and runs (a later burst)")
    args = p.parse_args(argv)
    for folder in (args.video_dir, args.stills_dir):
        if not os.path.isdir(folder):
            raise SystemExit(f"no training data at {folder}")
    packs.save(build(args.video_dir, args.stills_dir, args.cache_dir, args.tile, args.run, args.stills_mib,
                     args.clips_mib, args.min_side, args.seed), args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
