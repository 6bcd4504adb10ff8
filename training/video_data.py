"""P-frame training data: sequences of T frames from real clips and from synthetic motion over stills.

    /usr/bin/python3 -m training.video_data --stats               # clips, held out or not, cache
    /usr/bin/python3 -m training.video_data --preview strip.png   # a few sequences, for the eye

Real clips are the files of ../shared/data/video. Each one is decoded once (Y4M here, everything
else by the ffmpeg command line through a pipe as raw rgb24), downscaled by area averaging so that
its short side is at most `short_side`, cut to its first `max_frames` frames and kept as a uint8
(F, H, W, 3) array under training/data-cache/video/ (git-ignored: decoded video never enters git).

The clips named in HELD_OUT_CLIPS are the P-frame evaluation's and are never decoded for training:
`training_clips` leaves them out and `VideoSequences` refuses them.

Synthetic sequences (`synthetic_sequence`) move a virtual camera over a still photo of the image
model's training split (pan, zoom, small rotation), paste one or two patches of other photos that
move on their own, and add light noise; a seed determines everything, so a sequence can be
regenerated from its seed alone. `VideoSequences` mixes both kinds into (T, 3, H, W) float tensors
in [0, 1]: T = 2 for the pair stage, 4 to 6 for cascades. Parameters and the held-out list are in
docs/training-log.md ("P-frame data").
"""

import argparse
import dataclasses
import json
import math
import os
import shutil
import subprocess
import sys
from typing import NamedTuple, Tuple

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFilter

from training import data

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VIDEO_DIR = os.path.join(HERE, "..", "..", "shared", "data", "video")
DEFAULT_STILLS_DIR = data.DEFAULT_TRAIN_DIR
DEFAULT_CACHE_DIR = os.path.join(HERE, "data-cache")

# The clips the P-frame evaluation codes (issue 20: BD-rate against x264 on the held-out clips), so
# never trained on: the two CIF classics and the one 1080p clip. A clip is held out when its file
# name without extension is one of these or starts with one followed by "_", so that another
# container of the same content (foreman.y4m, mobile_cif_30f.mp4) is held out too.
HELD_OUT_CLIPS = ("foreman", "mobile", "street_1920x1080")

VIDEO_SUFFIXES = (".y4m", ".mp4", ".mkv", ".mov", ".webm", ".avi", ".mpg", ".mpeg", ".m2v", ".ts",
                  ".264", ".h264", ".265", ".h265", ".hevc", ".ivf")

DEFAULT_SHORT_SIDE = 256
DEFAULT_MAX_FRAMES = 300
DEFAULT_STILL_SIDE = 512
# Bumped whenever decoding or downscaling changes, so that older cache files are rebuilt.
CACHE_VERSION = 1


# ---------------------------------------------------------------------------------------------
# Clips and the held-out split

def clip_name(path):
    return os.path.basename(path)


def is_held_out(path):
    stem = os.path.splitext(clip_name(path))[0].lower()
    return any(stem == h or stem.startswith(h + "_") for h in HELD_OUT_CLIPS)


def list_clips(video_dir=DEFAULT_VIDEO_DIR):
    """Every clip of video_dir, sorted by name."""
    names = sorted(n for n in os.listdir(video_dir) if n.lower().endswith(VIDEO_SUFFIXES))
    return [os.path.join(video_dir, n) for n in names]


def training_clips(video_dir=DEFAULT_VIDEO_DIR):
    return [p for p in list_clips(video_dir) if not is_held_out(p)]


def held_out_clips(video_dir=DEFAULT_VIDEO_DIR):
    return [p for p in list_clips(video_dir) if is_held_out(p)]


# ---------------------------------------------------------------------------------------------
# Y4M

