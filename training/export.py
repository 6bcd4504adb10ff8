"""Exports a trained checkpoint as a model bundle (layout and arithmetic: docs/models.md).

    /usr/bin/python3 -m training.export --weights training/checkpoints/lic-image-v1.pt \
        --out models/lic-image-v1

Writes: manifest.json, encoder.onnx, hyper_analysis.onnx, hyper_mean.onnx, context_mean.onnx, synthesis.onnx (float
weights stored as fp16, computed in fp32), entropy.lict (integer scale network, CDF tables, gains)
and golden.lict (vectors the Java side must reproduce).
"""

import argparse
import hashlib
import json
import os

import numpy as np
import torch

from training import cdf, data, export_refine, quantize, tensorfile
from training.graphs import EncoderGraph, SynthesisGraph, export_onnx, sha256_file
from training.model import LAMBDAS, SCALE_LEVELS, SCALE_MAX, SCALE_MIN, checkerboard_mask, rounded_model, scale_table

FORMAT_VERSION = 1


def pad_tables(tables):
    n = len(tables)
    width = max(len(c) for c, _ in tables)
    out = np.zeros((n, width), dtype=np.int32)
    lengths = np.zeros(n, dtype=np.int32)
    offsets = np.zeros(n, dtype=np.int32)
    for i, (c, off) in enumerate(tables):
        out[i, :len(c)] = c
        lengths[i] = len(c)
        offsets[i] = off
    return out, lengths, offsets


def synthetic_image(h=128, w=192, seed=7):
    """Content we make ourselves: gradients, a sine pattern, hard edges and noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 0.5 + 0.4 * np.sin(xx / 9.0) * np.cos(yy / 13.0)
    g = xx / w
    b = ((xx // 16 + yy // 16) % 2) * 0.6 + 0.2
    img = np.stack([r, g, b]) + rng.normal(0, 0.03, size=(3, h, w))
    return np.clip(np.round(img * 255), 0, 255).astype(np.uint8)


def golden_qualities():
    top = float(len(LAMBDAS) - 1)
    return 0.0, top / 2, top  # lowest, middle (between two levels), highest


def latent_golden(image, int_layers, y, condition_mean=None):
    """The latent coding of y (already times the gain) as the Java codec does it: the golden
    arrays {z_symbols, scale_index, y_residual, y_mean} of the first picture, and y^.
    condition_mean: H -> H' (the P model's conditioning of the hyper mean), or None."""
    z_hat = torch.round(image.h_a(y))
    idx = quantize.run_integer(int_layers, z_hat)
    hyper_mean = image.h_mean(z_hat)
    if condition_mean is not None:
        hyper_mean = condition_mean(hyper_mean)
    mask = checkerboard_mask(y.shape[2], y.shape[3])
    r_anchor = torch.round(y - hyper_mean)
    y_anchor = (r_anchor + hyper_mean) * mask
    ctx_mean = image.ctx_mean(hyper_mean, y_anchor)
    mean = hyper_mean * mask + ctx_mean * (1 - mask)
    residual = torch.round(y - mean)
    arrays = {"z_symbols": z_hat[0].numpy().astype(np.int32), "scale_index": idx[0].numpy().astype(np.int8),
              "y_residual": residual[0].numpy().astype(np.int32), "y_mean": mean[0].numpy().astype(np.float32)}
    return arrays, residual + mean


def quality_golden(prefix, q, gain, inv_gain, latent, x_hat):
    """One quality's arrays of a golden file, named prefix + what they are."""
    out = {prefix + "quality": np.array([q], dtype=np.float32),
           prefix + "gain": gain.flatten().numpy().astype(np.float32),
           prefix + "inv_gain": inv_gain.flatten().numpy().astype(np.float32)}
    out.update({prefix + k: v for k, v in latent.items()})
    out[prefix + "x_hat"] = x_hat[0].numpy().astype(np.float32)
    return out


@torch.no_grad()
def golden_vectors(model, int_layers):
    img = synthetic_image()
    x = torch.from_numpy(img).float().div(255).unsqueeze(0)
    out = {"golden.image": img}
    for qi, q in enumerate(golden_qualities()):
        gain, inv_gain = model.gains(torch.tensor([q]))
        latent, y_hat = latent_golden(model, int_layers, model.g_a(x) * gain)
        out.update(quality_golden(f"golden.q{qi}.", q, gain, inv_gain, latent, model.g_s(y_hat * inv_gain)))
    return out


def integer_layers(state, scale_net, calibration_z):
    """The integer scale network: with the checkpoint's activation scales, else with scales
    calibrated on the z^ batches that calibration_z() returns."""
    act_scales = state.get("act_scales")
    if act_scales is None:
        act_scales = quantize.calibrate(scale_net, calibration_z())
    return quantize.integerise(scale_net, act_scales)


def dynamic(*names):
    """Dynamic height and width for the named inputs and outputs of a graph."""
    return {n: {2: "h", 3: "w"} for n in names}


