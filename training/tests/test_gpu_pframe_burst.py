"""The P-frame GPU burst path (training/gpu/pframe_pack.py, pframe_burst.py, travel.py --burst pframe),
on the CPU: the pack holds the training split only and decodes to what video_data reads, two burst
steps write weights that train_pframe's resume and the export load, the log's rates are its stage
config's, motion in a pool is motion.estimate's, and the P burst's sparse checkout keeps both
checkpoints."""

import glob
import os
import shutil

import numpy as np
import pytest
import torch
from PIL import Image, features

from training import export_pframe, motion, video_data
from training.gpu import pframe_burst, pframe_pack, travel
from training.loop import lr_at
from training.pframe_model import has_full_res, load_pframe_weights
from training.tests.conftest import ROOT
from training.tests.gpu_helpers import (assert_restored, assert_stage_shows_the_command, burst_config, burst_log,
                                        committed_repo, write, write_photos)
from training.tests.test_video_data import random_planes, write_y4m
from training.train_pframe import prediction_from

WEIGHTS = os.path.join(ROOT, "training", "checkpoints", "lic-pframe-v1.pt")
IMAGE_WEIGHTS = os.path.join(ROOT, "training", "checkpoints", "lic-image-v1.pt")
CPU_LOG = os.path.join(ROOT, "training", "logs", "lic-pframe-v1.csv")
CPU_CASCADE_LOG = os.path.join(ROOT, "training", "logs", "lic-pframe-v1-cascade.csv")
needs_webp = pytest.mark.skipif(not features.check("webp"), reason="this Pillow has no WebP (the pack's format)")
TILE, RUN = 128, 7


def pframe_lr_of(config, step):
    """The learning rate of the new paths that train_pframe uses at step (0-based index of the step
    being taken): lr_drops are factors of both rates there; a fresh optimiser warms up from the
    stage's first step."""
    t = config["train"]
    fresh_optimiser = config["start"] in ("fresh", "weights")
    warm_start = config["from_step"] if fresh_optimiser else 0
    return t["lr"] * lr_at(step, 1.0, [tuple(d) for d in t["lr_drops"]]) * min(1.0, (step - warm_start + 1) /
                                                                               t["warmup"])


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """35 photos of 140x150 (the 34th is a validation photo), and four clips: two training clips of
    96x64 (20 and 30 frames), a held-out one (foreman_...) and one smaller than the crop."""
    root = tmp_path_factory.mktemp("sources")
    write_photos(str(root), "images", 35, (140, 150), seed=1)
    video = root / "video"
    video.mkdir()
    rng = np.random.default_rng(5)
    for name, (w, h, frames) in {"alpha_96x64": (96, 64, 20), "beta_96x64": (96, 64, 30),
                                 "foreman_96x64": (96, 64, 20), "tiny_48x32": (48, 32, 20)}.items():
        write_y4m(str(video / f"{name}.y4m"), random_planes(rng, w, h, frames), w, h)
    return {"stills": str(root / "images"), "video": str(video), "cache": str(root / "cache")}


def build(sources, **kwargs):
    args = dict(tile=TILE, run=RUN, stills_mib=10.0, clips_mib=10.0, min_side=64, seed=3, log=lambda _: None)
    args.update(kwargs)
    return pframe_pack.build(sources["video"], sources["stills"], sources["cache"], **args)


@needs_webp
def test_the_pack_holds_lossless_stills_and_runs_of_the_training_split_only(sources):
    built = build(sources)
    assert sorted(built["stills"]) == [f"images/photo-{i:02d}.png" for i in range(35) if i != 33]
    # Non-overlapping runs of 7 frames: 2 of alpha's 20 frames, 4 of beta's 30; foreman is held out
    # and tiny is smaller than the crop.
    assert sorted(built["runs"]) == sorted([f"alpha_96x64.y4m@{s}" for s in (0, 7)] +
                                           [f"beta_96x64.y4m@{s}" for s in (0, 7, 14, 21)])
    assert not glob.glob(os.path.join(sources["cache"], "video", "foreman*"))  # never even decoded
    # Runs go to the clip with the fewest runs for its frames: the first six alternate fairly.
    assert [r.split("@")[0] for r in built["runs"][:3]] == ["alpha_96x64.y4m", "beta_96x64.y4m", "beta_96x64.y4m"]
    stills, runs = pframe_pack.contents(built)
    for name, tile in stills.items():
        with Image.open(os.path.join(sources["stills"], os.path.basename(name))) as im:
            photo = np.asarray(im.convert("RGB"))
        assert np.array_equal(tile, photo[6:6 + TILE, 11:11 + TILE])  # the centred tile
    for name, frames in runs.items():
        clip, start = name.split("@")
        cached = video_data.cached_clip(os.path.join(sources["video"], clip), sources["cache"])
        assert np.array_equal(frames, cached[int(start):int(start) + RUN])
    again = build(sources)
    assert again["runs"] == built["runs"] and torch.equal(again["data"], built["data"])
    small = build(sources, stills_mib=0.2, clips_mib=0.2)
    assert 0 < len(small["stills"]) < len(built["stills"]) and 0 < len(small["runs"]) < len(built["runs"])
    assert small["data"].numel() <= 0.4 * 2 ** 20


