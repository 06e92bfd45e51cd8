# SPDX-License-Identifier: Apache-2.0
"""Loading the whole licence library in a fresh process, with and without the on-disk cache.

Target (issue 3): <= 50 ms median with a cache, <= 2 s without. The bare interpreter's start-up is timed
in the same run and printed: it is part of every fresh process and differs a lot between machines (on the
development sandbox a site-packages .pth file that imports certifi adds about 40 ms to it).
Run: python bench/library_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile

from _common import environment, median_ms, python, time_process

LOAD = "from licensecheck.library import load_library; load_library()"
MEASURE = ("import time; t = time.perf_counter(); "
           "from licensecheck.library import load_library; load_library(); "
           "print(time.perf_counter() - t)")


def in_process(runs: int, env: dict[str, str]) -> list[float]:
    """Seconds from the first licensecheck import to a loaded library, measured inside fresh processes."""
    out = []
    for _ in range(runs):
        done = subprocess.run([python(), "-c", MEASURE], env=env, capture_output=True, text=True, check=True)
        out.append(float(done.stdout.strip()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cached_env = environment(LICENSECHECK_CACHE_DIR=cache)
        bare = time_process([python(), "-c", "pass"], args.runs, cached_env)
        cached = time_process([python(), "-c", LOAD], args.runs, cached_env)
        inside = in_process(args.runs, cached_env)
        no_cache_env = environment(LICENSECHECK_NO_CACHE="1")
        uncached = time_process([python(), "-c", LOAD], max(5, args.runs // 4), no_cache_env)
        inside_uncached = in_process(max(5, args.runs // 4), no_cache_env)
    print(f"bare interpreter (python -c pass):               {median_ms(bare):7.1f} ms median")
    print(f"fresh process loading the library, cache hit:    {median_ms(cached):7.1f} ms median "
          f"({median_ms(cached) - median_ms(bare):.1f} ms over the bare interpreter)")
    print(f"  of which import + load inside the process:     {statistics.median(inside) * 1000:7.1f} ms median")
    print(f"fresh process loading the library, no cache:     {median_ms(uncached):7.1f} ms median")
    print(f"  of which import + parse inside the process:    {statistics.median(inside_uncached) * 1000:7.1f} ms median")


if __name__ == "__main__":
    main()
