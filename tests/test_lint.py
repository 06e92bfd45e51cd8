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


# -- quotes and citations against the licence texts -------------------------------------------------------

TEXT = """Draft Licence

1. Grant. You may use, copy and modify the Work for any purpose.

2. Conditions.

   a) Keep the “copyright notice” — and this licence — with every copy.

   b) Do not use the names of the authors.
"""


def lint_with_text(tmp_path: Path, terms: str, text: str = TEXT, name: str = "LicenseRef-D.txt") -> tuple[int, list[dict[str, str]]]:
    """Lint a draft beside a `texts/` folder holding its licence text."""
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / name).write_text(text, encoding="utf-8")
    return lint(tmp_path, terms)


def where(finding: dict[str, str]) -> str:
    """The `line:column` of a finding."""
    return finding["location"].rsplit(":", 2)[-2] + ":" + finding["location"].rsplit(":", 1)[-1]


def test_quote_found_in_the_text_lints_clean(tmp_path: Path) -> None:
    """A quote that the text has, modulo typography and list markers, and citations it has, give no finding."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\n"
                                              '[grant] §1: may use quote "You may use, copy and modify the Work".\n'
                                              '[notices] §2(a) §2(b): must keep-notices when distribute\n'
                                              '  quote "keep the \\"copyright notice\\" - and this licence ... Do not use the names".\n')
    assert (0, []) == (code, findings)


def test_quote_not_in_the_text_is_an_error_at_the_clause(tmp_path: Path) -> None:
    """A quote the text does not have is an error at the clause, naming the text and how far it follows the quote."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\n"
                                              '[grant] §1: may use quote "You may use, copy and sell the Work".\n')
    assert 4 == code
    assert [("error", "quote of clause `grant` not found in " + str(tmp_path / "texts" / "LicenseRef-D.txt")
             + ': "you may use, copy and sell the work"', "3:1",
             'the text follows the quote up to "...you may use, copy and", then reads "modify the work for any purpose. conditi..."')] \
        == [(f["severity"], f["message"], where(f), f["hint"]) for f in findings]


def test_elided_segments_must_come_in_order(tmp_path: Path) -> None:
    """The parts of a quote between `...` are found in the order they are quoted, or the quote is missed."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\n"
                                              '[grant] §2: may use quote "Do not use the names ... Keep the copyright notice".\n')
    assert 4 == code
    assert ['quote of clause `grant` not found in ' + str(tmp_path / "texts" / "LicenseRef-D.txt")
            + ': "keep the copyright notice"'] == [f["message"] for f in findings]


def test_citation_of_a_missing_section_is_an_error_with_a_hint(tmp_path: Path) -> None:
    """A `§` citation that names no section of the text is an error at the clause, with the closest section."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\n"
                                              "[grant] §1 §2(c): may use.\n")
    assert 4 == code
    assert [("error", f"§2(c) of clause `grant` names no section of {tmp_path / 'texts' / 'LicenseRef-D.txt'}", "3:1",
             "sections of the text include `§2(b)`")] == [(f["severity"], f["message"], where(f), f["hint"]) for f in findings]


def test_missing_text_in_a_library_with_texts_is_an_error(tmp_path: Path) -> None:
    """A licence in a folder with a `texts/` folder must ship its text there, name one with `text:`, or rest on secondary sources."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\n[grant] §1: may use.\n",
                                    name="Other.txt")
    assert 4 == code
    assert [("no licence text for `LicenseRef-D`: ship `texts/LicenseRef-D.txt`, name another text with `text:`, "
             "or declare `sources: secondary`", "1:9")] == [(f["message"], where(f)) for f in findings]


def test_text_field_names_the_text_to_check_against(tmp_path: Path) -> None:
    """`text:` names the file the quotes are checked against; a text that does not exist is an error at the field."""
    good = "license LicenseRef-D\ntext: Other\nworks: software\n[grant] §1: may use quote \"for any purpose\".\n"
    assert (0, []) == lint_with_text(tmp_path, good, name="Other.txt")
    code, findings = lint_with_text(tmp_path, good.replace("text: Other", "text: Missing"), name="Other.txt")
    assert 4 == code
    assert [("no licence text `Missing` in texts/ beside the file or among the shipped texts", "2:1")] == \
        [(f["message"], where(f)) for f in findings]


def test_draft_without_texts_is_not_checked(tmp_path: Path) -> None:
    """A draft outside a library with texts (no `texts/` beside it, no shipped text of its id) gets no text finding."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\n[grant] §9: may use quote \"anything\".\n")
    assert (0, []) == (code, findings)


def test_secondary_sources_need_a_note_naming_them(tmp_path: Path) -> None:
    """With `sources: secondary` nothing is checked against a text, but every clause's note must name its source."""
    code, findings = lint(tmp_path, "license LicenseRef-D\nworks: software\nsources: secondary\n"
                                    '[a] §"unread": may use quote "whatever the summary says" note "secondary source: a blog summary".\n'
                                    "[b] §9: may run.\n")
    assert 4 == code
    assert [("error", "clause `b` rests on secondary sources: its note must start with `secondary source` and name the "
             "source", "5:1")] == [(f["severity"], f["message"], where(f)) for f in findings]


def test_secondary_sources_with_a_shipped_text_is_a_warning(tmp_path: Path) -> None:
    """A document that says it rests on secondary sources while its text is shipped beside it is warned about."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\nsources: secondary\n"
                                              '[a] §1: may use note "secondary source: none".\n')
    assert 0 == code
    assert [("warning", "3:1")] == [(f["severity"], where(f)) for f in findings]


def test_citation_of_another_licence_is_checked_against_its_text(tmp_path: Path) -> None:
    """`§"GPL-3.0 §10"` is checked, with the clause's quote, against the shipped text of GPL-3.0."""
    good = ('license LicenseRef-D\nworks: software\n[a] §"GPL-3.0 §10": must not sublicense\n'
            '  quote "You are not responsible for enforcing compliance by third parties with this License".\n')
    assert (0, []) == lint_with_text(tmp_path, good)
    code, findings = lint_with_text(tmp_path, good.replace("§10", "§99"))
    assert 4 == code
    assert ['§GPL-3.0 §99 of clause `a` names no section of '] == \
        [f["message"].split("licenses")[0].split("/")[0] for f in findings]


def test_quotes_of_pseudo_licences_are_not_checked(tmp_path: Path) -> None:
    """`sources: none` (a pseudo-licence with no text of its own) is not checked against any text."""
    code, findings = lint_with_text(tmp_path, "license LicenseRef-D\nworks: software\nsources: none\n"
                                              '[a] §"all rights reserved": may use quote "nothing of the kind".\n')
    assert (0, []) == (code, findings)


def test_show_marks_clauses_resting_on_secondary_sources() -> None:
    """`show` says that a document rests on secondary sources, under its header and under each clause."""
    text = CliRunner().invoke(main, ["show", "LicenseRef-Coopyright-1.1"]).output
    assert "  sources: secondary sources only (the instrument could not be read): quotes and citations are not checked" \
        in text.splitlines()
    assert text.count("    rests on secondary sources, not on the licence text (its note names them)") == \
        text.count("\n[")
    document = json.loads(CliRunner().invoke(main, ["show", "LicenseRef-Coopyright-1.1", "--format", "json"]).output)
    assert ("secondary", {True}) == (document["license"]["sources"],
                                     {c["secondary"] for c in document["license"]["clauses"]})
