# SPDX-License-Identifier: Apache-2.0
"""Where the shipped data lives (grammars, licences, policies) and where caches may go."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable


def data_path(name: str) -> Traversable:
    """A shipped data folder: inside the installed package, or at the top of a source checkout.

    Plain paths first (importing importlib.resources costs start-up time); importlib.resources for
    packages that are not on the file system (zip imports).
    """
    here = Path(__file__).resolve().parent
    if (here / name).is_dir():
        return here / name
    if (here.parent / name).is_dir() and (here.parent / "pyproject.toml").is_file():
        return here.parent / name
    from importlib import resources

    return resources.files("licensecheck").joinpath(name)


def cache_dir() -> Path | None:
    """The user cache directory for licensecheck, created if needed; None when it cannot be used."""
    if os.environ.get("LICENSECHECK_NO_CACHE"):
        return None
    base = os.environ.get("LICENSECHECK_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    directory = root if os.environ.get("LICENSECHECK_CACHE_DIR") else root / "licensecheck"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK | os.X_OK):
        return None
    return directory
