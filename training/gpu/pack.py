"""The data pack of a GPU burst: lossless tiles of the image model's training photos, one file.

    /usr/bin/python3 -m training.gpu.pack --out training/gpu/pack/pack.pt            # 26 MiB, tiles of 384

A GPU machine has no ../shared, and what travels with a job is capped (64 MiB in all, the code and
the 15 MiB checkpoint included), so the burst trains on a deterministic subset of the training
photos cut into tiles of TILE x TILE pixels, each stored as lossless WebP (8.3 bpp here, PNG 10.5):
the pixels the CPU trainer crops from, not re-encoded copies with compression artefacts that the
model would learn to reproduce at its top levels. The burst draws random crops (and flips) inside
the tiles.

Which tiles: only the training split of each folder (`data.split`: the held-out evaluation pictures
and the every-34th validation photos are never read). Every image's tiles form a centred grid; the
tiles are taken in rounds, every image's first (in an order drawn from --seed) before any image's
second, so that every photo is in the pack before any photo has two tiles, until the next tile
would pass --budget-mib. The tile list depends on the seed, the tile size, the budget and the
encoder's sizes (libwebp: byte-identical with Debian 12's Pillow); the pixels of a tile never
depend on the encoder.

The file (torch.save, loadable with weights_only): version, codec, tile, seed, budget_mib, sources
(FOLDER/NAME per tile), boxes (N x 2 int32: top, left in the source), offsets (N+1 int64) and data
(uint8, the WebP files one after another).
"""

import argparse
import hashlib
import io
import os
import random
import sys

import numpy as np
import torch

from training import data

VERSION = 1
CODEC = "webp-lossless"
DEFAULT_FOLDERS = ("images", "images-2k")
DEFAULT_TRAIN_ROOT = os.path.dirname(data.DEFAULT_TRAIN_DIR)
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pack", "pack.pt")


def training_photos(root, folders):
    """[(folder, path)] of the training split of each folder, in sorted order."""
    out = []
    for folder in folders:
        directory = os.path.join(root, folder)
        if not os.path.isdir(directory):
            raise SystemExit(f"no folder {directory}")
        train, _validation = data.split(data.list_images(directory))
        out += [(folder, p) for p in train]
    return out


def grid(height, width, tile):
    """(top, left) of the centred grid of whole tiles in a height x width picture."""
    rows, cols = height // tile, width // tile
    top0, left0 = (height - rows * tile) // 2, (width - cols * tile) // 2
    return [(top0 + i * tile, left0 + j * tile) for i in range(rows) for j in range(cols)]


def tile_order(sizes, tile, seed):
    """[(image index, top, left)]: round r holds the r-th tile (in its own shuffled order) of every
    image with more than r tiles, the images of each round in a shuffled order."""
    rng = random.Random(seed)
    per_image = []
    for index, (h, w) in enumerate(sizes):
        boxes = grid(h, w, tile)
        rng.shuffle(boxes)
        per_image.append([(index, t, l) for t, l in boxes])
    order = []
    for r in range(max((len(b) for b in per_image), default=0)):
        this_round = [b[r] for b in per_image if len(b) > r]
        rng.shuffle(this_round)
        order += this_round
    return order


def encode(tile_rgb):
    """Lossless WebP bytes of an (H, W, 3) uint8 array."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(tile_rgb).save(buf, "WEBP", lossless=True, quality=100, method=4)
    return buf.getvalue()


def decode(blob):
    """(H, W, 3) uint8 array of an encoded tile: Pillow, else OpenCV (the GPU image has both)."""
    try:
        from PIL import Image, features

        if features.check("webp"):
            with Image.open(io.BytesIO(blob)) as im:
                return np.asarray(im.convert("RGB"), dtype=np.uint8)
    except ImportError:
        pass
    import cv2

    bgr = cv2.imdecode(np.frombuffer(blob, dtype=np.uint8), cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit("cannot decode the pack's WebP tiles: neither Pillow with WebP nor OpenCV works here")
    return bgr[:, :, ::-1].copy()


def require_webp():
    from PIL import features

    if not features.check("webp"):
        raise SystemExit("this Pillow has no WebP: the pack cannot be built here")


def concatenated(blobs):
    """The pack's offsets (N+1 int64) and data (uint8) of encoded files, one after another."""
    offsets = np.cumsum([0] + [len(b) for b in blobs], dtype=np.int64)
    return {"offsets": torch.from_numpy(offsets),
            "data": torch.from_numpy(np.frombuffer(b"".join(blobs), dtype=np.uint8).copy())}


