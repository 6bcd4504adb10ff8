"""The lic-pframe model: the image model conditioned on the motion-compensated prediction.

A P frame x is coded knowing pred, the warp of the previous decoded 8-bit frame (training/motion.py)
divided by 255. The model is the image model (its modules, weights copied from the image
checkpoint) plus small paths that carry features of pred (DCVC-style conditional coding):

    f2, f4, f16 = PredFeatures(pred)          1/2, 1/4 and 1/16 resolution
    analysis:    conv1(x) + conv1_pred(pred), ...  at 1/4: a += Inject(a, f4), ...     -> y
    latent:      the image model's coder; hyper mean H' = H + Inject(H, f16)
    synthesis:   ... at 1/4: s += Inject(s, f4) ... at 1/2: s += Inject(s, f2) ...    -> x^

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


class LicPFrameModel(nn.Module):
    def __init__(self, m=192, cz=128, image=None):
        """image: the LicImageModel to start from (its modules become this model's); a fresh one
        when None (for loading a saved P model)."""
        super().__init__()
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

    def analysis(self, x, pred, f4):
        net = self.image.g_a.net
        a = net[0](x) + self.analysis_pred(pred)
        a = net[3](net[2](net[1](a)))
        a = self.analysis_quarter(self.image.g_a.quarter(a), f4)
        return net[4:](a)

    def synthesis(self, y, f4, f2):
        net = self.image.g_s.net
        s = self.synthesis_quarter(self.image.g_s.quarter(net[:5](y)), f4)
        s = self.synthesis_half(net[5:7](s), f2)
        return net[7](s)

    def forward(self, x, pred, q, eval_mode=False):
        """x, pred (N, 3, H, W) in [0, 1] (H, W multiples of 64), q (N,) quality positions.
        Returns x_hat, bits of y, bits of z, as LicImageModel.forward."""
        f2, f4, f16 = self.pred_features(pred)
        gain, inv_gain = self.image.gains(q)
        y = self.analysis(x, pred, f4) * gain
        y_hat, bits_y, bits_z = self.image.code_latent(y, eval_mode=eval_mode,
                                                       condition_mean=lambda h: self.mean_inject(h, f16))
        return self.synthesis(y_hat * inv_gain, f4, f2), bits_y, bits_z

    def new_parameters(self):
        """The parameters that the image model does not have (trained at their own rate)."""
        return [p for name, p in self.named_parameters() if not name.startswith("image.")]

    def image_parameters(self):
        return list(self.image.parameters())


def from_image_weights(weights):
    """A P model that starts as the image model of these weights (a saved 'ema' or 'model' dict)."""
    return LicPFrameModel(image=model_from_weights(weights))


def latent_channels(state):
    return state["image.log_gain"].shape[1]
