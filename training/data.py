"""Training data: random crops of the photos in shared/data/train/images, held in memory."""

import os
import random

import numpy as np
import torch
from PIL import Image

DEFAULT_TRAIN_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "train", "images")

# Held out for validation (never trained on): every VALIDATION_STRIDE-th file in sorted order.
VALIDATION_STRIDE = 34


def list_images(directory):
    names = sorted(n for n in os.listdir(directory) if n.lower().endswith((".png", ".jpg", ".jpeg")))
    return [os.path.join(directory, n) for n in names]


# The full-resolution evaluation set (docs/results.md, "Full resolution"): in each of these folders
# of shared/data/train, every N-th picture in sorted order (the N-th, the 2N-th, ...) is held out
# of training for good, whatever stage or crop size reads the folder. Changing a stride changes
# the evaluation set: don't, once a model has trained on the folder.
HELD_OUT_STRIDE = {"images-2k": 3, "screen": 19, "graphics": 6}


def held_out(paths):
    """The pictures of `paths` (as list_images returns them) that no training may see."""
    return [p for p in paths if _is_held_out(p, paths)]


def _is_held_out(path, paths):
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    stride = HELD_OUT_STRIDE.get(folder)
    if stride is None:
        return False
    siblings = sorted(os.path.basename(q) for q in paths
                      if os.path.dirname(os.path.abspath(q)) == os.path.dirname(os.path.abspath(path)))
    return siblings.index(os.path.basename(path)) % stride == stride - 1


def split(paths):
    """(train, validation) of `paths`; the held-out evaluation pictures are in neither."""
    held = set(held_out(paths))
    paths = [p for p in paths if p not in held]
    train = [p for i, p in enumerate(paths) if i % VALIDATION_STRIDE != VALIDATION_STRIDE - 1]
    val = [p for i, p in enumerate(paths) if i % VALIDATION_STRIDE == VALIDATION_STRIDE - 1]
    return train, val


def load_rgb(path):
    """uint8 tensor (3, H, W)."""
    with Image.open(path) as im:
        arr = np.asarray(im.convert("RGB"), dtype=np.uint8)
    return torch.from_numpy(arr.copy()).permute(2, 0, 1).contiguous()


class CropSampler:
    """Random crops with horizontal flips from images preloaded as uint8 tensors."""

    def __init__(self, paths, crop, seed=None):
        self.images = [load_rgb(p) for p in paths]
        self.images = [im for im in self.images if im.shape[1] >= crop and im.shape[2] >= crop]
        self.crop = crop
        self.rng = random.Random(seed)

    def batch(self, n):
        out = torch.empty(n, 3, self.crop, self.crop, dtype=torch.uint8)
        for i in range(n):
            im = self.images[self.rng.randrange(len(self.images))]
            top = self.rng.randrange(im.shape[1] - self.crop + 1)
            left = self.rng.randrange(im.shape[2] - self.crop + 1)
            c = im[:, top:top + self.crop, left:left + self.crop]
            if self.rng.random() < 0.5:
                c = torch.flip(c, dims=(2,))
            out[i] = c
        return out.float().div_(255.0)
