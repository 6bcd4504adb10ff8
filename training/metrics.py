"""Image quality metrics on RGB tensors in [0, 1]: PSNR over all three channels and MS-SSIM."""

import math

import torch
import torch.nn.functional as F

MS_SSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def psnr(x, y):
    """RGB-PSNR of 8-bit images given in [0,1]: MSE over all channels."""
    mse = float(torch.mean((x - y) ** 2))
    return 10 * math.log10(1.0 / max(mse, 1e-12))


def _gaussian_window(size=11, sigma=1.5, channels=3):
    v = torch.arange(size, dtype=torch.float64) - (size - 1) / 2
    g = torch.exp(-(v ** 2) / (2 * sigma ** 2))
    g = g / g.sum()
    w = (g[:, None] * g[None, :]).float()
    return w.expand(channels, 1, size, size).contiguous()


def _ssim_components(x, y, window):
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    ch = x.shape[1]
    mu_x = F.conv2d(x, window, groups=ch)
    mu_y = F.conv2d(y, window, groups=ch)
    sxx = F.conv2d(x * x, window, groups=ch) - mu_x ** 2
    syy = F.conv2d(y * y, window, groups=ch) - mu_y ** 2
    sxy = F.conv2d(x * y, window, groups=ch) - mu_x * mu_y
    cs = (2 * sxy + c2) / (sxx + syy + c2)
    ssim = ((2 * mu_x * mu_y + c1) / (mu_x ** 2 + mu_y ** 2 + c1)) * cs
    return ssim.mean(), cs.mean()


def ms_ssim(x, y):
    """MS-SSIM (Wang et al. 2003), 5 scales, 11x11 Gaussian window, on (1,3,H,W) in [0,1]."""
    window = _gaussian_window(channels=x.shape[1])
    values = []
    for i, _ in enumerate(MS_SSIM_WEIGHTS):
        ssim, cs = _ssim_components(x, y, window)
        if i < len(MS_SSIM_WEIGHTS) - 1:
            values.append(torch.relu(cs))
            x = F.avg_pool2d(x, 2)
            y = F.avg_pool2d(y, 2)
        else:
            values.append(torch.relu(ssim))
    out = torch.ones(())
    for v, w in zip(values, MS_SSIM_WEIGHTS):
        out = out * v ** w
    return float(out)
