# SPDX-License-Identifier: Apache-2.0
"""The outputs docs/drafting.md shows are what the commands print."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs" / "drafting.md").read_text(encoding="utf-8")

#: (command, lines of its output the page quotes)
COMMANDS = [
    (["test", "examples/drafts/intent.yaml", "--terms", "examples/drafts/v2.terms", "-q"],
     ["7 cases: 7 met, 0 not met; 2 compatible, 2 conditional, 3 incompatible, 0 unknown, 0 errors"]),
    (["test", "examples/drafts/intent.yaml", "--terms", "examples/drafts/v1.terms", "-q"],
     ["coop-outside-the-ess: conditional  (expected incompatible: NOT MET)",
      "7 cases: 3 met, 4 not met; 2 compatible, 1 conditional, 3 incompatible, 1 unknown, 0 errors"]),
    (["lint", "examples/drafts/v2.terms"], ["examples/drafts/v2.terms:29:1: warning: dangling clause reference `[notices]`"]),
    (["diff", "examples/drafts/v1.terms", "examples/drafts/v2.terms"],
     ["summary: 3 clauses changed, 1 added, 0 removed, 1 renamed; 2,924 questions of the default grid asked of each "
      "draft; 1,086 answers differ: 202 stricter, 323 looser, 561 in their conditions or duties only",
      "  [network-source]: 60 answers differ (12 stricter, 0 looser, 48 in conditions or duties only)",
      "    incompatible -> compatible (looser), 77 questions",
      "      * static-link, modify of each into the draft: BSD-Protection"]),
    (["diff", "examples/drafts/v1.terms", "examples/drafts/v2.terms", "--grid", "examples/drafts/intent.yaml"],
     ["      * static-link of Apache-2.0 into LicenseRef-Solidarity-Commons-1.0"]),
    (["diff", "examples/drafts/v1.terms", "examples/drafts/v2.terms", "--format", "markdown"],
     ["**202 stricter, 323 looser**, and 561 answers whose conditions or duties alone change, over the 2,924 "
      "questions asked of each draft.",
      "- **✗ incompatible → ✓ compatible**, 77 questions, because `[no-further-restrictions]`"]),
]


@pytest.mark.parametrize(("args", "lines"), COMMANDS, ids=[" ".join(a[:2]) + (" " + a[-1] if a[-1].startswith("-") else "")
                                                          for a, _l in COMMANDS])
def test_documented_output(args: list[str], lines: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each quoted line is in the page and in the command's output, run from the top of the repository."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args)
    output = result.stdout.splitlines()
    for line in lines:
        assert line in DOC
        assert line in output, line
