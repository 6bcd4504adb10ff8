"""Rewrites a weights file kept in git (training/checkpoints/RUN.pt) in the form train.py now
writes: the moving average alone, stored once under 'model' and 'ema' (see train.save_git_copy).
Files written before December 2026 held the raw weights beside their average, twice the size.

    /usr/bin/python3 -m training.slim_checkpoint training/checkpoints/lic-image-v1.pt
"""

import sys

import torch

from training.train import save_git_copy


def main():
    for path in sys.argv[1:]:
        state = torch.load(path)
        if "ema" not in state:
            raise SystemExit(f"{path}: no moving average ('ema') to keep")
        extra = {"act_scales": state["act_scales"]} if "act_scales" in state else {}
        save_git_copy(path, state["ema"], state["step"], state.get("train_seconds", 0.0), extra)
        print(f"{path}: moving average of step {state['step']} kept as the weights")


if __name__ == "__main__":
    main()
