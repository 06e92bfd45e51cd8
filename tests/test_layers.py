# SPDX-License-Identifier: Apache-2.0
"""Import layers: the checker never parses text or reads files; only the CLI imports click."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "licensecheck"

#: module prefix -> prefixes it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "licensecheck.check": ("licensecheck.cli", "licensecheck.report", "licensecheck.api", "licensecheck.library",
                           "licensecheck.syntax", "licensecheck.lint", "licensecheck.cases", "licensecheck.scan",
                           "click", "lark", "yaml"),
    "licensecheck.syntax": ("licensecheck.cli", "licensecheck.report", "licensecheck.check", "licensecheck.api",
                            "licensecheck.library", "click"),
    "licensecheck.catalog": ("licensecheck.cli", "licensecheck.report", "licensecheck.check", "licensecheck.syntax",
                             "licensecheck.library", "click", "lark"),
    "licensecheck.model": ("licensecheck.", "click", "lark"),
    "licensecheck.library": ("licensecheck.cli", "licensecheck.report", "licensecheck.check", "licensecheck.api",
                             "click"),
    "licensecheck.report": ("licensecheck.cli", "click"),
    "licensecheck.api": ("licensecheck.cli", "licensecheck.report", "click"),
    "licensecheck.question": ("licensecheck.check", "licensecheck.cli", "click", "lark"),
    "licensecheck.scan": ("licensecheck.cli", "click"),
    "licensecheck.texts": ("licensecheck.cli", "licensecheck.report", "licensecheck.check", "licensecheck.api",
                           "licensecheck.syntax", "licensecheck.catalog", "licensecheck.library", "licensecheck.model",
                           "click", "lark"),
    # federations: the registry and the matrix are a library above the checker; rendering comes last
    "licensecheck.federation": ("licensecheck.cli", "click"),
    "licensecheck.federation.registry": ("licensecheck.report", "licensecheck.federation.render", "jinja2"),
    "licensecheck.federation.matrix": ("licensecheck.report", "licensecheck.federation.render", "jinja2",
                                       "licensecheck.scan", "yaml"),
    "licensecheck.federation.recommend": ("licensecheck.report", "licensecheck.federation.render", "jinja2",
                                          "licensecheck.scan", "yaml"),
    # the HTML report layer is shared by several reports: it knows none of them
    "licensecheck.report.html": ("licensecheck.federation", "licensecheck.scan", "licensecheck.api",
                                 "licensecheck.check.engine", "licensecheck.diff"),
    # the diff of two drafts: a library above the checker (it asks, never decides); rendering comes last
    "licensecheck.diff": ("licensecheck.cli", "click"),
    "licensecheck.diff.drafts": ("licensecheck.report", "licensecheck.diff.render", "jinja2", "licensecheck.check"),
    "licensecheck.diff.clauses": ("licensecheck.report", "licensecheck.diff.render", "jinja2", "licensecheck.check",
                                  "licensecheck.api"),
    "licensecheck.diff.grid": ("licensecheck.report", "licensecheck.diff.render", "jinja2", "licensecheck.check"),
    "licensecheck.diff.verdicts": ("licensecheck.report", "licensecheck.diff.render", "jinja2", "licensecheck.check.rules",
                                   "licensecheck.check.grants", "licensecheck.check.carry", "licensecheck.check.facts"),
    "licensecheck.spdx_meta": ("licensecheck.", "click", "lark", "yaml"),
}
ALLOWED_IN_MODEL = ("licensecheck.source", "licensecheck.record")


def imports_of(path: Path) -> set[str]:
    """Modules a file imports (at any depth of the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def modules() -> list[tuple[str, Path]]:
    """Every module of the package with its dotted name."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        out.append((name, path))
    return out


@pytest.mark.parametrize(("name", "path"), modules(), ids=[n for n, _ in modules()])
def test_module_respects_its_layer(name: str, path: Path) -> None:
    """A module imports nothing from the layers above it."""
    for prefix, forbidden in FORBIDDEN.items():
        if name == prefix or name.startswith(prefix + "."):
            bad = [imp for imp in imports_of(path)
                   if any(imp == f or imp.startswith(f if f.endswith(".") else f + ".") or imp == f.rstrip(".")
                          for f in forbidden)
                   and not imp.startswith(ALLOWED_IN_MODEL)]
            assert [] == bad, f"{name} imports {bad}"


def test_only_the_cli_imports_click() -> None:
    """click is imported by licensecheck.cli only."""
    users = [name for name, path in modules() if "click" in imports_of(path)]
    assert all(name.startswith("licensecheck.cli") for name in users), users


@pytest.mark.parametrize("name", [n for n, _ in modules() if not n.endswith("__main__")])
def test_each_module_imports_alone(name: str) -> None:
    """Every module imports on its own in a fresh interpreter (no import cycles)."""
    subprocess.run([sys.executable, "-c", f"import {name}"], check=True, capture_output=True)
