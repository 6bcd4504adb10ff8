"""The stage configs of lic-image-v1 against the training log: they chain from step 0 to the last
logged step, and every logged learning rate is the one its stage's config gives."""

import csv
import glob
import os

from training import stage
from training.tests.conftest import ROOT

CONFIGS = sorted(glob.glob(os.path.join(ROOT, "training", "configs", "lic-image-v1", "stage-*.json")))
LOG = os.path.join(ROOT, "training", "logs", "lic-image-v1.csv")


def configs():
    return sorted((stage.load(p) for p in CONFIGS), key=lambda c: c["stage"])


def lr_of(config, step):
    """The learning rate training.train uses at step (0-based index of the step being taken)."""
    t = config["train"]
    lr = t["lr"]
    for at, value in sorted(t["lr_drops"]):
        if step >= at:
            lr = value
    # A fresh optimiser (fresh start, weights file, --grow) warms up from the stage's first step.
    fresh_optimiser = config["start"] in ("fresh", "weights") or t["grow"]
    warm_start = config["from_step"] if fresh_optimiser else 0
    return lr * min(1.0, (step - warm_start + 1) / t["warmup"])


def test_stages_chain_from_zero_to_the_last_logged_step():
    cs = configs()
    assert [c["stage"] for c in cs] == list(range(1, len(cs) + 1))
    assert cs[0]["from_step"] == 0 and cs[0]["start"] == "fresh"
    for a, b in zip(cs, cs[1:]):
        assert a["to_step"] == b["from_step"], (a["stage"], b["stage"])
    with open(LOG) as f:
        last = int(list(csv.DictReader(f))[-1]["step"])
    # The log ends inside the last stage: at its end, or short of it while it still runs.
    assert cs[-1]["from_step"] - 25 < last <= cs[-1]["to_step"]  # a line every 25 steps


def test_every_logged_learning_rate_is_its_stage_config():
    cs = configs()
    with open(LOG) as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        taken = int(row["step"]) - 1  # a line logs the rate of the step just taken
        config = next(c for c in cs if c["from_step"] <= taken < c["to_step"])
        assert f"{lr_of(config, taken):.2e}" == row["lr"], (row["step"], config["stage"])


def test_dry_run_prints_the_train_command(capsys):
    path = next(p for p in CONFIGS if "stage-10-" in p)
    stage.main([path, "--dry-run"])
    out = capsys.readouterr().out.strip()
    assert out == ("/usr/bin/python3 -m training.train --run lic-image-v1 --steps 29229 --resume --batch 8 "
                   "--crop 192 --lr 0.00015 --warmup 300 --procs 2 --threads 1 --quality-bias 3.0 "
                   "--lr-drops 27900:5e-05,28700:1.5e-05")


PFRAME_CONFIGS = sorted(glob.glob(os.path.join(ROOT, "training", "configs", "lic-pframe-v1", "stage-*.json")))


def test_pframe_stages_chain_from_zero_and_run_the_pframe_trainer(capsys):
    cs = sorted((stage.load(p) for p in PFRAME_CONFIGS), key=lambda c: c["stage"])
    assert cs and [c["stage"] for c in cs] == list(range(1, len(cs) + 1))
    # GPU bursts (training/gpu/pframe_burst.py) take their place in the chain like any stage.
    assert cs[0]["from_step"] == 0 and all(c["trainer"] in ("pframe", "pframe-gpu-burst") for c in cs)
    for a, b in zip(cs, cs[1:]):
        assert a["to_step"] == b["from_step"], (a["stage"], b["stage"])
    stage.main([PFRAME_CONFIGS[0], "--dry-run"])
    out = capsys.readouterr().out.strip()
    # A P-frame stage always resumes when it can (its fresh start is the image model's weights).
    assert out.startswith("/usr/bin/python3 -m training.train_pframe --run lic-pframe-v1 --steps ")
    assert " --resume " in out and " --image-weights training/checkpoints/lic-image-v1.pt " in out
    # Pairs code 2 frames (the default); cascades name their length and drift noise.
    assert " --frames " not in out
    for c, path in zip(cs, PFRAME_CONFIGS):
        stage.main([path, "--dry-run"])
        out = capsys.readouterr().out.strip()
        if c["trainer"] == "pframe-gpu-burst":
            assert out.endswith(c["command"])  # what ran on the GPU machine
            continue
        if "frames" in c["train"]:
            assert f" --frames {c['train']['frames']} --drift-noise {c['train']['drift_noise']!r}" in out
        # The full-resolution synthesis path from stage 3 on, and not before.
        assert out.endswith(" --full-res-synthesis") == c["train"].get("full_res_synthesis", False)
    assert [c["train"].get("full_res_synthesis", False) for c in cs[:3]] == [False, False, True]
