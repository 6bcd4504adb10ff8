"""The lic-image model: a variable-rate mean-scale hyperprior with a checkerboard context for the
means and an integer-friendly scale network.

Data flow (x in [0,1], N x 3 x H x W, H and W multiples of 64):

    y  = g_a(x)                      latent, 1/16 resolution, M channels
    y' = y * gain[q]                 per-quality gain vector (variable rate)
    z  = h_a(y')                     hyper-latent, 1/64 resolution, CZ channels
    z^ = round(z)                    integer symbols, coded with per-channel tables
    s  = table[scale_net(z^)]        scale index per element of y', from z^ alone (integer net)
    H  = h_mean(z^)                  float hyper mean
    anchors:      mu = H
    non-anchors:  mu = ctx(H, y'^ on anchors)
    y'^ = round(y' - mu) + mu        the integer residual round(y' - mu) is what is coded
    x^ = g_s(y'^ * inv_gain[q])

Parsing depends on z^ and the residual symbols only: the scale index is computed from z^ by a
network whose exported form is pure integer arithmetic (see docs/models.md). The float parts
(means, synthesis) only shift the reconstruction.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# Ten quality levels: MSE lambdas on [0,1] images (loss = lambda * 255^2 * MSE + bpp). The model
# was trained with the last eight up to step 17231; the two lowest were added then (see
# migrate_levels) because 0.0018 gave 0.25 bpp on Kodak, not the 0.1 bpp the range must reach.
LAMBDAS = (0.0005, 0.00095, 0.0018, 0.0035, 0.0067, 0.0130, 0.0250, 0.0483, 0.0932, 0.1800)
GAIN_KEYS = ("log_gain", "log_inv_gain")

# The normative scale table: SCALE_LEVELS log-spaced Gaussian scales.
SCALE_MIN = 0.11
SCALE_MAX = 64.0
SCALE_LEVELS = 64


def migrate_levels(state):
    """Brings a state dict saved with fewer quality levels up to LAMBDAS, in place: the saved
    levels are the highest ones, and each missing lower level's log-gains are extrapolated
    linearly in log(lambda) from the two lowest saved levels. Returns the number of rows added."""
    added = 0
    for key in GAIN_KEYS:
        t = state[key]
        saved, levels = t.shape[0], len(LAMBDAS)
        if saved >= levels:
            continue
        log_l = [math.log(l) for l in LAMBDAS]
        first = levels - saved
        slope = (t[1].float() - t[0].float()) / (log_l[first + 1] - log_l[first])
        rows = [t[0].float() + (log_l[i] - log_l[first]) * slope for i in range(first)]
        state[key] = torch.cat([torch.stack(rows).to(t.dtype), t], dim=0)
        added = first
    return added


def scale_table():
    step = (math.log(SCALE_MAX) - math.log(SCALE_MIN)) / (SCALE_LEVELS - 1)
    return [math.exp(math.log(SCALE_MIN) + i * step) for i in range(SCALE_LEVELS)]


class _LowerBound(torch.autograd.Function):
    """max(x, bound), whose gradient still flows below the bound when it pushes x up: a plain
    clamp would leave a likelihood below the bound with no gradient at all, so a scale that is
    far too small for its symbol would never be corrected."""

    @staticmethod
    def forward(ctx, x, bound):
        ctx.save_for_backward(x)
        ctx.bound = bound
        return x.clamp_min(bound)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        pass_through = (x >= ctx.bound) | (grad < 0)
        return grad * pass_through, None


def lower_bound(x, bound):
    return _LowerBound.apply(x, bound)


def round_ste(x):
    return x + (torch.round(x) - x).detach()


def conv(cin, cout, k=3, stride=1):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2)


class SubpixelConv(nn.Module):
    """3x3 conv to 4*cout channels, then depth-to-space by 2: a cheap learned 2x upsampler."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv = conv(cin, cout * 4, 3)
        self.shuffle = nn.PixelShuffle(2)

    def forward(self, x):
        return self.shuffle(self.conv(x))


class SimpleGDN(nn.Module):
    """Simplified GDN (Johnston et al. 2019): x / (beta + gamma * |x|); inverse multiplies.
    beta and gamma are kept non-negative by reparameterisation."""

    def __init__(self, ch, inverse=False):
        super().__init__()
        self.inverse = inverse
        self.beta = nn.Parameter(torch.ones(ch))
        self.gamma = nn.Parameter(0.1 * torch.eye(ch).view(ch, ch, 1, 1))

    def forward(self, x):
        # In training, a bound whose gradient still passes when it would raise the parameter: with
        # a plain clamp, a gamma pushed below 0 gets no gradient again and stays 0 for good (that
        # left every inverse GDN of the first 8000 steps linear). Same values as the clamp, which
        # is what the exported graphs use.
        if self.training:
            beta = lower_bound(self.beta, 0.0) + 1e-6
            gamma = lower_bound(self.gamma, 0.0)
        else:
            beta = self.beta.clamp_min(0) + 1e-6
            gamma = self.gamma.clamp_min(0)
        norm = F.conv2d(torch.abs(x), gamma, beta)
        return x * norm if self.inverse else x / norm


