# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the diff tests: the example drafts, their diff (computed once), a writer of drafts, the browser."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from tests.browser import _browser  # noqa: F401  (the `browser` fixture)

ROOT = Path(__file__).resolve().parent.parent.parent
DRAFTS = ROOT / "examples" / "drafts"


@pytest.fixture(name="drafts", scope="session")
def _drafts() -> Path:
    return DRAFTS


@pytest.fixture(name="example_diff", scope="session")
def _example_diff() -> dict[str, Any]:
    """The JSON diff of the example drafts v1 and v2 (docs/drafting.md)."""
    result = CliRunner().invoke(main, ["diff", str(DRAFTS / "v1.terms"), str(DRAFTS / "v2.terms"), "--format", "json"])
    assert 1 == result.exit_code, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(name="write")
def _write(tmp_path: Path) -> Callable[..., Path]:
    """Writes a file into tmp_path and returns its path."""

    def write(text: str, name: str = "draft.terms") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
