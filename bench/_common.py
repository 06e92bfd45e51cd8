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
