"""Where the shipped data lives (grammars, licences, policies) and where caches may go."""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def data_path(name: str) -> Traversable:
    """A shipped data folder: inside the installed package, or at the top of a source checkout."""
    packaged = resources.files("licensecheck").joinpath(name)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


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
