# SPDX-License-Identifier: Apache-2.0
"""The diff as GitHub/GitLab Markdown, to post as a pull-request comment on a repository of licence drafts.

The summary first; then the stricter and the looser changes, in two lists, each entry the answers that move between
the same verdicts because of the same clauses (the conditions they all gain, who and which uses); then, folded with
`<details>`, the clauses that changed (old and new as a `diff` block, with `file:line:column`), the changes of
conditions or duties alone, and how the grid was made. A comment is kept under GitHub's 65,536 characters:
past `LIMIT`, lists are cut and say how many entries were left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.check.verdict import ALLOWING, SYMBOL, Verdict
from licensecheck.diff import DiffReport
from licensecheck.diff.clauses import ADDED, REMOVED, RENAMED, ClauseChange
from licensecheck.diff.render import Movement, by_facts, movements
from licensecheck.diff.render.text import grid_text
from licensecheck.diff.verdicts import LOOSER, SAME, STRICTER, VerdictChange

#: characters a comment may take (GitHub refuses comments over 65,536)
LIMIT = 60_000
#: lines of questions shown under one entry before "and N more"
SHOWN = 4
#: conditions shared by an entry's answers shown under it
SHOWN_CONDITIONS = 3


def _code(text: str) -> str:
    """Inline code that survives backticks inside the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _verdict(value: str) -> str:
    return f"{SYMBOL[Verdict(value)]} {value}"


def _because(because: Sequence[str]) -> str:
    return ", ".join(_code(f"[{cid}]") for cid in because) or "no clause of either draft is cited"