class ResBlock(nn.Module):
    """x + conv(act(conv(act(x)))). zero_init: the second conv starts at zero, so that a block
    added to a trained model starts as the identity and the model computes what it did."""

    def __init__(self, ch, zero_init=False):
        super().__init__()
        self.c1 = conv(ch, ch, 3)
        self.c2 = conv(ch, ch, 3)
        if zero_init:
            nn.init.zeros_(self.c2.weight)
            nn.init.zeros_(self.c2.bias)

    def forward(self, x):
        return x + self.c2(F.leaky_relu(self.c1(F.leaky_relu(x, 0.1)), 0.1))


class Analysis(nn.Module):
    """x -> y. Thin at full resolution, width where the resolution is low.

    `quarter` (a residual block at 1/4 resolution, added at step 8500) sits outside `net` so that
    the names of the older layers, and so older checkpoints, stay valid.
    """

    def __init__(self, m):
        super().__init__()
        self.net = nn.Sequential(
            conv(3, 64, 5, 2), SimpleGDN(64),
            conv(64, 96, 5, 2), SimpleGDN(96),
            conv(96, 128, 3, 2), SimpleGDN(128),
            ResBlock(128),
            conv(128, m, 3, 2),
        )
        self.quarter = ResBlock(96, zero_init=True)

    def forward(self, x):
        x = self.net[:4](x)
        x = self.quarter(x)
        return self.net[4:](x)


class Synthesis(nn.Module):
    """y^ -> x^ with sub-pixel convolutions, tapering channels towards full resolution."""

    def __init__(self, m):
        super().__init__()
        self.net = nn.Sequential(
            SubpixelConv(m, 128), SimpleGDN(128, inverse=True),
            ResBlock(128),
            SubpixelConv(128, 96), SimpleGDN(96, inverse=True),
            SubpixelConv(96, 64), SimpleGDN(64, inverse=True),
            SubpixelConv(64, 3),
        )
        # Added at step 8500, outside `net` as in Analysis.
        self.quarter = ResBlock(96, zero_init=True)

    def forward(self, y):
        y = self.net[:5](y)
        y = self.quarter(y)
        return self.net[5:](y)


class HyperAnalysis(nn.Module):
    def __init__(self, m, cz):
        super().__init__()
        self.net = nn.Sequential(
            conv(m, 160, 3), nn.LeakyReLU(0.1),
            conv(160, 160, 5, 2), nn.LeakyReLU(0.1),
            conv(160, cz, 5, 2),
        )

    def forward(self, y):
        return self.net(y)


class HyperMean(nn.Module):
    """z^ -> H, the float hyperprior mean (M channels at 1/16)."""

    def __init__(self, m, cz):
        super().__init__()
        self.net = nn.Sequential(
            conv(cz, 160, 3), nn.LeakyReLU(0.1),
            SubpixelConv(160, 160), nn.LeakyReLU(0.1),
            SubpixelConv(160, m),
        )

    def forward(self, z_hat):
        return self.net(z_hat)


