"""Runs one training stage of a model from its config (training/configs/MODEL/stage-NN-*.json).

    source training/env.sh
    /usr/bin/python3 -m training.stage training/configs/lic-image-v1/stage-19-crop-256.json --dry-run
    nice /usr/bin/python3 -m training.stage training/configs/lic-image-v1/stage-19-crop-256.json

A config holds what was actually run for steps from_step..to_step (reconstructed from the training
log, docs/training-log.md): the learning rate and its drops, the quality bias, crop, batch,
processes. The stage calls training.train's main with those arguments and --steps to_step, so it
stops at the stage's last step; it resumes where training.train resumes (the run's checkpoint in
training/runs/MODEL/, else the weights file training/checkpoints/MODEL.pt) and refuses to start
unless that checkpoint's step lies in the stage (an interrupted stage simply runs again).
--dry-run prints the training command and checks nothing that needs torch.

A config's "trainer" picks the training loop: "image" (training.train, the default) or "pframe"
(training.train_pframe, the P-frame model). A P-frame stage always resumes when it can: its
"fresh" start is the image model's weights (`image_weights`), taken only while the run has no
checkpoint of its own, so an interrupted first stage also simply runs again.

"gpu-burst" and "pframe-gpu-burst" mark steps trained on a GPU machine by training.gpu.burst and
training.gpu.pframe_burst (training/gpu/README.md), which write the config themselves: they cannot
run here, and --dry-run prints the command that ran.
"""

import argparse
import importlib
import json
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STARTS = ("fresh", "checkpoint", "weights")
TRAINERS = {"image": "training.train", "pframe": "training.train_pframe", "gpu-burst": "training.gpu.burst",
            "pframe-gpu-burst": "training.gpu.pframe_burst"}
# Steps trained on a GPU machine: their configs record what ran, they do not run here.
GPU_TRAINERS = ("gpu-burst", "pframe-gpu-burst")


def load(path):
    with open(path) as f:
        config = json.load(f)
    if config["start"] not in STARTS:
        raise SystemExit(f"{path}: start must be one of {STARTS}, not {config['start']!r}")
    if config.get("trainer", "image") not in TRAINERS:
        raise SystemExit(f"{path}: trainer must be one of {tuple(TRAINERS)}, not {config['trainer']!r}")
    if not config["from_step"] < config["to_step"]:
        raise SystemExit(f"{path}: from_step {config['from_step']} is not below to_step {config['to_step']}")
    return config


def trainer(config):
    return config.get("trainer", "image")


def train_args(config):
    """The arguments of a stage's training loop."""
    t = config["train"]
    args = ["--run", config["model"], "--steps", str(config["to_step"])]
    if config["start"] != "fresh" or trainer(config) == "pframe":
        args.append("--resume")
    args += ["--batch", str(t["batch"]), "--crop", str(t["crop"]), "--lr", repr(t["lr"]),
             "--warmup", str(t["warmup"]), "--procs", str(t["procs"]), "--threads", str(t["threads"]),
             "--quality-bias", repr(t["quality_bias"])]
    if t["lr_drops"]:
        args += ["--lr-drops", ",".join(f"{step}:{lr!r}" for step, lr in t["lr_drops"])]
    if t["grow"]:
        args.append("--grow")
    if trainer(config) == "pframe":
        args += ["--lr-intra", repr(t["lr_intra"]), "--block", str(t["block"]),
                 "--image-weights", t["image_weights"],
                 "--val-every", str(t["val_every"])]
        # Cascades (stage 2 on); a config without them codes pairs.
        if "frames" in t:
            args += ["--frames", str(t["frames"]), "--drift-noise", repr(t["drift_noise"])]
        # The synthesis's full-resolution path (stage 3 on).
        if t.get("full_res_synthesis", False):
            args.append("--full-res-synthesis")
    return args


def resume_paths(model):
    """Where training.train resumes from, in its order of preference."""
    return (os.path.join(HERE, "runs", model, "checkpoint.pt"), os.path.join(HERE, "checkpoints", model + ".pt"))


def check_start(config):
    """Refuses a start that is not this stage's: the saved step must lie in [from, to)."""
    first = config.get("replay_from_step", config["from_step"])
    path = next((p for p in resume_paths(config["model"]) if os.path.exists(p)), None)
    if config["start"] == "fresh":
        if first != 0:
            raise SystemExit("a fresh stage must start at step 0")
        if trainer(config) == "image" or path is None:
            return
    import torch

    if path is None:
        raise SystemExit(f"nothing to resume from: none of {resume_paths(config['model'])} exists")
    step = int(torch.load(path).get("step", 0))
    if not first <= step < config["to_step"]:
        raise SystemExit(f"{path} is at step {step}: stage {config['stage']} runs steps {first} to {config['to_step']}")
    if config["start"] == "weights" and path.endswith("checkpoint.pt") and step == first:
        print(f"note: the stage began from the weights file with a fresh optimiser; {path} keeps the "
              "optimiser instead (move it away to start as the stage did)", flush=True)
    print(f"stage {config['stage']} ({config['name']}): resuming {path} at step {step}", flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(description="Runs one training stage from its config.")
    p.add_argument("config", help="training/configs/MODEL/stage-NN-NAME.json")
    p.add_argument("--dry-run", action="store_true", help="print the training command, run nothing")
    a = p.parse_args(argv)
    config = load(a.config)
    if trainer(config) in GPU_TRAINERS:
        if not a.dry_run:
            raise SystemExit(f"stage {config['stage']} ran on a GPU machine (training/gpu/README.md); "
                             "it does not run here")
        print(f"# stage {config['stage']} ran on a GPU machine ({config.get('device', '?')}):")
        print(config["command"])
        return
    args = train_args(config)
    module = TRAINERS[trainer(config)]
    command = f"/usr/bin/python3 -m {module} " + " ".join(shlex.quote(x) for x in args)
    if a.dry_run:
        if not config.get("replayable", True):
            print(f"# stage {config['stage']} cannot run with today's code: {config['notes']}")
        print(command)
        return
    if not config.get("replayable", True):
        raise SystemExit(f"stage {config['stage']} cannot run with today's code: {config['notes']}")
    if "differs_today" in config:
        print(f"note: this stage {config['differs_today']}", flush=True)
    check_start(config)
    print(command, flush=True)
    importlib.import_module(module).main(args)


if __name__ == "__main__":
    main(sys.argv[1:])
