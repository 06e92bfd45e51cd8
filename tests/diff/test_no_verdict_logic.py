# SPDX-License-Identifier: Apache-2.0
"""The diff asks the checker and compares answers: it names no verdict and holds no verdict logic."""

from __future__ import annotations

import ast
from pathlib import Path

from licensecheck.check.verdict import Verdict

PACKAGE = Path(__file__).resolve().parent.parent.parent / "licensecheck" / "diff"


def test_no_verdict_is_named_in_the_diff_package() -> None:
    """No string literal of `licensecheck/diff/` is a verdict: verdicts come from `licensecheck.check.verdict`."""
    named = {v.value for v in Verdict}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in named:
                found.append(f"{path.name}:{node.lineno}: {node.value}")
    assert [] == found


def test_no_verdict_member_is_named_either() -> None:
    """No module of the diff names a verdict member (`Verdict.COMPATIBLE`): it compares results' verdicts only."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Verdict":
                found.append(f"{path.name}:{node.lineno}: Verdict.{node.attr}")
    assert [] == found
