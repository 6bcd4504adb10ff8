"""Exports a P-frame model checkpoint (training/pframe_model.py) as a model bundle of kind "pframe"
(layout: docs/models.md, "lic-pframe-v1").

    /usr/bin/python3 -m training.export_pframe --weights training/checkpoints/lic-pframe-v1.pt \
        --out models/lic-pframe-v1

Writes manifest.json (the image manifest's fields plus "kind" and "prediction"), the graphs
pred_features.onnx, p_encoder.onnx, hyper_analysis.onnx, p_hyper_mean.onnx, context_mean.onnx,
p_synthesis.onnx (fp16 storage as training.export; a model with the full-resolution synthesis path
gives it the input pred as well, and the manifest's "prediction" says "synthesisPred": true), entropy.lict (the latent coder's integer scale
network, CDF tables and gains, as the image bundle's) and golden.lict (a synthetic frame pair, its
motion, prediction and per-quality vectors the Java side must reproduce). No refinement graph.
The weights are the checkpoint's moving average ("ema"), or with --weights-key model a run checkpoint's current weights.
The architecture is the weights' (the full-resolution path where the state dict has it);
--full-res-synthesis adds the path to weights without it (at zero: the same pictures, the other graph).
"""

import argparse
import os

import numpy as np
import torch
import torch.nn as nn

from training import data, motion, quantize, tensorfile, video_data
from training.export import (bundle_megabytes, dynamic, golden_qualities, integer_layers, latent_golden,
                             quality_golden, synthetic_image, write_entropy, write_manifest)
from training.graphs import export_onnx
from training.model import LAMBDAS
from training.pframe_model import PRED_CHANNELS, load_pframe_weights

# The resolutions of the prediction's features f2, f4, f16 (PredFeatures).
PRED_DOWNSAMPLING = (2, 4, 16)
GRAPHS = ("pred_features.onnx", "p_encoder.onnx", "hyper_analysis.onnx", "p_hyper_mean.onnx",
          "context_mean.onnx", "p_synthesis.onnx")
# The golden pair: the current frame is the reference moved by this many pixels (right, down).
GOLDEN_SHIFT = (3, 2)


class PEncoderGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, pred, f4, gain):
        return self.model.analysis(x, pred, f4) * gain


class PHyperMeanGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, z_hat, f16):
        return self.model.mean_inject(self.model.image.h_mean(z_hat), f16)


class PSynthesisGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, y_hat, inv_gain, f4, f2):
        return self.model.synthesis(y_hat * inv_gain, f4, f2)


class PSynthesisWithPredGraph(PSynthesisGraph):
    """The synthesis of a model with the full-resolution path: pred (the prediction over the same
    window as f4 and f2, in [0, 1]) is one more input."""

    def forward(self, y_hat, inv_gain, f4, f2, pred):
        return self.model.synthesis(y_hat * inv_gain, f4, f2, pred)


def rounded_pframe_model(state, key="ema", full_res=None):
    """The checkpoint's moving average ("ema"; or its current weights, "model", from a run's
    checkpoint) in eval mode, weights rounded to float16 as the graphs store them (golden vectors
    and checks then use exactly ONNX Runtime's weights). full_res: as load_pframe_weights (None:
    the architecture of the weights)."""
    model = load_pframe_weights(state[key], full_res=full_res)
    model.eval()
    with torch.no_grad():
        for p_ in model.parameters():
            p_.copy_(p_.half().float())
    return model


def export_graphs(model, out):
    """The six graphs into out; returns their paths by file name."""
    m, cz = model.m, model.image.cz
    c2, c4, c16 = PRED_CHANNELS
    paths = {f: os.path.join(out, f) for f in GRAPHS}
    export_onnx(model.pred_features, (torch.rand(1, 3, 128, 128),), paths["pred_features.onnx"],
                ["pred"], ["f2", "f4", "f16"], dynamic("pred", "f2", "f4", "f16"))
    export_onnx(PEncoderGraph(model), (torch.rand(1, 3, 128, 128), torch.rand(1, 3, 128, 128),
                                       torch.rand(1, c4, 32, 32), torch.ones(1, m, 1, 1)),
                paths["p_encoder.onnx"], ["x", "pred", "f4", "gain"], ["y"], dynamic("x", "pred", "f4", "y"))
    export_onnx(model.image.h_a, (torch.zeros(1, m, 8, 8),), paths["hyper_analysis.onnx"], ["y"], ["z"],
                dynamic("y", "z"))
    export_onnx(PHyperMeanGraph(model), (torch.zeros(1, cz, 2, 2), torch.rand(1, c16, 8, 8)),
                paths["p_hyper_mean.onnx"], ["z_hat", "f16"], ["hyper_mean"], dynamic("z_hat", "f16", "hyper_mean"))
    export_onnx(model.image.ctx_mean, (torch.zeros(1, m, 8, 8), torch.zeros(1, m, 8, 8)),
                paths["context_mean.onnx"], ["hyper_mean", "y_anchor"], ["mean"],
                dynamic("hyper_mean", "y_anchor", "mean"))
    synthesis_inputs = (torch.zeros(1, m, 8, 8), torch.ones(1, m, 1, 1), torch.rand(1, c4, 32, 32),
                        torch.rand(1, c2, 64, 64))
    if model.full_res:
        export_onnx(PSynthesisWithPredGraph(model), synthesis_inputs + (torch.rand(1, 3, 128, 128),),
                    paths["p_synthesis.onnx"], ["y_hat", "inv_gain", "f4", "f2", "pred"], ["x_hat"],
                    dynamic("y_hat", "f4", "f2", "pred", "x_hat"))
    else:
        export_onnx(PSynthesisGraph(model), synthesis_inputs, paths["p_synthesis.onnx"],
                    ["y_hat", "inv_gain", "f4", "f2"], ["x_hat"], dynamic("y_hat", "f4", "f2", "x_hat"))
    return paths


