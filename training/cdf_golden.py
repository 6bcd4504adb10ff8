"""Writes the inputs of the shipped bundle's CDF tables, for the Java cross test
(entropy/src/test/java/org/lic4j/entropy/ShippedTablesCrossTest.java): the masses that
training.cdf.quantise_masses turned into the y and z tables of models/lic-image-v1/entropy.lict.

    git show 94505fe:training/checkpoints/lic-image-v1.pt > /tmp/lic-image-v1-62923.pt
    /usr/bin/python3 -m training.cdf_golden --weights /tmp/lic-image-v1-62923.pt --ema

The y masses depend on the scale table alone; the z masses on the learned density of the weights
the bundle was exported from (step 62923, commit 94505fe: the checkpoint in git has moved on since),
which is why they are stored and not recomputed by the test. Each float64 mass is stored as the
int64 of its bits (LICT has no float64), all tables of one latent concatenated, escape last.
The script refuses to write unless every table it recomputes equals the bundle's.
"""

import argparse
import os

import numpy as np
import torch

from training import cdf, tensorfile
from training.model import rounded_model, scale_table

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BUNDLE = os.path.normpath(os.path.join(HERE, "..", "models", "lic-image-v1"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "entropy", "src", "test", "resources", "org", "lic4j", "entropy",
                           "lic-image-v1-cdf-inputs.lict"))


def full_masses(pmf):
    """The masses quantise_pmf hands to quantise_masses: the in-range pmf, then the escape."""
    pmf = np.asarray(pmf, dtype=np.float64)
    return np.concatenate([pmf, [max(0.0, 1.0 - float(pmf.sum()))]])


def pack(prefix, pmfs, shipped):
    masses, lengths, offsets = [], [], []
    for i, (pmf, offset) in enumerate(pmfs):
        p = full_masses(pmf)
        n = int(shipped[prefix + "_cdf_length"][i])
        table = cdf.quantise_masses(p)
        if len(table) != n or not np.array_equal(table, shipped[prefix + "_cdf"][i, :n]) \
                or offset != int(shipped[prefix + "_cdf_offset"][i]):
            raise SystemExit(f"{prefix} table {i}: these inputs do not give the shipped table "
                             "(are the weights those of the export?)")
        masses.append(p)
        lengths.append(len(p))
        offsets.append(offset)
    return {
        prefix + ".masses": np.concatenate(masses).view(np.int64),
        prefix + ".length": np.array(lengths, dtype=np.int32),
        prefix + ".offset": np.array(offsets, dtype=np.int32),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True, help="the checkpoint the bundle was exported from")
    p.add_argument("--ema", action="store_true", help="as the export was run: the moving average (key 'ema')")
    p.add_argument("--bundle", default=DEFAULT_BUNDLE)
    p.add_argument("--out", default=DEFAULT_OUT)
    args = p.parse_args()
    shipped = tensorfile.read(os.path.join(args.bundle, "entropy.lict"))
    model = rounded_model(torch.load(args.weights), args.ema)
    arrays = {"precision": np.array([cdf.PRECISION], dtype=np.int32)}
    arrays.update(pack("y", cdf.gaussian_pmfs(scale_table()), shipped))
    arrays.update(pack("z", cdf.factorized_pmfs(model.z_density, model.cz), shipped))
    tensorfile.write(args.out, arrays)
    print(f"{args.out}: {len(arrays['y.length'])} y and {len(arrays['z.length'])} z tables, "
          f"{os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
