"""The ONNX graphs of a model bundle and how they are written: shared by training.export (the
bundle) and training.export_refine (the encoder's refinement graph), which import this module and
not each other.
"""

import hashlib

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import helper, numpy_helper, TensorProto

OPSET = 17


class EncoderGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, gain):
        # y alone: ONNX Runtime computes every output of a graph whichever are fetched, and the
        # codec runs h_a on its own graph anyway, once per quality it tries.
        return self.model.g_a(x) * gain


class SynthesisGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, y_hat, inv_gain):
        return self.model.g_s(y_hat * inv_gain)


def export_onnx(module, args, path, input_names, output_names, dynamic):
    module.eval()
    torch.onnx.export(module, args, path, opset_version=OPSET, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic, do_constant_folding=True)
    to_fp16_storage(path)


def to_fp16_storage(path):
    """Stores every float32 initializer as float16 behind a Cast to float32: half the size, and
    the graph still computes in float32 (ONNX Runtime folds the casts once at session start)."""
    m = onnx.load(path)
    g = m.graph
    new_inits = []
    casts = []
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT and len(init.dims) > 0:
            arr = numpy_helper.to_array(init).astype(np.float16)
            half_name = init.name + "__fp16"
            new_inits.append(numpy_helper.from_array(arr, half_name))
            casts.append(helper.make_node("Cast", [half_name], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "__cast"))
        else:
            new_inits.append(init)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
