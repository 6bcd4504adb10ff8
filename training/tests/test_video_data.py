"""The P-frame training data: Y4M parsing, ffmpeg decoding, the cache, the held-out split, synthetic
motion and the dataset's output. Every fixture is made here; ../shared is used only when present."""

import os
import shutil

import numpy as np
import pytest

pytest.importorskip("PIL", reason="training.video_data needs Pillow (python3-pil)")
torch = pytest.importorskip("torch")

from PIL import Image  # noqa: E402

from training import video_data  # noqa: E402
from training.tests.conftest import ROOT  # noqa: E402

SHARED_VIDEO = os.path.join(ROOT, "..", "shared", "data", "video")
needs_ffmpeg = pytest.mark.skipif(not video_data.ffmpeg_available(), reason="ffmpeg/ffprobe not installed")


def write_y4m(path, planes, width, height, extra=b" F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG"):
    with open(path, "wb") as f:
        f.write(b"YUV4MPEG2 W%d H%d" % (width, height) + extra + b"\n")
        for i, (y, u, v) in enumerate(planes):
            f.write(b"FRAME" + (b" Ixyz" if i == 1 else b"") + b"\n")   # frame parameters are legal
            f.write(y.tobytes() + u.tobytes() + v.tobytes())


def random_planes(rng, width, height, frames, flat_chroma=False):
    ch, cw = (height + 1) // 2, (width + 1) // 2
    out = []
    for _ in range(frames):
        y = rng.integers(16, 236, (height, width), dtype=np.uint8)
        if flat_chroma:
            u = np.full((ch, cw), rng.integers(60, 196), dtype=np.uint8)
            v = np.full((ch, cw), rng.integers(60, 196), dtype=np.uint8)
        else:
            u = rng.integers(16, 241, (ch, cw), dtype=np.uint8)
            v = rng.integers(16, 241, (ch, cw), dtype=np.uint8)
        out.append((y, u, v))
    return out


