# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: the shipped library, a click runner, and a private cache directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.catalog import Catalog

os.environ.setdefault("LICENSECHECK_CACHE_DIR", str(Path(__file__).parent / ".cache-tests"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(name="catalog", scope="session")
def _catalog() -> Catalog:
    from licensecheck.library import load_library

    return load_library()


@pytest.fixture(name="runner")
def _runner() -> Iterator[CliRunner]:
    yield CliRunner()


@pytest.fixture(name="root", scope="session")
def _root() -> Path:
    return ROOT
