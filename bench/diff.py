# SPDX-License-Identifier: Apache-2.0
"""Speed of `licensecheck diff` (issue 12).

Target: the default grid for a draft against the whole library (about 340 licences), clause diff included,
<= 2 s whole process on the development machine (two cores, shared: the load average is printed with the
figures). Also: how the time grows with the library's size (the library part of the grid cut to the first N
licences, in process), and where the time goes (the parts of the grid, one process or two).
Run: python bench/diff.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _common import ROOT, environment, python

sys.path.insert(0, str(ROOT))

OLD = ROOT / "examples" / "drafts" / "v1.terms"
NEW = ROOT / "examples" / "drafts" / "v2.terms"


def load() -> str:
    """The load average over the last minute, and the cores."""
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load average {one:.1f} (5 min: {five:.1f}) on {os.cpu_count()} cores"


def whole_process(runs: int) -> None:
    """`licensecheck diff v1 v2 --format json` as a user runs it: a fresh process, the library cache warm."""
    env = environment()
    argv = [python(), "-m", "licensecheck", "diff", str(OLD), str(NEW), "--format", "json"]
    subprocess.run(argv, env=env, capture_output=True, check=False)  # warm the library and parser caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"diff failed ({done.returncode}): {done.stderr.decode()}")
    print(f"whole process, default grid, whole library: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs; {load()})")


def growth(sizes: list[int | None]) -> None:
    """In process: the default grid with the library part cut to the first N licences, one process."""
    from licensecheck.diff import compare, grid
    from licensecheck.diff.drafts import read_draft
    from licensecheck.library import load_library

    load_library()
    whole = grid.library_ids
    print("library licences | questions | seconds (one process, both drafts) | ms per question")
    for size in sizes:
        grid.library_ids = (lambda catalog, drafts, n=size: whole(catalog, drafts)[:n])  # type: ignore[misc]
        old, new = read_draft(str(OLD)), read_draft(str(NEW))  # fresh catalogs: nothing answered yet
        start = time.perf_counter()
        report = compare(old, new, parallel=False)
        elapsed = time.perf_counter() - start
        shown = len({q.question.inbound for q in report.grid if q.part == grid.FROM_LIBRARY})
        print(f"{shown:16} | {len(report.grid):9,} | {elapsed:34.2f} | {1000 * elapsed / (2 * len(report.grid)):.3f}")
    grid.library_ids = whole  # type: ignore[misc]
    print(f"({load()})")


def parts() -> None:
    """In process: where the time goes, per part of the grid and per draft; one process against two."""
    from licensecheck.diff import compare
    from licensecheck.diff.drafts import read_draft
    from licensecheck.diff.grid import default_grid
    from licensecheck.diff.verdicts import answer

    old, new = read_draft(str(OLD)), read_draft(str(NEW))
    start = time.perf_counter()
    questions = default_grid(old, new)
    print(f"grid built in {1000 * (time.perf_counter() - start):.0f} ms")
    for part in ("profiles", "into_library", "from_library"):
        for draft in (old, new):
            asked = [q.for_draft(draft.id) for q in questions if q.part == part]
            start = time.perf_counter()
            answer(asked, draft.catalog)
            shown = os.path.relpath(draft.source, ROOT)
            print(f"  {part:13} {shown:25} {len(asked):6,} questions {time.perf_counter() - start:6.2f} s")
    for parallel in (False, True):
        old, new = read_draft(str(OLD)), read_draft(str(NEW))
        start = time.perf_counter()
        compare(old, new, parallel=parallel)
        print(f"compare() in {'two processes' if parallel else 'one process'}: {time.perf_counter() - start:.2f} s ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs (default 5)")
    parser.add_argument("--quick", action="store_true", help="whole process only, 3 runs")
    args = parser.parse_args()
    print(f"licensecheck diff {OLD.relative_to(ROOT)} {NEW.relative_to(ROOT)}")
    whole_process(3 if args.quick else args.runs)
    if args.quick:
        return
    growth([0, 80, 160, 240, None])
    parts()


if __name__ == "__main__":
    main()