@needs_webp
def test_pack_sequences_are_video_datas_sequences_as_bytes(sources):
    stills, runs = pframe_pack.contents(build(sources))
    sequences = pframe_burst.PackSequences(stills, runs, frames=4, crop=64, length=100, seed=2)
    kinds = {sequences.spec(i).kind for i in range(12)}
    assert kinds == {"clip", "synthetic"}
    items = torch.stack([sequences[i] for i in range(12)])
    assert items.dtype == torch.uint8 and items.shape == (12, 4, 64, 64, 3)
    floats = torch.stack([video_data.VideoSequences.__getitem__(sequences, i) for i in range(12)])
    assert torch.equal(pframe_burst.to_sequences(items, torch.device("cpu"), False), floats)
    laid_out = pframe_burst.to_sequences(items, torch.device("cpu"), True)
    assert torch.equal(laid_out, floats)
    assert all(laid_out[:, t].is_contiguous(memory_format=torch.channels_last) for t in range(4))


def test_motion_in_a_pool_is_motion_estimate():
    torch.manual_seed(0)
    reference = torch.randint(0, 256, (5, 3, 64, 96), dtype=torch.uint8)
    current = torch.roll(reference, (2, -3), (2, 3))
    pool = pframe_burst.PoolMotion(2)
    try:
        assert torch.equal(pool.estimate(reference, current, 16), motion.estimate(reference, current, block=16))
        x = current.float() / 255
        predicted, seconds = pool(reference, x, 16)
        assert torch.equal(predicted, prediction_from(reference, x, 16)[0]) and seconds > 0
        assert pool.drain() == seconds and pool.drain() == 0
    finally:
        pool.close()
    same, differ, total = pframe_burst.motion_matches_cpu(torch.stack([reference, current], 1).float() / 255, 16)
    assert same and differ == 0 and total == 5 * 4 * 6


def test_a_file_over_the_limit_is_written_in_parts(tmp_path):
    data = bytes(range(256)) * 40

    def writer(p):
        with open(p, "wb") as f:
            f.write(data)

    path = str(tmp_path / "w.pt")
    assert pframe_burst.write_limited(writer, path, limit=len(data)) == [path]
    parts = pframe_burst.write_limited(writer, path, limit=4000)
    assert parts == [f"{path}.part{i}" for i in range(3)] and not os.path.exists(path)
    assert b"".join(open(p, "rb").read() for p in parts) == data
    assert pframe_burst.write_limited(writer, path, limit=len(data)) == [path]
    assert not glob.glob(path + ".part*")  # parts of an earlier save do not linger


@pytest.fixture(scope="module")
def two_steps(sources, tmp_path_factory):
    """Two burst steps of batch 4 (the stage's: one CPU step each) on the CPU, the second one past
    the final drop, moving average without memory (so that it holds the weights)."""
    for path in (WEIGHTS, IMAGE_WEIGHTS):
        if not os.path.exists(path):
            pytest.skip(f"no {path}")
    work = tmp_path_factory.mktemp("pburst")
    pack_path = str(work / "pack.pt")
    torch.save(build(sources), pack_path)
    out = str(work / "out")
    pframe_burst.main(["--device", "cpu", "--steps", "2", "--batch", "4", "--crop", "64", "--pack", pack_path,
                       "--out", out, "--lr", "1e-3", "--lr-intra", "5e-4", "--warmup", "2", "--final-fraction", "0.5",
                       "--ema-decay", "0", "--log-every", "1", "--threads", "2"])
    return out


