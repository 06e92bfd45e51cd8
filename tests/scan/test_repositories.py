# SPDX-License-Identifier: Apache-2.0
"""Each fixture repository gives exactly the expected findings and exit code, and is never written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.scan import scan_repository
from tests.scan.helpers import outline, tree_state

Repo = Callable[[str], Path]

EXPECTED: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "python": [
        ("incompatible", "files", "GPL-3.0-or-later", "static-link", False),
        ("unknown", "package", "mystery", "dynamic-link", False),
        ("compatible", "files", "MIT", "static-link", False),
        ("compatible", "package", "coop-legacy", "aggregate", False),
        ("compatible", "package", "gpltool", "build-tool", False),
        ("compatible", "package", "pluggy", "build-tool", False),
        ("compatible", "package", "pytest", "build-tool", False),
        ("compatible", "package", "requests", "dynamic-link", False),
        ("compatible", "package", "urllib3", "dynamic-link", False),
        ("compatible", "project", "coop-tools", "publish", False),
    ],
    "node": [
        ("incompatible", "package", "@coop/gpl-widget", "dynamic-link", False),
        ("unknown", "package", "left-pad", "dynamic-link", False),
        ("compatible", "files", "Apache-2.0", "static-link", False),
        ("compatible", "package", "eslint", "build-tool", False),
        ("compatible", "package", "espree", "build-tool", False),
        ("compatible", "package", "lodash", "dynamic-link", False),
        ("compatible", "project", "coop-web", "publish", False),
    ],
    "rust": [
        ("incompatible", "exception", "exception for old-crate", "publish", False),
        ("incompatible", "files", "GPL-2.0-only", "modify", True),
        ("conditional", "files", "MPL-2.0", "modify", False),
        ("conditional", "package", "foo", "modify", False),
        ("compatible", "files", "MIT OR Apache-2.0", "static-link", False),
        ("compatible", "project", "coop-cli", "publish", False),
    ],
    "php": [
        ("compatible", "files", "LGPL-2.1-only OR GPL-3.0-or-later", "static-link", False),
        ("compatible", "project", "coop/portal", "publish", False),
    ],
    "java": [
        ("incompatible", "files", "GPL-2.0-only", "static-link", False),
        ("compatible", "files", "Apache-2.0", "static-link", False),
        ("compatible", "project", "coop.example:ledger", "publish", False),
    ],
    "reuse": [
        ("compatible", "files", "Apache-2.0", "modify", False),
        ("compatible", "files", "CC-BY-4.0", "aggregate", False),
        ("compatible", "files", "CC0-1.0", "aggregate", False),
        ("compatible", "files", "GPL-3.0-or-later", "static-link", False),
        ("compatible", "files", "GPL-3.0-or-later AND MIT", "static-link", False),
        ("compatible", "files", "MIT", "modify", False),
        ("compatible", "project", "reuse", "publish", False),
    ],
    "sboms": [
        ("incompatible", "package", "gpl-only", "dynamic-link", False),
        ("incompatible", "package", "readline", "dynamic-link", False),
        ("unknown", "package", "mystery-blob", "dynamic-link", False),
        ("unknown", "package", "org.example:named", "dynamic-link", False),
        ("unknown", "package", "pcre2", "dynamic-link", False),
        ("compatible", "package", "chart.js", "dynamic-link", False),
        ("compatible", "package", "libyaml", "dynamic-link", False),
        ("compatible", "package", "make", "build-tool", False),
        ("compatible", "package", "ring", "static-link", False),
        ("compatible", "package", "webpack", "build-tool", False),
        ("compatible", "package", "zlib", "static-link", False),
        ("compatible", "project", "sboms", "publish", False),
    ],
}

EXIT_CODES = {"python": (1, 1), "node": (1, 1), "rust": (1, 1), "php": (0, 0), "java": (1, 1), "reuse": (0, 0),
              "sboms": (1, 1), "bad": (4, 4)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings(repo: Repo, name: str) -> None:
    """A fixture repository gives one finding per component with the expected verdict and use."""
    root = repo(name)
    assert EXPECTED[name] == outline(scan_repository(root))


@pytest.mark.parametrize("name", sorted(EXIT_CODES))
def test_exit_codes(repo: Repo, runner: CliRunner, name: str) -> None:
    """The worst finding sets the exit code; --strict also fails on conditional findings."""
    root = repo(name)
    before = tree_state(root)
    plain = runner.invoke(main, ["scan", str(root)])
    strict = runner.invoke(main, ["scan", str(root), "--strict"])
    assert EXIT_CODES[name] == (plain.exit_code, strict.exit_code), plain.output
    assert "Traceback" not in plain.output + strict.output
    assert before == tree_state(root)


def test_python_declarations(repo: Repo) -> None:
    """Findings say where each licence was declared, file and line, and why a package is a build tool."""
    report = scan_repository(repo("python"))
    where = {f.component.name: [str(d.location) for d in f.component.declarations] for f in report.findings}
    assert ["src/coop_tools/borrowed.py:1"] == where["GPL-3.0-or-later"]
    assert ["env/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA:4"] == where["requests"]
    assert ["pyproject.toml:4", "LICENSE:1"] == where["coop-tools"]
    assert ("MIT", "pyproject.toml:4") == (report.outbound, report.outbound_source)


def test_unknown_licences_are_listed(repo: Repo) -> None:
    """A licence string that is not SPDX is kept as written and its finding says why it is unknown."""
    report = scan_repository(repo("python"))
    mystery = next(f for f in report.findings if f.component.name == "mystery")
    assert ("not an SPDX expression nor a known licence name: `Custom licence, see the LICENSE file`",) == \
        mystery.result.errors


def test_reuse_precedence(repo: Repo, runner: CliRunner) -> None:
    """REUSE.toml closest, aggregate and override, nested REUSE.toml, sidecars and ignore blocks apply."""
    result = runner.invoke(main, ["scan", str(repo("reuse")), "--format", "json"])
    files = {f["path"]: f["expressions"] for f in json.loads(result.output)["files"]}
    assert {
        "LICENSES/CC-BY-4.0.txt": ["CC-BY-4.0"],
        "LICENSES/CC0-1.0.txt": ["CC0-1.0"],
        "LICENSES/GPL-3.0-or-later.txt": ["GPL-3.0-or-later"],
        "README.md": ["CC-BY-4.0"],
        "data/cities.csv": ["CC0-1.0"],
        "docs/api.md": ["CC0-1.0"],
        "docs/guide.md": ["CC-BY-4.0"],
        "img/logo.png": ["CC-BY-4.0"],
        "src/generated_table.c": ["GPL-3.0-or-later", "MIT"],
        "src/main.c": ["GPL-3.0-or-later"],
        "vendor/lib/strict.c": ["Apache-2.0"],
        "vendor/lib/util.c": ["MIT"],
    } == files


def test_sbom_lines(repo: Repo) -> None:
    """SBOM packages point at their line in the SPDX JSON, CycloneDX, tag-value and YAML documents."""
    report = scan_repository(repo("sboms"))
    where = {f.component.name: str(f.component.declarations[0].location) for f in report.findings
             if f.component.kind.value == "package"}
    assert "sbom/app.spdx.json:41" == where["readline"]
    assert "sbom/web.cdx.json:41" == where["gpl-only"]
    assert "sbom/tools.spdx:9" == where["libyaml"]
    assert "sbom/data.spdx.yaml:10" == where["pcre2"]


def test_rust_exceptions(repo: Repo) -> None:
    """An accepted exception keeps the verdict but not the exit code; an expired one is a finding."""
    report = scan_repository(repo("rust"))
    accepted = next(f for f in report.findings if f.accepted is not None)
    assert ("bar is being rewritten; tracked in #42", "2026-06-30") == (
        accepted.accepted.reason, accepted.accepted.expires.isoformat())  # type: ignore[union-attr]
    expired = report.findings[0]
    assert ("renew or remove the exception for `old-crate` (expired 2025-12-31)",) == expired.result.conditions


def test_linked_venv_folders_are_read_once(repo: Repo) -> None:
    """A virtual environment's lib64 link to lib does not list its packages twice."""
    root = repo("python")
    (root / "env" / "lib64").symlink_to("lib")
    assert EXPECTED["python"] == outline(scan_repository(root))
