# SPDX-License-Identifier: Apache-2.0
"""Modular licences: `<stem><CODE>[-<CODE>...]` and `<stem>FULL` ids resolve for any licence that declares modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.library import load_catalog

#: a draft of our own: a core, two modules, and an id for the full text
DRAFT = """license LicenseRef-AAA-CORE
name: "AAA licence (core)"
aliases: AAA-CORE
all-modules: LicenseRef-AAA-Full-Text
works: software
modules: MIL, ECO
[grant] §1: may use, run, reproduce, modify, combine, distribute.
module MIL "Military" {
  [no-military] §2: must not everything if licensee is military.
}
module ECO "Ecocide" {
  [no-ecocide] §3: must not everything if licensee does ecocide.
}
"""


@pytest.fixture(name="draft")
def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "LicenseRef-AAA-CORE.terms"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def check(draft: Path, expression: str, *extra: str) -> tuple[int, dict[str, object]]:
    """Ask about an internal use by a military body under the draft; the exit code and the JSON result."""
    result = CliRunner().invoke(main, ["check", expression, "--use", "internal-use", "--as", "military",
                                       "--terms", str(draft), "--format", "json", *extra])
    document = json.loads(result.output)
    return result.exit_code, document["results"][0]


def test_core_of_a_draft_has_no_module(draft: Path) -> None:
    """The core alone grants the use: its modules' clauses are not part of it."""
    code, result = check(draft, "LicenseRef-AAA-CORE")
    assert ("compatible", 0) == (result["verdict"], code)


def test_module_id_of_a_draft_adds_the_module(draft: Path) -> None:
    """`LicenseRef-AAA-MIL` is the core plus the MIL module, whose clause refuses a military body."""
    code, result = check(draft, "LicenseRef-AAA-MIL")
    assert ("incompatible", 1) == (result["verdict"], code)
    assert ["no-military"] == [r["clause"] for r in result["reasons"]]  # type: ignore[union-attr,index]


def test_module_ids_ignore_case_and_order_of_codes(draft: Path) -> None:
    """Codes are matched without regard to case, in the order given, and spelled as the file declares them."""
    catalog = load_catalog([draft])
    license = catalog.resolve("licenseref-aaa-eco-mil")
    assert license is not None
    assert "LicenseRef-AAA-ECO-MIL" == license.id
    assert ["grant", "no-ecocide", "no-military"] == [c.id for c in license.clauses]


def test_full_and_all_modules_ids(draft: Path) -> None:
    """`<stem>FULL` and an `all-modules:` id name the core with every module."""
    catalog = load_catalog([draft])
    for name in ("LicenseRef-AAA-FULL", "LicenseRef-AAA-Full-Text", "AAA-FULL"):
        license = catalog.resolve(name)
        assert license is not None, name
        assert ("LicenseRef-AAA-FULL", ["grant", "no-military", "no-ecocide"]) == \
            (license.id, [c.id for c in license.clauses])


def test_unknown_module_code_is_an_unknown_id(draft: Path) -> None:
    """A code the licence does not declare makes the id unknown, not the core."""
    code, result = check(draft, "LicenseRef-AAA-MIL-NOPE")
    assert ("unknown", 3) == (result["verdict"], code)


def test_licence_without_core_suffix_takes_modules(tmp_path: Path) -> None:
    """A modular licence whose id does not end in `-CORE` takes its modules after its own id."""
    path = tmp_path / "LicenseRef-BBB.terms"
    path.write_text(DRAFT.replace("LicenseRef-AAA-CORE", "LicenseRef-BBB").replace("AAA-CORE", "BBB-CORE"),
                    encoding="utf-8")
    code, result = check(path, "LicenseRef-BBB-MIL")
    assert ("incompatible", 1) == (result["verdict"], code)


def test_shipped_hl3_full_text_id_has_every_module() -> None:
    """ScanCode's id of the full Hippocratic 3.0 text resolves to the core with every module."""
    from licensecheck.library import load_library

    license = load_library().resolve("LicenseRef-scancode-Hippocratic-3.0")
    assert license is not None
    assert "LicenseRef-HL3-FULL" == license.id
    assert len(license.document.modules) == len({c.module for c in license.clauses if c.module})


def test_lint_reports_modules_field_and_blocks_that_differ(tmp_path: Path) -> None:
    """A code listed in `modules:` without its block, and a block not listed, are warnings at their places."""
    path = tmp_path / "LicenseRef-CCC-CORE.terms"
    path.write_text(DRAFT.replace("AAA", "CCC").replace("modules: MIL, ECO", "modules: MIL, SUP"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert [("warning", "module `SUP` is listed in `modules:` but has no `module SUP` block", ":6:1"),
            ("warning", "module `ECO` is not listed in `modules:`", ":11:1")] == \
        [(f["severity"], f["message"], f["location"][f["location"].index(".terms") + 6:]) for f in findings]
