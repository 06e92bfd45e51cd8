# SPDX-License-Identifier: Apache-2.0
"""The verdict diff: every grid question asked of both drafts, and the questions whose answers differ.

Nothing here decides a verdict: `licensecheck.api.check_question` answers each question in each draft's own
catalog, exactly as `licensecheck test --terms DRAFT` would, and the results are compared (verdict,
conditions, duties). Which clauses decide a difference (`because`) is read from the reasons of the two
results: the clauses of either draft that one result cites and the other does not, or cites for another
reason (the note that says why a clause matters differs). The clause diff is not consulted.

With two cores, the old draft's questions are answered in a forked process while this one answers the new
draft's: the two catalogs are independent, so the answers are the same as one after the other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from licensecheck import model as m
from licensecheck.api import check_question
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.check.verdict import BETTER
from licensecheck.diff.clauses import comparable, draft_clauses
from licensecheck.diff.drafts import Draft
from licensecheck.diff.grid import GridQuestion
from licensecheck.question import Question

LOOSER, STRICTER, SAME = "looser", "stricter", "same"
#: from this many questions on, the two drafts are answered in two processes (when the machine has two cores)
PARALLEL_FROM = 400
#: what stands for a draft's own id and citations when answers are compared
DRAFT_MARK = "\u27e8the draft\u27e9"
#: a clause id in an error or condition (`PPL §4(c) [commercial-coops]: it is not clear ...`)
_CLAUSE_ID = re.compile(r"\[([a-z0-9][a-z0-9._-]*)\]")


@dataclass(frozen=True)
class VerdictChange:
    """A grid question whose answer differs between the drafts, with the clauses that decide the difference."""

    grid: GridQuestion
    old_question: Question  # as asked of the old draft
    question: Question  # as asked of the new draft
    old: Result
    new: Result
    because: tuple[str, ...]
    direction: str  # LOOSER, STRICTER, or SAME (the conditions or duties alone differ)
    #: the conditions and duties one answer has and the other has not (each draft's id and citations set aside)
    conditions_removed: tuple[str, ...] = ()
    conditions_added: tuple[str, ...] = ()
    duties_removed: tuple[str, ...] = ()
    duties_added: tuple[str, ...] = ()


def same_answer(a: Result, b: Result, a_cited: Citations | None = None, b_cited: Citations | None = None) -> bool:
    """Whether two results agree on what diff.md §2 compares: verdict, conditions and duties.

    With the drafts' `Citations`, conditions and duties are compared with each draft's own id and the section
    citations of its clauses set aside (`keep the notices (LicenseRef-X §4(a))`): a renumbered section, or two
    licences with different ids, change the clauses, not the answers.
    """
    if a.verdict is not b.verdict:
        return False
    if a.conditions == b.conditions and a.duties == b.duties:
        return True
    if a_cited is None or b_cited is None:
        return False
    return ([a_cited.plain(t) for t in a.conditions] == [b_cited.plain(t) for t in b.conditions]
            and [a_cited.plain(t) for t in a.duties] == [b_cited.plain(t) for t in b.duties])


def direction(old: Result, new: Result) -> str:
    """`looser` when the verdict moves up incompatible < unknown < conditional < compatible, `stricter` down."""
    before, after = BETTER[old.verdict], BETTER[new.verdict]
    return LOOSER if after > before else STRICTER if after < before else SAME


def answer(questions: Sequence[Question], catalog: Catalog) -> list[Result]:
    """The checker's answer to each question in one catalog (each distinct question asked once)."""
    seen: dict[Question, Result] = {}
    out: list[Result] = []
    for question in questions:
        found = seen.get(question)
        if found is None:
            found = seen[question] = check_question(question, catalog)
        out.append(found)
    return out


#: the old draft's questions and catalog, inherited by the forked process that answers them
_JOB: list[tuple[Sequence[Question], Catalog]] = []


def _answer_job() -> list[Result]:
    questions, catalog = _JOB[0]
    return answer(questions, catalog)


def answer_both(old: tuple[Sequence[Question], Catalog], new: tuple[Sequence[Question], Catalog],
                parallel: bool | None = None) -> tuple[list[Result], list[Result]]:
    """The answers for both drafts; in two processes when there are many and the machine has two cores."""
    if parallel is None:
        parallel = len(new[0]) >= PARALLEL_FROM and _idle_core()
    if parallel:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: one after the other
            parallel = False
        else:
            _JOB[:] = [old]
            try:
                with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                    pending = pool.submit(_answer_job)
                    new_results = answer(*new)
                    return pending.result(), new_results
            finally:
                _JOB.clear()
    return answer(*old), answer(*new)


