# SPDX-License-Identifier: Apache-2.0
"""The JSON document of docs/spec/federation.md §3, streamed in chunks (stable key order, byte-identical runs).

Large matrices have millions of cells: the document is written one answer, cell or combination per
line, from JSON fragments prepared once per platform, commons and answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from licensecheck.check.engine import Result
from licensecheck.check.verdict import Verdict
from licensecheck.federation.matrix import OUTBOUND_FROM, Matrix, Side
from licensecheck.federation.recommend import Recommendation
from licensecheck.federation.registry import FORMAT_VERSION, Party
from licensecheck.federation.render import licensee_dict, question_dict
from licensecheck.report.json import result_dict

#: lines are gathered into chunks of about this many characters before they are handed on
_CHUNK = 1 << 16


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def result_json(result: Result) -> dict[str, Any]:
    """A result in the key order of questions §8, without the case fields (`id`, `expected`)."""
    out = result_dict("", result)
    del out["id"], out["expected"]
    return out


def _party_dict(party: Party) -> dict[str, Any]:
    out: dict[str, Any] = {"id": party.id, "name": party.name, "licensee": licensee_dict(party.licensee),
                           "purpose": None if party.purposes is None else list(party.purposes)}
    if party.member:
        out["products"] = [{"id": p.id, "name": p.name, "license": p.license, "work": p.work,
                            "reuses": None if p.reuses is None else list(p.reuses)} for p in party.products]
    return out


def _counts(counts: dict[Verdict, int]) -> dict[str, int]:
    return {v.value: counts.get(v, 0) for v in Verdict}


def federation_json(matrix: Matrix) -> Iterator[str]:
    """The whole document, in chunks."""
    registry = matrix.registry
    head = {
        "format_version": FORMAT_VERSION,
        "federation": {"id": registry.id, "name": registry.name},
        "uses": {kind: list(uses) for kind, uses in matrix.uses},
        "uses_default": registry.uses_default,
        "platforms": [_party_dict(p) for p in matrix.members.parties],
        "commons": [{"id": c.id, "name": c.name, "owner": c.owner, "work": c.work, "license": matrix.license(c),
                     "license_from": c.source.kind, "path": c.source.path, "found_at": c.source.found_at}
                    for c in matrix.commons],
        "outsiders": [_party_dict(p) for p in matrix.outsiders.parties],
    }
    text = json.dumps(head, ensure_ascii=False, indent=2)
    yield text[: text.rstrip().rfind("}")].rstrip() + ',\n  "answers": ['
    yield from _lines(
        f'{{"id": "{a.id}", "question": {_dump(question_dict(a.question))}, "result": {_dump(result_json(a.result))}}}'
        for a in matrix.answers)
    yield '],\n  "cells": ['
    yield from _lines(_cells(matrix, matrix.members, "platform"))
    yield '],\n  "outsider_cells": ['
    yield from _lines(_cells(matrix, matrix.outsiders, "outsider"))
    yield '],\n  "combinations": ['
    combinations = [0]
    yield from _lines(_combinations(matrix, combinations))
    members = matrix.counts(matrix.members)
    summary: dict[str, Any] = {
        "platforms": len(matrix.members.parties), "commons": len(matrix.commons),
        "cells": matrix.cell_count(matrix.members), "answers": len(matrix.answers), **_counts(members),
        "outsiders": len(matrix.outsiders.parties), "outsider_cells": matrix.cell_count(matrix.outsiders),
        "outsider_verdicts": _counts(matrix.counts(matrix.outsiders)), "combinations": combinations[0],
    }
    yield '],\n  "summary": ' + _dump(summary) + "\n}\n"


def _lines(items: Iterator[str]) -> Iterator[str]:
    """`\\n    item,\\n    item\\n  ` in chunks (the brackets are the caller's)."""
    buffer: list[str] = []
    size = 0
    first = True
    for item in items:
        piece = ("\n    " if first else ",\n    ") + item
        first = False
        buffer.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(buffer)
            buffer, size = [], 0
    if not first:
        buffer.append("\n  ")
    if buffer:
        yield "".join(buffer)


def _cells(matrix: Matrix, side: Side, who: str) -> Iterator[str]:
    commons_json = [f', "commons": {_dump(c.id)}' for c in matrix.commons]
    answer_json = [f', "answer": "{a.id}"}}' for a in matrix.answers]
    use_json: dict[str, str] = {}
    origin_json = [f', "outbound_from": {_dump(o)}' for o in OUTBOUND_FROM]
    for p_index, c_index, entries in matrix.iter_entries(side):
        party = side.parties[p_index]
        head = f'{{"{who}": {_dump(party.id)}' + commons_json[c_index]
        for use, product, origin, answer in entries:
            shown_use = use_json.get(use)
            if shown_use is None:
                shown_use = use_json[use] = f', "use": {_dump(use)}'
            product_json = ', "product": null' if product < 0 else f', "product": {_dump(party.products[product].id)}'
            yield head + shown_use + product_json + origin_json[origin] + answer_json[answer]


def _combinations(matrix: Matrix, count: list[int]) -> Iterator[str]:
    shown: dict[tuple[str, str, str], str] = {}
    for combination in matrix.combinations():
        key = (combination.inbound, combination.use, combination.commons[0].work)
        candidates = shown.get(key)
        if candidates is None:
            candidates = shown[key] = _dump([{"outbound": c.license, "verdict": c.result.verdict.value,
                                              "conditions": list(c.result.conditions)}
                                             for c in combination.candidates])
        count[0] += 1
        first, second = combination.commons
        yield (f'{{"commons": {_dump([first.id, second.id])}, "use": {_dump(combination.use)}, '
               f'"inbound": {_dump(combination.inbound)}, "candidates": {candidates}}}')


def recommend_json(recommendations: Sequence[Recommendation]) -> str:
    """The document of federation.md §4: per kind of work, candidates best first, with their counts per verdict
    (of the cells of that kind's commons); `work` is an addition, a licence for several kinds appears once per kind."""
    document = {"format_version": FORMAT_VERSION, "candidates": [
        {"license": r.license, "work": r.work, "members": _counts(r.members), "outsiders": _counts(r.outsiders)}
        for r in recommendations]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


__all__ = ["federation_json", "recommend_json", "result_json"]
