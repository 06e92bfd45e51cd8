# SPDX-License-Identifier: Apache-2.0
"""The federation's HTML report, through the shared layer `licensecheck.report.html`.

A matrix per use: rows are licensee profiles (platforms whose licensee and purposes are equal), split
by where the outbound licence comes from (nothing distributed, the commons' own licence, a product's
licence); columns are commons under the same licence. A cell's question depends only on its row and
column, so each cell is one answer. Distinct reasons are rendered once (templates `lc-r-N`) and
answers refer to them; conditions and duties go into a string table, so that large federations stay
small. The report's data is one JSON block (`lc-data`) read by the page's script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from licensecheck.check.verdict import SYMBOL, WORST_FIRST, Reason
from licensecheck.federation.matrix import Matrix, Side
from licensecheck.federation.recommend import Recommendation, trade_offs
from licensecheck.federation.render import check_command, join_names, profile_text, verdict_counts_text
from licensecheck.federation.render.grid import Grid, column_header, row_products, use_grids, uses_of
from licensecheck.federation.render.text import uses_line
from licensecheck.report.html import render_report
from licensecheck.report.json import reason_dict

TEMPLATE = "federation.j2"


@dataclass
class _Tables:
    """Strings and reasons, each stored once."""

    strings: dict[str, int] = field(default_factory=dict)
    reasons: dict[Reason, int] = field(default_factory=dict)

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


def federation_html(matrix: Matrix, recommendations: Sequence[Recommendation] | None = None) -> str:
    """The whole report as one self-contained HTML document."""
    tables = _Tables()
    answers = [_answer_data(matrix, index, tables) for index in range(len(matrix.answers))]
    used = _used_answers(matrix)
    rows_data: dict[str, Any] = {}
    combination_rows, combination_data = _combinations(matrix, tables)
    sections = [_use_section(matrix, grid, rows_data) for grid in use_grids(matrix)]
    columns = [{"license": column.license, "work": column.work,
                "commons": [[matrix.commons[i].id, matrix.commons[i].name, matrix.commons[i].owner,
                             matrix.commons[i].source.describe()] for i in column.commons]}
               for column in matrix.columns]
    registry = matrix.registry
    members = matrix.counts(matrix.members)
    context = {
        "title": f"{registry.name}: who may reuse which commons",
        "registry": registry,
        "uses_line": uses_line(matrix),
        "platforms": [(p.id, p.name) for p in matrix.members.parties],
        "outsiders": [(p.id, p.name) for p in matrix.outsiders.parties],
        "commons": [(c.id, c.name) for c in matrix.commons],
        "commons_rows": [{"id": c.id, "name": c.name, "owner": c.owner or "", "work": c.work,
                          "license": matrix.license(c), "source": c.source.describe()} for c in matrix.commons],
        "platform_rows": [{"id": p.id, "name": p.name, "profile": profile_text(p, matrix.catalog.vocabulary),
                           "products": ", ".join(f"{x.id} ({x.license})" for x in p.products)}
                          for p in (*matrix.members.parties, *matrix.outsiders.parties)],
        "use_options": [(use, use) for use, _ in uses_of(matrix)],
        "verdict_options": [(v.value, f"{SYMBOL[v]} {v.value}") for v in WORST_FIRST],
        "summary": {"cells": matrix.cell_count(matrix.members), "answers": len(used),
                    "counts": verdict_counts_text(members),
                    "outsider_cells": matrix.cell_count(matrix.outsiders),
                    "outsider_counts": verdict_counts_text(matrix.counts(matrix.outsiders))},
        "member_counts": [(v.value, members[v]) for v in WORST_FIRST],
        "sections": sections,
        "combinations": combination_rows,
        "recommendations": _recommendations(recommendations) if recommendations is not None else None,
    }
    recs = [_recommendation_cells(rec, tables) for rec in recommendations or ()]
    context["reasons"] = [reason_dict(r) for r in tables.reasons]
    context["data"] = {"strings": list(tables.strings), "answers": answers, "rows": rows_data, "columns": columns,
                       "combinations": combination_data, "recommendations": recs}
    return render_report(TEMPLATE, context)


def _used_answers(matrix: Matrix) -> set[int]:
    return {entry[3] for side in (matrix.members, matrix.outsiders) for entries in side.templates.values()
            for entry in entries}


def _answer_data(matrix: Matrix, index: int, tables: _Tables) -> dict[str, Any]:
    answer = matrix.answers[index]
    result = answer.result
    data: dict[str, Any] = {
        "id": answer.id, "v": result.verdict.value,
        "c": [tables.string(c) for c in result.conditions], "d": [tables.string(d) for d in result.duties],
        "e": [tables.string(e) for e in result.errors], "ch": result.choice,
        "r": [tables.reason(r) for r in result.reasons], "cmd": check_command(answer.question),
    }
    if result.remedies is not None:
        data["m"] = [{"change": dict(r.change), "verdict": r.verdict.value, "note": r.note,
                      "reasons": [tables.reason(x) for x in r.reasons]} for r in result.remedies]
    return data


def _use_section(matrix: Matrix, grid: Grid, rows_data: dict[str, Any]) -> dict[str, Any]:
    columns = []
    for index in grid.columns:
        license, shown, names = column_header(matrix, index)
        columns.append({"index": index, "label": license, "sub": shown, "group": matrix.columns[index].work,
                        "title": ", ".join(names), "tokens": {"data-lc-commons": " ".join(names)}})
    parties = {p.id: p for p in (*matrix.members.parties, *matrix.outsiders.parties)}
    groups = []
    for group in grid.groups:
        attr = "data-lc-platform" if group.side == "members" else "data-lc-outsider"
        rows = []
        for row in group.rows:
            tokens = {attr: " ".join(row.parties)}
            products = row_products(row)
            if products:
                tokens["data-lc-product"] = " ".join(products)
            rows.append({"key": row.key, "label": row.label, "title": ", ".join(parties[p].name for p in row.parties),
                         "tokens": tokens, "cells": row.cells})
            rows_data[row.key] = {"side": row.side, "profile": row.profile, "outbound": row.outbound_text,
                                  "who": [[parties[p].name, listed] for p, listed in row.parties.items()]}
        groups.append({"label": group.label, "title": ", ".join(parties[p].name for p in group.parties),
                       "tokens": {attr: " ".join(group.parties)}, "rows": rows})
    return {"use": grid.use, "id": f"m-{grid.use}", "kinds": grid.kinds, "columns": columns, "groups": groups,
            "member_counts": verdict_counts_text(grid.member_counts),
            "outsider_counts": verdict_counts_text(grid.outsider_counts) if matrix.outsiders.parties else None}


#: candidates and pairs shown in a combinations row before the rest (built by the page's script when opened)
SHOWN_CANDIDATES = 4
SHOWN_PAIRS = 3


def _combinations(matrix: Matrix, tables: _Tables) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """Combinations gathered by inbound expression and use (their candidates are equal): table rows, and the
    pairs and candidates of each row for the page's script ([pairs, [[licence, verdict, [condition]]]])."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for combination in matrix.combinations():
        first, second = combination.commons
        group = groups.get((combination.inbound, combination.use))
        if group is None:
            group = groups[(combination.inbound, combination.use)] = {
                "inbound": combination.inbound, "use": combination.use, "work": first.work, "pairs": [],
                "candidates": combination.candidates}
        group["pairs"].append((first.id, second.id))
    rows, data = [], []
    for index, group in enumerate(groups.values()):
        pairs, candidates = group["pairs"], group["candidates"]
        ids = dict.fromkeys(c for pair in pairs for c in pair)
        rows.append({"index": index, "inbound": group["inbound"], "use": group["use"], "work": group["work"],
                     "pairs": [" + ".join(pair) for pair in pairs[:SHOWN_PAIRS]], "more_pairs": len(pairs) - SHOWN_PAIRS,
                     "tokens": " ".join(ids), "count": len(candidates),
                     "best": [{"license": c.license, "verdict": c.result.verdict.value} for c in candidates[:SHOWN_CANDIDATES]],
                     "more": len(candidates) - SHOWN_CANDIDATES})
        data.append([[list(pair) for pair in pairs],
                     [[c.license, c.result.verdict.value, [tables.string(x) for x in c.result.conditions]]
                      for c in candidates]])
    return rows, data


