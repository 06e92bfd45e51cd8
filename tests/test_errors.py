# SPDX-License-Identifier: Apache-2.0
"""Every kind of error in a terms file gives one exact message at the exact place."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.errors import TermsSyntaxError
from licensecheck.syntax.parser import check_document, parse_document

CASES = [
    ("missing full stop", "license X\n[a] §1: may use\n[b] §2: may use.\n",
     "t.terms:2:16: error: missing full stop: a clause must end with a full stop"),
    ("missing full stop at end of file", "license X\n[a] §1: may use",
     "t.terms:2:16: error: unexpected the end of the file: a clause must end with a full stop"),
    ("clause without id", "license X\n§1: may use.\n",
     "t.terms:2:1: error: unexpected `§1`: a clause starts with its id in brackets, e.g. `[grant] §2: may use.`"),
    ("missing colon", "license X\n[a] §1 may use.\n",
     "t.terms:2:8: error: unexpected `may`: the citations of a clause end with a colon, e.g. `[grant] §2: may use.`"),
    ("unknown statement", "license X\n[a] §1: can use.\n",
     "t.terms:2:9: error: unexpected `can`: a statement starts with may, must, share-alike, compatible, convertible, "
     "no further restrictions, grants, waives, changes, ends, reserves, define, allow, deny or conditional"),
    ("bad header", "licence X\n[a] §1: may use.\n",
     "t.terms:1:1: error: unexpected `licence`: a terms file starts with `license`, `exception`, `addendum` or "
     "`policy` and an id"),
    ("bad metadata line", 'license X\nname "x"\n',
     't.terms:2:6: error: unexpected `"x"`: a metadata line is `field: value`'),
    ("bad condition", "license X\n[a] §1: may use if licensee.\n",
     "t.terms:2:28: error: unexpected `.`: a condition is `licensee ...`, `purpose ...`, `modified`, "
     "`use is ...`, `work is ...`, `trial N days`, `parameter ...`, `agreement` or a defined term, joined by and/or/not"),
    ("undefined term", "license X\n[a] §1: may use if commercial.\n",
     "t.terms:2:20: error: unknown term `commercial`"),
    ("unterminated string", 'license X\n[a] §1: may use quote "abc.\n',
     "t.terms:2:23: error: unterminated string: a quote opened here is not closed on its line"),
    ("unknown act", "license X\n[a] §1: may fly.\n", "t.terms:2:13: error: unknown act `fly`"),
    ("unknown duty", "license X\n[a] §1: must keep-notice.\n", "t.terms:2:14: error: unknown duty `keep-notice`"),
    ("unknown kind", "license X\n[a] §1: may use if licensee is coop.\n",
     "t.terms:2:32: error: unknown licensee kind `coop`"),
    ("unknown attribute", "license X\n[a] §1: may use if licensee worker_owner.\n",
     "t.terms:2:29: error: unknown licensee attribute `worker_owner`"),
    ("unknown purpose", "license X\n[a] §1: may use if purpose comercial.\n",
     "t.terms:2:28: error: unknown purpose `comercial`"),
    ("unknown scope", "license X\n[a] §1: share-alike program under this license.\n",
     "t.terms:2:21: error: unknown share-alike scope `program`"),
    ("unknown use", "license X\n[a] §1: share-alike does not cover linking.\n", "t.terms:2:36: error: unknown use `linking`"),
    ("unknown work", "license X\n[a] §1: share-alike file under this license for code.\n",
     "t.terms:2:49: error: unknown kind of work `code`"),
    ("unknown metadata field", 'license X\nnmae: "x"\n', "t.terms:2:1: error: unknown metadata field `nmae`"),
    ("duplicate clause id", "license X\n[a] §1: may use.\n[a] §2: may run.\n",
     "t.terms:3:2: error: duplicate clause id `a` (first at line 2)"),
    ("attribute is not yes/no", "license X\n[a] §1: may use if licensee people.\n",
     "t.terms:2:29: error: licensee attribute `people` is not yes/no: compare it, e.g. `licensee people < 100`"),
    ("attribute is a number", "license X\n[a] §1: may use if licensee people < many.\n",
     "t.terms:2:38: error: licensee attribute `people` is a number"),
    ("unknown restriction", "license X\n[a] §1: no further restrictions except notice.\n",
     "t.terms:2:40: error: unknown restriction `notice`"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_message_and_position(name: str, text: str, expected: str) -> None:
    """The first error of a malformed file is the exact line `path:line:column: error: message`."""
    _, errors = check_document(text, "t.terms")
    assert errors, name
    assert expected == errors[0].one_line()


def test_caret_points_at_the_column() -> None:
    """The rendered error shows the source line and a caret under the column."""
    with pytest.raises(TermsSyntaxError) as info:
        parse_document("license X\n[a] §1: may fly.\n", "t.terms")
    assert "t.terms:2:13: error: unknown act `fly`\n2 | [a] §1: may fly.\n                ^" == info.value.render()


def test_hint_for_a_misspelt_word() -> None:
    """A misspelt vocabulary word gets a `did you mean` hint."""
    _, errors = check_document("license X\n[a] §1: must keep-notice.\n", "t.terms")
    assert "did you mean `keep-notices`?" == errors[0].hint


def test_every_vocabulary_error_is_reported() -> None:
    """Lint sees all vocabulary errors of a file, not only the first."""
    _, errors = check_document("license X\n[a] §1: may fly.\n[b] §2: may swim.\n", "t.terms")
    assert ["t.terms:2:13: error: unknown act `fly`", "t.terms:3:13: error: unknown act `swim`"] == \
        [e.one_line() for e in errors]


def test_lint_missing_file_is_one_line_exit_4(tmp_path: Path) -> None:
    """A missing file given to lint is one line and exit code 4, never a traceback."""
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "nope.terms")])
    assert 4 == result.exit_code
    assert f"{tmp_path / 'nope.terms'}:1:1: error: no such file: `{tmp_path / 'nope.terms'}`" in result.output
    assert "Traceback" not in result.output


def test_lint_malformed_file_exit_4(tmp_path: Path) -> None:
    """A malformed terms file makes lint exit 4 with the error line and the caret."""
    path = tmp_path / "bad.terms"
    path.write_text("license X\n[a] §1: may fly.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert 4 == result.exit_code
    assert f"{path}:2:13: error: unknown act `fly`" in result.output
    assert "^" in result.output


def test_lint_non_utf8_file_is_one_line(tmp_path: Path) -> None:
    """A file that is not UTF-8 is reported in one line, exit 4."""
    path = tmp_path / "latin.terms"
    path.write_bytes(b"license X\n[a] \xa71: may use.\n")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert 4 == result.exit_code
    assert f"{path}:1:1: error: cannot read `{path}`: not UTF-8 (line 2)" in result.output


def test_terms_option_with_malformed_file_exit_4(tmp_path: Path) -> None:
    """A malformed --terms file stops `check` with one error line and exit 4."""
    path = tmp_path / "draft.terms"
    path.write_text("license LicenseRef-Draft\n[a] §1: may use\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "MIT", "--use", "internal-use", "--terms", str(path)])
    assert 4 == result.exit_code
    assert result.output.startswith(f"{path}:2:16: error: unexpected the end of the file")
