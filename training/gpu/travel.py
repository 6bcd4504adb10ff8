"""What travels with a call of the device tool, and a sparse checkout that makes a GPU burst fit.

    cd /work/main                                        # the checkout the device tool sends
    /usr/bin/python3 training/gpu/travel.py size         # what would travel now, and once prepared
    /usr/bin/python3 training/gpu/travel.py prepare      # take the big files the burst needs not out of the tree
    /usr/bin/python3 training/gpu/travel.py restore      # put them back (run it after the call)

A call sends the working tree of the session's checkout: tracked files and untracked files that git
does not ignore, plus the ignored paths named in `carry`, 64 MiB at most. The tracked tree is about
77 MiB, most of it models/ (the bundles), conformance/ and the P-frame checkpoint, none of which a
burst reads. `prepare` makes the checkout sparse (`git sparse-checkout`, non-cone patterns in
EXCLUDED): those files leave the working tree, the index and the history keep them, `restore`
brings them back from the index. Nothing is lost: git leaves a file that differs from the index in
place (it then travels and is counted), and a file that a running trainer writes again meanwhile
(training/checkpoints/lic-pframe-v1.pt) comes back as a modified file that `restore` keeps.

`size` and `prepare` print the sum of the files that would be present (a dry computation of what
the tool measures: tracked files present on disk, untracked ones not ignored, the carried paths, a
shared/ folder inside the checkout); `prepare` changes nothing when that is over the limit.
While prepared, the Java modules' tests that read models/ or conformance/ fail: don't build then.
"""

import argparse
import fnmatch
import json
import os
import subprocess
import sys

LIMIT_MIB = 64.0
# Sparse-checkout patterns (gitignore syntax, non-cone) of what a burst does not need.
EXCLUDED = ("/models/", "/conformance/", "/training/checkpoints/lic-pframe-v1.pt", "/docs/*.png")
PATTERNS = ["/*"] + ["!" + e for e in EXCLUDED]
DEFAULT_CARRY = ("training/gpu/pack",)
MARKER = "lic4j-gpu-travel.json"  # in the checkout's git directory: what prepare found before it


