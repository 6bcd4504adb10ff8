"""The P-frame bundle's graphs compute what the PyTorch model computes.

Debian has no ONNX Runtime for Python, so the exported graphs are run by a small interpreter of
the few operators they use, in torch: what it checks is the export itself (wiring, inputs and
outputs, the float16 storage of the weights), each graph against the module it was made from.
The Java side runs the shipped bundle's graphs on ONNX Runtime against golden.lict.
"""

import numpy as np
import onnx
import pytest
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper

from training import export_pframe, quantize
from training.pframe_model import PRED_CHANNELS, LicPFrameModel, load_pframe_weights

# float32 arithmetic in another order than the module's: differences far below a quantisation step.
TOLERANCE = 1e-4


def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b=None, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1), group=1, **_):
    top, left, bottom, right = pads
    if (top, left) != (bottom, right):
        x = F.pad(x, (left, right, top, bottom))
        top = left = 0
    return F.conv2d(x, w, b, stride=tuple(strides), padding=(top, left), dilation=tuple(dilations), groups=group)


def _clip(x, low=None, high=None):
    return torch.clamp(x, min=None if low is None else float(low), max=None if high is None else float(high))


OPS = {
    "Cast": lambda a, x: x.float(),
    "Conv": lambda a, *xs: _conv(*xs, **a),
    "Concat": lambda a, *xs: torch.cat(xs, dim=a["axis"]),
    "LeakyRelu": lambda a, x: F.leaky_relu(x, a["alpha"]),
    "Add": lambda a, x, y: x + y,
    "Mul": lambda a, x, y: x * y,
    "Div": lambda a, x, y: x / y,
    "Abs": lambda a, x: x.abs(),
    "Clip": lambda a, *xs: _clip(*xs),
    "DepthToSpace": lambda a, x: F.pixel_shuffle(x, a["blocksize"]),
}


def run_graph(path, inputs):
    """The outputs (in the graph's order) of the ONNX graph at path for the named inputs."""
    graph = onnx.load(path).graph
    values = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    values.update(inputs)
    for node in graph.node:
        a = _attrs(node)
        if node.op_type == "Constant":
            values[node.output[0]] = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
            continue
        if node.op_type == "DepthToSpace":
            assert a["mode"] == b"CRD", "PixelShuffle is DepthToSpace in CRD mode"
        args = [values[n] if n else None for n in node.input]
        while args and args[-1] is None:
            args.pop()
        values[node.output[0]] = OPS[node.op_type](a, *args)
    return [values[o.name] for o in graph.output]


def small_model(full_res=False):
    """A P model small enough to export fast, its zero-started paths given weights, rounded to
    float16 as export_pframe.rounded_pframe_model rounds a checkpoint."""
    torch.manual_seed(0)
    model = LicPFrameModel(m=32, cz=16, full_res=full_res).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if not name.startswith("image.") and p.abs().max() == 0:
                p.normal_(0, 0.05)
        for p in model.parameters():
            p.copy_(p.half().float())
    return model


@pytest.mark.parametrize("full_res", [False, True], ids=["without-full-res-path", "full-res-path"])
@torch.no_grad()
def test_exported_graphs_match_the_model(tmp_path, full_res):
    model = small_model(full_res)
    paths = export_pframe.export_graphs(model, str(tmp_path))
    h, w, m = 64, 128, model.m
    x, pred = torch.rand(1, 3, h, w), torch.rand(1, 3, h, w)
    gain, inv_gain = model.image.gains(torch.tensor([3.5]))
    diffs = {}

    def compare(name, got, expected):
        assert got.shape == expected.shape, name
        diffs[name] = float((got - expected).abs().max())

    f2, f4, f16 = model.pred_features(pred)
    for name, got, expected in zip(("f2", "f4", "f16"), run_graph(paths["pred_features.onnx"], {"pred": pred}),
                                   (f2, f4, f16)):
        compare(name, got, expected)
    assert [f.shape[1] for f in (f2, f4, f16)] == list(PRED_CHANNELS)
    y = model.analysis(x, pred, f4) * gain
    compare("y", run_graph(paths["p_encoder.onnx"], {"x": x, "pred": pred, "f4": f4, "gain": gain})[0], y)
    z_hat = torch.round(model.image.h_a(y))
    compare("z", run_graph(paths["hyper_analysis.onnx"], {"y": y})[0], model.image.h_a(y))
    hyper_mean = model.mean_inject(model.image.h_mean(z_hat), f16)
    compare("hyper_mean", run_graph(paths["p_hyper_mean.onnx"], {"z_hat": z_hat, "f16": f16})[0], hyper_mean)
    anchor = torch.round(y)
    compare("mean", run_graph(paths["context_mean.onnx"], {"hyper_mean": hyper_mean, "y_anchor": anchor})[0],
            model.image.ctx_mean(hyper_mean, anchor))
    y_hat = torch.round(y)
    synthesis_inputs = {"y_hat": y_hat, "inv_gain": inv_gain, "f4": f4, "f2": f2}
    if full_res:
        synthesis_inputs["pred"] = pred
    assert [i.name for i in onnx.load(paths["p_synthesis.onnx"]).graph.input] == list(synthesis_inputs)
    x_hat = model.synthesis(y_hat * inv_gain, f4, f2, pred)
    compare("x_hat", run_graph(paths["p_synthesis.onnx"], synthesis_inputs)[0], x_hat)
    if full_res:
        # The graph uses its pred: the path's output is not zero here.
        assert float((x_hat - model.synthesis(y_hat * inv_gain, f4, f2, torch.zeros_like(pred))).abs().max()) > 1e-3
    assert export_pframe.manifest_prediction(model)["synthesisPred"] is full_res
    assert m == y.shape[1]
    print("max abs diff per output:", diffs)
    assert max(diffs.values()) < TOLERANCE, diffs


def test_golden_pair_moves_and_stays_8_bit():
    reference, current = export_pframe.golden_pair()
    assert reference.shape == current.shape and current.dtype == reference.dtype
    dx, dy = export_pframe.GOLDEN_SHIFT
    moved = reference[:, 10:-10, 10:-10].astype(int) - current[:, 10 + dy:-10 + dy, 10 + dx:-10 + dx].astype(int)
    assert abs(moved).mean() < 4  # noise only, once the shift is undone


@torch.no_grad()
def test_old_weights_export_as_the_full_res_variant_with_the_same_golden_vectors():
    """Weights without the path, exported with it (at zero), give the same golden vectors: the
    new variant's bundle decodes exactly as the old one."""
    old = small_model()
    state = {"ema": old.state_dict()}
    full = export_pframe.rounded_pframe_model(state, full_res=True)
    assert full.full_res and not export_pframe.rounded_pframe_model(state).full_res
    int_layers = quantize.integerise(old.image.scale_net, quantize.calibrate(old.image.scale_net, [
        torch.round(torch.randn(2, 16, 2, 3) * 3)]))
    a = export_pframe.golden_vectors(old, int_layers, 16)
    b = export_pframe.golden_vectors(full, int_layers, 16)
    assert a.keys() == b.keys()
    assert all(np.array_equal(np.asarray(a[k]), np.asarray(b[k])) for k in a)
    assert load_pframe_weights(full.state_dict()).full_res
