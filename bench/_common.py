# SPDX-License-Identifier: Apache-2.0
"""Helpers for the benchmark scripts: timing whole processes, medians, a clean environment."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def environment(**extra: str) -> dict[str, str]:
    """The environment for timed processes: bytecode allowed (as after `pip install`), the repository importable."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "LICENSECHECK_NO_CACHE")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def time_process(argv: Sequence[str], runs: int, env: dict[str, str] | None = None, warmup: int = 2) -> list[float]:
    """Wall-clock seconds of `runs` runs of a command (after `warmup` untimed runs)."""
    env = env or environment()
    for _ in range(warmup):
        subprocess.run(argv, env=env, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def median_ms(times: Sequence[float]) -> float:
    """Median in milliseconds."""
    return statistics.median(times) * 1000


def python() -> str:
    """The interpreter running the benchmark."""
    return sys.executable


#: seconds the reference loop takes on an idle core of this project's machine kind (2-core x86_64 VM, Python 3.11);
#: measured as the fastest of many runs, where some run gets a whole core
REFERENCE_LOOP_SECONDS = 0.018


def reference_loop() -> float:
    """Seconds one run of a fixed pure-Python workload takes now (dict, list and string work like the checker's)."""
    start = time.perf_counter()
    table: dict[str, int] = {}
    total = 0
    for index in range(60_000):
        key = f"k{index % 997}"
        table[key] = table.get(key, 0) + index
        total += len(key) * (index & 7)
    items = sorted(table.items())
    total += sum(value for _key, value in items[:50])
    del total
    return time.perf_counter() - start


def slowdown(runs: int = 15) -> float:
    """How much slower than an idle core this machine is now: the median of the reference loop over its idle time.

    Divide a measured time by it to read the figure as on an idle machine ("normalised").
    """
    times = sorted(reference_loop() for _ in range(runs))
    return max(1.0, statistics.median(times) / REFERENCE_LOOP_SECONDS)
