# SPDX-License-Identifier: Apache-2.0
"""JSON documents with a stable key order (spec section 8)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from licensecheck.check.engine import Remedy, Result
from licensecheck.check.verdict import Reason
from licensecheck.report import Entry


def reason_dict(reason: Reason) -> dict[str, str]:
    """One reason in the key order of spec section 8."""
    return {"license": reason.license, "clause": reason.clause, "location": reason.location, "text": reason.text,
            "note": reason.note}


def result_dict(case_id: str, result: Result, expected: str | None = None) -> dict[str, Any]:
    """One result in the key order of spec section 8 (`remedies` only when they were computed)."""
    out: dict[str, Any] = {
        "id": case_id,
        "verdict": result.verdict.value,
        "expected": expected,
        "conditions": list(result.conditions),
        "duties": list(result.duties),
        "reasons": [reason_dict(r) for r in result.reasons],
        "choice": result.choice,
        "errors": list(result.errors),
    }
    if result.remedies is not None:
        out["remedies"] = [remedy_dict(r) for r in result.remedies]
    return out


def remedy_dict(remedy: Remedy) -> dict[str, Any]:
    """One remedy: the question fields to replace, the verdict that gives, a note and the deciding clauses."""
    return {"change": dict(remedy.change), "verdict": remedy.verdict.value, "note": remedy.note,
            "reasons": [reason_dict(r) for r in remedy.reasons]}


def summary(entries: Sequence[Entry]) -> dict[str, int]:
    """Counts over results: met / not met against expectations, and per verdict."""
    counts = {"total": len(entries), "met": 0, "not_met": 0, "compatible": 0, "conditional": 0,
              "incompatible": 0, "unknown": 0, "errors": 0}
    for entry in entries:
        counts[entry.result.verdict.value] += 1
        counts["errors"] += entry.input_error
        if entry.met is True:
            counts["met"] += 1
        elif entry.met is False:
            counts["not_met"] += 1
    return counts


def dumps(document: Any) -> str:
    """Serialise with the keys in insertion order, UTF-8 kept as is."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def results_document(entries: Sequence[Entry]) -> str:
    """The document `check` and `test` print: indented for a few results, one result per line for many.

    Both are stable (same question, same bytes); the line-per-result form keeps large `test` runs fast,
    since the standard library encodes indented JSON in pure Python.
    """
    results = [result_dict(e.id, e.result, e.expected) for e in entries]
    counts = summary(entries)
    if len(entries) <= 100:
        return dumps({"format_version": 1, "results": results, "summary": counts})
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in results)
    return ('{\n  "format_version": 1,\n  "results": [\n' + lines + '\n  ],\n  "summary": '
            + json.dumps(counts, ensure_ascii=False) + "\n}\n")
