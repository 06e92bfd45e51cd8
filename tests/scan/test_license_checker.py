# SPDX-License-Identifier: Apache-2.0
"""A real node_modules (nested and scoped packages, committed as their package.json and licence files)
scanned by licensecheck and by license-checker: the same packages, versions and licences, one by one.

license-checker is found on PATH, at $LICENSE_CHECKER, or installed once with npm into a folder of the
system's temporary directory (never into the repository); the test is skipped only where npm is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from licensecheck.scan import scan_repository
from licensecheck.scan.model import Kind
from tests.scan.helpers import REPOS

VERSION = "25.0.1"


def _license_checker() -> str | None:
    given = os.environ.get("LICENSE_CHECKER") or shutil.which("license-checker")
    if given:
        return given
    npm = shutil.which("npm")
    if npm is None:
        return None
    folder = Path(tempfile.gettempdir()) / f"licensecheck-tests-license-checker-{VERSION}"
    program = folder / "node_modules" / ".bin" / "license-checker"
    if not program.exists():
        done = subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
                               f"license-checker@{VERSION}"], capture_output=True, timeout=300)
        if done.returncode != 0 or not program.exists():
            pytest.fail(f"could not install license-checker with npm: {done.stderr.decode()[-500:]}")
    return str(program)


@pytest.mark.slow
def test_nested_node_modules_agree_with_license_checker(tmp_path: Path) -> None:
    """Every package license-checker lists (nested and scoped ones too) is found with the same licence."""
    program = _license_checker()
    if program is None:
        pytest.skip("npm is not installed")
    root = tmp_path / "npm-nested"
    shutil.copytree(REPOS / "npm-nested", root)
    done = subprocess.run([program, "--json", "--start", str(root)], capture_output=True, timeout=120, check=True)
    theirs = {}
    for key, entry in json.loads(done.stdout).items():
        name, _, version = key.rpartition("@")
        licences = entry.get("licenses")
        theirs[(name, version)] = " OR ".join(licences) if isinstance(licences, list) else licences
    theirs.pop(("nested-demo", "1.0.0"))  # the project itself
    report = scan_repository(root)
    ours = {(f.component.name, f.component.version): f.component.expression for f in report.findings
            if f.component.kind is Kind.PACKAGE}
    assert theirs == ours
    assert ("ms", "2.0.0") in ours  # the copy nested under debug, which a hoisted-only walk misses
