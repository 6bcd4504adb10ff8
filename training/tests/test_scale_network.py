"""The integer scale network (training/quantize.py run_integer, normative) against the vectors the
Java tests check IntegerScaleNetwork with: the bundle's golden.lict and the random fixture of
transforms/src/test/resources."""

import json
import os

import numpy as np
import pytest

from training import tensorfile
from training.tests.conftest import BUNDLE, SCALE_NET_FIXTURE

torch = pytest.importorskip("torch")
quantize = pytest.importorskip("training.quantize")

FIXTURE_SHAPES = [("c1", 3, False), ("c2", 3, True), ("c3", 3, True), ("c4", 1, False)]


def layers_from(arrays, specs):
    """specs: (name, kernel, depth-to-space after) per layer, the last one giving indexes."""
    layers = []
    for i, (name, kernel, upsample) in enumerate(specs):
        p = "scale_net." + name + "."
        layers.append({
            "name": name, "kernel": kernel, "upsample": upsample, "last": i == len(specs) - 1,
            "weight": torch.from_numpy(arrays[p + "weight"].astype(np.int64)),
            "bias": torch.from_numpy(arrays[p + "bias"].astype(np.int64)),
            "mult": torch.from_numpy(arrays[p + "mult"].astype(np.int64)),
            "shift": int(arrays[p + "shift"][0]),
        })
    return layers


def test_shipped_network_reproduces_the_golden_scale_indexes():
    with open(os.path.join(BUNDLE, "manifest.json")) as f:
        manifest = json.load(f)
    net = manifest["scaleNet"]
    assert net["inputClamp"] == quantize.IN_MAX and net["activationMax"] == quantize.ACT_MAX
    specs = [(l["name"], l["kernel"], l["depthToSpaceAfter"]) for l in net["layers"]]
    layers = layers_from(tensorfile.read(os.path.join(BUNDLE, "entropy.lict")), specs)
    golden = tensorfile.read(os.path.join(BUNDLE, "golden.lict"))
    for q in range(3):
        z = torch.from_numpy(golden[f"golden.q{q}.z_symbols"].astype(np.float64)).unsqueeze(0)
        index = quantize.run_integer(layers, z)[0].numpy()
        assert np.array_equal(index, golden[f"golden.q{q}.scale_index"]), f"quality {q}"


def test_random_fixture_of_the_java_test():
    f = tensorfile.read(SCALE_NET_FIXTURE)
    layers = layers_from(f, FIXTURE_SHAPES)
    cases = 0
    while f"case{cases}.z" in f:
        z = torch.from_numpy(f[f"case{cases}.z"].astype(np.float64)).unsqueeze(0)
        assert np.array_equal(quantize.run_integer(layers, z)[0].numpy(), f[f"case{cases}.index"]), cases
        cases += 1
    assert cases == 3


def test_integerise_then_run_integer_tracks_the_float_network():
    """A freshly integerised network gives the float network's index within one level on most
    elements (calibration clips the rare largest activations)."""
    from training.model import ScaleNet

    torch.manual_seed(3)
    net = ScaleNet(8, 6)
    z = [torch.round(torch.randn(1, 6, 3, 4) * 4) for _ in range(4)]
    layers = quantize.integerise(net, quantize.calibrate(net, z))
    for zi in z:
        idx = quantize.run_integer(layers, zi)
        assert idx.dtype == torch.int64 and idx.shape == (1, 8, 12, 16)
        assert int(idx.min()) >= 0 and int(idx.max()) <= 63
        with torch.no_grad():
            ref = torch.clamp(torch.round(net(torch.clamp(zi, -quantize.IN_MAX, quantize.IN_MAX))), 0, 63)
        assert float((idx.double() - ref).abs().le(1).double().mean()) > 0.9
