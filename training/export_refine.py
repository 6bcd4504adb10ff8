"""Adds the encoder's latent refinement graph (`refine.onnx`, training/refine.py) to a model bundle.

    /usr/bin/python3 -m training.export_refine --weights training/checkpoints/lic-image-v1.pt \
        --bundle models/lic-image-v1

The graph only helps an encoder choose its latent: decoding never runs it, so it is not part of
the bundle's content hash (streams made with and without refinement name the same model). The
manifest lists it under "encoderTools" with its SHA-256. `training.export` calls this too.
The weights must be those the bundle was exported from; the check compares the synthesis graph
that they give with the bundle's.
"""

import argparse
import json
import os
import tempfile

import torch

from training import graphs
from training.model import rounded_model
from training.refine import RefineStep


def write_refine_graph(model, out_dir):
    m = model.m
    h, w = 4, 6
    args = (torch.zeros(1, m, h, w), torch.zeros(1, 3, 16 * h, 16 * w), torch.zeros(1, m, h, w),
            torch.ones(1, m, h, w), torch.ones(1, m, 1, 1), torch.ones(1, 1, h, w),
            torch.zeros(1, m, h, w), torch.tensor([0.5]), torch.tensor([0.01]))
    names = ["y", "x", "hyper_mean", "scale", "inv_gain", "anchor_mask", "noise", "tau", "lambda"]
    latent = {2: "h", 3: "w"}
    pixels = {2: "H", 3: "W"}
    dynamic = {"y": latent, "x": pixels, "hyper_mean": latent, "scale": latent, "anchor_mask": latent,
               "noise": latent, "grad": latent}
    path = os.path.join(out_dir, "refine.onnx")
    graphs.export_onnx(RefineStep(model), args, path, names, ["grad", "loss"], dynamic)
    return path


def add_to_bundle(model, bundle):
    path = write_refine_graph(model, bundle)
    manifest_path = os.path.join(bundle, "manifest.json")
    with open(manifest_path) as f:
        manifest = json.load(f)
    manifest["encoderTools"] = {"refine": {"file": "refine.onnx", "sha256": graphs.sha256_file(path)}}
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return path


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--ema", action="store_true", help="use the moving average of the weights (key 'ema')")
    p.add_argument("--bundle", required=True)
    args = p.parse_args()
    torch.set_num_threads(2)
    model = rounded_model(torch.load(args.weights), args.ema)
    with tempfile.TemporaryDirectory() as tmp:
        check = os.path.join(tmp, "synthesis.onnx")
        graphs.export_onnx(graphs.SynthesisGraph(model), (torch.zeros(1, model.m, 8, 8), torch.ones(1, model.m, 1, 1)),
                           check, ["y_hat", "inv_gain"], ["x_hat"], {n: {2: "h", 3: "w"} for n in ("y_hat", "x_hat")})
        if graphs.sha256_file(check) != graphs.sha256_file(os.path.join(args.bundle, "synthesis.onnx")):
            raise SystemExit(f"{args.weights} is not the model of {args.bundle}: its synthesis graph differs")
    path = add_to_bundle(model, args.bundle)
    print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
