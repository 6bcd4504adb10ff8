"""The lic-pframe model: the image model conditioned on the motion-compensated prediction.

A P frame x is coded knowing pred, the warp of the previous decoded 8-bit frame (training/motion.py)
divided by 255. The model is the image model (its modules, weights copied from the image
checkpoint) plus small paths that carry features of pred (DCVC-style conditional coding):

    f2, f4, f16 = PredFeatures(pred)          1/2, 1/4 and 1/16 resolution
    analysis:    conv1(x) + conv1_pred(pred), ...  at 1/4: a += Inject(a, f4), ...     -> y
    latent:      the image model's coder; hyper mean H' = H + Inject(H, f16)
    synthesis:   ... at 1/4: s += Inject(s, f4) ... at 1/2: s += Inject(s, f2) ... -> s
                 full_res: x^ = s + Inject(s, pred), at full resolution          -> x^

full_res (stage 3 on, issue 20): the synthesis also sees pred itself after its last sub-pixel layer,
so a region the prediction already shows need not be re-synthesised from the latent (DCVC's frame
generator sees its context at full resolution). Models without it (stages 1 and 2) load into a
full_res model unchanged: load_pframe_weights.

Every new path ends in a layer that starts at zero, so an untrained LicPFrameModel computes exactly
what the image model computes (same x^, same bits). Scales stay the integer ScaleNet of z^ alone:
nothing derived from pixels (pred included, whose exact values differ across machines by the float
synthesis of earlier frames) may choose a CDF; pred only shifts means and reconstructions.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

from training.model import LicImageModel, conv, model_from_weights

# Channels of the prediction's features at 1/2, 1/4 and 1/16 resolution.
PRED_CHANNELS = (32, 64, 96)


def zero_(layer):
    nn.init.zeros_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class PredFeatures(nn.Module):
    """pred (N, 3, H, W) in [0, 1] -> features at 1/2, 1/4, 1/16."""

    def __init__(self, channels=PRED_CHANNELS):
        c2, c4, c16 = channels
        super().__init__()
        self.at_half = conv(3, c2, 3, 2)
        self.at_quarter = conv(c2, c4, 3, 2)
        self.at_sixteenth = nn.Sequential(conv(c4, c16, 3, 2), nn.LeakyReLU(0.1), conv(c16, c16, 3, 2))

    def forward(self, pred):
        f2 = F.leaky_relu(self.at_half(pred), 0.1)
        f4 = F.leaky_relu(self.at_quarter(f2), 0.1)
        return f2, f4, self.at_sixteenth(f4)


class Inject(nn.Module):
    """x + out(lrelu(mix([x, features]))): features of pred added to a main path; out starts at
    zero, so the injection starts as the identity."""

    def __init__(self, main, features, hidden, kernel=3):
        super().__init__()
        self.mix = conv(main + features, hidden, kernel)
        self.out = zero_(nn.Conv2d(hidden, main, 1))

    def forward(self, x, features):
        return x + self.out(F.leaky_relu(self.mix(torch.cat([x, features], dim=1)), 0.1))


# The full-resolution path's parameters (LicPFrameModel.synthesis_full): a state dict with them is
# a full_res model's.
FULL_RES_PREFIX = "synthesis_full."


class LicPFrameModel(nn.Module):
    def __init__(self, m=192, cz=128, image=None, full_res=False):
        """image: the LicImageModel to start from (its modules become this model's); a fresh one
        when None (for loading a saved P model). full_res: the synthesis also takes pred at full
        resolution (synthesis_full; off in stages 1 and 2, whose models it keeps exactly)."""
        super().__init__()
        self.full_res = full_res
        self.image = image if image is not None else LicImageModel(m=m, cz=cz)
        self.m = self.image.m
        c2, c4, c16 = PRED_CHANNELS
        self.pred_features = PredFeatures()
        # Analysis: pred as three more input channels of the first convolution (a second
        # convolution of the same shape, so the image model's weights stay as they are), then the
        # features at 1/4 where the image analysis has 96 channels.
        self.analysis_pred = zero_(conv(3, 64, 5, 2))
        self.analysis_quarter = Inject(96, c4, 64)
        self.mean_inject = Inject(self.m, c16, 64)
        self.synthesis_quarter = Inject(96, c4, 64)
        self.synthesis_half = Inject(64, c2, 32)
        if full_res:
            # Registered last, so that the other parameters keep their order (and an older
            # optimiser state its meaning for them).
            self.synthesis_full = Inject(3, 3, 32)

    def analysis(self, x, pred, f4):
        net = self.image.g_a.net
        a = net[0](x) + self.analysis_pred(pred)
        a = net[3](net[2](net[1](a)))
        a = self.analysis_quarter(self.image.g_a.quarter(a), f4)
        return net[4:](a)

    def synthesis(self, y, f4, f2, pred=None):
        """pred: needed (and used) only by a full_res model."""
        net = self.image.g_s.net
        s = self.synthesis_quarter(self.image.g_s.quarter(net[:5](y)), f4)
        s = self.synthesis_half(net[5:7](s), f2)
        s = net[7](s)
        if self.full_res:
            if pred is None:
                raise ValueError("a full_res synthesis needs the prediction")
            s = self.synthesis_full(s, pred)
        return s

    def forward(self, x, pred, q, eval_mode=False):
        """x, pred (N, 3, H, W) in [0, 1] (H, W multiples of 64), q (N,) quality positions.
        Returns x_hat, bits of y, bits of z, as LicImageModel.forward."""
        f2, f4, f16 = self.pred_features(pred)
        gain, inv_gain = self.image.gains(q)
        y = self.analysis(x, pred, f4) * gain
        y_hat, bits_y, bits_z = self.image.code_latent(y, eval_mode=eval_mode,
                                                       condition_mean=lambda h: self.mean_inject(h, f16))
        return self.synthesis(y_hat * inv_gain, f4, f2, pred), bits_y, bits_z

    def new_parameters(self):
        """The parameters that the image model does not have (trained at their own rate)."""
        return [p for name, p in self.named_parameters() if not name.startswith("image.")]

    def image_parameters(self):
        return list(self.image.parameters())


def from_image_weights(weights, full_res=False):
    """A P model that starts as the image model of these weights (a saved 'ema' or 'model' dict)."""
    return LicPFrameModel(image=model_from_weights(weights), full_res=full_res)


def latent_channels(state):
    return state["image.log_gain"].shape[1]


def has_full_res(weights):
    """Whether a saved P model's state dict has the full-resolution path."""
    return any(k.startswith(FULL_RES_PREFIX) for k in weights)


def load_pframe_weights(weights, full_res=None):
    """A float32 LicPFrameModel from a saved state dict (float16 or float32). full_res: None builds
    the architecture the weights have; True adds the full-resolution path to weights without it
    (the path keeps its initialisation, whose output layer is zero: the model computes exactly
    what the weights' own model computes). Weights with the path refuse full_res=False."""
    weights = {k: v.float() if v.is_floating_point() else v for k, v in weights.items()}
    saved_full_res = has_full_res(weights)
    if full_res is None:
        full_res = saved_full_res
    if saved_full_res and not full_res:
        raise ValueError("these weights have the full-resolution synthesis path: load them with full_res")
    model = LicPFrameModel(m=latent_channels(weights), cz=weights["image.h_a.net.4.bias"].shape[0], full_res=full_res)
    missing, unexpected = model.load_state_dict(weights, strict=False)
    left_out = [k for k in missing if not k.startswith(FULL_RES_PREFIX)]
    if left_out or unexpected:
        raise ValueError(f"not a P model's weights: missing {left_out}, unexpected {unexpected}")
    return model