def blobs(pack):
    """The pack's encoded files, in order (concatenated's inverse)."""
    raw = pack["data"].numpy().tobytes()
    offsets = pack["offsets"].tolist()
    return [raw[a:b] for a, b in zip(offsets, offsets[1:])]


def build(root, folders, tile, budget_mib, seed, log=print):
    """The pack as a dict (see the module's docstring)."""
    require_webp()
    photos = training_photos(root, folders)
    images = [data.load_rgb(p) for _, p in photos]
    sizes = [(im.shape[1], im.shape[2]) for im in images]
    order = tile_order(sizes, tile, seed)
    budget = int(budget_mib * 1024 * 1024)
    encoded, sources, boxes, used = [], [], [], 0
    for index, top, left in order:
        pixels = images[index][:, top:top + tile, left:left + tile].permute(1, 2, 0).contiguous().numpy()
        blob = encode(pixels)
        if used + len(blob) > budget:
            break
        if not np.array_equal(decode(blob), pixels):
            raise SystemExit(f"lossless WebP did not round-trip a tile of {photos[index][1]}")
        folder, path = photos[index]
        encoded.append(blob)
        sources.append(f"{folder}/{os.path.basename(path)}")
        boxes.append((top, left))
        used += len(blob)
    if not encoded:
        raise SystemExit(f"no tile of {tile}x{tile} fits in {budget_mib} MiB (or no picture is that large)")
    covered = len(set(sources))
    log(f"{len(encoded)} tiles of {tile}x{tile} from {covered} of {len(photos)} training photos "
        f"({', '.join(f'{f}: {sum(s.startswith(f + chr(47)) for s in sources)}' for f in folders)}), "
        f"{used / 2 ** 20:.2f} MiB, {used * 8 / (len(encoded) * tile * tile):.2f} bpp; "
        f"{len(order)} tiles in all")
    return {"version": VERSION, "codec": CODEC, "tile": tile, "seed": seed, "budget_mib": budget_mib,
            "sources": sources, "boxes": torch.tensor(boxes, dtype=torch.int32), **concatenated(encoded)}


def load(path):
    """The pack's dict; refuses a file of another version."""
    # Plain values and tensors only, so that torch >= 2.6 loads it with its default weights_only=True
    # (torch 1.13's weights_only loader cannot read floats: it is not asked for).
    pack = torch.load(path, map_location="cpu")
    if pack.get("version") != VERSION or pack.get("codec") != CODEC:
        raise SystemExit(f"{path}: not a version-{VERSION} {CODEC} pack")
    return pack


def tiles(pack):
    """All tiles decoded: uint8 tensor (N, TILE, TILE, 3)."""
    return torch.from_numpy(np.stack([decode(blob) for blob in blobs(pack)]))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save(pack, path):
    """Writes a pack (atomically) and prints its size and sha256."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    torch.save(pack, tmp)
    os.replace(tmp, path)
    print(f"wrote {path}: {os.path.getsize(path) / 2 ** 20:.2f} MiB, sha256 {sha256(path)}")


def main(argv=None):
    p = argparse.ArgumentParser(description="Builds the data pack of a GPU burst (training/gpu/README.md).")
    p.add_argument("--out", default=DEFAULT_OUT)
    p.add_argument("--root", default=DEFAULT_TRAIN_ROOT, help="the folder that holds the photo folders")
    p.add_argument("--folders", default=",".join(DEFAULT_FOLDERS))
    p.add_argument("--tile", type=int, default=384, help="tile side; the burst's crop must not exceed it")
    p.add_argument("--budget-mib", type=float, default=26.0,
                   help="cap on the tiles' bytes: 26 fits the 64 MiB a job carries even with a running "
                        "P-frame trainer's modified checkpoint left in the tree (training/gpu/README.md)")
    p.add_argument("--seed", type=int, default=0, help="another seed picks other tiles (a later burst)")
    args = p.parse_args(argv)
    if not os.path.isdir(args.root):
        raise SystemExit(f"no training data at {args.root}")
    save(build(args.root, [f for f in args.folders.split(",") if f], args.tile, args.budget_mib, args.seed), args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
