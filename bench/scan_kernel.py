# SPDX-License-Identifier: Apache-2.0
"""Bench: SPDX tags of the Linux tree with `licensecheck scan --tags-only`, against grep and reuse.

Locates Debian's linux-source tarball (/usr/src/linux-source-*.tar.xz; installs the `linux-source`
package with apt-get when it is missing and we are root), unpacks it once into a cache folder,
then prints, for a warm page cache:
  - `grep -rl --binary-files=without-match SPDX-License-Identifier` (median of runs),
  - `licensecheck scan --tags-only --format json` (median of runs) and its peak memory,
  - `reuse lint` and `reuse spdx` when reuse is available in a separate virtual environment
    (reuse is GPL-3.0-or-later: it is only run as a program, never imported), once each,
  - per-file licence ids compared with `reuse spdx` for the files that carry tags.

Usage: python bench/scan_kernel.py [--runs N] [--no-reuse] [--cache DIR]
Environment: LICENSECHECK_BENCH_CACHE (cache folder), REUSE (path of a reuse executable).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_GREP_FACTOR = 2.0
TARGET_REUSE_FACTOR = 20.0
TARGET_MEMORY_MB = 500.0


def cache_root(given: str | None) -> Path:
    """The folder where the tree is unpacked and reuse's venv lives."""
    base = given or os.environ.get("LICENSECHECK_BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "licensecheck-bench")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def tarball() -> Path:
    """Debian's linux-source tarball, installed with apt-get if needed."""
    found = sorted(glob.glob("/usr/src/linux-source-*.tar.xz"))
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing Debian's linux-source package ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "linux-source"], check=False, stdout=subprocess.DEVNULL)
        found = sorted(glob.glob("/usr/src/linux-source-*.tar.xz"))
    if not found:
        sys.exit("no /usr/src/linux-source-*.tar.xz: run `apt-get install linux-source` first")
    return Path(found[-1])


def unpacked(archive: Path, cache: Path) -> Path:
    """The unpacked tree, unpacked on the first run only."""
    name = archive.name.removesuffix(".tar.xz")
    tree = cache / name
    marker = cache / f"{name}.unpacked"
    if not marker.exists():
        print(f"unpacking {archive} into {cache} (once) ...", flush=True)
        if tree.exists():
            shutil.rmtree(tree)
        subprocess.run(["tar", "-xJf", str(archive), "-C", str(cache)], check=True)
        marker.write_text("ok\n")
    return tree


_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], 'wb'), stderr=subprocess.DEVNULL); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(time.perf_counter() - t, u.ru_maxrss, r.returncode, u.ru_utime + u.ru_stime)")
CPU: dict[str, float] = {}  # command name -> CPU seconds (user + system) of its last median run


