"""The integer scale network: quantisation of ScaleNet and its exact integer arithmetic.

The arithmetic here is normative (docs/models.md); the Java decoder reproduces it bit for bit.

    a0 = clamp(z^, -127, 127)                                   input: the z symbols
    for each conv layer l (3x3 zero-padded, or 1x1 for the last):
        acc[o] = bias[o] + sum_{i,ky,kx} w[o,i,ky,kx] * a[i, y+ky-k/2, x+kx-k/2]   (int8 w, int64 acc)
        v[o]   = (acc[o] * mult[o] + 2^(shift-1)) >> shift                          (arithmetic shift)
        hidden: a = clamp(v, 0, 255), then depth-to-space by 2 for layers 2 and 3
        last:   index = clamp(v, 0, SCALE_LEVELS - 1)

Exactness in Python: the convolution sums are integers below 2^31, exact in float64; the
requantisation runs on int64 tensors.
"""

import math

import torch
import torch.nn.functional as F

from training.model import SCALE_LEVELS

ACT_MAX = 255
IN_MAX = 127
W_MAX = 127
MULT_BITS = 24  # requantisation multipliers are < 2^24 (+1), so |acc * mult| < 2^55

LAYERS = ("c1", "c2", "c3", "c4")
UPSAMPLE_AFTER = {"c2", "c3"}


def _layer(net, name):
    return getattr(net, name)


@torch.no_grad()
def calibrate(scale_net, z_batches, percentile=0.9999):
    """Activation scales (one per hidden layer output) from float activations on real z^."""
    acts = {name: [] for name in LAYERS[:-1]}
    for z in z_batches:
        a = torch.clamp(z, -IN_MAX, IN_MAX)
        for name in LAYERS[:-1]:
            a = F.relu(_layer(scale_net, name)(a))
            if name in UPSAMPLE_AFTER:
                a = F.pixel_shuffle(a, 2)
            acts[name].append(a.flatten())
    scales = {}
    for name, chunks in acts.items():
        v = torch.cat(chunks)
        v = v[v > 0]
        k = max(1, int(percentile * v.numel()))
        top = float(torch.kthvalue(v, k).values) if v.numel() else 1.0
        scales[name] = max(top, 1e-6) / ACT_MAX
    return scales


@torch.no_grad()
def integerise(scale_net, act_scales):
    """Float ScaleNet + activation scales -> integer weights, biases, multipliers (per layer)."""
    layers = []
    s_in = 1.0  # z symbols are integers
    for name in LAYERS:
        conv = _layer(scale_net, name)
        w = conv.weight.double()
        b = conv.bias.double()
        s_w = w.abs().flatten(1).max(dim=1).values.clamp_min(1e-12) / W_MAX
        w_q = torch.round(w / s_w.view(-1, 1, 1, 1)).clamp(-W_MAX, W_MAX)
        acc_unit = s_in * s_w  # value of one unit of acc, per output channel
        b_q = torch.round(b / acc_unit)
        s_out = act_scales[name] if name in act_scales else 1.0  # last layer: index units
        ratio = acc_unit / s_out
        # Per-layer shift so that the largest multiplier has MULT_BITS bits of precision.
        shift = MULT_BITS - math.ceil(math.log2(float(ratio.max())))
        assert 1 <= shift <= 62, f"{name}: requantisation ratio out of range"
        mult = torch.round(ratio * 2.0 ** shift)
        assert float(mult.max()) <= 2 ** MULT_BITS, f"{name}: multiplier too large"
        layers.append({
            "name": name,
            "kernel": conv.kernel_size[0],
            "weight": w_q.to(torch.int64),
            "bias": b_q.to(torch.int64),
            "mult": mult.to(torch.int64),
            "shift": shift,
            "upsample": name in UPSAMPLE_AFTER,
            "last": name == LAYERS[-1],
        })
        s_in = s_out
    return layers


def run_integer(layers, z_hat):
    """Exact integer inference (float64 holds every intermediate exactly). z_hat: (N,C,h,w)
    integer-valued. Returns int64 scale indexes (N, M, 4h, 4w)."""
    a = torch.clamp(z_hat.double(), -IN_MAX, IN_MAX)
    for layer in layers:
        k = layer["kernel"]
        acc = F.conv2d(a, layer["weight"].double(), layer["bias"].double(), padding=k // 2)
        assert float(acc.abs().max()) < 2 ** 31, "accumulator out of the specified range"
        acc = acc.to(torch.int64)
        shift = layer["shift"]
        v = torch.div(acc * layer["mult"].view(1, -1, 1, 1) + (1 << (shift - 1)), 1 << shift,
                      rounding_mode="floor").double()
        if layer["last"]:
            a = torch.clamp(v, 0, SCALE_LEVELS - 1)
        else:
            a = torch.clamp(v, 0, ACT_MAX)
            if layer["upsample"]:
                a = F.pixel_shuffle(a, 2)
    return a.to(torch.int64)


class FakeQuantScaleNet(torch.nn.Module):
    """Quantisation-aware stand-in for ScaleNet: the same rounding and clamping as the integer
    network, with straight-through gradients, on the float weights (which keep training)."""

    def __init__(self, scale_net, act_scales):
        super().__init__()
        self.net = scale_net
        self.act_scales = dict(act_scales)

    def forward(self, z_hat):
        def ste(x):
            return x + (torch.round(x) - x).detach()

        a = torch.clamp(z_hat, -IN_MAX, IN_MAX)
        s_in = 1.0
        for name in LAYERS:
            conv = _layer(self.net, name)
            s_w = (conv.weight.detach().abs().flatten(1).max(dim=1).values.clamp_min(1e-12) / W_MAX)
            w_q = torch.clamp(ste(conv.weight / s_w.view(-1, 1, 1, 1)), -W_MAX, W_MAX) * s_w.view(-1, 1, 1, 1)
            b_q = ste(conv.bias / (s_in * s_w)) * (s_in * s_w)
            y = F.conv2d(a, w_q, b_q, padding=conv.kernel_size[0] // 2)
            if name == LAYERS[-1]:
                return y  # model.scale_index clamps and rounds to the index
            s_out = self.act_scales[name]
            a = torch.clamp(ste(y / s_out), 0, ACT_MAX) * s_out
            if name in UPSAMPLE_AFTER:
                a = F.pixel_shuffle(a, 2)
            s_in = s_out
        return a


def attach_fake_quant(model, act_scales=None, z_batches=None):
    if act_scales is None:
        act_scales = getattr(model, "_act_scales", None)
    if act_scales is None:
        assert z_batches is not None, "need z batches to calibrate"
        act_scales = calibrate(model.scale_net, z_batches)
    model._act_scales = act_scales
    model.set_scale_override(FakeQuantScaleNet(model.scale_net, act_scales))
    return act_scales


def integer_scale_fn(layers):
    """A drop-in for model.quantized_scale_net that runs the exact integer network."""
    def fn(z_hat):
        return run_integer(layers, z_hat).to(z_hat.dtype)
    return fn


def bits_for_int(v):
    return int(math.ceil(math.log2(abs(v) + 1))) + 1
