# SPDX-License-Identifier: Apache-2.0
"""The diff as one self-contained HTML page, on the shared report layer (`licensecheck.report.html`).

Both drafts side by side, clause by clause (old | new), the changed clauses highlighted with the fields that
changed; then every verdict change, grouped by the clauses that decide it and by how it moves, one row each. A
row opens the side panel with the question and both results (verdict, conditions, duties, the reasons quoted
with `file:line:column`), old beside new. Filters: direction, deciding clause, use, licensee kind, part of the
grid. Distinct reasons are rendered once (templates `lc-r-N`); conditions, duties and errors go into a string
table, so that thousands of changes stay small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from licensecheck.check.engine import Result
from licensecheck.check.verdict import SYMBOL, WORST_FIRST, Reason
from licensecheck.diff import DiffReport
from licensecheck.diff.clauses import ClauseSide, aligned, draft_clauses
from licensecheck.diff.grid import CASES, FROM_LIBRARY, INTO_LIBRARY, PROFILES
from licensecheck.diff.render import facts_text, movements, question_dict, question_text, use_text
from licensecheck.diff.render.text import grid_text, summary_text
from licensecheck.diff.verdicts import LOOSER, SAME, STRICTER
from licensecheck.report.html import render_report
from licensecheck.report.json import reason_dict

TEMPLATE = "diff.j2"
DIRECTIONS = ((STRICTER, "stricter"), (LOOSER, "looser"), (SAME, "conditions or duties only"))
PARTS = {PROFILES: "licensee profiles", INTO_LIBRARY: "the draft into the library", FROM_LIBRARY:
         "the library into the draft", CASES: "cases of the grid file"}


@dataclass
class _Tables:
    """Strings, reasons and results, each stored once."""

    strings: dict[str, int] = field(default_factory=dict)
    reasons: dict[Reason, int] = field(default_factory=dict)
    results: dict[Result, int] = field(default_factory=dict)
    answers: list[dict[str, Any]] = field(default_factory=list)

    def string(self, text: str) -> int:
        found = self.strings.get(text)
        if found is None:
            found = self.strings[text] = len(self.strings)
        return found

    def reason(self, reason: Reason) -> int:
        found = self.reasons.get(reason)
        if found is None:
            found = self.reasons[reason] = len(self.reasons)
        return found

    def result(self, result: Result) -> int:
        found = self.results.get(result)
        if found is None:
            found = self.results[result] = len(self.answers)
            self.answers.append({"v": result.verdict.value, "c": [self.string(c) for c in result.conditions],
                                 "d": [self.string(d) for d in result.duties],
                                 "e": [self.string(e) for e in result.errors], "ch": result.choice,
                                 "r": [self.reason(r) for r in result.reasons]})
        return found


def word_diff(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Two texts as runs of (changed, text): the words one has and the other has not are marked."""
    import difflib
    import re

    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    left: list[tuple[bool, str]] = []
    right: list[tuple[bool, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append((False, "".join(a[i1:i2])))
            right.append((False, "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append((True, "".join(a[i1:i2])))
        if j2 > j1:
            right.append((True, "".join(b[j1:j2])))
    return left, right


def _side(side: ClauseSide | None, other: ClauseSide | None = None, marked: bool = False,
          first: bool = True) -> dict[str, Any] | None:
    if side is None:
        return None
    runs: list[tuple[bool, str]] = [(False, side.text)]
    quote: list[tuple[bool, str]] = [(False, side.quote or "")]
    if marked and other is not None:
        pair = word_diff(*((side.text, other.text) if first else (other.text, side.text)))
        runs = pair[0] if first else pair[1]
        quotes = word_diff(*((side.quote or "", other.quote or "") if first else (other.quote or "", side.quote or "")))
        quote = quotes[0] if first else quotes[1]
    return {"id": side.id, "location": side.location, "text": side.text, "runs": runs, "quote": side.quote,
            "quote_runs": quote, "unclear": side.unclear, "note": side.note, "kind": side.kind}


def _clause_rows(report: DiffReport) -> list[dict[str, Any]]:
    old, new = report.old, report.new
    rows = []
    for before, after, change in aligned(draft_clauses(old.document, old.catalog),
                                         draft_clauses(new.document, new.catalog), report.clauses):
        ids = " ".join(dict.fromkeys(s.id for s in (before, after) if s is not None))
        marked = change is not None
        rows.append({"old": _side(before, after, marked, True), "new": _side(after, before, marked, False),
                     "change": change.change if change else "same",
                     "fields": list(change.fields) if change else [],
                     "renamed_from": change.renamed_from if change else None, "ids": ids})
    return rows


def _tokens(values: Any) -> str:
    return " ".join(dict.fromkeys(str(v) for v in values if v))


def diff_html(report: DiffReport) -> str:
    """The whole report as one self-contained HTML document."""
    tables = _Tables()
    changes_data: list[dict[str, Any]] = []
    groups = []
    kinds = report.new.catalog.vocabulary.kinds
    for because, changes in report.groups():
        moves: list[dict[str, Any]] = []
        every: list[dict[str, Any]] = []
        for movement in movements(changes):
            rows: list[dict[str, Any]] = []
            for change in movement.changes:
                q = change.question
                index = len(changes_data)
                changes_data.append({
                    "q": question_dict(q, change.grid.case),
                    "oq": question_dict(change.old_question, change.grid.case) if change.old_question != q else None,
                    "t": question_text(q, change.grid.question), "o": tables.result(change.old),
                    "n": tables.result(change.new), "b": list(change.because), "p": change.grid.part})
                kind = q.licensee.kind
                rows.append({"index": index, "kind": kind if kind != "any" else "anyone", "facts": facts_text(q),
                             "use": use_text(q, change.grid.question), "old": change.old.verdict.value,
                             "new": change.new.verdict.value, "direction": change.direction,
                             "tokens": {"data-lc-direction": change.direction, "data-lc-clause": _tokens(because),
                                        "data-lc-use": q.use, "data-lc-kind": kind, "data-lc-part": change.grid.part}})
            moves.append({"old": movement.old_verdict, "new": movement.new_verdict, "direction": movement.direction,
                          "conditions_removed": movement.conditions_removed, "conditions_added": movement.conditions_added,
                          "duties_removed": movement.duties_removed, "duties_added": movement.duties_added,
                          "rows": rows, "tokens": _union(rows)})
            every += rows
        groups.append({"because": list(because), "count": len(changes), "moves": moves, "tokens": _union(every),
            "stricter": sum(1 for c in changes if c.direction == STRICTER),
            "looser": sum(1 for c in changes if c.direction == LOOSER)})
    summary = report.summary()
    used_clauses = dict.fromkeys(cid for because, _ in report.groups() for cid in because)
    uses = dict.fromkeys(c.question.use for c in report.changes)
    used_kinds = {c.question.licensee.kind for c in report.changes}
    parts = dict.fromkeys(c.grid.part for c in report.changes)
    old, new = report.old, report.new
    context = {
        "title": (f"{new.id}: {old.source} against {new.source}" if old.id == new.id
                  else f"{old.id} against {new.id}"),
        "old": {"id": old.id, "source": old.source}, "new": {"id": new.id, "source": new.source},
        "summary": summary, "summary_text": summary_text(report), "grid_text": grid_text(report),
        "clause_rows": _clause_rows(report), "metadata": report.metadata, "groups": groups,
        "direction_options": [(value, label) for value, label in DIRECTIONS],
        "clause_options": [(cid, f"[{cid}]") for cid in used_clauses],
        "use_options": [(use, use) for use in uses],
        "kind_options": [(kind, kind if kind != "any" else "anyone") for kind in kinds if kind in used_kinds],
        "part_options": [(part, PARTS.get(part, part)) for part in parts],
        "verdict_symbols": {v.value: SYMBOL[v] for v in WORST_FIRST},
        "directions": dict(DIRECTIONS),
    }
    context["reasons"] = [reason_dict(r) for r in tables.reasons]
    context["data"] = {"strings": list(tables.strings), "answers": tables.answers, "changes": changes_data,
                       "old": {"id": old.id, "source": old.source}, "new": {"id": new.id, "source": new.source}}
    return render_report(TEMPLATE, context)


def _union(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The filter tokens of a group: every token of its rows, so that a group stays while one of its rows matches."""
    out: dict[str, dict[str, None]] = {}
    for row in rows:
        for name, value in row["tokens"].items():
            out.setdefault(name, {}).update(dict.fromkeys(value.split()))
    return {name: " ".join(values) for name, values in out.items()}


__all__ = ["diff_html", "word_diff"]
