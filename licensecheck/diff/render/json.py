# SPDX-License-Identifier: Apache-2.0
"""The JSON document of docs/spec/diff.md §2, with a stable key order.

Additions to the contract (documented in docs/drafting.md): `metadata` (metadata fields whose values differ),
`quote`, `unclear`, `citations` and `id` in each side of a clause, `renamed_from` for a renamed clause,
`old_question` when the drafts have different ids (the question as asked of the old draft), and in `summary`
`clauses_renamed`, `conditions_only` (changes of conditions or duties alone) and `grid` (the questions of each
part of the grid).
"""

from __future__ import annotations

import json
from typing import Any

from licensecheck.diff import DiffReport
from licensecheck.diff.clauses import ClauseChange, ClauseSide
from licensecheck.diff.render import answer_dict, question_dict
from licensecheck.diff.verdicts import VerdictChange

FORMAT_VERSION = 1


def side_dict(side: ClauseSide | None) -> dict[str, Any] | None:
    """One side of a clause change: where, the statement as written, its quote and doubt."""
    if side is None:
        return None
    return {"id": side.id, "location": side.location, "text": side.text, "citations": list(side.citations),
            "quote": side.quote, "unclear": side.unclear}


def clause_dict(change: ClauseChange) -> dict[str, Any]:
    """One entry of `clauses`."""
    out: dict[str, Any] = {"id": change.id, "change": change.change}
    if change.change in ("changed", "renamed"):
        out["fields"] = list(change.fields)
    if change.renamed_from is not None:
        out["renamed_from"] = change.renamed_from
    out["old"] = side_dict(change.old)
    out["new"] = side_dict(change.new)
    return out


def verdict_dict(change: VerdictChange) -> dict[str, Any]:
    """One entry of `verdicts`: the question (as asked of the new draft), both answers, and the deciding clauses."""
    out: dict[str, Any] = {"question": question_dict(change.question, change.grid.case)}
    if change.old_question != change.question:
        out["old_question"] = question_dict(change.old_question, change.grid.case)
    out["old"] = answer_dict(change.old)
    out["new"] = answer_dict(change.new)
    out["because"] = list(change.because)
    return out


def diff_document(report: DiffReport) -> dict[str, Any]:
    """The whole document as a mapping."""
    return {
        "format_version": FORMAT_VERSION,
        "old": {"id": report.old.id, "source": report.old.source},
        "new": {"id": report.new.id, "source": report.new.source},
        "clauses": [clause_dict(c) for c in report.clauses],
        "metadata": [{"field": m.field, "old": list(m.old), "new": list(m.new)} for m in report.metadata],
        "verdicts": [verdict_dict(c) for c in report.changes],
        "summary": report.summary(),
    }


def diff_json(report: DiffReport) -> str:
    """The document as text: indented, UTF-8 kept as is, one verdict change per line when there are many."""
    document = diff_document(report)
    if len(document["verdicts"]) <= 200:
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    verdicts = document.pop("verdicts")
    summary = document.pop("summary")
    head = json.dumps(document, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    lines = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in verdicts)
    return (head + ',\n  "verdicts": [\n' + lines + '\n  ],\n  "summary": '
            + json.dumps(summary, ensure_ascii=False) + "\n}\n")


__all__ = ["FORMAT_VERSION", "clause_dict", "diff_document", "diff_json", "side_dict", "verdict_dict"]
