# SPDX-License-Identifier: Apache-2.0
"""Bench: `licensecheck scan` of coopcycle-web with its npm dependencies installed and its lockfiles.

Give the path of a coopcycle-web checkout (github.com/coopcycle/coopcycle-web) in which
`npm install --ignore-scripts` has been run (the bench never downloads anything). Prints, for a warm
page cache: the median wall time of the whole `licensecheck scan` process over --runs runs and its
peak memory, then what the scan found: installed npm packages (hoisted, scoped, nested), packages from
composer.lock and package-lock.json, the identified project licence, and the findings per verdict.

Usage: python bench/scan_coopcycle.py PATH [--runs N]
Target: <= 2 s (issue 13).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import environment, python, time_process

TARGET_SECONDS = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (args.path / "node_modules").is_dir():
        sys.exit(f"{args.path}: no node_modules (run `npm install --ignore-scripts` in the checkout first)")
    command = [python(), "-m", "licensecheck", "scan", str(args.path), "--format", "json"]
    env = environment()
    times = time_process(command, args.runs, env)
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads(done.stdout)
    packages = [f for f in report["findings"] if f["component"]["kind"] == "package"]
    by_source: Counter[str] = Counter()
    nested = 0
    for finding in packages:
        where = finding["declared_at"][0] if finding["declared_at"] else ""
        if "node_modules/" in where:
            by_source["installed npm packages"] += 1
            nested += where.count("node_modules/") > 1
        elif where.endswith(("composer.lock", "package-lock.json")) or ".lock:" in where or "-lock.json:" in where:
            by_source[f"from {where.rpartition(':')[0].rpartition('/')[2]}"] += 1
        else:
            by_source["other"] += 1
    median = statistics.median(times)
    print(f"licensecheck scan {args.path}: median {median:.2f} s over {args.runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}), peak {peak:.0f} MB; target <= {TARGET_SECONDS} s: "
          f"{'met' if median <= TARGET_SECONDS else 'NOT met'}")
    print(f"project licence: {report['project']['outbound']} (from {report['project']['outbound_source']})")
    for source, count in sorted(by_source.items()):
        print(f"  {count:5} {source}")
    print(f"  {nested:5} of the installed npm packages are nested under another package "
          f"({100 * nested / max(1, by_source['installed npm packages']):.0f}%)")
    print("findings: " + ", ".join(f"{report['summary'][k]} {k}" for k in
                                   ("incompatible", "unknown", "conditional", "compatible", "accepted")) +
          f"; {report['summary']['files_scanned']} files scanned; exit {done.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