class Y4mHeader(NamedTuple):
    width: int
    height: int
    chroma: str          # "420", "422", "444" or "mono"
    full_range: bool     # XCOLORRANGE=FULL; Y4M's default is limited (16-235)
    frame_rate: Tuple[int, int]

    def plane_shapes(self):
        """(rows, columns) of Y, U, V; subsampled planes round up, as odd sizes need."""
        luma = (self.height, self.width)
        if self.chroma == "420":
            return luma, ((self.height + 1) // 2, (self.width + 1) // 2)
        if self.chroma == "422":
            return luma, (self.height, (self.width + 1) // 2)
        if self.chroma == "444":
            return luma, luma
        return luma, (0, 0)


def parse_y4m_header(line):
    """The stream header line (without its newline) of a YUV4MPEG2 file."""
    tokens = line.split(b" ")
    if tokens[0] != b"YUV4MPEG2":
        raise ValueError("not a Y4M stream: no YUV4MPEG2 magic")
    width = height = None
    chroma, full_range, rate = "420", False, (25, 1)
    for token in tokens[1:]:
        if not token:
            continue
        key, value = chr(token[0]), token[1:].decode("ascii")
        if key == "W":
            width = int(value)
        elif key == "H":
            height = int(value)
        elif key == "F":
            num, den = value.split(":")
            rate = (int(num), int(den))
        elif key == "C":
            if value in ("420", "420jpeg", "420paldv", "420mpeg2"):
                chroma = "420"          # they differ in chroma siting only
            elif value in ("422", "444", "mono"):
                chroma = value
            else:
                raise ValueError(f"Y4M colour space C{value} is not supported (8-bit 420, 422, 444, mono)")
        elif key == "X" and value.upper().startswith("COLORRANGE="):
            full_range = value.upper() == "COLORRANGE=FULL"
        # I (interlacing), A (aspect) and other X parameters do not change the samples.
    if not width or not height or width <= 0 or height <= 0:
        raise ValueError(f"Y4M header without a valid size: {line[:80]!r}")
    return Y4mHeader(width, height, chroma, full_range, rate)


def read_y4m(path, max_frames=None):
    """(header, [(y, u, v), ...]) with uint8 planes shaped as header.plane_shapes() says."""
    with open(path, "rb") as f:
        header = parse_y4m_header(_read_line(f, path, 0))
        (yh, yw), (ch, cw) = header.plane_shapes()
        luma, chroma = yh * yw, ch * cw
        frames = []
        while max_frames is None or len(frames) < max_frames:
            offset = f.tell()
            marker = f.read(5)
            if not marker:
                break
            if marker != b"FRAME":
                raise ValueError(f"{path}: expected FRAME at offset {offset}, found {marker!r}")
            _read_line(f, path, offset)          # frame parameters, if any, are ignored
            payload = f.read(luma + 2 * chroma)
            if len(payload) != luma + 2 * chroma:
                raise ValueError(f"{path}: frame at offset {offset} truncated "
                                 f"({len(payload)} of {luma + 2 * chroma} bytes)")
            buf = np.frombuffer(payload, dtype=np.uint8)
            y = buf[:luma].reshape(yh, yw)
            u = buf[luma:luma + chroma].reshape(ch, cw)
            v = buf[luma + chroma:].reshape(ch, cw)
            frames.append((y, u, v))
    return header, frames


def _read_line(f, path, offset, limit=4096):
    line = f.readline(limit)
    if not line.endswith(b"\n"):
        raise ValueError(f"{path}: unterminated Y4M header line at offset {offset}")
    return line[:-1]


# BT.601 (Y4M carries no matrix; SD material and ffmpeg's default for untagged video are BT.601).
_KR, _KB = 0.299, 0.114


def yuv_to_rgb(y, u, v, full_range=False):
    """uint8 (H, W, 3) RGB from planes; chroma planes of any subsampling are repeated up to the
    luma size (nearest: cheap, and the downscale that follows averages it anyway)."""
    h, w = y.shape
    if u.size == 0:
        u = v = np.full((h, w), 128, dtype=np.uint8)
    else:
        ry, rx = -(-h // u.shape[0]), -(-w // u.shape[1])
        u = np.repeat(np.repeat(u, ry, axis=0), rx, axis=1)[:h, :w]
        v = np.repeat(np.repeat(v, ry, axis=0), rx, axis=1)[:h, :w]
    yf = y.astype(np.float32)
    uf = u.astype(np.float32) - 128.0
    vf = v.astype(np.float32) - 128.0
    if full_range:
        luma, cscale = yf, 1.0
    else:
        luma, cscale = (yf - 16.0) * (255.0 / 219.0), 255.0 / 224.0
    kg = 1.0 - _KR - _KB
    r = luma + cscale * 2 * (1 - _KR) * vf
    b = luma + cscale * 2 * (1 - _KB) * uf
    g = luma - cscale * (2 * _KB * (1 - _KB) / kg * uf + 2 * _KR * (1 - _KR) / kg * vf)
    rgb = np.stack([r, g, b], axis=-1)
    return np.clip(np.floor(rgb + 0.5), 0, 255).astype(np.uint8)


# ---------------------------------------------------------------------------------------------
# Decoding with the ffmpeg command line

def ffmpeg_available():
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def probe_size(path):
    """(width, height) of the first video stream, as stored (no autorotation)."""
    return probe(path)[:2]


def probe(path, count=False):
    """(width, height, frames) of the first video stream; frames is None unless count (which reads
    every packet, without decoding)."""
    cmd = ["ffprobe", "-v", "error", "-select_streams", "v:0"]
    cmd += ["-count_packets", "-show_entries", "stream=width,height,nb_read_packets"] if count else \
        ["-show_entries", "stream=width,height"]
    out = subprocess.run(cmd + ["-of", "csv=p=0", path], capture_output=True, check=True, text=True).stdout
    fields = out.strip().split("\n")[0].split(",")
    return int(fields[0]), int(fields[1]), int(fields[2]) if count else None


def ffmpeg_frames(path, max_frames=None):
    """Yields the first max_frames frames of path as uint8 (H, W, 3) RGB, decoded by ffmpeg into a
    pipe (never to disk). Colour: swscale's conversion of the stream's tagged matrix (BT.601 when
    untagged) with accurate rounding and full chroma interpolation."""
    width, height = probe_size(path)
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-noautorotate", "-i", path, "-map", "0:v:0",
           "-an", "-sn", "-fps_mode", "passthrough"]
    if max_frames is not None:
        cmd += ["-frames:v", str(max_frames)]
    cmd += ["-sws_flags", "bicubic+accurate_rnd+full_chroma_int", "-pix_fmt", "rgb24",
            "-s", f"{width}x{height}", "-f", "rawvideo", "pipe:1"]
    frame_bytes = width * height * 3
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    count = 0
    try:
        while max_frames is None or count < max_frames:
            buf = _read_exactly(proc.stdout, frame_bytes)
            if len(buf) < frame_bytes:
                break
            count += 1
            yield np.frombuffer(buf, dtype=np.uint8).reshape(height, width, 3)
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        code = proc.wait()
    if code != 0 or count == 0:
        raise RuntimeError(f"ffmpeg could not decode {path} (exit {code}, {count} frames): {stderr.strip()}")


def _read_exactly(stream, n):
    chunks, have = [], 0
    while have < n:
        chunk = stream.read(n - have)
        if not chunk:
            break
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)


def y4m_frames(path, max_frames=None):
    header, planes = read_y4m(path, max_frames)
    for y, u, v in planes:
        yield yuv_to_rgb(y, u, v, header.full_range)


# ---------------------------------------------------------------------------------------------
# Downscaling and the cache

def scaled_size(width, height, short_side):
    """(width, height) with the short side at most short_side; never enlarged."""
    short = min(width, height)
    if short <= short_side:
        return width, height
    scale = short_side / short
    return max(1, round(width * scale)), max(1, round(height * scale))


def downscale(frame, short_side):
    h, w = frame.shape[:2]
    size = scaled_size(w, h, short_side)
    if size == (w, h):
        return np.ascontiguousarray(frame)
    return np.asarray(Image.fromarray(frame).resize(size, Image.Resampling.BOX), dtype=np.uint8)


def decode_clip(path, short_side=DEFAULT_SHORT_SIDE, max_frames=DEFAULT_MAX_FRAMES):
    """uint8 (F, H, W, 3): the first max_frames frames, downscaled. Y4M is read here, the rest by
    ffmpeg."""
    if path.lower().endswith(".y4m"):
        frames = y4m_frames(path, max_frames)
    else:
        frames = ffmpeg_frames(path, max_frames)
    out = [downscale(f, short_side) for f in frames]
    if not out:
        raise ValueError(f"{path}: no frames")
    return np.stack(out)


def _cache_stem(path, short_side, max_frames):
    return os.path.join("video", f"{clip_name(path)}-s{short_side}-f{max_frames}")


def _source_stamp(path):
    st = os.stat(path)
    return {"version": CACHE_VERSION, "source_bytes": st.st_size, "source_mtime_ns": st.st_mtime_ns}


def _load_cached(npy, meta, stamp):
    try:
        with open(meta) as f:
            if json.load(f) == stamp:
                return np.load(npy, mmap_mode="r")
    except (OSError, ValueError):
        pass
    return None


def _save_cached(array, npy, meta, stamp):
    os.makedirs(os.path.dirname(npy), exist_ok=True)
    # A private temporary name per process, then rename: concurrent loaders never see half a file.
    tmp = f"{npy}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        np.save(f, array)
    os.replace(tmp, npy)
    with open(meta + f".{os.getpid()}.tmp", "w") as f:
        json.dump(stamp, f)
    os.replace(meta + f".{os.getpid()}.tmp", meta)


def cached_clip(path, cache_dir=DEFAULT_CACHE_DIR, short_side=DEFAULT_SHORT_SIDE,
                max_frames=DEFAULT_MAX_FRAMES):
    """decode_clip's array, read from cache_dir (memory-mapped) or decoded into it first. Rebuilt
    when the source file or CACHE_VERSION changes."""
    base = os.path.join(cache_dir, _cache_stem(path, short_side, max_frames))
    npy, meta, stamp = base + ".npy", base + ".json", _source_stamp(path)
    array = _load_cached(npy, meta, stamp)
    if array is None:
        _save_cached(decode_clip(path, short_side, max_frames), npy, meta, stamp)
        array = np.load(npy, mmap_mode="r")
    return array


def cache_bytes(path, cache_dir=DEFAULT_CACHE_DIR, short_side=DEFAULT_SHORT_SIDE,
                max_frames=DEFAULT_MAX_FRAMES):
    npy = os.path.join(cache_dir, _cache_stem(path, short_side, max_frames)) + ".npy"
    return os.path.getsize(npy) if os.path.exists(npy) else 0


def still_paths(stills_dir=DEFAULT_STILLS_DIR):
    """The image model's training split of the photos (its validation photos stay unseen)."""
    return data.split(data.list_images(stills_dir))[0]


def cached_still(path, cache_dir=DEFAULT_CACHE_DIR, side=DEFAULT_STILL_SIDE):
    """A photo as uint8 (H, W, 3), short side at most `side`, cached like the clips."""
    base = os.path.join(cache_dir, f"stills-s{side}", os.path.basename(path))
    npy, meta, stamp = base + ".npy", base + ".json", _source_stamp(path)
    array = _load_cached(npy, meta, stamp)
    if array is None:
        with Image.open(path) as im:
            rgb = np.asarray(im.convert("RGB"), dtype=np.uint8)
        _save_cached(downscale(rgb, side), npy, meta, stamp)
        array = np.load(npy, mmap_mode="r")
    return array


# ---------------------------------------------------------------------------------------------
# Synthetic motion

@dataclasses.dataclass(frozen=True)
class MotionParams:
    """Ranges of the synthetic motion; every quantity is drawn uniformly in its range per sequence.
    Speeds are in output pixels per frame."""
    scale_range: Tuple[float, float] = (0.75, 1.5)   # still pixels per output pixel at frame 0
    min_scale: float = 0.5                           # floor when a small still forces a retry
    max_pan: float = 8.0                             # camera speed, capped after jitter
    pan_jitter: float = 0.5                          # std of the camera's change of velocity per frame
    max_zoom: float = 0.03                           # |log scale change| per frame
    max_rotation: float = 1.0                        # degrees per frame
    static_probability: float = 0.1                  # camera fixed, only the patches move
    patches: Tuple[int, int] = (1, 2)                # how many pasted patches, inclusive
    patch_size: Tuple[float, float] = (1 / 6, 1 / 3)  # side as a fraction of the crop
    max_patch_speed: float = 6.0
    max_patch_rotation: float = 2.0                  # degrees per frame
    max_noise: float = 2.0                           # std of Gaussian noise, levels of 255


class Camera(NamedTuple):
    """Frame t shows still point center[t] + scale[t] * R(angle[t]) @ (p - crop/2) at pixel p."""
    center: np.ndarray   # (T, 2) x, y in still pixels
    scale: np.ndarray    # (T,)
    angle: np.ndarray    # (T,) radians


class Patch(NamedTuple):
    source: int          # index into the patch sources
    box: Tuple[int, int, int, int]   # left, top, width, height in the source
    ellipse: bool
    position: np.ndarray # (T, 2) centre in output pixels
    angle: np.ndarray    # (T,) radians


def draw_camera(rng, frames, crop, still_shape, params):
    """A camera path over a still of still_shape (H, W, ...) that never leaves it. Tries smaller
    scales (not below params.min_scale: enlarging a still further only shows blur) and speeds
    when the still is too small for the first draw."""
    h, w = still_shape[:2]
    static = rng.random() < params.static_probability
    scale0 = rng.uniform(*params.scale_range)
    speed_factor = 1.0
    for _ in range(8):
        velocity = _random_direction(rng) * rng.uniform(0, params.max_pan) * speed_factor
        zoom = 0.0 if static else rng.uniform(-params.max_zoom, params.max_zoom)
        spin = 0.0 if static else math.radians(rng.uniform(-params.max_rotation, params.max_rotation))
        angle0 = math.radians(rng.uniform(-params.max_rotation, params.max_rotation))
        offsets = [np.zeros(2)]
        for _t in range(1, frames):
            if not static:
                velocity = velocity + rng.normal(0, params.pan_jitter, 2) * speed_factor
                speed = np.hypot(*velocity)
                if speed > params.max_pan * speed_factor:
                    velocity = velocity * (params.max_pan * speed_factor / speed)
            offsets.append(offsets[-1] + (0 if static else velocity * scale0))
        t = np.arange(frames)
        scale = scale0 * np.exp(zoom * t)
        angle = angle0 + spin * t
        offsets = np.array(offsets)
        # Still points of the crop's corners relative to the first centre, over all frames.
        half = crop / 2
        corners = np.array([[-half, -half], [half, -half], [-half, half], [half, half]])
        cos, sin = np.cos(angle), np.sin(angle)
        xs = offsets[:, None, 0] + scale[:, None] * (cos[:, None] * corners[:, 0] - sin[:, None] * corners[:, 1])
        ys = offsets[:, None, 1] + scale[:, None] * (sin[:, None] * corners[:, 0] + cos[:, None] * corners[:, 1])
        lo_x, hi_x = -xs.min(), (w - 1) - xs.max()
        lo_y, hi_y = -ys.min(), (h - 1) - ys.max()
        if lo_x <= hi_x and lo_y <= hi_y:
            start = np.array([rng.uniform(lo_x, hi_x), rng.uniform(lo_y, hi_y)])
            return Camera(start + offsets, scale, angle)
        scale0 = max(params.min_scale, scale0 * 0.8)
        speed_factor *= 0.7
    raise ValueError(f"still of {w}x{h} is too small for {frames} frames of {crop}x{crop}")


def draw_patches(rng, frames, crop, source_shapes, params):
    patches = []
    for _ in range(rng.integers(params.patches[0], params.patches[1] + 1)):
        source = int(rng.integers(len(source_shapes)))
        sh, sw = source_shapes[source][:2]
        pw = min(sw, max(4, round(crop * rng.uniform(*params.patch_size))))
        ph = min(sh, max(4, round(crop * rng.uniform(*params.patch_size))))
        box = (int(rng.integers(sw - pw + 1)), int(rng.integers(sh - ph + 1)), pw, ph)
        velocity = _random_direction(rng) * rng.uniform(1.0, params.max_patch_speed)
        start = rng.uniform(0, crop, 2)
        spin = math.radians(rng.uniform(-params.max_patch_rotation, params.max_patch_rotation))
        t = np.arange(frames)
        patches.append(Patch(source, box, bool(rng.random() < 0.5), start + velocity * t[:, None],
                             spin * t))
    return patches


def _random_direction(rng):
    a = rng.uniform(0, 2 * math.pi)
    return np.array([math.cos(a), math.sin(a)])


def _affine(center, scale, angle, origin):
    """PIL AFFINE data mapping an output pixel p to center + scale * R(angle) @ (p - origin)."""
    a, b = scale * math.cos(angle), -scale * math.sin(angle)
    d, e = scale * math.sin(angle), scale * math.cos(angle)
    return (a, b, center[0] - a * origin[0] - b * origin[1],
            d, e, center[1] - d * origin[0] - e * origin[1])


def render_sequence(still, patch_sources, camera, patches, crop, noise, rng):
    """uint8 (T, crop, crop, 3)."""
    frames = len(camera.scale)
    image = Image.fromarray(np.ascontiguousarray(still))
    cut = []
    for p in patches:
        left, top, pw, ph = p.box
        piece = Image.fromarray(np.ascontiguousarray(patch_sources[p.source][top:top + ph, left:left + pw]))
        mask = Image.new("L", (pw, ph), 0)
        draw = ImageDraw.Draw(mask)
        (draw.ellipse if p.ellipse else draw.rectangle)((1, 1, pw - 2, ph - 2), fill=255)
        cut.append((piece, mask.filter(ImageFilter.GaussianBlur(1.0))))   # soft edges, as objects have
    origin = (crop / 2, crop / 2)
    out = np.empty((frames, crop, crop, 3), dtype=np.uint8)
    for t in range(frames):
        frame = image.transform((crop, crop), Image.Transform.AFFINE,
                                _affine(camera.center[t], camera.scale[t], camera.angle[t], origin),
                                resample=Image.Resampling.BILINEAR)
        for p, (piece, mask) in zip(patches, cut):
            # The patch's own pixels (centred) seen from output pixel p: inverse of its placement.
            data = _affine((piece.width / 2, piece.height / 2), 1.0, -p.angle[t], p.position[t])
            moved = piece.transform((crop, crop), Image.Transform.AFFINE, data,
                                    resample=Image.Resampling.BILINEAR)
            alpha = mask.transform((crop, crop), Image.Transform.AFFINE, data,
                                   resample=Image.Resampling.BILINEAR, fillcolor=0)
            frame.paste(moved, (0, 0), alpha)
        pixels = np.asarray(frame, dtype=np.float32)
        if noise > 0:
            pixels = pixels + rng.normal(0, noise, pixels.shape).astype(np.float32)
        out[t] = np.clip(np.floor(pixels + 0.5), 0, 255).astype(np.uint8)
    return out


def synthetic_sequence(still, frames, crop, seed, patch_sources=None, params=MotionParams()):
    """uint8 (frames, crop, crop, 3): a camera moving over `still` with patches of patch_sources
    (default: the still itself) moving on their own, and noise. The same arguments give the same
    pixels."""
    rng = np.random.default_rng(seed)
    sources = [still] if not patch_sources else list(patch_sources)
    camera = draw_camera(rng, frames, crop, still.shape, params)
    patches = draw_patches(rng, frames, crop, [s.shape for s in sources], params)
    noise = rng.uniform(0, params.max_noise)
    return render_sequence(still, sources, camera, patches, crop, noise, rng)


# ---------------------------------------------------------------------------------------------
# The dataset

class SequenceSpec(NamedTuple):
    """What item i of VideoSequences is: drawn from (seed, i) alone, rendered by render()."""
    kind: str             # "clip" or "synthetic"
    source: str           # clip name, or the still's path
    start: int = 0        # clip: first frame
    stride: int = 1       # clip: frame step (1 or 2)
    top: int = 0
    left: int = 0
    flip: bool = False    # clip: mirrored horizontally
    reverse: bool = False # clip: played backwards (motion is as plausible either way)
    seed: int = 0         # synthetic: synthetic_sequence's seed
    patch_sources: Tuple[str, ...] = ()


class VideoSequences(torch.utils.data.Dataset):
    """length items of (frames, 3, crop, crop) float32 in [0, 1]; item i depends only on (seed, i),
    so any DataLoader worker renders the same item. A fraction synthetic_ratio is synthetic, the
    rest random crops of the clips (random start, stride 1..max_stride, mirror, time reversal),
    clips drawn in proportion to their frames. Clips smaller than the crop or shorter than the
    sequence are left out (`skipped` names them)."""

    def __init__(self, clips, stills, frames=2, crop=256, synthetic_ratio=0.5, length=10000, seed=0,
                 max_stride=2, params=MotionParams(), cache_dir=DEFAULT_CACHE_DIR, still_side=DEFAULT_STILL_SIDE):
        """clips: {name: uint8 (F, H, W, 3)}; stills: photo paths (loaded lazily through the cache)."""
        held = [n for n in clips if is_held_out(n)]
        if held:
            raise ValueError(f"held-out clips must not be trained on: {held}")
        if frames < 2:
            raise ValueError("a sequence needs at least 2 frames")
        self.frames, self.crop, self.length, self.seed = frames, crop, length, seed
        self.synthetic_ratio, self.max_stride, self.params = synthetic_ratio, max_stride, params
        self.cache_dir, self.still_side = cache_dir, still_side
        self.clips = {n: a for n, a in clips.items()
                      if a.shape[0] >= frames and a.shape[1] >= crop and a.shape[2] >= crop}
        self.skipped = sorted(set(clips) - set(self.clips))
        self.clip_names = sorted(self.clips)
        weights = np.array([self.clips[n].shape[0] for n in self.clip_names], dtype=np.float64)
        self.clip_weights = weights / weights.sum() if len(weights) else weights
        self.stills = list(stills)
        self._still_arrays = {}
        if not self.clips and not self.stills:
            raise ValueError("no clip fits the crop and no stills: nothing to sample")
        if not self.stills and synthetic_ratio > 0:
            self.synthetic_ratio = 0.0

    @classmethod
    def from_shared(cls, video_dir=DEFAULT_VIDEO_DIR, stills_dir=DEFAULT_STILLS_DIR, cache_dir=DEFAULT_CACHE_DIR,
                    short_side=DEFAULT_SHORT_SIDE, max_frames=DEFAULT_MAX_FRAMES, **kwargs):
        """The training clips of video_dir (decoded into the cache on first use) and the training
        split of the photos in stills_dir (none when it is absent: clips only)."""
        clips = {clip_name(p): cached_clip(p, cache_dir, short_side, max_frames) for p in training_clips(video_dir)}
        stills = still_paths(stills_dir) if stills_dir and os.path.isdir(stills_dir) else []
        return cls(clips, stills, cache_dir=cache_dir, **kwargs)

    def __len__(self):
        return self.length

    def spec(self, index):
        rng = np.random.default_rng((self.seed, index))
        if not self.clips or rng.random() < self.synthetic_ratio:
            picks = rng.integers(len(self.stills), size=1 + self.params.patches[1])
            return SequenceSpec("synthetic", self.stills[picks[0]],
                                seed=int(rng.integers(2 ** 63)),
                                patch_sources=tuple(self.stills[i] for i in picks[1:]))
        name = self.clip_names[rng.choice(len(self.clip_names), p=self.clip_weights)]
        f, h, w = self.clips[name].shape[:3]
        strides = [s for s in range(1, self.max_stride + 1) if (self.frames - 1) * s < f]
        stride = strides[rng.integers(len(strides))]
        start = int(rng.integers(f - (self.frames - 1) * stride))
        return SequenceSpec("clip", name, start, stride, int(rng.integers(h - self.crop + 1)),
                            int(rng.integers(w - self.crop + 1)), bool(rng.random() < 0.5),
                            bool(rng.random() < 0.5))

    def render(self, spec):
        """uint8 (frames, crop, crop, 3) of a spec."""
        if spec.kind == "synthetic":
            still = self._still(spec.source)
            sources = [self._still(p) for p in spec.patch_sources]
            return synthetic_sequence(still, self.frames, self.crop, spec.seed, sources, self.params)
        clip = self.clips[spec.source]
        idx = spec.start + spec.stride * np.arange(self.frames)
        seq = np.asarray(clip[idx, spec.top:spec.top + self.crop, spec.left:spec.left + self.crop])
        if spec.flip:
            seq = seq[:, :, ::-1]
        if spec.reverse:
            seq = seq[::-1]
        return np.ascontiguousarray(seq)

    def __getitem__(self, index):
        if not 0 <= index < self.length:
            raise IndexError(index)
        seq = torch.from_numpy(self.render(self.spec(index)))
        return seq.permute(0, 3, 1, 2).float().div_(255.0).contiguous()

    def _still(self, path):
        if path not in self._still_arrays:
            self._still_arrays[path] = cached_still(path, self.cache_dir, self.still_side)
        return self._still_arrays[path]


# ---------------------------------------------------------------------------------------------
# Command line

def print_stats(video_dir, cache_dir, short_side, max_frames, out=None):
    """One line per clip: frames and size as cached; held-out clips as stored (never decoded, not
    cached: frames are counted from the container's packets)."""
    out = out or sys.stdout
    print(f"{'clip':32} {'split':9} {'frames':>6} {'size':>10} {'cache MiB':>9}", file=out)
    total = 0
    for path in list_clips(video_dir):
        if is_held_out(path):
            if path.lower().endswith(".y4m"):
                header, planes = read_y4m(path)
                w, h, f = header.width, header.height, len(planes)
            else:
                w, h, f = probe(path, count=True) if ffmpeg_available() else (0, 0, 0)
            print(f"{clip_name(path):32} {'held out':9} {f:6d} {f'{w}x{h}':>10} {'-':>9}", file=out)
            continue
        clip = cached_clip(path, cache_dir, short_side, max_frames)
        size = cache_bytes(path, cache_dir, short_side, max_frames)
        total += size
        f, h, w = clip.shape[:3]
        print(f"{clip_name(path):32} {'train':9} {f:6d} {f'{w}x{h}':>10} {size / 2 ** 20:9.1f}", file=out)
    print(f"training cache: {total / 2 ** 20:.1f} MiB under {os.path.join(cache_dir, 'video')} "
          f"(short side <= {short_side}, <= {max_frames} frames; held out: {', '.join(HELD_OUT_CLIPS)})",
          file=out)


def write_preview(dataset, out_path, count, start=0):
    """A strip: one row per sequence (items start..start+count-1), frames left to right."""
    rows = [dataset.render(dataset.spec(i)) for i in range(start, start + count)]
    gap = 4
    t, c = dataset.frames, dataset.crop
    sheet = np.full((count * (c + gap) - gap, t * (c + gap) - gap, 3), 255, dtype=np.uint8)
    for r, seq in enumerate(rows):
        for k in range(t):
            sheet[r * (c + gap):r * (c + gap) + c, k * (c + gap):k * (c + gap) + c] = seq[k]
    Image.fromarray(sheet).save(out_path)
    return [dataset.spec(i) for i in range(start, start + count)]


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m training.video_data", description=__doc__.split("\n")[0])
    ap.add_argument("--stats", action="store_true", help="per clip: frames, size, held out or not, cache size")
    ap.add_argument("--preview", metavar="OUT.png", help="write a strip of a few sequences")
    ap.add_argument("--video-dir", default=DEFAULT_VIDEO_DIR)
    ap.add_argument("--stills-dir", default=DEFAULT_STILLS_DIR)
    ap.add_argument("--cache-dir", default=DEFAULT_CACHE_DIR)
    ap.add_argument("--short-side", type=int, default=DEFAULT_SHORT_SIDE)
    ap.add_argument("--max-frames", type=int, default=DEFAULT_MAX_FRAMES)
    ap.add_argument("--frames", type=int, default=4, help="frames per sequence (preview)")
    ap.add_argument("--crop", type=int, default=192, help="crop size (preview)")
    ap.add_argument("--count", type=int, default=6, help="sequences in the preview")
    ap.add_argument("--synthetic-ratio", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.stats and not args.preview:
        ap.error("nothing to do: --stats and/or --preview OUT.png")
    if not os.path.isdir(args.video_dir):
        raise SystemExit(f"no clips: {args.video_dir} does not exist (../shared/data/video)")
    if args.stats:
        print_stats(args.video_dir, args.cache_dir, args.short_side, args.max_frames)
    if args.preview:
        dataset = VideoSequences.from_shared(args.video_dir, args.stills_dir, args.cache_dir, args.short_side,
                                             args.max_frames, frames=args.frames, crop=args.crop,
                                             synthetic_ratio=args.synthetic_ratio, seed=args.seed)
        for i, spec in enumerate(write_preview(dataset, args.preview, args.count)):
            what = (f"{spec.source} from frame {spec.start}, stride {spec.stride}"
                    f"{', mirrored' if spec.flip else ''}{', reversed' if spec.reverse else ''}"
                    if spec.kind == "clip" else f"still {os.path.basename(spec.source)}, seed {spec.seed}")
            print(f"row {i}: {spec.kind}: {what}")
        print(f"wrote {args.preview}")


if __name__ == "__main__":
    main()
