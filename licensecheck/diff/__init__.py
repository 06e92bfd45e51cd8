# SPDX-License-Identifier: Apache-2.0
"""Comparing two drafts of a licence (docs/spec/diff.md, docs/drafting.md): which clauses changed, and which
verdicts change, for whom, for which use and purpose, and because of which clause.

    from licensecheck.diff import compare
    from licensecheck.diff.drafts import read_draft

    report = compare(read_draft("examples/drafts/v1.terms"), read_draft("examples/drafts/v2.terms"))
    for change in report.changes:
        print(change.question.use, change.old.verdict.value, "->", change.new.verdict.value, change.because)

A package above the checker: it reads the drafts, builds the questions, asks `licensecheck.api.check_question`
in each draft's catalog, and compares the answers. Rendering is in `licensecheck.diff.render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from licensecheck.diff.clauses import ClauseChange, MetaChange, clause_diff, counts, draft_clauses, meta_diff
from licensecheck.diff.drafts import Draft
from licensecheck.diff.grid import CASES, FROM_LIBRARY, INTO_LIBRARY, PROFILES, GridQuestion, case_grid, default_grid
from licensecheck.diff.verdicts import LOOSER, STRICTER, VerdictChange, clause_order, verdict_changes
from licensecheck.question import Question


@dataclass(frozen=True)
class DiffReport:
    """Two drafts compared: clause changes, metadata changes, the grid asked, and the verdict changes in reading order."""

    old: Draft
    new: Draft
    clauses: tuple[ClauseChange, ...]
    metadata: tuple[MetaChange, ...]
    grid: tuple[GridQuestion, ...]
    changes: tuple[VerdictChange, ...]

    @property
    def default_grid(self) -> bool:
        """Whether the grid is the default one (not a case file)."""
        return not any(g.part == CASES for g in self.grid)

    def groups(self) -> list[tuple[tuple[str, ...], list[VerdictChange]]]:
        """The verdict changes grouped by the clauses that decide them, in the order of `changes`."""
        out: dict[tuple[str, ...], list[VerdictChange]] = {}
        for change in self.changes:
            out.setdefault(change.because, []).append(change)
        return list(out.items())

    def summary(self) -> dict[str, object]:
        """The counts of diff.md §2 `summary`, and the size of each part of the grid."""
        found = counts(self.clauses)
        parts = {part: 0 for part in ((PROFILES, INTO_LIBRARY, FROM_LIBRARY) if self.default_grid else (CASES,))}
        for item in self.grid:
            parts[item.part] = parts.get(item.part, 0) + 1
        looser = sum(1 for c in self.changes if c.direction == LOOSER)
        stricter = sum(1 for c in self.changes if c.direction == STRICTER)
        return {"clauses_added": found["added"], "clauses_removed": found["removed"],
                "clauses_changed": found["changed"], "clauses_renamed": found["renamed"],
                "questions": len(self.grid), "verdicts_changed": len(self.changes), "looser": looser,
                "stricter": stricter, "conditions_only": len(self.changes) - looser - stricter, "grid": parts}


def compare(old: Draft, new: Draft, grid_file: Path | None = None, parallel: bool | None = None) -> DiffReport:
    """Compare two drafts over the default grid, or over the questions of a case file."""
    clauses = clause_diff(draft_clauses(old.document, old.catalog), draft_clauses(new.document, new.catalog))
    grid = case_grid(grid_file, old, new) if grid_file is not None else default_grid(old, new)
    changes = verdict_changes(grid, old, new, parallel)
    return DiffReport(old, new, tuple(clauses), tuple(meta_diff(old.document, new.document)), tuple(grid),
                      tuple(reading_order(changes, old, new)))


_PARTS = {PROFILES: 0, CASES: 0, INTO_LIBRARY: 1, FROM_LIBRARY: 2}


def reading_order(changes: Sequence[VerdictChange], old: Draft, new: Draft) -> list[VerdictChange]:
    """Changes grouped by the clauses that decide them (in the drafts' order), then by licensee, then by use."""
    rank = clause_order(old, new)
    vocabulary = new.catalog.vocabulary
    kinds = {kind: i for i, kind in enumerate(vocabulary.kinds)}
    uses = {use: i for i, use in enumerate(vocabulary.uses)}

    def key(change: VerdictChange) -> tuple[object, ...]:
        q: Question = change.question
        first = [rank(cid) for cid in change.because] or [(3, 0)]
        return (first, len(change.because), tuple(rank(cid) for cid in change.because), _PARTS[change.grid.part],
                kinds.get(q.licensee.kind, len(kinds)), repr(q.licensee.attributes), uses.get(q.use, len(uses)),
                q.work or "", repr(q.purposes), (q.inbound or "").lower(), (q.outbound or "").lower())

    # a grid of case-file questions keeps its order inside a group
    if any(c.grid.part == CASES for c in changes):
        order = {id(c): i for i, c in enumerate(changes)}
        return sorted(changes, key=lambda c: (key(c)[:3], order[id(c)]))
    return sorted(changes, key=key)


__all__ = ["DiffReport", "compare", "reading_order"]
