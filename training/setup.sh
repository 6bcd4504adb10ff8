#!/usr/bin/env bash
# Installs what the training pipeline needs on Debian 12 (no PyPI here: Debian's packages only).
set -euo pipefail
if ! /usr/bin/python3 -c 'import torch, onnx, PIL, numpy, pytest' 2>/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-torchvision \
      python3-onnx python3-pil python3-numpy python3-pytest libopenblas0-openmp libtcmalloc-minimal4
fi
