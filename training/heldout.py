"""The full-resolution evaluation set: links to the pictures data.HELD_OUT_STRIDE holds out of
training, one folder per set, for `lic4j eval` (docs/results.md, "Full resolution").

    /usr/bin/python3 -m training.heldout --out target/heldout
    ./lic4j eval target/heldout/images-2k --quick --out target/eval-2k
"""

import argparse
import os

from training import data

TRAIN_ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "train")


def held_out_sets(root=TRAIN_ROOT):
    """{set name: held-out picture paths} for every folder of data.HELD_OUT_STRIDE under root."""
    out = {}
    for name in sorted(data.HELD_OUT_STRIDE):
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            out[name] = data.held_out(data.list_images(folder))
    return out


def link(out_dir, root=TRAIN_ROOT):
    """Makes out_dir/<set>/ with a symbolic link per held-out picture; returns {set: count}."""
    counts = {}
    for name, paths in held_out_sets(root).items():
        target = os.path.join(out_dir, name)
        os.makedirs(target, exist_ok=True)
        for old in os.listdir(target):
            if os.path.islink(os.path.join(target, old)):
                os.remove(os.path.join(target, old))
        for p in paths:
            os.symlink(os.path.abspath(p), os.path.join(target, os.path.basename(p)))
        counts[name] = len(paths)
    return counts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True, help="folder to fill with one folder of links per set")
    p.add_argument("--root", default=TRAIN_ROOT)
    args = p.parse_args()
    for name, n in link(args.out, args.root).items():
        print(f"{name}: {n} pictures")


if __name__ == "__main__":
    main()