class ContextMean(nn.Module):
    """(H, y^ on anchors) -> means for the non-anchor positions of the checkerboard."""

    def __init__(self, m):
        super().__init__()
        self.ctx = conv(m, m, 3)
        self.fuse = nn.Sequential(
            nn.Conv2d(2 * m, 256, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(256, m, 1),
        )

    def forward(self, hyper_mean, y_anchor):
        return hyper_mean + self.fuse(torch.cat([hyper_mean, self.ctx(y_anchor)], dim=1))


class ScaleNet(nn.Module):
    """z^ (integers) -> continuous scale index in [0, SCALE_LEVELS-1].

    Only conv, ReLU and depth-to-space, so that the exported form is exact integer arithmetic.
    """

    def __init__(self, m, cz):
        super().__init__()
        self.c1 = conv(cz, 96, 3)
        self.c2 = conv(96, 64 * 4, 3)
        self.c3 = conv(64, 64 * 4, 3)
        self.c4 = nn.Conv2d(64, m, 1)
        self.shuffle = nn.PixelShuffle(2)
        # Start in the middle of the table.
        nn.init.constant_(self.c4.bias, SCALE_LEVELS / 2)

    def forward(self, z_hat):
        a = F.relu(self.c1(z_hat))
        a = F.relu(self.shuffle(self.c2(a)))
        a = F.relu(self.shuffle(self.c3(a)))
        return self.c4(a)


class FactorizedDensity(nn.Module):
    """Per-channel non-parametric density for z (Balle et al. 2018, appendix 6.1), our own code.

    cdf_logit(x) is a monotone function of x per channel; P(x) = sigmoid(logit(x+.5)) -
    sigmoid(logit(x-.5)).
    """

    def __init__(self, ch, filters=(3, 3, 3), init_scale=10.0):
        super().__init__()
        dims = (1,) + tuple(filters) + (1,)
        scale = init_scale ** (1.0 / (len(filters) + 1))
        self.matrices = nn.ParameterList()
        self.biases = nn.ParameterList()
        self.factors = nn.ParameterList()
        for i in range(len(filters) + 1):
            init = math.log(math.expm1(1.0 / scale / dims[i + 1]))
            self.matrices.append(nn.Parameter(torch.full((ch, dims[i + 1], dims[i]), init)))
            self.biases.append(nn.Parameter(torch.rand(ch, dims[i + 1], 1) - 0.5))
            if i < len(filters):
                self.factors.append(nn.Parameter(torch.zeros(ch, dims[i + 1], 1)))

    def logits(self, x):
        """x: (C, 1, K) -> (C, 1, K) cumulative logits."""
        for i, matrix in enumerate(self.matrices):
            x = torch.matmul(F.softplus(matrix), x) + self.biases[i]
            if i < len(self.factors):
                x = x + torch.tanh(self.factors[i]) * torch.tanh(x)
        return x

    def likelihood(self, z):
        """z: (N, C, H, W) -> per-element probability of the unit bin around z."""
        n, c, h, w = z.shape
        v = z.permute(1, 0, 2, 3).reshape(c, 1, -1)
        lower = self.logits(v - 0.5)
        upper = self.logits(v + 0.5)
        # sigmoid(u) - sigmoid(l), computed on the side of the median where it is accurate.
        sign = -torch.sign(lower + upper).detach()
        p = torch.abs(torch.sigmoid(sign * upper) - torch.sigmoid(sign * lower))
        return p.reshape(c, n, h, w).permute(1, 0, 2, 3)


def gaussian_likelihood(r, scale):
    """P(r in [r-.5, r+.5]) under N(0, scale), evaluated on the lower tail for accuracy."""
    r = torch.abs(r)
    upper = (0.5 - r) / scale
    lower = (-0.5 - r) / scale
    c = 1 / math.sqrt(2)
    return 0.5 * (torch.erfc(-c * upper) - torch.erfc(-c * lower))


def checkerboard_mask(h, w, device=None):
    """1 at anchor positions ((row + col) even), 0 elsewhere; shape (1, 1, h, w)."""
    rows = torch.arange(h, device=device).view(h, 1)
    cols = torch.arange(w, device=device).view(1, w)
    return ((rows + cols) % 2 == 0).float().view(1, 1, h, w)


class LicImageModel(nn.Module):
    def __init__(self, m=192, cz=128):
        super().__init__()
        self.m = m
        self.cz = cz
        self.g_a = Analysis(m)
        self.g_s = Synthesis(m)
        self.h_a = HyperAnalysis(m, cz)
        self.h_mean = HyperMean(m, cz)
        self.ctx_mean = ContextMean(m)
        self.scale_net = ScaleNet(m, cz)
        self.z_density = FactorizedDensity(cz)
        levels = len(LAMBDAS)
        # Gains start spread so that higher lambdas quantise finer.
        init = torch.tensor([0.5 * math.log(l / LAMBDAS[4]) for l in LAMBDAS]).view(levels, 1)
        self.log_gain = nn.Parameter(init.repeat(1, m).clone())
        self.log_inv_gain = nn.Parameter(-init.repeat(1, m).clone())
        step = (math.log(SCALE_MAX) - math.log(SCALE_MIN)) / (SCALE_LEVELS - 1)
        self.register_buffer("log_scale_min", torch.tensor(math.log(SCALE_MIN)))
        self.register_buffer("log_scale_step", torch.tensor(step))
        # Set by set_scale_override: a callable replacing scale_net's float forward (fake-quantised
        # or exact integer). Kept out of the module tree so that state_dict never holds it.
        self.__dict__["quantized_scale_net"] = None

    def set_scale_override(self, fn):
        self.__dict__["quantized_scale_net"] = fn

    def gains(self, q):
        """q: (N,) float quality position in [0, levels-1]; geometric interpolation between
        neighbouring levels. Returns (gain, inv_gain), each (N, M, 1, 1)."""
        lo = torch.clamp(torch.floor(q), 0, len(LAMBDAS) - 2).long()
        t = (q - lo.float()).view(-1, 1)
        g = self.log_gain[lo] * (1 - t) + self.log_gain[lo + 1] * t
        ig = self.log_inv_gain[lo] * (1 - t) + self.log_inv_gain[lo + 1] * t
        return torch.exp(g)[:, :, None, None], torch.exp(ig)[:, :, None, None]

    def scale_index(self, z_hat, hard):
        if self.quantized_scale_net is not None:
            idx = self.quantized_scale_net(z_hat)
        else:
            idx = self.scale_net(z_hat)
        idx = torch.clamp(idx, 0, SCALE_LEVELS - 1)
        return round_ste(idx) if hard else idx

    def scales_from_index(self, idx):
        return torch.exp(self.log_scale_min + idx * self.log_scale_step)

    def forward(self, x, q, hard_scales=False, eval_mode=False, soft_scales=False):
        """Returns x_hat, bits of y, bits of z (each (N,)), for quality positions q (N,).

        Training: rate from additive uniform noise, reconstruction from straight-through
        rounding. eval_mode: true rounding everywhere (the estimate of the coded size).
        """
        gain, inv_gain = self.gains(q)
        y_hat, bits_y, bits_z = self.code_latent(self.g_a(x) * gain, hard_scales, eval_mode, soft_scales)
        return self.g_s(y_hat * inv_gain), bits_y, bits_z

    def code_latent(self, y, hard_scales=False, eval_mode=False, soft_scales=False, condition_mean=None):
        """The latent coder: y (already times the gain) -> (y^, bits of y, bits of z).

        condition_mean: a function H -> H' applied to the hyper mean before the context model (the
        P-frame model's conditioning on its prediction); the scales never see it.
        """
        z = self.h_a(y)
        z_hat = torch.round(z) if eval_mode else round_ste(z)
        z_for_rate = z_hat if eval_mode else z + torch.empty_like(z).uniform_(-0.5, 0.5)
        z_lik = lower_bound(self.z_density.likelihood(z_for_rate), 1e-9)

        # soft_scales: the float network's continuous scale, the reference that integerisation
        # (index rounding, int8 weights) is measured against.
        idx = self.scale_index(z_hat, hard=(hard_scales or eval_mode) and not soft_scales)
        scales = self.scales_from_index(idx)
        hyper_mean = self.h_mean(z_hat)
        if condition_mean is not None:
            hyper_mean = condition_mean(hyper_mean)
        mask = checkerboard_mask(y.shape[2], y.shape[3], y.device)
        # Anchors first: their means come from the hyperprior alone.
        y_hat_anchor = (round_ste(y - hyper_mean) + hyper_mean) * mask
        if eval_mode:
            y_hat_anchor = (torch.round(y - hyper_mean) + hyper_mean) * mask
        ctx_mean = self.ctx_mean(hyper_mean, y_hat_anchor)
        mean = hyper_mean * mask + ctx_mean * (1 - mask)
        residual = y - mean
        if eval_mode:
            r_hat = torch.round(residual)
            r_rate = r_hat
        else:
            r_hat = round_ste(residual)
            r_rate = residual + torch.empty_like(residual).uniform_(-0.5, 0.5)
        y_hat = r_hat + mean
        y_lik = lower_bound(gaussian_likelihood(r_rate, scales), 1e-9)
        bits_y = -torch.log2(y_lik).sum(dim=(1, 2, 3))
        bits_z = -torch.log2(z_lik).sum(dim=(1, 2, 3))
        return y_hat, bits_y, bits_z


def latent_channels(state):
    """M, the channel count of y, of a saved state dict."""
    return state["log_gain"].shape[1]


def model_from_weights(weights):
    """A float32 LicImageModel from a saved weights dict (float16 or float32; saved with fewer
    quality levels is fine, see migrate_levels)."""
    weights = {k: v.float() if v.is_floating_point() else v for k, v in weights.items()}
    migrate_levels(weights)
    model = LicImageModel(m=latent_channels(weights))
    model.load_state_dict(weights)
    return model


def rounded_model(state, ema):
    """The model of a checkpoint in eval mode, its weights rounded to float16: the graphs store
    float16 weights, so golden vectors and checks are computed with exactly the weights ONNX
    Runtime will use."""
    model = model_from_weights(state["ema" if ema else "model"])
    model.eval()
    with torch.no_grad():
        for p_ in model.parameters():
            p_.copy_(p_.half().float())
    return model