def smooth_still(seed, width=320, height=240):
    """A photo-like still: low-frequency colour noise plus edges, so that motion shows."""
    rng = np.random.default_rng(seed)
    low = rng.integers(0, 256, (height // 40 + 1, width // 40 + 1, 3), dtype=np.uint8)
    image = np.asarray(Image.fromarray(low).resize((width, height), Image.Resampling.BICUBIC)).copy()
    image[::37] = 0
    image[:, ::53] = 255
    return image


# --- Y4M -------------------------------------------------------------------------------------

def test_y4m_parser_reads_odd_sized_420_planes_exactly(tmp_path):
    rng = np.random.default_rng(1)
    planes = random_planes(rng, 13, 7, 3)
    path = tmp_path / "odd.y4m"
    write_y4m(path, planes, 13, 7)
    header, frames = video_data.read_y4m(str(path))
    assert header == video_data.Y4mHeader(13, 7, "420", False, (25, 1))
    assert header.plane_shapes() == ((7, 13), (4, 7))
    assert len(frames) == 3
    for (y, u, v), (ey, eu, ev) in zip(frames, planes):
        assert np.array_equal(y, ey) and np.array_equal(u, eu) and np.array_equal(v, ev)
    assert len(video_data.read_y4m(str(path), max_frames=2)[1]) == 2


def test_y4m_parser_reads_422_and_mono(tmp_path):
    rng = np.random.default_rng(9)
    y = rng.integers(0, 256, (3, 5), dtype=np.uint8)
    u, v = rng.integers(0, 256, (2, 3, 3), dtype=np.uint8)
    write_y4m(tmp_path / "422.y4m", [(y, u, v)], 5, 3, extra=b" C422")
    header, [(gy, gu, gv)] = video_data.read_y4m(str(tmp_path / "422.y4m"))
    assert header.chroma == "422" and np.array_equal(gu, u) and np.array_equal(gv, v)
    rgb = video_data.yuv_to_rgb(gy, gu, gv)
    assert rgb.shape == (3, 5, 3)
    assert np.array_equal(video_data.yuv_to_rgb(y[:, 1:2], u[:, 0:1], v[:, 0:1]), rgb[:, 1:2])
    empty = np.zeros((0, 0), np.uint8)
    write_y4m(tmp_path / "mono.y4m", [(y, empty, empty)], 5, 3, extra=b" Cmono")
    header, [(gy, gu, gv)] = video_data.read_y4m(str(tmp_path / "mono.y4m"))
    assert header.chroma == "mono" and np.array_equal(gy, y)
    grey = video_data.yuv_to_rgb(gy, gu, gv)
    assert (grey[..., 0] == grey[..., 1]).all() and (grey[..., 1] == grey[..., 2]).all()


def test_y4m_to_rgb_is_bt601_limited_range_with_chroma_repeated():
    y = np.array([[16, 235, 126]], dtype=np.uint8)
    u = np.array([[128, 128]], dtype=np.uint8)
    v = np.array([[128, 240]], dtype=np.uint8)
    rgb = video_data.yuv_to_rgb(y, u, v)
    assert rgb.shape == (1, 3, 3)
    assert rgb[0, 0].tolist() == [0, 0, 0]
    assert rgb[0, 1].tolist() == [255, 255, 255]
    # V at 240 on mid grey: Y 126 is 128.08 in full range; R up by 1.596 * 112, G down by 0.813 * 112.
    assert rgb[0, 2].tolist() == [255, 37, 128]
    full = video_data.yuv_to_rgb(np.array([[0, 255]], dtype=np.uint8), u[:, :1], v[:, :1], full_range=True)
    assert full[0].tolist() == [[0, 0, 0], [255, 255, 255]]


def test_y4m_rejects_what_it_cannot_read(tmp_path):
    with pytest.raises(ValueError, match="magic"):
        video_data.parse_y4m_header(b"YUV4MPEG W2 H2")
    with pytest.raises(ValueError, match="C420p10"):
        video_data.parse_y4m_header(b"YUV4MPEG2 W2 H2 C420p10")
    for siting in (b"420", b"420jpeg", b"420paldv", b"420mpeg2"):
        assert video_data.parse_y4m_header(b"YUV4MPEG2 W2 H2 C" + siting).chroma == "420"
    assert video_data.parse_y4m_header(b"YUV4MPEG2 W2 H2 C444 XCOLORRANGE=FULL")[2:4] == ("444", True)
    with pytest.raises(ValueError, match="size"):
        video_data.parse_y4m_header(b"YUV4MPEG2 W2")
    rng = np.random.default_rng(2)
    path = tmp_path / "cut.y4m"
    write_y4m(path, random_planes(rng, 5, 5, 2), 5, 5)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(ValueError, match="truncated"):
        video_data.read_y4m(str(path))


@needs_ffmpeg
def test_ffmpeg_decodes_a_generated_y4m_like_the_native_parser(tmp_path):
    # Flat chroma: the two chroma upsamplers (ours repeats, swscale interpolates) then agree, and
    # what is left to compare is the matrix, the range and the rounding.
    rng = np.random.default_rng(3)
    planes = random_planes(rng, 33, 17, 4, flat_chroma=True)
    path = tmp_path / "flat.y4m"
    write_y4m(path, planes, 33, 17)
    ours = np.stack(list(video_data.y4m_frames(str(path))))
    theirs = np.stack(list(video_data.ffmpeg_frames(str(path), max_frames=3)))
    assert theirs.shape == (3, 17, 33, 3)
    assert np.abs(ours[:3].astype(int) - theirs).max() <= 2


# --- Decoding, downscaling, cache ------------------------------------------------------------

def test_downscale_keeps_the_short_side_at_most_the_limit():
    assert video_data.scaled_size(1920, 1080, 256) == (455, 256)
    assert video_data.scaled_size(352, 288, 256) == (313, 256)
    assert video_data.scaled_size(152, 100, 256) == (152, 100)     # never enlarged
    frame = np.zeros((288, 352, 3), dtype=np.uint8)
    assert video_data.downscale(frame, 144).shape == (144, 176, 3)


def test_cache_decodes_once_and_rebuilds_when_the_source_changes(tmp_path):
    rng = np.random.default_rng(4)
    path = tmp_path / "clip.y4m"
    write_y4m(path, random_planes(rng, 40, 30, 5), 40, 30)
    cache = tmp_path / "cache"
    first = video_data.cached_clip(str(path), str(cache), short_side=20, max_frames=4)
    assert first.shape == (4, 20, 27, 3) and first.dtype == np.uint8
    assert video_data.cache_bytes(str(path), str(cache), 20, 4) > 4 * 20 * 27 * 3
    again = video_data.cached_clip(str(path), str(cache), short_side=20, max_frames=4)
    assert isinstance(again, np.memmap) and np.array_equal(first, again)
    write_y4m(path, random_planes(rng, 40, 30, 2), 40, 30)
    os.utime(path, ns=(1, 1))
    assert video_data.cached_clip(str(path), str(cache), short_side=20, max_frames=4).shape[0] == 2


@needs_ffmpeg
@pytest.mark.skipif(not os.path.isdir(SHARED_VIDEO), reason="../shared/data/video is absent")
def test_ffmpeg_decodes_a_shared_clip_downscaled(tmp_path):
    path = os.path.join(SHARED_VIDEO, "city_720x405.mpg")
    if not os.path.exists(path):
        pytest.skip(f"{path} is absent")
    clip = video_data.decode_clip(path, short_side=128, max_frames=3)
    assert clip.shape == (3, 128, 228, 3)
    assert 20 < clip.mean() < 235 and clip.std() > 10


# --- Held-out split --------------------------------------------------------------------------

def test_held_out_clips_match_by_name_whatever_the_container():
    for name in ("foreman_cif_300f_intra.264", "foreman.y4m", "mobile_cif.264", "Mobile_cif_30f.mp4",
                 "street_1920x1080.264"):
        assert video_data.is_held_out(name), name
    for name in ("street_1280x720.264", "city_720x405.mpg", "foremanx.y4m", "vtest_768x576.avi"):
        assert not video_data.is_held_out(name), name


@pytest.mark.skipif(not os.path.isdir(SHARED_VIDEO), reason="../shared/data/video is absent")
def test_shared_split_holds_out_the_eval_clips():
    train = {video_data.clip_name(p) for p in video_data.training_clips(SHARED_VIDEO)}
    held = {video_data.clip_name(p) for p in video_data.held_out_clips(SHARED_VIDEO)}
    assert not train & held
    assert train | held == {video_data.clip_name(p) for p in video_data.list_clips(SHARED_VIDEO)}
    assert {"foreman_cif_300f_intra.264", "mobile_cif.264", "street_1920x1080.264"} <= held


def test_held_out_clips_never_reach_the_training_set(tmp_path):
    video = tmp_path / "video"
    video.mkdir()
    rng = np.random.default_rng(5)
    # The held-out clip is grey 77 everywhere, a value the training clip never takes.
    grey = [(np.full((40, 48), 77, np.uint8), np.full((20, 24), 128, np.uint8), np.full((20, 24), 128, np.uint8))] * 6
    write_y4m(video / "foreman_cif.y4m", grey, 48, 40)
    train = random_planes(rng, 48, 40, 6)
    for y, _, _ in train:
        y[y == 77] = 78
    write_y4m(video / "train_clip.y4m", train, 48, 40, extra=b" F25:1")
    assert [video_data.clip_name(p) for p in video_data.training_clips(str(video))] == ["train_clip.y4m"]
    dataset = video_data.VideoSequences.from_shared(str(video), None, str(tmp_path / "cache"), frames=3,
                                                    crop=32, synthetic_ratio=0.0, length=50)
    assert dataset.clip_names == ["train_clip.y4m"]
    assert all(dataset.spec(i).source == "train_clip.y4m" for i in range(len(dataset)))
    assert not [n for n in os.listdir(tmp_path / "cache" / "video") if n.startswith("foreman")]
    with pytest.raises(ValueError, match="held-out"):
        video_data.VideoSequences({"foreman_cif.y4m": np.zeros((6, 40, 48, 3), np.uint8)}, [])


# --- Synthetic motion ------------------------------------------------------------------------

def test_synthetic_sequences_are_deterministic_per_seed():
    still, other = smooth_still(1), smooth_still(2)
    a = video_data.synthetic_sequence(still, 4, 64, seed=11, patch_sources=[other])
    b = video_data.synthetic_sequence(still, 4, 64, seed=11, patch_sources=[other])
    c = video_data.synthetic_sequence(still, 4, 64, seed=12, patch_sources=[other])
    assert a.shape == (4, 64, 64, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_synthetic_sequences_move_and_move_boundedly():
    # Bounded: consecutive frames stay much closer to each other than to an unrelated view of the
    # same still (another seed), and well below it in absolute terms on this smooth still.
    still, other = smooth_still(3), smooth_still(4)
    quiet = video_data.MotionParams(max_noise=0.0, static_probability=0.0)
    for seed in range(6):
        seq = video_data.synthetic_sequence(still, 5, 96, seed, [other], quiet).astype(np.int32)
        unrelated = video_data.synthetic_sequence(still, 5, 96, seed + 100, [other], quiet)[0]
        diffs = np.abs(np.diff(seq, axis=0)).mean(axis=(1, 2, 3))
        assert (diffs > 0).all(), (seed, diffs)
        assert (diffs < 40).all(), (seed, diffs)
        assert diffs.max() < 0.7 * np.abs(seq[0] - unrelated).mean(), seed


def test_camera_stays_inside_the_still_within_its_speed_limits():
    params = video_data.MotionParams()
    for seed in range(20):
        rng = np.random.default_rng(seed)
        cam = video_data.draw_camera(rng, 6, 128, (240, 320), params)
        step = np.hypot(*np.diff(cam.center, axis=0).T)
        assert (step <= params.max_pan * cam.scale[0] + 1e-9).all()
        assert (np.abs(np.diff(np.log(cam.scale))) <= params.max_zoom + 1e-12).all()
        assert (np.abs(np.degrees(np.diff(cam.angle))) <= params.max_rotation + 1e-9).all()
        for sx, sy in ((-64, -64), (64, -64), (-64, 64), (64, 64)):     # the crop's corners
            x = cam.center[:, 0] + cam.scale * (np.cos(cam.angle) * sx - np.sin(cam.angle) * sy)
            y = cam.center[:, 1] + cam.scale * (np.sin(cam.angle) * sx + np.cos(cam.angle) * sy)
            assert (x >= -1e-9).all() and (x <= 319 + 1e-9).all()
            assert (y >= -1e-9).all() and (y <= 239 + 1e-9).all()
    with pytest.raises(ValueError, match="too small"):
        video_data.draw_camera(np.random.default_rng(0), 6, 128, (20, 20), params)


def test_pasted_patches_move_on_their_own():
    # A static camera over a flat still: whatever changes between frames is a patch.
    flat = np.full((200, 200, 3), 100, dtype=np.uint8)
    params = video_data.MotionParams(static_probability=1.0, max_noise=0.0, patches=(1, 1))
    seq = video_data.synthetic_sequence(flat, 3, 64, seed=5, patch_sources=[smooth_still(6)], params=params)
    moved = [np.argwhere((f != 100).any(axis=-1)).mean(axis=0) for f in seq]
    assert not np.allclose(moved[0], moved[1]) and not np.allclose(moved[1], moved[2])


# --- The dataset -----------------------------------------------------------------------------

def make_dataset(tmp_path, **kwargs):
    stills = []
    for i in range(3):
        path = tmp_path / f"still{i}.png"
        Image.fromarray(smooth_still(10 + i)).save(path)
        stills.append(str(path))
    rng = np.random.default_rng(7)
    clips = {"a.y4m": rng.integers(0, 256, (8, 48, 64, 3), dtype=np.uint8),
             "b.mp4": rng.integers(0, 256, (3, 40, 40, 3), dtype=np.uint8),
             "tiny.y4m": rng.integers(0, 256, (8, 16, 16, 3), dtype=np.uint8)}
    return video_data.VideoSequences(clips, stills, cache_dir=str(tmp_path / "cache"), **kwargs)


@pytest.mark.parametrize("frames", [2, 5])
def test_dataset_yields_float_sequences_in_unit_range(tmp_path, frames):
    dataset = make_dataset(tmp_path, frames=frames, crop=32, synthetic_ratio=0.5, length=24, seed=3)
    assert dataset.skipped == (["tiny.y4m"] if frames == 2 else ["b.mp4", "tiny.y4m"])
    kinds = set()
    for i in range(len(dataset)):
        x = dataset[i]
        assert x.shape == (frames, 3, 32, 32) and x.dtype == torch.float32
        assert 0.0 <= float(x.min()) and float(x.max()) <= 1.0
        kinds.add(dataset.spec(i).kind)
    assert kinds == {"clip", "synthetic"}
    assert torch.equal(dataset[5], dataset[5])
    batch = next(iter(torch.utils.data.DataLoader(dataset, batch_size=4)))
    assert batch.shape == (4, frames, 3, 32, 32)


def test_dataset_clip_items_are_the_clip_frames_at_their_offset_and_stride(tmp_path):
    dataset = make_dataset(tmp_path, frames=3, crop=32, synthetic_ratio=0.0, length=40, seed=1)
    strides = set()
    for i in range(len(dataset)):
        spec = dataset.spec(i)
        strides.add(spec.stride)
        clip = dataset.clips[spec.source]
        want = clip[spec.start:spec.start + 3 * spec.stride:spec.stride,
                    spec.top:spec.top + 32, spec.left:spec.left + 32]
        if spec.flip:
            want = want[:, :, ::-1]
        if spec.reverse:
            want = want[::-1]
        got = (dataset[i].permute(0, 2, 3, 1) * 255).round().to(torch.uint8).numpy()
        assert np.array_equal(got, want)
    assert strides == {1, 2}


def test_synthetic_ratio_is_respected(tmp_path):
    dataset = make_dataset(tmp_path, frames=2, crop=32, synthetic_ratio=0.25, length=400, seed=9)
    share = np.mean([dataset.spec(i).kind == "synthetic" for i in range(len(dataset))])
    assert 0.18 < share < 0.32


def test_cli_stats_and_preview(tmp_path, capsys):
    video = tmp_path / "video"
    video.mkdir()
    rng = np.random.default_rng(8)
    write_y4m(video / "train_clip.y4m", random_planes(rng, 48, 40, 4), 48, 40)
    write_y4m(video / "mobile.y4m", random_planes(rng, 48, 40, 4), 48, 40)
    stills = tmp_path / "stills"
    stills.mkdir()
    for i in range(2):
        Image.fromarray(smooth_still(20 + i)).save(stills / f"s{i}.png")
    common = ["--video-dir", str(video), "--cache-dir", str(tmp_path / "cache")]
    video_data.main(common + ["--stats"])
    out = capsys.readouterr().out
    assert "train_clip.y4m" in out and "mobile.y4m" in out
    rows = [line.split() for line in out.splitlines()[1:3]]
    assert rows == [["mobile.y4m", "held", "out", "4", "48x40", "-"], ["train_clip.y4m", "train", "4", "48x40", "0.0"]]
    png = tmp_path / "preview.png"
    video_data.main(common + ["--stills-dir", str(stills), "--preview", str(png), "--count", "3",
                              "--frames", "2", "--crop", "32"])
    with Image.open(png) as im:
        assert im.size == (2 * 32 + 4, 3 * 32 + 2 * 4)


def test_shared_stills_and_ffmpeg_presence_do_not_matter_to_clip_only_datasets(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert not video_data.ffmpeg_available()
    dataset = video_data.VideoSequences({"a.y4m": np.zeros((4, 32, 32, 3), np.uint8)}, [], frames=2, crop=32,
                                        synthetic_ratio=0.5, length=4)
    assert all(dataset.spec(i).kind == "clip" for i in range(4))
