# SPDX-License-Identifier: Apache-2.0
"""The diff as readable text: the summary, the clauses that changed (old and new side by side, one under the
other, with `file:line:column`), then the verdict changes grouped by the clauses that decide them and, inside a
group, by how they move (the verdicts and the conditions or duties dropped and added), with every question."""

from __future__ import annotations

from licensecheck.diff import DiffReport
from licensecheck.diff.clauses import ADDED, REMOVED, RENAMED, ClauseChange, ClauseSide
from licensecheck.diff.render import Movement, by_facts, movements
from licensecheck.diff.verdicts import LOOSER, STRICTER

_MARK = {ADDED: "+", REMOVED: "-", RENAMED: ">"}


def summary_text(report: DiffReport) -> str:
    """One sentence: clause counts, questions asked, answers that differ and how."""
    s = report.summary()
    clauses = (f"{s['clauses_changed']} clauses changed, {s['clauses_added']} added, {s['clauses_removed']} removed"
               + (f", {s['clauses_renamed']} renamed" if s["clauses_renamed"] else ""))
    grid = "questions of the case file" if not report.default_grid else "questions of the default grid"
    answers = (f"{_answers(int(str(s['verdicts_changed'])))}: {s['stricter']:,} stricter, {s['looser']:,} looser, "
               f"{s['conditions_only']:,} in their conditions or duties only")
    return f"{clauses}; {s['questions']:,} {grid} asked of each draft; {answers}"


def _answers(count: int) -> str:
    return f"{count:,} answer differs" if count == 1 else f"{count:,} answers differ"


def grid_text(report: DiffReport) -> str:
    """The parts of the grid and their sizes."""
    parts = report.summary()["grid"]
    assert isinstance(parts, dict)
    names = {"profiles": "licensee profiles", "into_library": "the draft into the library's licences",
             "from_library": "the library's licences into the draft", "cases": "cases"}
    return ", ".join(f"{names.get(part, part)} {count:,}" for part, count in parts.items())


def _side_lines(label: str, side: ClauseSide) -> list[str]:
    lines = [f"    {label} {side.location}", f"      {side.text}"]
    if side.quote:
        lines.append(f'      quote "{side.quote}"')
    if side.unclear:
        lines.append(f'      unclear "{side.unclear}"')
    return lines


def clause_lines(change: ClauseChange) -> list[str]:
    """One clause change: what changed, then the old and the new clause."""
    if change.change == RENAMED:
        head = f"  > [{change.id}] renamed from [{change.renamed_from}]"
        if change.fields:
            head += f"; also changed: {', '.join(change.fields)}"
    elif change.change in (ADDED, REMOVED):
        head = f"  {_MARK[change.change]} [{change.id}] {change.change}"
    else:
        head = f"  ~ [{change.id}] changed: {', '.join(change.fields)}"
    lines = [head]
    if change.old is not None:
        lines += _side_lines("old", change.old)
    if change.new is not None:
        lines += _side_lines("new", change.new)
    return lines


def movement_lines(movement: Movement, indent: str = "    ") -> list[str]:
    """How a set of answers moves, then the questions it happens to."""
    count = len(movement.changes)
    head = f"{indent}{movement.old_verdict} -> {movement.new_verdict}"
    if movement.direction in (LOOSER, STRICTER):
        head += f" ({movement.direction})"
    head += f", {count} question{'s' if count != 1 else ''}"
    lines = [head]
    for title, items, mark in (("condition", movement.conditions_removed, "-"), ("condition", movement.conditions_added, "+"),
                               ("duty", movement.duties_removed, "-"), ("duty", movement.duties_added, "+")):
        lines.extend(f"{indent}  {mark} {title}: {item}" for item in items)
    for facts, kinds, uses in by_facts(movement.changes):
        who = ", ".join(kinds)
        head = f"{facts + ' ' if facts else ''}for {who}: " if facts or who != "anyone" else ""
        lines.extend(_wrapped(f"{indent}  * ", head + ", ".join(uses), f"{indent}      "))
    return lines


def _wrapped(first: str, text: str, rest: str, width: int = 110) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def diff_text(report: DiffReport) -> str:
    """The whole report."""
    old, new = report.old, report.new
    same_id = old.id == new.id
    lines = [f"licensecheck diff of {new.id}" if same_id else f"licensecheck diff of {old.id} and {new.id}",
             f"  old: {old.source}" + ("" if same_id else f" ({old.id})"),
             f"  new: {new.source}" + ("" if same_id else f" ({new.id})"),
             f"  grid: {grid_text(report)}",
             f"summary: {summary_text(report)}", ""]
    lines.append(f"clauses ({len(report.clauses)} changes):" if report.clauses else "clauses: no change")
    for change in report.clauses:
        lines += clause_lines(change)
    if report.metadata:
        lines += ["", "metadata:"]
        for meta in report.metadata:
            lines.append(f"  {meta.field}: {', '.join(meta.old) or '(none)'} -> {', '.join(meta.new) or '(none)'}")
    lines.append("")
    if not report.changes:
        lines.append("verdicts: no answer differs")
    else:
        lines.append("verdicts, by the clauses that decide them:")
        for because, changes in report.groups():
            stricter = sum(1 for c in changes if c.direction == STRICTER)
            looser = sum(1 for c in changes if c.direction == LOOSER)
            named = ", ".join(f"[{cid}]" for cid in because) or "(no clause of either draft is cited)"
            lines.append(f"  {named}: {_answers(len(changes))} ({stricter} stricter, {looser} looser, "
                         f"{len(changes) - stricter - looser} in conditions or duties only)")
            for movement in movements(changes):
                lines += movement_lines(movement)
    lines.append("")
    lines.append("licensecheck gives no legal advice: every answer cites the clauses it rests on "
                 "(`licensecheck check ... --terms DRAFT` shows them); read them.")
    return "\n".join(lines) + "\n"


__all__ = ["clause_lines", "diff_text", "grid_text", "movement_lines", "summary_text"]
