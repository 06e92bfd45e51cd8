# SPDX-License-Identifier: Apache-2.0
"""Fixture repositories copied into a temporary folder, and a record of a tree to prove it is not written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.scan.helpers import REPOS


@pytest.fixture(name="repo")
def _repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A function copying a fixture repository into tmp_path and returning its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(REPOS / name, target, symlinks=True)
        return target

    return copy