def measure(command: list[str], output: str = os.devnull, env: dict[str, str] | None = None) -> tuple[float, float,
                                                                                                         int]:
    """Wall time (s), peak memory (MB) and exit code of one command, measured by a helper process."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, output, *command], check=True, capture_output=True,
                          text=True, env=env)
    seconds, rss, code, cpu = done.stdout.split()
    CPU[command[0]] = float(cpu)
    return float(seconds), int(rss) / 1024, int(code)


def median_run(command: list[str], runs: int, output: str = os.devnull,
               env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """The median time over `runs` runs, after one warm-up run; the highest peak memory."""
    measure(command, output, env)
    results = [measure(command, output, env) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2])


def reuse_executable(cache: Path, wanted: bool) -> str | None:
    """reuse from $REUSE, PATH or a venv in the cache (created with pip when missing)."""
    if not wanted:
        return None
    for candidate in (os.environ.get("REUSE"), str(cache / "reuse-venv" / "bin" / "reuse")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    venv = cache / "reuse-venv"
    print("installing reuse into a separate virtual environment (run, never imported) ...", flush=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False).returncode == 0 and \
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "reuse"], check=False).returncode == 0
    return str(venv / "bin" / "reuse") if made else None


def our_ids(document: dict[str, object]) -> dict[str, set[str]]:
    """Per file, the licence keys of the expressions licensecheck found (as written, not normalised)."""
    from license_expression import Licensing

    licensing = Licensing()
    out: dict[str, set[str]] = {}
    for entry in document["files"]:  # type: ignore[attr-defined]
        if entry["path"].startswith("LICENSES/") or "/LICENSES/" in entry["path"]:
            continue  # licence texts of a LICENSES/ folder: named by their id, never tag-read by either tool
        keys: set[str] = set()
        for expression in entry["expressions"]:
            try:
                keys.update(licensing.license_keys(licensing.parse(expression)))
            except Exception:
                continue  # an invalid expression counts for no id, as in `reuse spdx`
        if keys:
            out[entry["path"]] = keys
    return out


def reuse_ids(spdx: str) -> dict[str, set[str]]:
    """Per file, the LicenseInfoInFile ids of a `reuse spdx` document."""
    out: dict[str, set[str]] = {}
    current = None
    for line in spdx.splitlines():
        if line.startswith("FileName: "):
            current = line[len("FileName: "):].removeprefix("./")
        elif line.startswith("LicenseInfoInFile: ") and current is not None:
            out.setdefault(current, set()).add(line[len("LicenseInfoInFile: "):])
    return out


def compare(ours: dict[str, set[str]], theirs: dict[str, set[str]]) -> None:
    """Print how many files agree, and the first differences."""
    fold = lambda ids: {i.lower() for i in ids}  # noqa: E731 - ids compare case-insensitively, as SPDX says
    both = ours.keys() & theirs.keys()
    same = [p for p in both if fold(ours[p]) == fold(theirs[p])]
    print(f"  per-file ids: reuse {len(theirs)} files, licensecheck {len(ours)}, both {len(both)}, "
          f"same ids {len(same)}")
    differ = sorted(p for p in both if fold(ours[p]) != fold(theirs[p]))
    only_reuse = sorted(theirs.keys() - ours.keys())
    only_ours = sorted(ours.keys() - theirs.keys())
    for label, paths in (("differ", differ), ("only reuse", only_reuse), ("only licensecheck", only_ours)):
        print(f"  {label}: {len(paths)}")
        for path in paths[:5]:
            print(f"    {path}: licensecheck {sorted(ours.get(path, ()))} reuse {sorted(theirs.get(path, ()))}")


def main() -> None:
    """Run the bench and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-reuse", action="store_true")
    parser.add_argument("--cache")
    args = parser.parse_args()
    cache = cache_root(args.cache)
    tree = unpacked(tarball(), cache)
    files = sum(len(names) for _, _, names in os.walk(tree))
    print(f"tree: {tree} ({files} files)")
    grep_s, _, _ = median_run(["grep", "-rl", "--binary-files=without-match", "SPDX-License-Identifier", str(tree)],
                              args.runs)
    grep_cpu = CPU["grep"]
    print(f"grep -rl SPDX-License-Identifier (warm, median of {args.runs}): {grep_s:.2f} s ({grep_cpu:.2f} s CPU)")
    print(f"machine load (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    one = {**os.environ, "LICENSECHECK_SCAN_JOBS": "1"}
    single_s, _, _ = median_run([sys.executable, "-m", "licensecheck", "scan", str(tree), "--tags-only", "--format",
                                 "json"], args.runs, env=one)
    print(f"licensecheck scan --tags-only, one process (LICENSECHECK_SCAN_JOBS=1): {single_s:.2f} s "
          f"({CPU[sys.executable]:.2f} s CPU) = {single_s / grep_s:.1f}x grep")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "scan.json")
        command = [sys.executable, "-m", "licensecheck", "scan", str(tree), "--tags-only", "--format", "json"]
        ours_s, ours_mb, code = median_run(command, args.runs, report)
        with open(report, encoding="utf-8") as handle:
            document = json.load(handle)
    tagged = [f for f in document["files"] if f["expressions"]]
    print(f"licensecheck scan --tags-only --format json, default (median of {args.runs}): {ours_s:.2f} s, peak "
          f"{ours_mb:.0f} MB, exit {code}; {len(tagged)} files with tags, {len(document['findings'])} findings")
    print(f"  = {ours_s / grep_s:.1f}x grep (target <= {TARGET_GREP_FACTOR:.0f}x), memory target <= "
          f"{TARGET_MEMORY_MB:.0f} MB: {'met' if ours_mb <= TARGET_MEMORY_MB else 'NOT met'}")
    reuse = reuse_executable(cache, not args.no_reuse)
    if reuse is None:
        print("reuse: not run")
        return
    lint_s, lint_mb, _ = measure([reuse, "--root", str(tree), "lint"])
    print(f"reuse lint: {lint_s:.1f} s, peak {lint_mb:.0f} MB; licensecheck is {lint_s / ours_s:.0f}x faster "
          f"(target >= {TARGET_REUSE_FACTOR:.0f}x)")
    with tempfile.TemporaryDirectory() as tmp:
        spdx_path = os.path.join(tmp, "reuse.spdx")
        spdx_s, spdx_mb, _ = measure([reuse, "--root", str(tree), "spdx"], spdx_path)
        spdx = Path(spdx_path).read_text(encoding="utf-8", errors="replace")
    print(f"reuse spdx: {spdx_s:.1f} s, peak {spdx_mb:.0f} MB")
    compare(our_ids(document), reuse_ids(spdx))
    multi = sum(1 for f in tagged if len(f["expressions"]) > 1)
    print(f"  files with more than one distinct tag: {multi}")
    print(f"  problems reported: {len(document['problems'])} "
          f"({sum(1 for p in document['problems'] if re.search('searched for tags', p['message']))} heads cut)")


if __name__ == "__main__":
    main()