@needs_webp
def test_two_cpu_steps_write_weights_that_the_cpu_trainer_and_the_export_load(two_steps, tmp_path):
    before = torch.load(WEIGHTS)
    path = os.path.join(two_steps, "lic-pframe-v1.pt")
    assert os.path.getsize(path) < 16 * 2 ** 20
    after = torch.load(path)
    assert set(before) <= set(after) and after["pframe_gpu_burst"]["gpu_steps"] == 2
    assert after["step"] == before["step"] + 2 and after["train_seconds"] > before["train_seconds"]
    assert after["block"] == before["block"] and after["image_weights_step"] == torch.load(IMAGE_WEIGHTS)["step"]
    # The stage's recipe has the full-resolution path: the weights have it too, whether or not
    # the file the burst began from had it.
    assert after["full_res_synthesis"] and has_full_res(after["model"])
    assert set(after["model"]) >= set(before["model"]) and after["ema"] is after["model"]
    assert all(v.dtype == torch.float16 for v in after["model"].values() if v.is_floating_point())
    changed = [k for k in before["model"] if not torch.equal(before["model"][k], after["model"][k])]
    assert {"image.g_a.net.0.weight", "analysis_pred.weight", "synthesis_half.out.weight"} <= set(changed)
    assert "image.log_gain" in changed
    # The moving average (decay 0 here) holds the same weights.
    average = torch.load(os.path.join(two_steps, "lic-pframe-v1-ema.pt"))
    assert all(torch.equal(average["model"][k], v) for k, v in after["model"].items())
    # train_pframe resumes a weights file this way (strict apart from an added path), export_pframe
    # this way.
    model = load_pframe_weights(after["model"], full_res=True)
    torch.optim.Adam([{"params": model.new_parameters()}, {"params": model.image_parameters()}], lr=1e-4)
    for key in ("ema", "model"):
        exported = export_pframe.rounded_pframe_model(after, key)
        assert exported.full_res
    paths = export_pframe.export_graphs(exported, str(tmp_path))
    assert all(os.path.getsize(p) > 0 for p in paths.values())
    assert export_pframe.manifest_prediction(exported)["synthesisPred"] is True


@needs_webp
def test_the_burst_logs_have_the_cpu_columns_and_its_stage_config_gives_its_rates(two_steps, capsys):
    rows = burst_log(os.path.join(two_steps, "lic-pframe-v1-gpu.csv"), CPU_LOG)
    cascade = burst_log(os.path.join(two_steps, "lic-pframe-v1-gpu-cascade.csv"),
                        CPU_CASCADE_LOG if os.path.exists(CPU_CASCADE_LOG) else None)
    config_path, config = burst_config(two_steps, "pframe-gpu-burst")
    start = int(torch.load(WEIGHTS)["step"])
    assert config["trainer"] == "pframe-gpu-burst" and config["start"] == "weights"
    assert config["from_step"] == start and config["to_step"] == int(rows[-1]["step"]) == start + 2
    assert [int(r["step"]) for r in rows] == [start + 1, start + 2]
    assert [(int(r["step"]), int(r["position"])) for r in cascade] == [(s, p) for s in (start + 1, start + 2)
                                                                      for p in (1, 2, 3)]
    t = config["train"]
    assert (t["frames"], t["drift_noise"], t["full_res_synthesis"], t["batch"], t["crop"]) == (4, 0.5, True, 4, 64)
    assert t["lr_drops"] == [[start + 1, 0.3]] and (t["lr"], t["lr_intra"]) == (1e-3, 5e-4)
    assert [r["lr"] for r in rows] == ["5.00e-04", "3.00e-04"]  # warm-up 1/2, then the final drop
    for row in rows:
        assert f"{pframe_lr_of(config, int(row['step']) - 1):.2e}" == row["lr"]
        assert 0 < float(row["me_share"]) < 1 and float(row["s_per_step"]) > 0
    assert_stage_shows_the_command(config_path, "python3 -m training.gpu.pframe_burst --device cpu --steps 2",
                                   capsys)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_prepare_for_a_pframe_burst_keeps_both_checkpoints_and_carries_its_pack(tmp_path, capsys):
    files = {"models/lic-image-v1/synthesis.onnx": 300_000, "conformance/streams/a.lic": 100_000,
             "training/checkpoints/lic-pframe-v1.pt": 200_000, "training/checkpoints/lic-image-v1.pt": 100_000,
             "docs/rd.png": 50_000, "training/x.py": 100}
    repo = committed_repo(str(tmp_path / "repo"), files, ["training/gpu/pack", "training/gpu/pframe-pack"])
    write(os.path.join(repo, "training/gpu/pack/pack.pt"), 400_000)  # the image burst's: stays behind
    write(os.path.join(repo, "training/gpu/pframe-pack/pack.pt"), 150_000)

    travel.main(["size", "--repo", repo, "--burst", "pframe"])
    assert "travels once prepared: 0.43 MiB" in capsys.readouterr().out  # 200 + 100 + 0.1 + 0.04 + 150 kB
    travel.main(["prepare", "--repo", repo, "--burst", "pframe", "--limit-mib", "1"])
    present = {n for n in files if os.path.exists(os.path.join(repo, n))}
    assert present == {"training/checkpoints/lic-pframe-v1.pt", "training/checkpoints/lic-image-v1.pt",
                       "training/x.py"}
    assert "prepared" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="other patterns"):  # the image burst's prepare refuses meanwhile
        travel.main(["prepare", "--repo", repo, "--limit-mib", "1"])
    travel.main(["restore", "--repo", repo])
    assert_restored(repo, files)
