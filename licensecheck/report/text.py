# SPDX-License-Identifier: Apache-2.0
"""Readable text: the verdict first, then conditions, duties and the cited clauses."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.check.engine import Result
from licensecheck.report import Entry
from licensecheck.report.json import summary


def result_text(case_id: str, result: Result, expected: str | None = None, quote: bool = True) -> str:
    """One result; `quote` adds the quoted clause text under each reason."""
    head = f"{case_id}: {result.verdict.value}"
    if expected is not None:
        head += f"  (expected {expected}: " + ("met)" if expected == result.verdict.value else "NOT MET)")
    lines = [head]
    if result.choice:
        lines.append(f"  choice: {result.choice}")
    for title, items in (("conditions", result.conditions), ("duties", result.duties), ("errors", result.errors)):
        if items:
            lines.append(f"  {title}:")
            lines.extend(f"    - {item}" for item in items)
    if result.reasons:
        lines.append("  reasons:")
        for reason in result.reasons:
            lines.append(f"    {reason.location}  {reason.license} [{reason.clause}]")
            if quote:
                lines.append(f"      | {reason.text}")
            lines.append(f"      = {reason.note}")
    if result.remedies:
        lines.append("  what would make it better:")
        for remedy in result.remedies:
            lines.append(f"    - {remedy.note} ({remedy.verdict.value})")
            lines.extend(f"        {r.location}  {r.license} [{r.clause}]" for r in remedy.reasons)
    return "\n".join(lines) + "\n"


def results_text(entries: Sequence[Entry]) -> str:
    """Every result, then a summary line."""
    counts = summary(entries)
    body = "\n".join(result_text(e.id, e.result, e.expected) for e in entries)
    tail = (f"{counts['total']} cases: {counts['met']} met, {counts['not_met']} not met; "
            f"{counts['compatible']} compatible, {counts['conditional']} conditional, "
            f"{counts['incompatible']} incompatible, {counts['unknown']} unknown, {counts['errors']} errors\n")
    return body + ("\n" if body else "") + tail
