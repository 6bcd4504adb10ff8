"""The GPU burst path (training/gpu/), on the CPU: the data pack, two burst steps whose weights file
the CPU trainer and the export can load, and the sparse checkout that lets a job travel."""

import os
import shutil

import numpy as np
import pytest
import torch
from PIL import Image, features

from training.gpu import burst, common, pack, travel
from training.model import LicImageModel, model_from_weights, rounded_model
from training.tests.conftest import ROOT
from training.tests.gpu_helpers import (assert_restored, assert_stage_shows_the_command, burst_config, burst_log,
                                        committed_repo, write, write_photos)
from training.tests.test_stages import lr_of

WEIGHTS = os.path.join(ROOT, "training", "checkpoints", "lic-image-v1.pt")
CPU_LOG = os.path.join(ROOT, "training", "logs", "lic-image-v1.csv")
needs_webp = pytest.mark.skipif(not features.check("webp"), reason="this Pillow has no WebP (the pack's format)")


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """35 photos in images (the 34th is the validation one) and 6 in images-2k (the 3rd and 6th
    are held out), each 2 x 2 tiles of 64 or 1 tile of 128."""
    root = str(tmp_path_factory.mktemp("train"))
    write_photos(root, "images", 35, (130, 140), seed=1)
    write_photos(root, "images-2k", 6, (140, 130), seed=2)
    return root


@needs_webp
def test_the_pack_holds_lossless_tiles_of_the_training_split_only(photos):
    built = pack.build(photos, ["images", "images-2k"], 64, 10.0, seed=3, log=lambda _: None)
    sources = built["sources"]
    assert "images/photo-33.png" not in sources  # validation (every 34th)
    assert not {"images-2k/photo-02.png", "images-2k/photo-05.png"} & set(sources)  # held out
    assert len(sources) == (34 + 4) * 4 and len(set(sources)) == 38
    # The first round holds every photo once, before any photo's second tile.
    assert len(set(sources[:38])) == 38
    decoded = pack.tiles(built)
    for i in (0, 17, len(sources) - 1):
        with Image.open(os.path.join(photos, sources[i])) as im:
            source = np.asarray(im.convert("RGB"))
        top, left = built["boxes"][i].tolist()
        assert np.array_equal(decoded[i].numpy(), source[top:top + 64, left:left + 64])
    again = pack.build(photos, ["images", "images-2k"], 64, 10.0, seed=3, log=lambda _: None)
    assert again["sources"] == sources and torch.equal(again["data"], built["data"])
    small = pack.build(photos, ["images", "images-2k"], 64, 0.05, seed=3, log=lambda _: None)
    assert 0 < len(small["sources"]) < len(sources) and small["data"].numel() <= 0.05 * 2 ** 20


@pytest.fixture(scope="module")
def two_steps(photos, tmp_path_factory):
    """Two burst steps of batch 8 on the CPU, the second one past the final drop."""
    if not os.path.exists(WEIGHTS):
        pytest.skip(f"no {WEIGHTS}")
    work = tmp_path_factory.mktemp("burst")
    pack_path = str(work / "pack.pt")
    main_pack = pack.build(photos, ["images", "images-2k"], 128, 10.0, seed=0, log=lambda _: None)
    torch.save(main_pack, pack_path)
    out = str(work / "out")
    burst.main(["--device", "cpu", "--steps", "2", "--batch", "8", "--crop", "64", "--pack", pack_path,
                "--out", out, "--lr", "1e-3", "--warmup", "2", "--final-fraction", "0.5", "--ema-decay", "0",
                "--log-every", "1", "--threads", "2"])
    return out


