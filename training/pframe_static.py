"""How much of a perfect prediction the P-frame model uses: the bits of a P frame whose reference is
the frame's own intra decode (a still scene), against intra coding of the same frame.

    source training/env.sh
    /usr/bin/python3 -m training.pframe_static --weights training/runs/lic-pframe-v1/checkpoint.pt --key model

A conditional coder that used its prediction fully would spend almost nothing here; one that
ignores it spends 100% of intra. Centred 256x256 crops of the first Kodak pictures (evaluation
pictures: measured on, never trained on), at qualities 2, 5 and 8.
"""

import argparse
import glob
import os

import numpy as np
import torch
from PIL import Image

from training.model import model_from_weights
from training.pframe_model import load_pframe_weights

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", default=os.path.join(HERE, "checkpoints", "lic-pframe-v1.pt"))
    p.add_argument("--key", default="ema", choices=("ema", "model"))
    p.add_argument("--image-weights", default=os.path.join(HERE, "checkpoints", "lic-image-v1.pt"))
    p.add_argument("--kodak", default=os.path.join(HERE, "..", "..", "shared", "data", "eval", "kodak"))
    p.add_argument("--pictures", type=int, default=4)
    args = p.parse_args()
    torch.set_num_threads(1)
    state = torch.load(args.weights)
    model = load_pframe_weights(state[args.key]).eval()
    intra = model_from_weights(torch.load(args.image_weights)["ema"]).eval()
    files = sorted(glob.glob(os.path.join(args.kodak, "*.png")))[:args.pictures]
    with torch.no_grad():
        for q in (2.0, 5.0, 8.0):
            p_bits = intra_bits = 0.0
            for f in files:
                a = np.asarray(Image.open(f).convert("RGB"))
                top, left = (a.shape[0] - 256) // 2, (a.shape[1] - 256) // 2
                x = torch.from_numpy(a[top:top + 256, left:left + 256].copy()).permute(2, 0, 1)[None].float() / 255
                qq = torch.tensor([q])
                reference = torch.round(intra(x, qq, eval_mode=True)[0].clamp(0, 1) * 255) / 255
                _, by, bz = model(x, reference, qq, eval_mode=True)
                p_bits += float(by + bz)
                _, by, bz = intra(x, qq, eval_mode=True)
                intra_bits += float(by + bz)
            print(f"step {state.get('step')} ({args.key}{', full-res synthesis' if model.full_res else ''}), quality {q:g}: a still frame as P costs "
                  f"{100 * p_bits / intra_bits:.1f}% of intra", flush=True)


if __name__ == "__main__":
    main()
