"""Paths the tests share: the shipped bundle and the Java tests' fixtures (run from any directory)."""

import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BUNDLE = os.path.join(ROOT, "models", "lic-image-v1")
CDF_INPUTS = os.path.join(ROOT, "entropy", "src", "test", "resources", "org", "lic4j", "entropy",
                          "lic-image-v1-cdf-inputs.lict")
SCALE_NET_FIXTURE = os.path.join(ROOT, "transforms", "src", "test", "resources", "org", "lic4j", "transforms",
                                 "scale-net-fixture.lict")

if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
