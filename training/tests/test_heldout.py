"""The full-resolution evaluation set stays out of training."""

import os

from training import data, heldout


def make(root, folder, n):
    d = root / folder
    d.mkdir()
    for i in range(n):
        (d / f"p{i:02d}.png").write_bytes(b"")
    return d


def test_every_third_2k_photo_is_held_out_and_never_trained_on(tmp_path):
    d = make(tmp_path, "images-2k", 9)
    paths = data.list_images(str(d))
    held = data.held_out(paths)
    assert [os.path.basename(p) for p in held] == ["p02.png", "p05.png", "p08.png"]
    train, val = data.split(paths)
    assert not set(held) & (set(train) | set(val))
    assert len(train) + len(val) == 6


def test_other_folders_keep_their_split(tmp_path):
    d = make(tmp_path, "images", 40)
    paths = data.list_images(str(d))
    assert data.held_out(paths) == []
    train, val = data.split(paths)
    assert len(train) == 39 and os.path.basename(val[0]) == "p33.png"


def test_link_makes_one_folder_per_set(tmp_path):
    make(tmp_path, "images-2k", 6)
    make(tmp_path, "graphics", 12)
    out = tmp_path / "out"
    assert heldout.link(str(out), str(tmp_path)) == {"graphics": 2, "images-2k": 2}
    assert sorted(os.listdir(out / "images-2k")) == ["p02.png", "p05.png"]
    assert os.path.islink(out / "graphics" / "p05.png")


def test_the_shared_sets_when_present():
    sets = heldout.held_out_sets()
    if "images-2k" not in sets:
        import pytest
        pytest.skip("../shared/data/train/images-2k is absent")
    assert len(sets["images-2k"]) == 9
