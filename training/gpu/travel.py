"""What travels with a call of the device tool, and a sparse checkout that makes a GPU burst fit.

    cd /work/main                                        # the checkout the device tool sends
    /usr/bin/python3 training/gpu/travel.py size         # what would travel now, and once prepared
    /usr/bin/python3 training/gpu/travel.py prepare      # take the big files the burst needs not out of the tree
    /usr/bin/python3 training/gpu/travel.py restore      # put them back (run it after the call)
    /usr/bin/python3 training/gpu/travel.py prepare --burst pframe   # the same for a P-frame burst

A call sends the working tree of the session's checkout: tracked files and untracked files that git
does not ignore, plus the ignored paths named in `carry`, 64 MiB at most. The tracked tree is about
77 MiB, most of it models/ (the bundles), conformance/ and the P-frame checkpoint, none of which an
image burst reads. `prepare` makes the checkout sparse (`git sparse-checkout`, non-cone patterns of
the burst's "excluded" in BURSTS): those files leave the working tree, the index and the history keep them, `restore`
brings them back from the index. Nothing is lost: git leaves a file that differs from the index in
place (it then travels and is counted), and a file that a running trainer writes again meanwhile
(training/checkpoints/lic-pframe-v1.pt) comes back as a modified file that `restore` keeps.

`size` and `prepare` print the sum of the files that would be present (a dry computation of what
the tool measures: tracked files present on disk, untracked ones not ignored, the carried paths, a
shared/ folder inside the checkout); `prepare` changes nothing when that is over the limit.
While prepared, the Java modules' tests that read models/ or conformance/ fail: don't build then.

--burst picks what a burst needs (BURSTS): "image" (training.gpu.burst) leaves the P-frame
checkpoint out and carries training/gpu/pack; "pframe" (training.gpu.pframe_burst) keeps both
checkpoints (it trains the P model and codes frame 0 with the frozen image model) and carries
training/gpu/pframe-pack instead. The two bursts are separate calls: neither pack travels with the
other's. `restore` undoes either.
"""

import argparse
import fnmatch
import json
import os
import subprocess
import sys

LIMIT_MIB = 64.0
# Per burst: the sparse-checkout patterns (gitignore syntax, non-cone) of what it does not need,
# and the pack it carries.
BURSTS = {
    "image": {"excluded": ("/models/", "/conformance/", "/training/checkpoints/lic-pframe-v1.pt", "/docs/*.png"),
              "carry": ("training/gpu/pack",)},
    "pframe": {"excluded": ("/models/", "/conformance/", "/docs/*.png"),
               "carry": ("training/gpu/pframe-pack",)},
}
EXCLUDED = BURSTS["image"]["excluded"]
DEFAULT_CARRY = BURSTS["image"]["carry"]


def patterns(excluded_paths):
    return ["/*"] + ["!" + e for e in excluded_paths]


PATTERNS = patterns(EXCLUDED)
MARKER = "lic4j-gpu-travel.json"  # in the checkout's git directory: what prepare found before it


