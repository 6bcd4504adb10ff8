"""Multiply-accumulates per pixel of each part of the image model and of the P-frame model's decoder,
without and with its full-resolution synthesis path (convolutions; the 1x1 GDN convolutions
included), measured with forward hooks on a 768x512 input.

    /usr/bin/python3 -m training.macs
"""

import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from training.model import LicImageModel, SimpleGDN
from training.pframe_model import LicPFrameModel


def count(module, *inputs, run=None):
    """MACs of module(*inputs), or of run(*inputs) counting module's layers (a path through a
    model that is not one module's forward)."""
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
        (run or module)(*inputs)
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

    # The P-frame decoder: the image decoder's parts, the prediction's features, the injections
    # into the mean and the synthesis (the synthesis counted with its injections); then the
    # model with the full-resolution synthesis path (stage 3 on), whose synthesis also takes pred.
    for full_res in (False, True):
        pf = LicPFrameModel(m=m.m, full_res=full_res).eval()
        f2, f4, f16 = pf.pred_features(x)
        hyper = torch.rand(1, m.m, h // 16, w // 16)
        p_parts = {
            "prediction features": count(pf.pred_features, x),
            "mean injection": count(pf.mean_inject, hyper, f16),
            "synthesis + injections": count(pf, y, f4, f2, x, run=pf.synthesis),
        }
        print()
        print("P-frame model" + (" with the full-resolution synthesis path" if full_res else ""))
        if full_res:
            print(f"{'full-resolution path':24s} {count(pf.synthesis_full, x, x) / px:10.0f} MACs/pixel "
                  "(within the synthesis)")
        for k, v in p_parts.items():
            print(f"{k:24s} {v / px:10.0f} MACs/pixel")
        p_dec = dec - parts["synthesis g_s"] + sum(p_parts.values())
        print(f"{'P-frame decoder':24s} {p_dec / px:10.0f} MACs/pixel ({p_dec / dec:.2f} x the image decoder; "
              "plus the integer warp, a few integer operations per sample)")
        p_enc = (count(pf, x, x, f4, run=pf.analysis) + parts["hyper analysis h_a"] + p_dec
                 - p_parts["synthesis + injections"])
        print(f"{'P-frame encoder':24s} {p_enc / px:10.0f} MACs/pixel (no synthesis; motion estimation not counted)")
        print(f"P-frame parameters: {sum(p.numel() for p in pf.parameters()) / 1e6:.2f} M "
              f"({sum(p.numel() for p in pf.new_parameters()) / 1e6:.2f} M new)")


if __name__ == "__main__":
    main()
