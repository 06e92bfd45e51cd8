# SPDX-License-Identifier: Apache-2.0
"""Markdown for a federation's wiki or an issue: a grouped table per use, then what the symbols rest on."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.check.verdict import ALLOWING, SYMBOL, WORST_FIRST
from licensecheck.federation.matrix import Matrix, Side
from licensecheck.federation.recommend import Recommendation
from licensecheck.federation.render import groups_by_answer, join_names, parties_text, verdict_counts_text
from licensecheck.federation.render.grid import column_header, use_grids
from licensecheck.federation.render.text import uses_line


def _cell(text: str) -> str:
    """Text safe inside a table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def legend() -> str:
    """The symbols and their verdicts."""
    return " · ".join(f"{SYMBOL[v]} {v.value}" for v in WORST_FIRST)


def federation_markdown(matrix: Matrix) -> str:
    """The whole summary."""
    registry = matrix.registry
    members = matrix.counts(matrix.members)
    lines = [f"# {registry.name}: who may reuse which commons", "",
             f"{len(matrix.members.parties)} platforms, {len(matrix.commons)} commons, "
             f"{len(matrix.outsiders.parties)} reference outsiders. Members: {matrix.cell_count(matrix.members)} "
             f"cells ({verdict_counts_text(members)}).", "", f"{uses_line(matrix).capitalize()}.", "",
             f"Symbols: {legend()}. Each cell is one question answered by `licensecheck check`; rows gather the "
             "platforms with the same licensee profile, columns the commons under the same licence; the numbers "
             "refer to the notes below the tables.", ""]
    notes: dict[tuple[object, ...], int] = {}  # (use, inbound, outbound, result) -> note number
    example: dict[int, int] = {}  # note number -> an answer it stands for
    for grid in use_grids(matrix):
        lines += [f"## {grid.use} ({', '.join(grid.kinds)})", ""]
        header = ["who ↓ · commons →"]
        for index in grid.columns:
            license, shown, _names = column_header(matrix, index)
            header.append(f"`{license}` ({shown})")
        lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
        lines.append("|" + "---|" * len(header))
        for group in grid.groups:
            for row in group.rows:
                label = f"**{group.label}**<br>{row.label}" if row is group.rows[0] else row.label
                cells = []
                for index in grid.columns:
                    answer = row.cells.get(index)
                    if answer is None:
                        cells.append("")
                        continue
                    result = matrix.answers[answer].result
                    if result.verdict is WORST_FIRST[-1] and not result.conditions:
                        cells.append(SYMBOL[result.verdict])
                        continue
                    question = matrix.answers[answer].question
                    number = notes.setdefault((question.use, question.inbound, question.outbound, result),
                                              len(notes) + 1)
                    example.setdefault(number, answer)
                    cells.append(f"{SYMBOL[result.verdict]} {number}")
                lines.append("| " + " | ".join(_cell(c) for c in [label, *cells]) + " |")
        lines.append("")
    if notes:
        lines += ["## Notes", ""]
        for number, answer in example.items():
            found = matrix.answers[answer]
            result = found.result
            question = found.question
            into = f" into `{question.outbound}`" if question.outbound else ""
            lines.append(f"{number}. {SYMBOL[result.verdict]} **{result.verdict.value}**: {question.use} of "
                         f"`{question.inbound}` ({question.work}){into} ({found.id})")
            for condition in result.conditions:
                lines.append(f"   - {condition}")
            for error in result.errors:
                lines.append(f"   - error: {error}")
            for reason in result.reasons[:3]:
                lines.append(f"   - `{reason.location}` {reason.license} [{reason.clause}]: {reason.note}")
            if len(result.reasons) > 3:
                lines.append(f"   - and {len(result.reasons) - 3} more reasons (`licensecheck federation --format text`)")
        lines.append("")
    combos = list(matrix.combinations())
    if combos:
        lines += ["## Combinations", "", "| commons | use | could go out under (best first) |", "|---|---|---|"]
        for combination in combos:
            first, second = combination.commons
            listed = ", ".join(f"{SYMBOL[c.result.verdict]} `{c.license}`" for c in combination.candidates[:6])
            more = len(combination.candidates) - 6
            listed += f" and {more} more" if more > 0 else ""
            lines.append(f"| {first.id} + {second.id} (`{_cell(combination.inbound)}`) | {combination.use} | "
                         f"{listed or 'none in the library'} |")
        lines.append("")
    lines.append("licensecheck gives no legal advice: every verdict cites the clauses it rests on; read them.")
    return "\n".join(lines) + "\n"


def recommend_markdown(recommendations: Sequence[Recommendation]) -> str:
    """Per kind of work: the ranking as a table, then the member cells the first candidate refuses and the
    outsider cells it allows."""
    head = " / ".join(SYMBOL[v] for v in WORST_FIRST)
    lines = ["# Which licence lets the members do the most and the outsiders the least", "",
             "Per kind of work, each candidate as if every commons of that kind were under it; counts are "
             f"{', '.join(f'{SYMBOL[v]} {v.value}' for v in WORST_FIRST)}.", ""]
    for work in dict.fromkeys(r.work for r in recommendations):
        ranked = [r for r in recommendations if r.work == work]
        lines += [f"## {work}", "", f"| rank | licence | members {head} | outsiders {head} |", "|---|---|---|---|"]
        for rank, rec in enumerate(ranked, 1):
            members = " / ".join(str(rec.members[v]) for v in WORST_FIRST)
            outsiders = " / ".join(str(rec.outsiders[v]) for v in WORST_FIRST)
            lines.append(f"| {rank} | `{rec.license}` | {members} | {outsiders} |")
        best = ranked[0]
        lines += ["", f"`{best.license}`: member cells it does not allow, outsider cells it allows:", ""]
        lines += _cells(best.matrix, best.matrix.members, refused=True)
        lines += _cells(best.matrix, best.matrix.outsiders, refused=False)
        lines.append("")
    return "\n".join(lines) + "\n"


def _cells(matrix: Matrix, side: Side, refused: bool) -> list[str]:
    out = []
    for group in groups_by_answer(matrix, side):
        answer = matrix.answers[group.answer]
        if (answer.result.verdict not in ALLOWING) != refused:
            continue
        out.append(f"- {SYMBOL[answer.result.verdict]} {group.use} of {join_names(group.commons)}: "
                   f"{parties_text(matrix, side, group)}")
        out += [f"  - {c}" for c in answer.result.conditions]
    return out or ["- none"]


__all__ = ["federation_markdown", "legend", "recommend_markdown"]
