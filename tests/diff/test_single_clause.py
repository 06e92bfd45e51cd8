# SPDX-License-Identifier: Apache-2.0
"""Change one clause of a draft: every answer of the grid that changes is reported, with that clause in `because`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from licensecheck.api import check_question
from licensecheck.diff import compare
from licensecheck.diff.drafts import read_draft
from licensecheck.diff.grid import default_grid
from licensecheck.diff.render import question_dict
from licensecheck.library import load_catalog

#: (clause changed, the clause as draft 2 writes it, the same clause changed)
EDITS = [
    ("commercial-coops", "if purpose commercial and licensee ess_entity and licensee workers_are_employees",
     "if purpose commercial and licensee ess_entity"),
    ("no-capitalist-use", "must not everything if licensee privately_owned and licensee waged_employees",
     "must not everything if licensee privately_owned"),
    ("non-commercial", "network-serve unless purpose commercial\n", "network-serve unless purpose commercial or licensee is for-profit-company\n"),
    ("contribution", '"Commercial users publish the source code of the changes they put to use, also inside their organisation, within thirty days".',
     '"Commercial users publish the source code of the changes they put to use, also inside their organisation, within thirty days"\n'
     '  unclear "the forge is not named".'),
    ("no-further-restrictions", "no further restrictions except notices, include-notice-file, indemnify, no-patent-litigate, ends-on-patent-claim",
     "no further restrictions except notices, include-notice-file"),
    ("share-alike", "share-alike whole-work under this license\n", "share-alike whole-work under this license, AGPL-3.0-only\n"),
]
#: edits whose changes the checker does not fully explain in its reasons (reported to the lead, docs/drafting.md)
GAPS = {
    "network-source": "a question that leaves `modified` open is answered `conditional` on 'the material is not "
                      "modified' (engine._pick) without citing the clause that makes the modified case worse",
}
EDITS.append(("network-source", "when network-serve if modified\n", "when network-serve if modified and purpose commercial\n"))


@pytest.mark.parametrize(("clause", "before", "after"), EDITS, ids=[e[0] for e in EDITS])
def test_one_clause_changed(clause: str, before: str, after: str, drafts: Path, write: Callable[..., Path],
                            request: pytest.FixtureRequest) -> None:
    """Asking every grid question of both drafts, each in its own catalog as `test --terms` loads it, finds exactly the
    changes the diff reports, and each names the changed clause in `because`."""
    if clause in GAPS:
        request.applymarker(pytest.mark.xfail(reason=GAPS[clause], strict=True))
    text = (drafts / "v2.terms").read_text(encoding="utf-8")
    assert 1 == text.count(before)
    old_path = write(text, "old.terms")
    new_path = write(text.replace(before, after), "new.terms")
    report = compare(read_draft(str(old_path)), read_draft(str(new_path)))
    assert [clause] == [c.id for c in report.clauses]
    old_catalog, new_catalog = load_catalog([old_path]), load_catalog([new_path])
    expected = []
    for item in default_grid(read_draft(str(old_path)), read_draft(str(new_path))):
        question = item.for_draft("LicenseRef-Solidarity-Commons-1.0")
        a, b = check_question(question, old_catalog), check_question(question, new_catalog)
        if (a.verdict, a.conditions, a.duties) != (b.verdict, b.conditions, b.duties):
            expected.append(question_dict(question))
    reported = [question_dict(c.question) for c in report.changes]
    assert expected, "the edit changes some answers"
    assert sorted(map(repr, expected)) == sorted(map(repr, reported))
    assert [] == [question_dict(c.question) for c in report.changes if clause not in c.because]
