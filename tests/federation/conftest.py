# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the federation tests: the example registry, a writer of registries, the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser import _browser  # noqa: F401  (the `browser` fixture)

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "federation" / "plateformes-en-communs.yaml"


@pytest.fixture(name="example")
def _example() -> Path:
    return EXAMPLE


@pytest.fixture(name="write")
def _write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Writes a registry text into tmp_path and returns its path."""

    def write(text: str, name: str = "r.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