def _idle_core() -> bool:
    """Whether a second core is there and not saturated: on a machine whose load average is past its number of
    cores (and a half), a second process only competes for the same cores (bench/diff.py)."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load < cores + 0.5


#: statements that let a licensee do something: a better answer may rest on one the worse answer does not cite
ENABLING = (m.Permission, m.Tier, m.Edge, m.Waiver, m.Removable, m.ShareAlikeExcludes)


class Citations:
    """Which clauses of a draft a result cites, and why (the note of each reason, with the draft's own id and
    citations set aside, so that two drafts with different ids or section numbers cite a clause alike)."""

    _plain: dict[str, str]

    def __init__(self, draft: Draft) -> None:
        clauses = draft_clauses(draft.document, draft.catalog)
        self.own = {(clause.span.path, clause.id) for clause in clauses}
        self.statements = {clause.id: clause.statement for clause in clauses}
        # how answers name the draft's clauses (`LicenseRef-X §4(a)`), longest first, and the draft itself
        self._plain = {}
        self.wheres = sorted({f"{draft.id} {' '.join(c.citations)}".strip() for c in clauses}, key=len, reverse=True)
        self.name = re.compile(rf"(?<![\w.-]){re.escape(draft.id)}(?![\w-])")

    def plain(self, text: str) -> str:
        """A text of an answer with the draft's clause citations and id replaced by one mark (`the draft`)."""
        if text in self._plain:
            return self._plain[text]
        out = text
        for where in self.wheres:
            if where in out:
                out = out.replace(where, DRAFT_MARK)
        out = self.name.sub(DRAFT_MARK, out)
        self._plain[text] = out
        return out

    def of(self, result: Result) -> dict[str, frozenset[str]]:
        """clause id -> the notes with which the result cites it (errors naming a clause count as citations)."""
        out: dict[str, set[str]] = {}
        for reason in result.reasons:
            path = reason.location.rsplit(":", 2)[0]
            if (path, reason.clause) in self.own:
                out.setdefault(reason.clause, set()).add(self.plain(reason.note))
        for error in result.errors:
            for clause_id in _CLAUSE_ID.findall(error):
                if clause_id in self.statements:
                    out.setdefault(clause_id, set()).add(self.plain(error))
        return {cid: frozenset(notes) for cid, notes in out.items()}

    def says_alike(self, clause_id: str, other: Citations) -> bool:
        """Whether this draft has the clause, with the same statement as in the other draft."""
        mine, theirs = self.statements.get(clause_id), other.statements.get(clause_id)
        return mine is not None and theirs is not None and comparable(mine) == comparable(theirs)

    def enables(self, clause_id: str) -> bool:
        """Whether the clause lets a licensee do something (a permission, a grant, a compatibility, a waiver)."""
        return isinstance(self.statements.get(clause_id), ENABLING)


def deciding(old: Result, new: Result, old_cited: Citations, new_cited: Citations,
             order: Callable[[str], tuple[int, int]]) -> tuple[str, ...]:
    """The clause ids, of either draft, that decide a difference, read from the reasons of the two results.

    - When the verdict moves, the worse answer is explained by its own reasons: the clauses it cites that the
      better answer does not cite, or cites with another note; and the better answer by the permissions (grants,
      compatibilities, waivers) it cites that the worse one does not. (A worse `incompatible` or `unknown`
      answer cites only what makes it so, so the better answer's other reasons, such as a share-alike clause
      that was met, do not decide the difference.)
    - When only the conditions or duties differ: every clause one answer cites and the other does not, or cites
      with another note.
    - If that leaves none (the same clauses, cited alike, give another answer): every draft clause either cites.
    """
    a, b = old_cited.of(old), new_cited.of(new)
    moved = direction(old, new)
    if moved == SAME:
        found = {cid for cid in a.keys() | b.keys() if a.get(cid) != b.get(cid)}
    else:
        worse, better, better_cited = (b, a, old_cited) if moved == STRICTER else (a, b, new_cited)
        worse_cited = new_cited if moved == STRICTER else old_cited
        found = {cid for cid in worse if worse[cid] != better.get(cid)}
        found |= {cid for cid in better if cid not in worse and better_cited.enables(cid)
                  and not worse_cited.says_alike(cid, better_cited)}
    if not found:
        found = set(a) | set(b)
    return tuple(sorted(found, key=order))


def verdict_changes(grid: Sequence[GridQuestion], old: Draft, new: Draft,
                    parallel: bool | None = None) -> list[VerdictChange]:
    """Every grid question whose verdict, conditions or duties differ between the drafts."""
    old_questions = [g.for_draft(old.id) for g in grid]
    new_questions = [g.for_draft(new.id) for g in grid]
    old_results, new_results = answer_both((old_questions, old.catalog), (new_questions, new.catalog), parallel)
    positions = clause_order(old, new)
    old_cited, new_cited = Citations(old), Citations(new)
    out: list[VerdictChange] = []
    for item, q_old, q_new, r_old, r_new in zip(grid, old_questions, new_questions, old_results, new_results,
                                                 strict=True):
        if same_answer(r_old, r_new, old_cited, new_cited):
            continue
        out.append(VerdictChange(
            item, q_old, q_new, r_old, r_new, deciding(r_old, r_new, old_cited, new_cited, positions),
            direction(r_old, r_new),
            _only(r_old.conditions, old_cited, r_new.conditions, new_cited),
            _only(r_new.conditions, new_cited, r_old.conditions, old_cited),
            _only(r_old.duties, old_cited, r_new.duties, new_cited),
            _only(r_new.duties, new_cited, r_old.duties, old_cited)))
    return out


def _only(items: Sequence[str], cited: Citations, others: Sequence[str], others_cited: Citations) -> tuple[str, ...]:
    """The items one answer has that the other has not, compared with each draft's id and citations set aside."""
    theirs = {others_cited.plain(item) for item in others}
    return tuple(item for item in items if cited.plain(item) not in theirs)


def clause_order(old: Draft, new: Draft) -> Callable[[str], tuple[int, int]]:
    """Sort key of clause ids: the new draft's order, then the clauses only the old draft has, in its order."""
    new_ids = [c.id for c in draft_clauses(new.document, new.catalog)]
    old_ids = [c.id for c in draft_clauses(old.document, old.catalog)]
    rank = {cid: (0, i) for i, cid in enumerate(new_ids)}
    for i, cid in enumerate(old_ids):
        rank.setdefault(cid, (1, i))
    return lambda cid: rank.get(cid, (2, 0))


__all__ = ["ENABLING", "LOOSER", "SAME", "STRICTER", "Citations", "VerdictChange", "answer", "answer_both", "clause_order",
           "deciding", "direction", "same_answer", "verdict_changes"]