def git(repo, *args, stdin=None, check=True):
    result = subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True, text=True)
    if check and result.returncode:
        raise SystemExit(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


def z_list(repo, *args):
    return [p for p in git(repo, *args, "-z").stdout.split("\0") if p]


def excluded(path):
    """Whether a tracked path matches EXCLUDED (what the sparse patterns take out)."""
    for pattern in EXCLUDED:
        rel = pattern.lstrip("/")
        if rel.endswith("/"):
            if path.startswith(rel):
                return True
        elif fnmatch.fnmatchcase(path, rel) and path.count("/") == rel.count("/"):
            return True
    return False


def file_size(path):
    try:
        return os.lstat(path).st_size
    except FileNotFoundError:
        return 0


def tree_size(path):
    if os.path.isfile(path) or os.path.islink(path):
        return file_size(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        total += sum(file_size(os.path.join(root, f)) for f in files)
    return total


def measure(repo, carry, prepared):
    """{what: bytes} of what would travel: as the tree is, or (prepared=True) once the excluded
    files that match the index have left it."""
    modified = set(z_list(repo, "ls-files", "-m"))
    parts = {}

    def add(key, size):
        if size:
            parts[key] = parts.get(key, 0) + size

    for path in z_list(repo, "ls-files"):
        if prepared and excluded(path) and path not in modified:
            continue
        top = path.split("/")[0] if "/" in path else "(top-level files)"
        if excluded(path) and path in modified:
            top = f"{path} (modified: stays)"
        add(top, file_size(os.path.join(repo, path)))
    for path in z_list(repo, "ls-files", "-o", "--exclude-standard"):
        add("untracked, not ignored", file_size(os.path.join(repo, path)))
    for path in carry:
        full = os.path.join(repo, path)
        if os.path.exists(full):
            add(f"carry {path}", tree_size(full))
    shared = os.path.join(repo, "shared")
    if os.path.isdir(shared) and "carry shared" not in parts:
        counted = sum(file_size(os.path.join(repo, p)) for p in z_list(repo, "ls-files", "-co", "--exclude-standard",
                                                                       "--", "shared"))
        add("shared/ (ignored part)", tree_size(shared) - counted)
    return parts


def report(title, parts, limit_mib):
    total = sum(parts.values())
    print(f"{title}: {total / 2 ** 20:.2f} MiB of {limit_mib:g} MiB")
    for key, size in sorted(parts.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {size / 2 ** 20:8.2f} MiB  {key}")
    return total


def sparse_state(repo):
    enabled = git(repo, "config", "--bool", "core.sparseCheckout", check=False).stdout.strip() == "true"
    patterns = git(repo, "sparse-checkout", "list", check=False).stdout.split() if enabled else []
    return enabled, patterns


def marker_path(repo):
    git_dir = git(repo, "rev-parse", "--absolute-git-dir").stdout.strip()
    return os.path.join(git_dir, MARKER)


def prepare(repo, carry, limit_mib):
    enabled, patterns = sparse_state(repo)
    if enabled and patterns != PATTERNS:
        raise SystemExit(f"{repo} is already a sparse checkout with other patterns {patterns}: not touching it")
    before = report("travels now", measure(repo, carry, prepared=False), limit_mib)
    after = report("travels once prepared", measure(repo, carry, prepared=True), limit_mib)
    if after > limit_mib * 2 ** 20:
        raise SystemExit(f"still {after / 2 ** 20:.2f} MiB once prepared: over {limit_mib:g} MiB, nothing changed. "
                         "Commit or stop what modifies the excluded files (the P-frame trainer rewrites "
                         "training/checkpoints/lic-pframe-v1.pt), or build a smaller pack "
                         "(training.gpu.pack --budget-mib).")
    if not enabled:
        state = {"worktree_config": git(repo, "config", "--bool", "extensions.worktreeConfig",
                                        check=False).stdout.strip() == "true",
                 "travelled_before_mib": round(before / 2 ** 20, 2)}
        with open(marker_path(repo), "w") as f:
            json.dump(state, f)
        result = git(repo, "sparse-checkout", "set", "--no-cone", "--stdin", stdin="\n".join(PATTERNS) + "\n")
        if result.stderr.strip():
            print(result.stderr.strip())
    present = report("travels now (prepared)", measure(repo, carry, prepared=False), limit_mib)
    print(f"prepared {repo}: {present / 2 ** 20:.2f} MiB travels; run `travel.py restore` after the call")


def restore(repo):
    enabled, patterns = sparse_state(repo)
    if not enabled:
        print(f"{repo} is not a sparse checkout: nothing to restore")
        return
    if patterns != PATTERNS:
        raise SystemExit(f"{repo} is sparse with patterns {patterns}, not prepare's: not touching it")
    git(repo, "sparse-checkout", "disable")
    marker = marker_path(repo)
    state = {}
    if os.path.exists(marker):
        with open(marker) as f:
            state = json.load(f)
        os.remove(marker)
    if not state.get("worktree_config", True):
        # prepare found no per-worktree config: leave none (sparse-checkout had turned it on).
        for key in ("core.sparseCheckout", "core.sparseCheckoutCone", "index.sparse"):
            git(repo, "config", "--worktree", "--unset", key, check=False)
        git(repo, "config", "--unset", "extensions.worktreeConfig", check=False)
    skipped = [line for line in git(repo, "ls-files", "-t").stdout.splitlines() if line.startswith("S ")]
    if skipped:
        raise SystemExit(f"{len(skipped)} files still outside the working tree, e.g. {skipped[0][2:]}")
    print(f"restored {repo}: every tracked file is back in the working tree")


def main(argv=None):
    p = argparse.ArgumentParser(description="What travels with a device call; prepare / restore a sparse "
                                            "checkout for a GPU burst (training/gpu/README.md).")
    p.add_argument("action", choices=("size", "prepare", "restore"))
    p.add_argument("--repo", default=".", help="the checkout the device tool sends (default: here)")
    p.add_argument("--carry", action="append", help=f"a carried path (default: {', '.join(DEFAULT_CARRY)})")
    p.add_argument("--limit-mib", type=float, default=LIMIT_MIB)
    args = p.parse_args(argv)
    repo = git(args.repo, "rev-parse", "--show-toplevel").stdout.strip()
    carry = args.carry or list(DEFAULT_CARRY)
    if args.action == "size":
        report("travels now", measure(repo, carry, prepared=False), args.limit_mib)
        report("travels once prepared", measure(repo, carry, prepared=True), args.limit_mib)
    elif args.action == "prepare":
        prepare(repo, carry, args.limit_mib)
    else:
        restore(repo)


if __name__ == "__main__":
    main(sys.argv[1:])
