"""Encoder-side latent refinement: a better y for the same decoder.

The analysis transform is amortised: one forward pass guesses the latent for any picture. Given the
picture, the encoder can do better by descending the rate-distortion loss of the *decoder* with
respect to y, with z (so the scales and the hyperprior means) held fixed:

    loss(y) = lambda(q) * 255^2 * MSE(g_s(y^ * inv_gain), x) + bits(y^) / pixels

Rounding has no useful gradient, so y^ is a soft rounding: stochastic Gumbel annealing (Yang,
Bamler and Mandt, "Improving Inference for Neural Image Compression", NeurIPS 2020). Each element
v = y - mean lies between floor(v) and floor(v) + 1 and is rounded up with weight

    w = sigmoid((atanh(d) - atanh(1 - d)) / tau + L),   d = v - floor(v),  L logistic noise,

soft(v) = floor(v) + w; the temperature tau falls during the descent, so w tends to the hard
rounding the decoder sees. Anchors are rounded against the hyperprior mean, non-anchors against
the context mean of the soft anchors, as in the codec. After the descent the encoder quantises the
refined y as usual: nothing in the stream or the decoder changes.

ONNX Runtime (what the Java encoder runs) has no automatic differentiation, so `RefineStep`
computes the gradient in closed form, layer by layer (transposed convolutions, the inverse
GDN's Jacobian, the soft rounding's and the Gaussian bin's derivatives), and is exported as
`refine.onnx`. `RefineStep.loss` is the same loss with autograd, which the test compares it with.
The descent itself (Adam, the temperature schedule, the noise) runs outside the graph: here in
`refine`, in Java in `LatentRefiner`; the two use the same constants.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from training.model import LAMBDAS, ResBlock, SimpleGDN, SubpixelConv, checkerboard_mask

# The descent's constants: shared with the Java encoder (docs/models.md, "Latent refinement").
LEARNING_RATE = 0.02
BETA1 = 0.9
BETA2 = 0.999
EPSILON = 1e-8
TAU_START = 0.5
TAU_DECAY = 1.5      # tau(i) = max(TAU_START * exp(-TAU_DECAY * i / iterations), TAU_MIN)
TAU_MIN = 0.05
ATANH_LIMIT = 1 - 1e-5
LIKELIHOOD_FLOOR = 1e-9


def tau_at(i, iterations):
    return max(TAU_START * math.exp(-TAU_DECAY * i / iterations), TAU_MIN)


def erfc(x):
    """Complementary error function with relative error < 1.2e-7 everywhere (the Chebyshev fit of
    Numerical Recipes' erfcc), from elementary operations only: ONNX has Erf but no Erfc, and
    1 - erf(x) loses the tail that the rate of an outlier depends on."""
    a = torch.abs(x)
    t = 1.0 / (1.0 + 0.5 * a)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    r = t * torch.exp(-a * a + poly)
    return torch.where(x >= 0, r, 2.0 - r)


def _atanh(x):
    # torch.atanh has no ONNX export in torch 1.13.
    return 0.5 * torch.log((1 + x) / (1 - x))


def _lrelu_grad(pre):
    return torch.where(pre > 0, torch.ones_like(pre), torch.full_like(pre, 0.1))


class RefineStep(nn.Module):
    """(y, x, hyper_mean, scale, inv_gain, anchor_mask, noise, tau, lam) -> (grad, loss).

    y, hyper_mean, scale, noise: (1, M, h, w); x: (1, 3, 16h, 16w) in [0, 1]; inv_gain: (1, M, 1, 1);
    anchor_mask: (1, 1, h, w), 1 at anchors; tau, lam: (1,). loss = lam * 255^2 * MSE + bits / pixels.
    """

    def __init__(self, model):
        super().__init__()
        self.g_s = model.g_s
        self.ctx_mean = model.ctx_mean
        self.m = model.m
        gs = model.g_s
        self.layers = [gs.net[0], gs.net[1], gs.net[2], gs.net[3], gs.net[4], gs.quarter,
                       gs.net[5], gs.net[6], gs.net[7]]

    # -- soft rounding ---------------------------------------------------------------------------
    @staticmethod
    def _soft_round(v, noise, tau):
        """soft(v) and d soft / d v."""
        fl = torch.floor(v)
        d = v - fl
        e = 1 - d
        dc = torch.clamp(d, max=ATANH_LIMIT)
        ec = torch.clamp(e, max=ATANH_LIMIT)
        s = _atanh(dc) - _atanh(ec)
        # The derivative of atanh(clamp(.)): 0 where the clamp holds (v an integer, or next to one).
        ds = (d <= ATANH_LIMIT).float() / (1 - dc * dc) + (e <= ATANH_LIMIT).float() / (1 - ec * ec)
        w = torch.sigmoid(s / tau + noise)
        return fl + w, w * (1 - w) * ds / tau

    # -- rate --------------------------------------------------------------------------------------
    @staticmethod
    def _bits(r, scale):
        """Bits of each soft residual under N(0, scale) with unit bins, and d bits / d r."""
        a = torch.abs(r)
        k = 1 / math.sqrt(2)
        u = (0.5 - a) / scale
        lo = (-0.5 - a) / scale
        p = 0.5 * (erfc(-k * u) - erfc(-k * lo))
        p = torch.clamp(p, min=LIKELIHOOD_FLOOR)
        pdf_u = torch.exp(-0.5 * u * u)
        pdf_l = torch.exp(-0.5 * lo * lo)
        grad_a = (pdf_u - pdf_l) / (math.sqrt(2 * math.pi) * math.log(2) * scale * p)
        return -torch.log2(p), torch.sign(r) * grad_a

    # -- synthesis forward with saved activations, and its vector-Jacobian product ----------------
    def _synthesis(self, y):
        saved = []
        for layer in self.layers:
            saved.append(y)
            y = layer(y)
        return y, saved

    @staticmethod
    def _gdn_params(gdn):
        return gdn.beta.clamp_min(0) + 1e-6, gdn.gamma.clamp_min(0)

    def _synthesis_vjp(self, g, saved):
        for layer, inp in zip(reversed(self.layers), reversed(saved)):
            if isinstance(layer, SubpixelConv):
                g = F.conv_transpose2d(F.pixel_unshuffle(g, 2), layer.conv.weight, padding=1)
            elif isinstance(layer, SimpleGDN):
                beta, gamma = self._gdn_params(layer)
                norm = F.conv2d(torch.abs(inp), gamma, beta)
                g = g * norm + torch.sign(inp) * F.conv2d(g * inp, gamma.transpose(0, 1))
            elif isinstance(layer, ResBlock):
                b = layer.c1(F.leaky_relu(inp, 0.1))
                gc = F.conv_transpose2d(g, layer.c2.weight, padding=1) * _lrelu_grad(b)
                g = g + F.conv_transpose2d(gc, layer.c1.weight, padding=1) * _lrelu_grad(inp)
            else:
                raise TypeError(type(layer))
        return g

    def _context_vjp(self, g, hyper_mean, y_anchor):
        c = self.ctx_mean
        m = self.m  # a Python int: a size taken from the tensor would leave the kernel's shape unknown to the ONNX export
        k = c.ctx(y_anchor)
        pre = c.fuse[0](torch.cat([hyper_mean, k], dim=1))
        g = F.conv_transpose2d(g, c.fuse[2].weight) * _lrelu_grad(pre)
        g = F.conv_transpose2d(g, c.fuse[0].weight[:, m:])
        return F.conv_transpose2d(g, c.ctx.weight, padding=1)

    def _soft_latent(self, y, hyper_mean, mask, noise, tau):
        """The soft-rounded residual r (anchors against the hyper mean, non-anchors against the
        context mean of the soft anchors), the mean, the soft anchors, and both derivatives."""
        soft_a, ds_a = self._soft_round(y - hyper_mean, noise, tau)
        y_anchor = (soft_a + hyper_mean) * mask
        mean = hyper_mean * mask + self.ctx_mean(hyper_mean, y_anchor) * (1 - mask)
        soft_n, ds_n = self._soft_round(y - mean, noise, tau)
        return soft_a * mask + soft_n * (1 - mask), mean, y_anchor, ds_a, ds_n

    def forward(self, y, x, hyper_mean, scale, inv_gain, anchor_mask, noise, tau, lam):
        mask = anchor_mask
        r, mean, y_anchor, ds_a, ds_n = self._soft_latent(y, hyper_mean, mask, noise, tau)
        y_hat = r + mean
        x_hat, saved = self._synthesis(y_hat * inv_gain)
        pixels = x.shape[2] * x.shape[3]
        diff = x_hat - x
        weight = lam * 255.0 ** 2
        bits, dbits = self._bits(r, scale)
        loss = weight * torch.mean(diff * diff) + torch.sum(bits) / pixels
        # Backward.
        g_yhat = self._synthesis_vjp(diff * (2 * weight / diff.numel()), saved) * inv_gain
        g_r = g_yhat + dbits / pixels
        g_mean = (g_yhat - g_r * ds_n) * (1 - mask)
        g_anchor = self._context_vjp(g_mean, hyper_mean, y_anchor) * mask
        grad = g_r * (ds_a * mask + ds_n * (1 - mask)) + g_anchor * ds_a
        return grad, loss.reshape(1)

    def loss(self, y, x, hyper_mean, scale, inv_gain, anchor_mask, noise, tau, lam):
        """The same loss through autograd (for the test of the closed-form gradient)."""
        r, mean, _, _, _ = self._soft_latent(y, hyper_mean, anchor_mask, noise, tau)
        x_hat = self.g_s((r + mean) * inv_gain)
        bits, _ = self._bits(r, scale)
        return lam * 255.0 ** 2 * torch.mean((x_hat - x) ** 2) + torch.sum(bits) / (x.shape[2] * x.shape[3])


def logistic_noise(shape, generator):
    u = torch.rand(shape, generator=generator).clamp(1e-6, 1 - 1e-6)
    return torch.log(u) - torch.log1p(-u)


@torch.no_grad()
def refine(step, y, x, hyper_mean, scale, inv_gain, q, iterations, seed=0):
    """Adam on y for `iterations` steps; returns the refined y (gained domain)."""
    lam = torch.tensor([math.exp(_log_lambda(q))])
    mask = checkerboard_mask(y.shape[2], y.shape[3])
    gen = torch.Generator().manual_seed(seed)
    m = torch.zeros_like(y)
    v = torch.zeros_like(y)
    y = y.clone()
    for i in range(iterations):
        tau = torch.tensor([tau_at(i, iterations)])
        grad, _ = step(y, x, hyper_mean, scale, inv_gain, mask, logistic_noise(y.shape, gen), tau, lam)
        m.mul_(BETA1).add_(grad, alpha=1 - BETA1)
        v.mul_(BETA2).addcmul_(grad, grad, value=1 - BETA2)
        mh = m / (1 - BETA1 ** (i + 1))
        vh = v / (1 - BETA2 ** (i + 1))
        y -= LEARNING_RATE * mh / (torch.sqrt(vh) + EPSILON)
    return y


def _log_lambda(q):
    """lambda at a continuous quality position: geometric interpolation, as the gains."""
    levels = len(LAMBDAS)
    lo = min(int(math.floor(q)), levels - 2)
    t = q - lo
    return math.log(LAMBDAS[lo]) * (1 - t) + math.log(LAMBDAS[lo + 1]) * t


@torch.no_grad()
def code_refined(model, step, x, q, iterations, seed=0):
    """model.forward(eval_mode=True) with the latent refined first: (x_hat, bits of y, bits of z).
    z (so every scale and the hyperprior mean) is that of the unrefined latent."""
    from training.model import gaussian_likelihood, lower_bound
    gain, inv_gain = model.gains(torch.tensor([float(q)]))
    y = model.g_a(x) * gain
    z_hat = torch.round(model.h_a(y))
    bits_z = -torch.log2(lower_bound(model.z_density.likelihood(z_hat), LIKELIHOOD_FLOOR)).sum()
    scale = model.scales_from_index(model.scale_index(z_hat, hard=True))
    hyper_mean = model.h_mean(z_hat)
    if iterations > 0:
        y = refine(step, y, x, hyper_mean, scale, inv_gain, q, iterations, seed)
    mask = checkerboard_mask(y.shape[2], y.shape[3])
    y_anchor = (torch.round(y - hyper_mean) + hyper_mean) * mask
    mean = hyper_mean * mask + model.ctx_mean(hyper_mean, y_anchor) * (1 - mask)
    r = torch.round(y - mean)
    bits_y = -torch.log2(lower_bound(gaussian_likelihood(r, scale), LIKELIHOOD_FLOOR)).sum()
    return model.g_s((r + mean) * inv_gain), bits_y, bits_z


def check_gradient(model, seed=0):
    """Relative difference between RefineStep's closed-form gradient and autograd's, in float64,
    on random inputs whose bins stay above the likelihood floor (where the two differ by design).

        /usr/bin/python3 -m training.refine --weights training/checkpoints/lic-image-v1.pt
    """
    model = model.double().eval()
    for p in model.parameters():
        p.requires_grad_(False)
    step = RefineStep(model)
    g = torch.Generator().manual_seed(seed)
    h, w = 4, 6
    kw = dict(generator=g, dtype=torch.float64)
    mean = torch.randn(1, model.m, h, w, **kw)
    scale = torch.exp(torch.randn(1, model.m, h, w, **kw)) + 3.5
    y = mean + torch.randn(1, model.m, h, w, **kw)
    x = torch.rand(1, 3, 16 * h, 16 * w, **kw)
    inv_gain = torch.exp(0.2 * torch.randn(1, model.m, 1, 1, **kw))
    noise = logistic_noise(y.shape, g).double()
    args = (x, mean, scale, inv_gain, checkerboard_mask(h, w).double(), noise,
            torch.tensor([0.3], dtype=torch.float64), torch.tensor([0.013], dtype=torch.float64))
    grad, _ = step(y, *args)
    yv = y.clone().requires_grad_(True)
    (reference,) = torch.autograd.grad(step.loss(yv, *args), yv)
    return float((grad - reference).norm() / reference.norm())


if __name__ == "__main__":
    import argparse

    from training.model import model_from_weights

    parser = argparse.ArgumentParser(description="check RefineStep's gradient against autograd")
    parser.add_argument("--weights", required=True)
    args = parser.parse_args()
    torch.set_num_threads(2)
    difference = check_gradient(model_from_weights(torch.load(args.weights)["ema"]))
    print(f"closed-form gradient vs autograd: relative difference {difference:.2e}")
    raise SystemExit(0 if difference < 1e-6 else 1)
