# SPDX-License-Identifier: Apache-2.0
"""The default grid: what it covers, each question valid and asked once, its size in the JSON summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from licensecheck.diff.drafts import read_draft
from licensecheck.diff.grid import DRAFT, FROM_LIBRARY, INTO_LIBRARY, PROFILES, default_grid, library_ids
from licensecheck.diff.render import question_dict
from licensecheck.library import load_library
from licensecheck.question import needs_outbound, question_from


def _grid(drafts: Path) -> list[Any]:
    return default_grid(read_draft(str(drafts / "v1.terms")), read_draft(str(drafts / "v2.terms")))


def test_every_question_is_valid_and_asked_once(drafts: Path) -> None:
    """Each grid question, as asked of a draft, is a valid question of questions §1, and no question is there twice."""
    grid = _grid(drafts)
    vocabulary = load_library().vocabulary
    questions = [g.for_draft("LicenseRef-Solidarity-Commons-1.0") for g in grid]
    assert len(questions) == len(set(questions))
    for question in questions:
        assert question == question_from(question_dict(question), vocab=vocabulary)


def test_profiles_cover_kinds_attributes_purposes_and_uses(drafts: Path) -> None:
    """Every licensee kind, each attribute the drafts mention at both values (and unknown), each purpose they mention
    present and absent, every use asked about software; a kind that fixes an attribute is not asked about it."""
    profiles = [g.question for g in _grid(drafts) if g.part == PROFILES]
    vocabulary = load_library().vocabulary
    assert set(vocabulary.kinds) == {q.licensee.kind for q in profiles}
    assert set(vocabulary.work_uses["software"]) == {q.use for q in profiles}
    for name in ("ess_entity", "workers_are_employees", "privately_owned", "waged_employees"):
        assert {True, False} <= {dict(q.licensee.attributes).get(name) for q in profiles}
    assert {None, (), ("commercial",)} == {q.purposes for q in profiles}
    assert {None, True, False} == {q.modified for q in profiles if q.use == "network-service"}
    assert not any(dict(q.licensee.attributes).get("privately_owned") is not None
                   for q in profiles if q.licensee.kind == "cooperative")
    assert all((q.outbound == DRAFT) == needs_outbound(q.use) for q in profiles)
    joint = {(q.licensee.attributes, q.purposes) for q in profiles if q.licensee.kind == "association"}
    assert ((("ess_entity", True), ("workers_are_employees", True)), ("commercial",)) in joint


def test_library_both_ways(drafts: Path) -> None:
    """The draft goes into every licence of the library, and every licence into the draft, for the uses that
    distribute a result; the draft's own id is not among the library's."""
    grid = _grid(drafts)
    ids = library_ids(load_library(), [read_draft(str(drafts / "v2.terms"))])
    assert "GPL-3.0-only" in ids and "GPL-3.0-or-later" in ids
    assert "LicenseRef-Solidarity-Commons-1.0" not in ids
    into = {(g.question.use, g.question.outbound) for g in grid if g.part == INTO_LIBRARY}
    out_of = {(g.question.use, g.question.inbound) for g in grid if g.part == FROM_LIBRARY}
    assert {(u, i) for u in ("modify", "static-link") for i in ids} == into == out_of


def test_grid_size_in_the_summary(example_diff: dict[str, Any], drafts: Path) -> None:
    """The JSON summary gives the number of questions and the size of each part of the grid."""
    summary = example_diff["summary"]
    grid = _grid(drafts)
    assert len(grid) == summary["questions"]
    assert summary["questions"] == sum(summary["grid"].values())
    assert {"profiles", "into_library", "from_library"} == set(summary["grid"])


def test_a_kind_of_work_each(write: Callable[..., Path]) -> None:
    """Drafts written for several kinds of work are asked each kind's uses, with the kind stated."""
    old = write("license LicenseRef-T\nworks: software, content\n[grant] §1: may use, run.\n", "old.terms")
    new = write("license LicenseRef-T\nworks: software, content\n[grant] §1: may use, run, reproduce.\n", "new.terms")
    grid = default_grid(read_draft(str(old)), read_draft(str(new)))
    vocabulary = load_library().vocabulary
    asked = {(g.question.use, g.question.work) for g in grid if g.part == PROFILES}
    wanted = {(u, w) for w in ("software", "content") for u in vocabulary.work_uses[w]}
    assert wanted == asked