def write_entropy(image, int_layers, path):
    """entropy.lict of an image model (a P model's latent coder is its image model's): the integer
    scale network, the CDF tables, the gains."""
    arrays = {}
    for layer in int_layers:
        n = "scale_net." + layer["name"]
        assert int(layer["bias"].abs().max()) < 2 ** 31
        arrays[n + ".weight"] = layer["weight"].numpy().astype(np.int8)
        arrays[n + ".bias"] = layer["bias"].numpy().astype(np.int32)
        arrays[n + ".mult"] = layer["mult"].numpy().astype(np.int32)
        arrays[n + ".shift"] = np.array([layer["shift"]], dtype=np.int32)
    y_tables = cdf.gaussian_tables(scale_table())
    arrays["y_cdf"], arrays["y_cdf_length"], arrays["y_cdf_offset"] = pad_tables(y_tables)
    z_tables = cdf.factorized_tables(image.z_density, image.cz)
    arrays["z_cdf"], arrays["z_cdf_length"], arrays["z_cdf_offset"] = pad_tables(z_tables)
    arrays["gain.log"] = image.log_gain.detach().numpy().astype(np.float32)
    arrays["inv_gain.log"] = image.log_inv_gain.detach().numpy().astype(np.float32)
    arrays["scale_table"] = np.array(scale_table(), dtype=np.float64).astype(np.float32)
    tensorfile.write(path, arrays)


def write_manifest(out, name, state, image, int_layers, files, extra=None):
    """manifest.json of the bundle in out: files (graphs and entropy.lict) make the content hash,
    golden.lict is listed with its own hash; extra: fields after the name (a P bundle's kind and
    prediction). Returns the content hash."""
    hashes = {f: sha256_file(os.path.join(out, f)) for f in files}
    content = hashlib.sha256("".join(f"{f}:{hashes[f]}\n" for f in files).encode()).hexdigest()
    manifest = {
        "format": "lic4j-model-bundle",
        "formatVersion": FORMAT_VERSION,
        "name": name,
        **(extra or {}),
        "contentHash": content,
        "architecture": "mean-scale hyperprior, checkerboard context means, integer scale network, gain-vector variable rate",
        "trainingSteps": int(state.get("step", 0)),
        "trainingHours": round(float(state.get("train_seconds", 0.0)) / 3600, 2),
        "latentDownsampling": 16,
        "hyperDownsampling": 64,
        "latentChannels": image.m,
        "hyperChannels": image.cz,
        "qualityLevels": len(LAMBDAS),
        "lambdas": list(LAMBDAS),
        "scaleTable": {"min": SCALE_MIN, "max": SCALE_MAX, "levels": SCALE_LEVELS, "spacing": "log"},
        "cdfPrecision": cdf.PRECISION,
        "scaleNet": {"inputClamp": quantize.IN_MAX, "activationMax": quantize.ACT_MAX,
                     "layers": [{"name": l["name"], "kernel": l["kernel"],
                                 "in": int(l["weight"].shape[1]), "out": int(l["weight"].shape[0]),
                                 "depthToSpaceAfter": l["upsample"]} for l in int_layers]},
        "files": hashes,
        "golden": {"file": "golden.lict", "sha256": sha256_file(os.path.join(out, "golden.lict"))},
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return content


def bundle_megabytes(out):
    return sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)) / 1e6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--ema", action="store_true", help="use the moving average of the weights (key 'ema')")
    p.add_argument("--out", required=True)
    p.add_argument("--name", default="lic-image-v1")
    p.add_argument("--train-dir", default=data.DEFAULT_TRAIN_DIR)
    args = p.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)

    state = torch.load(args.weights)
    model = rounded_model(state, args.ema)

    def calibration_batches():
        from training.train import calibration_z
        sampler = data.CropSampler(data.split(data.list_images(args.train_dir))[0], 256, seed=1)
        return calibration_z(model, sampler)

    int_layers = integer_layers(state, model.scale_net, calibration_batches)

    m, cz = model.m, model.cz
    export_onnx(EncoderGraph(model), (torch.rand(1, 3, 128, 128), torch.ones(1, m, 1, 1)),
                os.path.join(args.out, "encoder.onnx"), ["x", "gain"], ["y"], dynamic("x", "y"))
    export_onnx(model.h_a, (torch.zeros(1, m, 8, 8),), os.path.join(args.out, "hyper_analysis.onnx"),
                ["y"], ["z"], dynamic("y", "z"))
    export_onnx(model.h_mean, (torch.zeros(1, cz, 2, 2),), os.path.join(args.out, "hyper_mean.onnx"),
                ["z_hat"], ["hyper_mean"], dynamic("z_hat", "hyper_mean"))
    export_onnx(model.ctx_mean, (torch.zeros(1, m, 8, 8), torch.zeros(1, m, 8, 8)),
                os.path.join(args.out, "context_mean.onnx"), ["hyper_mean", "y_anchor"], ["mean"],
                dynamic("hyper_mean", "y_anchor", "mean"))
    export_onnx(SynthesisGraph(model), (torch.zeros(1, m, 8, 8), torch.ones(1, m, 1, 1)),
                os.path.join(args.out, "synthesis.onnx"), ["y_hat", "inv_gain"], ["x_hat"],
                dynamic("y_hat", "x_hat"))
    write_entropy(model, int_layers, os.path.join(args.out, "entropy.lict"))

    model.set_scale_override(quantize.integer_scale_fn(int_layers))
    tensorfile.write(os.path.join(args.out, "golden.lict"), golden_vectors(model, int_layers))

    files = ["encoder.onnx", "hyper_analysis.onnx", "hyper_mean.onnx", "context_mean.onnx", "synthesis.onnx", "entropy.lict"]
    content = write_manifest(args.out, args.name, state, model, int_layers, files)
    # The encoder's latent refinement graph: outside the content hash, listed under encoderTools.
    export_refine.add_to_bundle(model, args.out)
    print(f"bundle {args.out}: {bundle_megabytes(args.out):.1f} MB, content hash {content[:16]}")


if __name__ == "__main__":
    main()
