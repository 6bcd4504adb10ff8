"""Writes scale-net-fixture.lict: a small random integer scale network and its outputs computed by
the normative reference, training/quantize.py:run_integer. It checks the Java IntegerScaleNetwork
against the Python reference with weights that do not depend on any training run.

    cd /work/main && OMP_NUM_THREADS=1 nice /usr/bin/python3 \
        transforms/src/test/python/make_scale_net_fixture.py \
        transforms/src/test/resources/org/lic4j/transforms/scale-net-fixture.lict

Layer shapes (as in lic-image-v1, narrower): c1 3x3 6->10, c2 3x3 10->16 then depth-to-space,
c3 3x3 4->20 then depth-to-space, c4 1x1 5->7; 64 index levels. Regenerate only on purpose.
"""

import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, ".")
from training import quantize, tensorfile  # noqa: E402

SHAPES = [("c1", 3, 6, 10, False), ("c2", 3, 10, 16, True), ("c3", 3, 4, 20, True),
          ("c4", 1, 5, 7, False)]
LEVELS = 64  # training.model.SCALE_LEVELS, which run_integer clamps to


def main(out):
    rng = np.random.default_rng(20240601)
    cases = []
    for h, w in ((3, 5), (1, 1), (2, 7)):
        z = rng.integers(-40, 41, size=(6, h, w))
        z[rng.random(z.shape) < 0.4] = 0
        z[0, 0, 0] = 300  # beyond the input clamp
        z[1, -1, -1] = -300
        cases.append(torch.from_numpy(z).double().unsqueeze(0))

    layers = []
    acts = [torch.clamp(c, -quantize.IN_MAX, quantize.IN_MAX) for c in cases]
    for i, (name, k, cin, cout, up) in enumerate(SHAPES):
        last = i == len(SHAPES) - 1
        weight = torch.from_numpy(rng.integers(-127, 128, size=(cout, cin, k, k))).long()
        acc = [F.conv2d(a, weight.double(), padding=k // 2) for a in acts]
        spread = float(torch.cat([x.flatten() for x in acc]).abs().quantile(0.9)) + 1
        bias = torch.from_numpy(rng.integers(-int(spread), int(spread) + 1, size=cout)).long()
        mult = torch.from_numpy(rng.integers(1 << 23, (1 << 24) + 1, size=cout)).long()
        target = LEVELS if last else quantize.ACT_MAX
        # Scale so that the typical accumulator lands inside the clamp range.
        shift = int(round(math.log2(spread * (1 << 24) / target)))
        layers.append({"name": name, "kernel": k, "weight": weight, "bias": bias, "mult": mult,
                       "shift": shift, "upsample": up, "last": last})
        nxt = []
        for a in acc:
            v = torch.div((a + bias.view(1, -1, 1, 1).double()).long() * mult.view(1, -1, 1, 1)
                          + (1 << (shift - 1)), 1 << shift, rounding_mode="floor").double()
            v = torch.clamp(v, 0, quantize.ACT_MAX)
            nxt.append(F.pixel_shuffle(v, 2) if up else v)
        acts = nxt

    arrays = {}
    for layer in layers:
        p = "scale_net." + layer["name"] + "."
        arrays[p + "weight"] = layer["weight"].numpy().astype(np.int8)
        arrays[p + "bias"] = layer["bias"].numpy().astype(np.int32)
        arrays[p + "mult"] = layer["mult"].numpy().astype(np.int32)
        arrays[p + "shift"] = np.array([layer["shift"]], dtype=np.int32)
    for i, z in enumerate(cases):
        idx = quantize.run_integer(layers, z)
        arrays[f"case{i}.z"] = z[0].numpy().astype(np.int32)
        arrays[f"case{i}.index"] = idx[0].numpy().astype(np.int8)
        values = np.unique(arrays[f"case{i}.index"])
        print(f"case{i}: z {tuple(z.shape[1:])} -> index {tuple(idx.shape[1:])}, "
              f"{len(values)} distinct values in [{values.min()}, {values.max()}]")
    tensorfile.write(out, arrays)


if __name__ == "__main__":
    main(sys.argv[1])
