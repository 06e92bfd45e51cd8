# SPDX-License-Identifier: Apache-2.0
"""`lint` reports library-level errors and warnings with their places."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from licensecheck.cli import main


def lint(tmp_path: Path, text: str) -> tuple[int, list[dict[str, str]]]:
    """Lint one terms file; return the exit code and the findings."""
    path = tmp_path / "draft.terms"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def test_reference_to_an_unknown_licence_is_an_error(tmp_path: Path) -> None:
    """A target that names no licence of the library is an error with a suggestion."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\n[sa] §1: share-alike whole-work under GPL-3.0-onyl.\n")
    assert 4 == code
    assert [("error", "reference to an unknown licence `GPL-3.0-onyl`", "did you mean `GPL-3.0-only`?")] == \
        [(f["severity"], f["message"], f["hint"]) for f in findings]
    assert findings[0]["location"].endswith("draft.terms:3:39")


def test_clause_that_can_never_apply_is_a_warning(tmp_path: Path) -> None:
    """Contradictory conditions (two unrelated kinds, or a fact and its negation) make a clause dead."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\n"
                                    "[a] §1: may use if licensee is individual and licensee is cooperative.\n"
                                    "[b] §2: may run if modified and not modified.\n")
    assert 0 == code
    assert ["clause `a` can never apply: the licensee cannot be both `individual` and `cooperative`",
            "clause `b` can never apply: it requires a condition and its negation"] == [f["message"] for f in findings]


def test_permission_and_prohibition_of_the_same_act_is_a_warning(tmp_path: Path) -> None:
    """A prohibition of an act that a permission grants to the same licensees is reported."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\n[a] §1: may use, run.\n[b] §2: must not run.\n")
    assert 0 == code
    assert ["clause `b` forbids `run` that clause `a` (line 3) permits for the same licensee"] == \
        [f["message"] for f in findings]


def test_dangling_references_are_warnings(tmp_path: Path) -> None:
    """`drops:` of a clause the base does not have, and a `[clause]` in a note that does not exist, are reported."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nextends: MIT\ndrops: no-such-clause\nworks: software\n"
                                    '[a] §1: may use note "see [missing]".\n')
    assert 0 == code
    assert ["dangling clause reference: `no-such-clause` is not a clause of the base licence",
            "dangling clause reference `[missing]`"] == [f["message"] for f in findings]


def test_clean_file_has_no_findings(tmp_path: Path) -> None:
    """A well-formed file lints with no findings and exit 0."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\n[a] §1: may use.\n")
    assert (0, []) == (code, findings)
