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


def split(paths):
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
