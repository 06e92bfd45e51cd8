# SPDX-License-Identifier: Apache-2.0
"""`licensecheck scan`: find every licence of a repository, its packages and SBOMs, and check each.

`scan_repository(root)` walks the tree once (nothing is executed, nothing is written), builds an
`Inventory` (frozen data), and checks one question per component against the project
(its outbound licence, who it is, how each component is used) through the checker.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from licensecheck.catalog import Catalog
from licensecheck.errors import InputError
from licensecheck.scan.config import Config, load_config
from licensecheck.scan.findings import evaluate, worst
from licensecheck.scan.inventory import Options, Progress, collect
from licensecheck.scan.model import Finding, Inventory, ScanReport


def scan_repository(root: Path, config: Config | None = None, config_path: Path | None = None,
                    options: Options | None = None, catalog: Catalog | None = None, today: dt.date | None = None,
                    progress: Progress | None = None) -> ScanReport:
    """Scan a folder and check what it holds; raises InputError for a bad root or configuration."""
    if not root.exists():
        raise InputError(f"{root}: no such folder")
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    if not os.access(root, os.R_OK | os.X_OK):
        raise InputError(f"{root}: cannot read the folder")
    if config is None:
        config = load_config(root, config_path)
    if catalog is None:
        from licensecheck.library import load_library

        catalog = load_library()
    if config.terms:
        catalog = _with_terms(catalog, config)
    inventory = collect(os.path.abspath(root), config, options or Options(), progress)
    return evaluate(replace(inventory, root=str(root)), config, catalog, today)


def _with_terms(catalog: Catalog, config: Config) -> Catalog:
    """The catalog with the project's own terms files (`terms:` in the configuration)."""
    from licensecheck.library import expand_paths, with_documents
    from licensecheck.syntax.parser import read_document

    paths = [Path(p) for p in config.terms]
    for path in paths:
        if not path.exists():
            raise InputError(f"{config.path}: `terms`: no such file or folder: {path}")
    documents = [read_document(path) for path in expand_paths(paths)]
    return with_documents([*catalog.documents.values(), *catalog.policies.values(), *documents])


__all__ = ["Config", "Finding", "Inventory", "Options", "ScanReport", "load_config", "scan_repository", "worst"]