@needs_webp
def test_two_cpu_steps_write_weights_that_the_cpu_trainer_and_the_export_load(two_steps):
    before = torch.load(WEIGHTS)
    path = os.path.join(two_steps, "lic-image-v1.pt")
    assert os.path.getsize(path) < 16 * 2 ** 20
    after = torch.load(path)
    assert set(before) <= set(after) and after["gpu_burst"]["gpu_steps"] == 2
    assert after["step"] == before["step"] + 2  # two steps of batch 8 stand for two CPU steps
    assert after["train_seconds"] > before["train_seconds"]
    assert set(after["model"]) == set(before["model"]) and set(after["ema"]) == set(after["model"])
    assert all(v.dtype == torch.float16 for v in after["model"].values())
    changed = [k for k in before["model"] if not torch.equal(before["model"][k], after["model"][k])]
    assert "g_a.net.0.weight" in changed and "g_s.net.7.conv.weight" in changed and "log_gain" in changed
    # training.train resumes a weights file this way (strict), training.export this way.
    LicImageModel(m=192).load_state_dict({k: v.float() for k, v in after["model"].items()})
    model_from_weights(after["ema"])
    rounded_model(after, ema=True)


@needs_webp
def test_the_burst_log_has_the_cpu_columns_and_its_stage_config_gives_its_rates(two_steps, capsys):
    rows = burst_log(os.path.join(two_steps, "lic-image-v1-gpu.csv"), CPU_LOG)
    config_path, config = burst_config(two_steps, "gpu-burst")
    start = int(torch.load(WEIGHTS)["step"])
    assert config["from_step"] == start and config["to_step"] == int(rows[-1]["step"]) == start + 2
    assert config["train"]["lr_drops"] == [[start + 1, 1e-3 * 0.3]]
    assert [r["lr"] for r in rows] == ["5.00e-04", "3.00e-04"]  # warm-up 1/2, then the final drop
    for row in rows:
        assert f"{lr_of(config, int(row['step']) - 1):.2e}" == row["lr"]
    assert_stage_shows_the_command(config_path, "python3 -m training.gpu.burst --device cpu --steps 2", capsys)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_prepare_takes_what_a_burst_does_not_read_out_of_the_tree_and_restore_brings_it_back(tmp_path, capsys):
    files = {"models/lic-image-v1/synthesis.onnx": 300_000, "conformance/streams/a.lic": 100_000,
             "training/checkpoints/lic-pframe-v1.pt": 200_000, "training/checkpoints/lic-image-v1.pt": 100_000,
             "docs/rd.png": 50_000, "docs/sub/kept.png": 10_000, "training/x.py": 100}
    repo = committed_repo(str(tmp_path / "repo"), files, ["training/gpu/pack"])
    write(os.path.join(repo, "training/gpu/pack/pack.pt"), 150_000)  # ignored: travels as carry
    write(os.path.join(repo, "training/checkpoints/lic-pframe-v1.pt"), 200_000, b"y")  # a trainer's newer copy

    parts = travel.measure(repo, ["training/gpu/pack"], prepared=True)
    assert sum(parts.values()) == 200_000 + 100_000 + 10_000 + 100 + 20 + 150_000
    assert parts["training/checkpoints/lic-pframe-v1.pt (modified: stays)"] == 200_000
    with pytest.raises(SystemExit, match="over 0.4 MiB, nothing changed"):
        travel.main(["prepare", "--repo", repo, "--limit-mib", "0.4"])
    assert os.path.exists(os.path.join(repo, "models/lic-image-v1/synthesis.onnx"))

    travel.main(["prepare", "--repo", repo, "--limit-mib", "1"])
    present = {n for n in files if os.path.exists(os.path.join(repo, n))}
    assert present == {"training/checkpoints/lic-pframe-v1.pt", "training/checkpoints/lic-image-v1.pt",
                       "docs/sub/kept.png", "training/x.py"}
    assert "travels now (prepared): 0.44 MiB" in capsys.readouterr().out

    travel.main(["restore", "--repo", repo])
    assert_restored(repo, files)
    with open(os.path.join(repo, "training/checkpoints/lic-pframe-v1.pt"), "rb") as f:
        assert f.read(1) == b"y"  # the newer copy is kept
    assert not os.path.exists(os.path.join(repo, ".git", travel.MARKER))
    travel.main(["restore", "--repo", repo])  # nothing to restore: says so
    assert "nothing to restore" in capsys.readouterr().out


def test_a_non_finite_loss_stops_the_burst_without_writing():
    assert common.finite([69500, 24.1, "1.41e-04", 1.2]) == [69500, 24.1, "1.41e-04", 1.2]
    with pytest.raises(SystemExit, match="stopped without writing"):
        common.finite([69500, 24.1, "1.41e-04", float("nan")])
