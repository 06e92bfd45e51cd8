# SPDX-License-Identifier: Apache-2.0
"""The licence of a commons given by `path`: the project licence that `licensecheck scan` finds there.

This is the only place the federation uses the scanner. It relies on `scan_repository(root)` returning
a report whose `outbound` is the project's licence expression (None when none is declared) and whose
`outbound_source` says where it was found (e.g. `LICENSE:1`), and on the scanner raising `InputError`
for a folder it cannot read or a bad `.licensecheck.yaml` there.
"""

from __future__ import annotations

from pathlib import Path

from licensecheck.errors import InputError
from licensecheck.yamlio import Node, short


def project_licence(folder: Path, at: Node) -> tuple[str | None, str | None]:
    """The project licence found in a checkout and where; a scan that fails is bad input at `at`."""
    from licensecheck.scan import scan_repository

    try:
        report = scan_repository(folder)
    except InputError as exc:
        raise InputError(f"cannot scan `path` `{short(at.value)}`: {exc.message}", at.span) from None
    return report.outbound, report.outbound_source