def git(repo, *args, stdin=None, check=True):
    result = subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True, text=True)
    if check and result.returncode:
        raise SystemExit(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


def z_list(repo, *args):
    return [p for p in git(repo, *args, "-z").stdout.split("\0") if p]


def excluded(path, excluded_paths=EXCLUDED):
    """Whether a tracked path matches excluded_paths (what the sparse patterns take out)."""
    for pattern in excluded_paths:
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


def measure(repo, carry, prepared, excluded_paths=EXCLUDED):
    """{what: bytes} of what would travel: as the tree is, or (prepared=True) once the excluded
    files (excluded_paths) that match the index have left it."""
    modified = set(z_list(repo, "ls-files", "-m"))
    parts = {}

    def add(key, size):
        if size:
            parts[key] = parts.get(key, 0) + size

    for path in z_list(repo, "ls-files"):
        if prepared and excluded(path, excluded_paths) and path not in modified:
            continue
        top = path.split("/")[0] if "/" in path else "(top-level files)"
        if excluded(path, excluded_paths) and path in modified:
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
    listed = git(repo, "sparse-checkout", "list", check=False).stdout.split() if enabled else []
    return enabled, listed


def marker_path(repo):
    git_dir = git(repo, "rev-parse", "--absolute-git-dir").stdout.strip()
    return os.path.join(git_dir, MARKER)


def prepare(repo, carry, limit_mib, burst="image"):
    excluded_paths = BURSTS[burst]["excluded"]
    wanted = patterns(excluded_paths)
    enabled, present = sparse_state(repo)
    if enabled and present != wanted:
        raise SystemExit(f"{repo} is already a sparse checkout with other patterns {present}: not touching it"
                         " (`travel.py restore` first if another burst prepared it)")
    before = report("travels now", measure(repo, carry, prepared=False, excluded_paths=excluded_paths), limit_mib)
    after = report("travels once prepared", measure(repo, carry, prepared=True, excluded_paths=excluded_paths),
                   limit_mib)
    if after > limit_mib * 2 ** 20:
        raise SystemExit(f"still {after / 2 ** 20:.2f} MiB once prepared: over {limit_mib:g} MiB, nothing changed. "
                         "Commit or stop what modifies the excluded files (the P-frame trainer rewrites "
                         "training/checkpoints/lic-pframe-v1.pt), or build a smaller pack "
                         "(training.gpu.pack --budget-mib, training.gpu.pframe_pack --stills-mib/--clips-mib).")
    if not enabled:
        state = {"worktree_config": git(repo, "config", "--bool", "extensions.worktreeConfig",
                                        check=False).stdout.strip() == "true",
                 "travelled_before_mib": round(before / 2 ** 20, 2)}
        with open(marker_path(repo), "w") as f:
            json.dump(state, f)
        result = git(repo, "sparse-checkout", "set", "--no-cone", "--stdin", stdin="\n".join(wanted) + "\n")
        if result.stderr.strip():
            print(result.stderr.strip())
    now = report("travels now (prepared)", measure(repo, carry, prepared=False, excluded_paths=excluded_paths),
                 limit_mib)
    print(f"prepared {repo} for a {burst} burst: {now / 2 ** 20:.2f} MiB travels; run `travel.py restore` "
          "after the call")


def restore(repo):
    enabled, present = sparse_state(repo)
    if not enabled:
        print(f"{repo} is not a sparse checkout: nothing to restore")
        return
    if present not in [patterns(b["excluded"]) for b in BURSTS.values()]:
        raise SystemExit(f"{repo} is sparse with patterns {present}, not prepare's: not touching it")
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
    p.add_argument("--burst", choices=tuple(BURSTS), default="image",
                   help="what the call runs: the image model's burst or the P-frame model's (size, prepare)")
    p.add_argument("--carry", action="append",
                   help="a carried path (default: the burst's pack, " +
                        "; ".join(f"{k}: {', '.join(v['carry'])}" for k, v in BURSTS.items()) + ")")
    p.add_argument("--limit-mib", type=float, default=LIMIT_MIB)
    args = p.parse_args(argv)
    repo = git(args.repo, "rev-parse", "--show-toplevel").stdout.strip()
    carry = args.carry or list(BURSTS[args.burst]["carry"])
    excluded_paths = BURSTS[args.burst]["excluded"]
    if args.action == "size":
        print(f"a {args.burst} burst, carrying {', '.join(carry)}")
        report("travels now", measure(repo, carry, prepared=False, excluded_paths=excluded_paths), args.limit_mib)
        report("travels once prepared", measure(repo, carry, prepared=True, excluded_paths=excluded_paths),
               args.limit_mib)
    elif args.action == "prepare":
        prepare(repo, carry, args.limit_mib, args.burst)
    else:
        restore(repo)


if __name__ == "__main__":
    main(sys.argv[1:])
