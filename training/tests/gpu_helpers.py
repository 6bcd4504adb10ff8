"""What the GPU burst tests (test_gpu_burst.py, test_gpu_pframe_burst.py) share: synthetic training
photos, the checks of a burst's logs and stage config, and a small git repository to prepare and
restore (training/gpu/travel.py)."""

import csv
import os
import subprocess

import numpy as np
import pytest
from PIL import Image

from training import stage


def write_photos(root, folder, count, size, seed):
    os.makedirs(os.path.join(root, folder))
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size[0], 0:size[1]]
    for i in range(count):
        base = np.stack([xx * (i + 1) % 256, yy * 3 % 256, (xx + yy + 7 * i) % 256], axis=-1)
        noisy = np.clip(base + rng.integers(-8, 9, base.shape), 0, 255).astype(np.uint8)
        Image.fromarray(noisy).save(os.path.join(root, folder, f"photo-{i:02d}.png"))


def burst_log(path, cpu_log):
    """The rows of a burst's log, whose columns must be those of the CPU trainer's log (unless
    cpu_log is None)."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if cpu_log is not None:
        with open(cpu_log) as f:
            assert list(rows[0]) == next(csv.reader(f))
    return rows


def burst_config(out, trainer):
    """(path, config) of the one stage config of `trainer` a burst wrote to out."""
    [name] = [p for p in os.listdir(out) if p.endswith(f"-{trainer}.json")]
    return os.path.join(out, name), stage.load(os.path.join(out, name))


def assert_stage_shows_the_command(config_path, command, capsys):
    """training.stage prints the command that ran (--dry-run) and refuses to run a GPU burst's config."""
    stage.main([config_path, "--dry-run"])
    assert command in capsys.readouterr().out
    with pytest.raises(SystemExit, match="GPU machine"):
        stage.main([config_path])


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True,
                   capture_output=True)


def write(path, size, fill=b"x"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(fill * size)


def committed_repo(repo, files, ignored):
    """A git repository at repo holding files ({path: size}) in one commit, with the folders
    `ignored` (the packs' folders) in its .gitignore."""
    for name, size in files.items():
        write(os.path.join(repo, name), size)
    with open(os.path.join(repo, ".gitignore"), "w") as f:
        f.write("".join(f"/{folder}/\n" for folder in ignored))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "files")
    return repo


def assert_restored(repo, files):
    """Every file back, and the repository's config as before prepare."""
    assert all(os.path.exists(os.path.join(repo, n)) for n in files)
    config = subprocess.run(["git", "-C", repo, "config", "--list"], capture_output=True, text=True).stdout
    assert "worktreeconfig" not in config.lower() and "sparse" not in config.lower()
