"""Multiply-accumulates per pixel of each part of the model (convolutions; the 1x1 GDN
convolutions included), measured with forward hooks on a 768x512 input.

    /usr/bin/python3 -m training.macs
"""

import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from training.model import LicImageModel, SimpleGDN


def count(module, *inputs):
    total = [0]

    def conv_hook(m, inp, out):
        k = m.kernel_size[0] * m.kernel_size[1]
        total[0] += out.numel() // out.shape[0] * (m.in_channels // m.groups) * k

    def gdn_hook(m, inp, out):
        c = out.shape[1]
        total[0] += out.numel() // out.shape[0] * c

    hooks = []
    for sub in module.modules():
        if isinstance(sub, nn.Conv2d):
            hooks.append(sub.register_forward_hook(conv_hook))
        elif isinstance(sub, SimpleGDN):
            hooks.append(sub.register_forward_hook(gdn_hook))
    with torch.no_grad():
        module(*inputs)
    for h in hooks:
        h.remove()
    return total[0]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--latent-channels", type=int, default=192)
    m = LicImageModel(m=p.parse_args().latent_channels).eval()
    h, w = 512, 768
    px = h * w
    x = torch.rand(1, 3, h, w)
    y = torch.rand(1, m.m, h // 16, w // 16)
    z = torch.rand(1, 128, h // 64, w // 64)
    parts = {
        "analysis g_a": count(m.g_a, x),
        "hyper analysis h_a": count(m.h_a, y),
        "hyper mean h_mean": count(m.h_mean, z),
        "context mean": count(m.ctx_mean, y, y),
        "integer scale network": count(m.scale_net, z),
        "synthesis g_s": count(m.g_s, y),
    }
    for k, v in parts.items():
        print(f"{k:24s} {v / px:10.0f} MACs/pixel")
    enc = sum(parts.values()) - parts["synthesis g_s"]
    dec = parts["hyper mean h_mean"] + parts["context mean"] + parts["integer scale network"] + parts["synthesis g_s"]
    print(f"{'encoder (no synthesis)':24s} {enc / px:10.0f} MACs/pixel")
    print(f"{'decoder':24s} {dec / px:10.0f} MACs/pixel")
    print(f"parameters: {sum(p.numel() for p in m.parameters()) / 1e6:.2f} M")


if __name__ == "__main__":
    main()
