# SPDX-License-Identifier: Apache-2.0
"""Helpers of the scan tests: the state of a tree, and findings in short."""

from __future__ import annotations

import os
from pathlib import Path

from licensecheck.scan.model import ScanReport

REPOS = Path(__file__).resolve().parent.parent / "fixtures" / "repos"


def tree_state(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under root (links not followed) with its mode, size and modification time."""
    state: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            state[os.path.relpath(path, root)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return state


def outline(report: ScanReport) -> list[tuple[str, str, str, str, bool]]:
    """The findings as (verdict, kind, name, use, accepted), in report order."""
    return [(f.verdict.value, f.component.kind.value, f.component.name, f.component.use, f.accepted is not None)
            for f in report.findings]