def _common(items: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The items every one of several lists has, in the order of the first."""
    if not items:
        return ()
    rest = [set(other) for other in items[1:]]
    return tuple(item for item in items[0] if all(item in other for other in rest))


def _entry(because: Sequence[str], changes: Sequence[VerdictChange]) -> list[str]:
    """One entry of a list: answers that move between the same verdicts because of the same clauses."""
    first = changes[0]
    count = len(changes)
    lines = [f"- **{_verdict(first.old.verdict.value)} → {_verdict(first.new.verdict.value)}**, {count} "
             f"question{'s' if count != 1 else ''}, because {_because(because)}"]
    added = _common([ch.conditions_added for ch in changes])
    dropped = _common([ch.conditions_removed for ch in changes]) if first.new.verdict in ALLOWING else ()
    lines.extend(f"  - new condition: {item}" for item in added[:SHOWN_CONDITIONS])
    lines.extend(f"  - no longer a condition: {item}" for item in dropped[:SHOWN_CONDITIONS])
    rows = by_facts(changes)
    for facts, kinds, uses in rows[:SHOWN]:
        who = ", ".join(kinds)
        head = f"{facts + ' ' if facts else ''}for {who}" if facts or who != "anyone" else "for anyone"
        lines.append(f"  - {head}: {', '.join(uses)}")
    if len(rows) > SHOWN:
        lines.append(f"  - … and {len(rows) - SHOWN} more lines of questions")
    return lines


def _entries(report: DiffReport, wanted: str) -> list[list[str]]:
    out: list[list[str]] = []
    for because, changes in report.groups():
        moving: dict[tuple[str, str], list[VerdictChange]] = {}
        for change in changes:
            if change.direction == wanted:
                moving.setdefault((change.old.verdict.value, change.new.verdict.value), []).append(change)
        out.extend(_entry(because, items) for items in moving.values())
    return out


def _same_entries(report: DiffReport) -> list[list[str]]:
    """Answers whose conditions or duties alone change, by deciding clauses and how they move."""
    out: list[list[str]] = []
    for because, changes in report.groups():
        for movement in movements([c for c in changes if c.direction == SAME]):
            out.append(_movement_entry(because, movement))
    return out


def _movement_entry(because: Sequence[str], movement: Movement) -> list[str]:
    count = len(movement.changes)
    lines = [f"- **{_verdict(movement.old_verdict)}**, {count} question{'s' if count != 1 else ''}, because "
             f"{_because(because)}"]
    for title, items, mark in (("condition", movement.conditions_removed, "no longer a"),
                               ("condition", movement.conditions_added, "new"),
                               ("duty", movement.duties_removed, "no longer a"), ("duty", movement.duties_added, "new")):
        lines.extend(f"  - {mark} {title}: {item}" for item in items)
    rows = by_facts(movement.changes)
    for facts, kinds, uses in rows[:SHOWN]:
        who = ", ".join(kinds)
        head = f"{facts + ' ' if facts else ''}for {who}" if facts or who != "anyone" else "for anyone"
        lines.append(f"  - {head}: {', '.join(uses)}")
    if len(rows) > SHOWN:
        lines.append(f"  - … and {len(rows) - SHOWN} more lines of questions")
    return lines


def _clause_block(change: ClauseChange) -> list[str]:
    if change.change == RENAMED:
        title = f"{_code(f'[{change.id}]')} renamed from {_code(f'[{change.renamed_from}]')}"
        if change.fields:
            title += f"; also changed: {', '.join(change.fields)}"
    elif change.change in (ADDED, REMOVED):
        title = f"{_code(f'[{change.id}]')} {change.change}"
    else:
        title = f"{_code(f'[{change.id}]')} changed: {', '.join(change.fields)}"
    where = " → ".join(_code(side.location) for side in (change.old, change.new) if side is not None)
    lines = [f"**{title}** ({where})", "", "```diff"]
    for mark, side in (("-", change.old), ("+", change.new)):
        if side is None:
            continue
        lines.append(f"{mark} {side.text}")
        if side.quote:
            lines.append(f'{mark}   quote "{side.quote}"')
        if side.unclear:
            lines.append(f'{mark}   unclear "{side.unclear}"')
    lines += ["```", ""]
    return lines


class _Budget:
    """Keeps a comment under `LIMIT` characters: lists stop where it runs out, saying how much was left out."""

    def __init__(self, used: int) -> None:
        self.left = LIMIT - used
        self.cut = False

    def take(self, blocks: Sequence[list[str]]) -> list[str]:
        out: list[str] = []
        for index, block in enumerate(blocks):
            size = sum(len(line) + 1 for line in block)
            if size > self.left:
                out.append(f"- … {len(blocks) - index} more entries: the comment would be too long "
                           "(`licensecheck diff --format html` or `--format json` has them all)")
                self.cut = True
                break
            self.left -= size
            out += block
        return out


def diff_markdown(report: DiffReport) -> str:
    """The whole comment."""
    old, new = report.old, report.new
    s = report.summary()
    title = new.id if old.id == new.id else f"{old.id} → {new.id}"
    head = [f"## Licence diff: {title}", "",
            f"{_code(old.source)} → {_code(new.source)}", ""]
    if not report.changes:
        head.append(f"**No answer changes** over the {s['questions']:,} questions asked of each draft.")
    else:
        head.append(f"**{s['stricter']:,} stricter, {s['looser']:,} looser**, and {s['conditions_only']:,} answers whose "
                    f"conditions or duties alone change, over the {s['questions']:,} questions asked of each draft.")
    head.append("")
    head.append(f"Clauses: {s['clauses_changed']} changed, {s['clauses_added']} added, {s['clauses_removed']} removed"
                + (f", {s['clauses_renamed']} renamed" if s["clauses_renamed"] else "") + ".")
    head.append("")
    stricter = _entries(report, STRICTER)
    looser = _entries(report, LOOSER)
    same = _same_entries(report)
    budget = _Budget(sum(len(line) + 1 for line in head) + 2000)
    clauses = budget.take([_clause_block(c) for c in report.clauses]) or ["No clause changed.", ""]  # first served
    body: list[str] = []
    body += [f"### Stricter ({s['stricter']:,})", ""]
    body += budget.take(stricter) or ["None."]
    body += ["", f"### Looser ({s['looser']:,})", ""]
    body += budget.take(looser) or ["None."]
    body.append("")
    body += ["<details><summary>Clauses that changed " f"({len(report.clauses)})</summary>", ""]
    body += clauses
    if report.metadata:
        body += ["", "| metadata | old | new |", "|---|---|---|"]
        body += [f"| {m.field} | {', '.join(m.old) or '—'} | {', '.join(m.new) or '—'} |" for m in report.metadata]
    body += ["", "</details>", ""]
    if same:
        body += [f"<details><summary>Answers whose conditions or duties alone change ({s['conditions_only']:,})</summary>",
                 ""]
        body += budget.take(same)
        body += ["", "</details>", ""]
    grid = "the questions of a case file" if not report.default_grid else "the default grid (docs/drafting.md)"
    body += ["<details><summary>What was asked</summary>", "",
             f"{s['questions']:,} questions, {grid}: {grid_text(report)}. Each question was asked of each draft "
             "in its own catalog beside the shipped library, as `licensecheck test --terms DRAFT` would.", "",
             "</details>", "",
             "<sub>licensecheck gives no legal advice: every answer cites the clauses it rests on; read them.</sub>"]
    return "\n".join(head + body) + "\n"


def changes_of(report: DiffReport, wanted: str) -> list[VerdictChange]:
    """The changes of one direction (`stricter`, `looser`, `same`), in reading order."""
    return [c for c in report.changes if c.direction == wanted]


__all__ = ["LIMIT", "changes_of", "diff_markdown"]