def manifest_prediction(model):
    """The manifest's "prediction": the features' channels and downsampling, and whether
    p_synthesis.onnx takes pred (the full-resolution path)."""
    return {"featureChannels": list(PRED_CHANNELS), "downsampling": list(PRED_DOWNSAMPLING),
            "synthesisPred": bool(model.full_res)}


def golden_pair():
    """(reference, current) uint8 (3, H, W): the image golden picture, and it moved by
    GOLDEN_SHIFT (edges repeated) plus noise."""
    reference = synthetic_image()
    dx, dy = GOLDEN_SHIFT
    moved = np.pad(reference, ((0, 0), (dy, 0), (dx, 0)), mode="edge")[:, :reference.shape[1], :reference.shape[2]]
    noise = np.random.default_rng(11).normal(0, 2.0, size=reference.shape)
    return reference, np.clip(np.round(moved + noise), 0, 255).astype(np.uint8)


@torch.no_grad()
def golden_vectors(model, int_layers, block):
    reference, current = golden_pair()
    ref, cur = torch.from_numpy(reference).unsqueeze(0), torch.from_numpy(current).unsqueeze(0)
    vectors = motion.estimate(ref, cur, block=block)
    pred8 = motion.warp(ref, vectors, block)
    x, pred = cur.float().div(255), pred8.float().div(255)
    f2, f4, f16 = model.pred_features(pred)
    out = {"golden.reference": reference, "golden.current": current,
           "golden.vectors": vectors[0].numpy().astype(np.int32), "golden.pred": pred8[0].numpy(),
           "golden.block": np.array([block], dtype=np.int32)}
    for qi, q in enumerate(golden_qualities()):
        gain, inv_gain = model.image.gains(torch.tensor([q]))
        latent, y_hat = latent_golden(model.image, int_layers, model.analysis(x, pred, f4) * gain,
                                      lambda h: model.mean_inject(h, f16))
        x_hat = model.synthesis(y_hat * inv_gain, f4, f2, pred)
        out.update(quality_golden(f"golden.q{qi}.", q, gain, inv_gain, latent, x_hat))
    return out


@torch.no_grad()
def calibration_z(model, stills_dir, cache_dir, block, crop=256, batch=4):
    """z^ of P frames over all quality levels (every level twice, as training.train.calibration_z):
    synthetic two-frame sequences from the training photos, the prediction warped from the
    uncoded first frame (the training job codes it first; for activation ranges this is close
    enough, and needs no image model)."""
    sequences = video_data.VideoSequences({}, video_data.still_paths(stills_dir), frames=2, crop=crop,
                                          synthetic_ratio=1.0, seed=1, cache_dir=cache_dir)
    out = []
    for i in range(2 * len(LAMBDAS)):
        seq = torch.stack([sequences[i * batch + k] for k in range(batch)])
        ref, cur = motion.to_8bit(seq[:, 0]), seq[:, 1]
        pred = motion.warp(ref, motion.estimate(ref, motion.to_8bit(cur), block=block), block).float().div(255)
        _, f4, _ = model.pred_features(pred)
        gain, _ = model.image.gains(torch.full((batch,), float(i % len(LAMBDAS))))
        out.append(torch.round(model.image.h_a(model.analysis(cur, pred, f4) * gain)))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--name", default="lic-pframe-v1")
    p.add_argument("--weights-key", default="ema", choices=("ema", "model"),
                   help="the moving average (default) or, from a run's checkpoint (training/runs/RUN/checkpoint.pt), "
                        "the current weights: early in a run the average still carries the first steps' weights")
    p.add_argument("--full-res-synthesis", action="store_true",
                   help="export weights without the full-resolution synthesis path with it (at zero: the "
                        "bundle decodes as the other variant does, through the graph that takes pred)")
    p.add_argument("--stills-dir", default=data.DEFAULT_TRAIN_DIR)
    p.add_argument("--cache-dir", default=video_data.DEFAULT_CACHE_DIR)
    args = p.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)

    state = torch.load(args.weights)
    model = rounded_pframe_model(state, args.weights_key, full_res=True if args.full_res_synthesis else None)
    block = int(state.get("block", 16))
    int_layers = integer_layers(state, model.image.scale_net,
                                lambda: calibration_z(model, args.stills_dir, args.cache_dir, block))
    export_graphs(model, args.out)
    write_entropy(model.image, int_layers, os.path.join(args.out, "entropy.lict"))
    model.image.set_scale_override(quantize.integer_scale_fn(int_layers))
    tensorfile.write(os.path.join(args.out, "golden.lict"), golden_vectors(model, int_layers, block))
    extra = {"kind": "pframe", "prediction": manifest_prediction(model)}
    content = write_manifest(args.out, args.name, state, model.image, int_layers, list(GRAPHS) + ["entropy.lict"],
                             extra)
    print(f"bundle {args.out}: {bundle_megabytes(args.out):.1f} MB, content hash {content[:16]}")


if __name__ == "__main__":
    main()