def _recommendations(recommendations: Sequence[Recommendation]) -> list[dict[str, Any]]:
    """Per kind of work, the ranked candidates (`index`: the candidate's place in the data's list)."""
    kinds: dict[str, dict[str, Any]] = {}
    marked = {id(r) for work in dict.fromkeys(r.work for r in recommendations)
              for group in trade_offs([r for r in recommendations if r.work == work]) for r in group}
    for index, rec in enumerate(recommendations):
        kind = kinds.setdefault(rec.work, {"work": rec.work, "candidates": [],
                                           "cells": rec.matrix.cell_count(rec.matrix.members),
                                           "outsider_cells": rec.matrix.cell_count(rec.matrix.outsiders)})
        kind["candidates"].append({"rank": len(kind["candidates"]) + 1, "index": index, "license": rec.license,
                                   "trade_off": id(rec) in marked,
                                   "members": [(v.value, rec.members[v]) for v in WORST_FIRST],
                                   "outsiders": [(v.value, rec.outsiders[v]) for v in WORST_FIRST]})
    return list(kinds.values())


def _recommendation_cells(rec: Recommendation, tables: _Tables) -> list[list[Any]]:
    """The cells behind a candidate's counts, for the page's script: per side [title, groups], each group
    [verdict, what, who, cells, conditions, errors] with the texts in the string table."""
    out: list[list[Any]] = []
    for title, side in (("members", rec.matrix.members), ("outsiders", rec.matrix.outsiders)):
        if side.parties:
            out.append([title, [[g["verdict"], tables.string(g["what"]), tables.string(g["who"]), g["cells"],
                                 [tables.string(c) for c in g["conditions"]], [tables.string(e) for e in g["errors"]]]
                                for g in _template_groups(rec.matrix, side)]])
    return out


def _template_groups(matrix: Matrix, side: Side) -> list[dict[str, Any]]:
    """The cells behind the counts: per answer, who, which licence's commons, how many cells (worst first)."""
    groups: dict[int, dict[str, Any]] = {}
    for (p_index, column, chosen), entries in side.templates.items():
        times = side.usage[(p_index, column, chosen)]
        party = side.parties[p_index]
        for use, _product, _origin, answer in entries:
            group = groups.get(answer)
            if group is None:
                group = groups[answer] = {"answer": answer, "use": use, "parties": {}, "cells": 0}
            group["parties"][party.name] = None
            group["cells"] += times
    rank = {v: i for i, v in enumerate(WORST_FIRST)}
    out = []
    for group in sorted(groups.values(), key=lambda g: (rank[matrix.answers[g["answer"]].result.verdict], g["answer"])):
        answer = matrix.answers[group["answer"]]
        question, result = answer.question, answer.result
        where = "" if question.outbound is None else f" into {question.outbound}"
        out.append({"verdict": result.verdict.value, "symbol": SYMBOL[result.verdict],
                    "what": f"{question.use} of {question.work} under {question.inbound}{where}",
                    "who": join_names(group["parties"], 8), "cells": group["cells"],
                    "conditions": list(result.conditions), "errors": list(result.errors)})
    return out


__all__ = ["federation_html"]
