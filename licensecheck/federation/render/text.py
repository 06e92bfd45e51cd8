# SPDX-License-Identifier: Apache-2.0
"""Readable text: what each platform may do with each commons, grouped by answer, worst first, with conditions."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck.check.verdict import ALLOWING, SYMBOL, WORST_FIRST
from licensecheck.federation.matrix import Matrix, Side
from licensecheck.federation.recommend import Recommendation, trade_offs
from licensecheck.federation.render import (
    Group,
    groups_by_answer,
    join_names,
    parties_text,
    plural,
    verdict_counts_text,
)


def uses_line(matrix: Matrix) -> str:
    """The uses asked, saying whether they are the documented defaults."""
    origin = "the defaults, docs/federation.md" if matrix.registry.uses_default else "the registry's"
    listed = "; ".join(f"{kind}: {', '.join(uses) or 'none'}" for kind, uses in matrix.uses)
    return f"uses ({origin}): {listed}"


def federation_text(matrix: Matrix, quote: bool = False) -> str:
    """The whole summary."""
    registry = matrix.registry
    lines = [f"{registry.name} ({registry.id}): {plural(len(matrix.members.parties), 'platform')}, "
             f"{plural(len(matrix.commons), 'commons')}, {plural(len(matrix.outsiders.parties), 'outsider')}",
             uses_line(matrix), "commons:"]
    for commons in matrix.commons:
        owner = f"owner {commons.owner}; " if commons.owner else ""
        lines.append(f"  {commons.id}: {matrix.license(commons)} ({commons.work}; {owner}{commons.source.describe()})")
    lines += _side(matrix, matrix.members, "members", quote)
    if matrix.outsiders.parties:
        lines += _side(matrix, matrix.outsiders, "outsiders", quote)
    lines += _combinations(matrix)
    return "\n".join(lines) + "\n"


def _side(matrix: Matrix, side: Side, title: str, quote: bool) -> list[str]:
    counts = matrix.counts(side)
    lines = ["", f"{title}: {plural(matrix.cell_count(side), 'cell')}: {verdict_counts_text(counts)}"]
    current = None
    for group in groups_by_answer(matrix, side):
        verdict = matrix.answers[group.answer].result.verdict
        if verdict is not current:
            current = verdict
            lines.append(f"{verdict.value} ({plural(counts[verdict], 'cell')})")
        lines += group_lines(matrix, side, group, quote)
    return lines


def group_lines(matrix: Matrix, side: Side, group: Group, quote: bool = False, indent: str = "  ") -> list[str]:
    """One group of cells: what, by whom, the conditions, errors and (for the refused and unknown) the reasons."""
    answer = matrix.answers[group.answer]
    question, result = answer.question, answer.result
    commons = [c for c in matrix.commons if c.id in group.commons]
    what = f"{question.use} of {join_names(c.id for c in commons)} ({question.inbound}, {question.work})"
    products = sorted({p for names in group.parties.values() for p in names if p is not None})
    if question.outbound is None:
        where = ""
    elif products:
        where = f" into {join_names(products)} ({question.outbound})"
    else:
        where = f" passed on under the commons' own licence ({question.outbound})"
    ids = join_names((matrix.answers[a].id for a in group.answers), 4)
    lines = [f"{indent}{SYMBOL[result.verdict]} {what}{where}  [{ids}: {plural(group.cells, 'cell')}]",
             f"{indent}    by {parties_text(matrix, side, group)}"]
    if result.choice:
        lines.append(f"{indent}    choice: {result.choice}")
    lines += [f"{indent}    - {c}" for c in result.conditions]
    lines += [f"{indent}    error: {e}" for e in result.errors]
    if result.verdict is not WORST_FIRST[-1] or quote:
        for reason in result.reasons:
            lines.append(f"{indent}    {reason.location}  {reason.license} [{reason.clause}]: {reason.note}")
            if quote:
                lines.append(f"{indent}      | {reason.text}")
    for remedy in result.remedies or ():
        lines.append(f"{indent}    would be {remedy.verdict.value}: {remedy.note}")
    return lines


def _combinations(matrix: Matrix) -> list[str]:
    lines = ["", "combinations (licences two commons reused together could go out under, any licensee, best first):"]
    empty = True
    for combination in matrix.combinations():
        empty = False
        first, second = combination.commons
        shown = [f"{c.license} ({c.result.verdict.value})" for c in combination.candidates[:6]]
        more = len(combination.candidates) - len(shown)
        listed = "; ".join(shown) + (f"; and {more} more" if more > 0 else "") if shown else "none in the library"
        lines.append(f"  {first.id} + {second.id} ({combination.inbound}), {combination.use}: {listed}")
    if empty:
        lines.append("  none (no product reuses two commons of the same kind)")
    return lines


def recommend_text(recommendations: Sequence[Recommendation], detailed: int | None = None) -> str:
    """Per kind of work: the ranking, then the trade-offs (candidates no other beats on both counts) with the
    member cells they do not allow and the outsider cells they allow; `detailed`: how many candidates to detail
    (default: the trade-offs)."""
    order = " ".join(f"{SYMBOL[v]}{v.value}" for v in WORST_FIRST)
    lines = ["Which licence lets the members do the most and the outsiders the least: per kind of work, each "
             "candidate as if every commons of that kind were under it (docs/federation.md).",
             "* marks the trade-offs: no other candidate refuses fewer member cells and allows fewer outsider cells."]
    for work in dict.fromkeys(r.work for r in recommendations):
        ranked = [r for r in recommendations if r.work == work]
        choices = trade_offs(ranked)
        marked = {id(r) for group in choices for r in group}
        cells = matrix_cells(ranked[0])
        lines += ["", f"{work} ({plural(cells[0], 'member cell')}, {plural(cells[1], 'outsider cell')}):",
                  f"  {'rank':>5}  {'licence':<46} members: {order}  | outsiders"]
        for rank, rec in enumerate(ranked, 1):
            members = " ".join(f"{rec.members[v]:>5}" for v in WORST_FIRST)
            outsiders = " ".join(f"{rec.outsiders[v]:>5}" for v in WORST_FIRST)
            star = "*" if id(rec) in marked else " "
            lines.append(f"  {rank:>4}{star}  {rec.license:<46} {members}  | {outsiders}")
        shown = [group[0] for group in choices] if detailed is None else ranked[:detailed]
        for rec in shown:
            same = next((g for g in choices if g[0] is rec), [rec])
            also = (f" (the same counts: {join_names((r.license for r in same[1:]), 6)})"
                    if len(same) > 1 and detailed is None else "")
            lines += ["", f"  {rec.license}{also}: {plural(rec.members_refused, 'member cell')} not allowed, "
                          f"{plural(rec.outsiders_allowed, 'outsider cell')} allowed"]
            matrix = rec.matrix
            for title, side, keep_refused in (("members", matrix.members, True), ("outsiders", matrix.outsiders, False)):
                groups = [group for group in groups_by_answer(matrix, side)
                          if (matrix.answers[group.answer].result.verdict not in ALLOWING) == keep_refused]
                lines.append(f"    {title} {'not allowed' if keep_refused else 'allowed'}: {'none' if not groups else ''}".rstrip())
                for group in groups:
                    lines += group_lines(matrix, side, group, indent="      ")
        lines += ["", "  (the cells behind any candidate's counts: --candidate ID, or --format html)"]
    return "\n".join(lines) + "\n"


def matrix_cells(recommendation: Recommendation) -> tuple[int, int]:
    """How many member and outsider cells a candidate's counts are over."""
    matrix = recommendation.matrix
    return matrix.cell_count(matrix.members), matrix.cell_count(matrix.outsiders)


__all__ = ["federation_text", "group_lines", "recommend_text", "uses_line"]
