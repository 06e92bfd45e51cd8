# SPDX-License-Identifier: Apache-2.0
"""Formatters of the federation matrix: pure functions from a `Matrix` to text; nothing here prints or exits.

`json` streams the document of docs/spec/federation.md §3, `text` and `markdown` group the cells for
people, `html` renders the report through the shared layer `licensecheck.report.html`. The helpers
below are shared by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from licensecheck.check.verdict import WORST_FIRST, Verdict
from licensecheck.federation.matrix import Matrix, Side
from licensecheck.federation.registry import Party
from licensecheck.question import Licensee, Question
from licensecheck.vocabulary import ANY_KIND, Vocabulary


def licensee_dict(licensee: Licensee) -> dict[str, Any]:
    """A licensee in the form of questions §3 (`kind` first, then the attributes)."""
    out: dict[str, Any] = {"kind": licensee.kind}
    for name, value in licensee.attributes:
        out[name] = list(value) if isinstance(value, tuple) else _number(value)
    return out


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def question_dict(question: Question) -> dict[str, Any]:
    """A question in the form of questions §1, as `licensecheck test` reads it from a case file."""
    out: dict[str, Any] = {}
    if question.inbound is not None:
        out["inbound"] = question.inbound
    out["use"] = question.use
    if question.outbound is not None:
        out["outbound"] = question.outbound
    out["licensee"] = licensee_dict(question.licensee)
    if question.purposes is not None:
        out["purpose"] = list(question.purposes)
    if question.work is not None:
        out["work"] = question.work
    return out


def profile_text(party: Party, words: Vocabulary | None = None) -> str:
    """Who a party is, in a few words: kind, attributes, purposes."""
    licensee = party.licensee
    parts = [words.kind_text(licensee.kind) if words is not None else licensee.kind]
    for name, value in licensee.attributes:
        if isinstance(value, bool):
            parts.append(name if value else f"not {name}")
        elif isinstance(value, tuple):
            parts.append(f"{name}: {', '.join(value) or 'none'}")
        else:
            parts.append(f"{name}: {_number(value)}")
    purposes = "purpose not stated" if party.purposes is None else "purpose " + (", ".join(party.purposes) or "none")
    return f"{', '.join(parts)}; {purposes}"


def check_command(question: Question) -> str:
    """The `licensecheck check` command line that asks the same question."""
    import shlex

    words = ["licensecheck", "check"]
    if question.inbound is not None:
        words.append(question.inbound)
    words += ["--use", question.use]
    if question.outbound is not None:
        words += ["--into", question.outbound]
    if question.licensee.kind != ANY_KIND:
        words += ["--as", question.licensee.kind]
    for name, value in question.licensee.attributes:
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, tuple):
            shown = ",".join(value)
        else:
            shown = str(_number(value))
        words += ["--attr", f"{name}={shown}"]
    for purpose in question.purposes or ():
        words += ["--purpose", purpose]
    if question.work is not None:
        words += ["--work", question.work]
    return " ".join(shlex.quote(w) for w in words)


@dataclass
class Group:
    """Cells with equal answers (same use, commons, outbound and result): who asked, about which commons.

    One answer per licensee profile: cells of different profiles whose results are equal share a group.
    """

    answers: list[int]
    use: str
    parties: dict[str, list[str | None]] = field(default_factory=dict)  # party id -> products (None: none)
    commons: dict[str, None] = field(default_factory=dict)
    cells: int = 0

    @property
    def answer(self) -> int:
        """The first answer of the group (they all have the same result)."""
        return self.answers[0]


def groups_by_answer(matrix: Matrix, side: Side, merge: bool = True) -> list[Group]:
    """The cells of a side grouped by answer (and, with `merge`, equal results), worst first, in use order."""
    groups: dict[int, Group] = {}
    for p_index, c_index, entries in matrix.iter_entries(side):
        party = side.parties[p_index]
        commons_id = matrix.commons[c_index].id
        for use, product, _origin, answer in entries:
            group = groups.get(answer)
            if group is None:
                group = groups[answer] = Group([answer], use)
            products = group.parties.setdefault(party.id, [])
            name = party.products[product].id if product >= 0 else None
            if name not in products:
                products.append(name)
            group.commons[commons_id] = None
            group.cells += 1
    listed = sorted(groups.values(), key=lambda g: g.answer)
    if merge:
        merged: dict[tuple[object, ...], Group] = {}
        for group in listed:
            found = matrix.answers[group.answer]
            named = tuple(sorted({p for names in group.parties.values() for p in names if p is not None}))
            key = (group.use, tuple(group.commons), named, found.question.outbound, found.result)
            into = merged.get(key)
            if into is None:
                merged[key] = group
                continue
            into.answers += group.answers
            for party_id, names in group.parties.items():
                into.parties.setdefault(party_id, []).extend(n for n in names if n not in into.parties[party_id])
            into.cells += group.cells
        listed = list(merged.values())
    rank = {v: i for i, v in enumerate(WORST_FIRST)}
    use_order = {use: i for i, use in enumerate(dict.fromkeys(u for _k, uses in matrix.uses for u in uses))}
    return sorted(listed, key=lambda g: (rank[matrix.answers[g.answer].result.verdict],
                                         use_order.get(g.use, 99), g.answer))


def parties_text(matrix: Matrix, side: Side, group: Group, limit: int = 12) -> str:
    """The parties of a group, gathered by licensee profile: `A, B (an association; ...); C (...)`."""
    parties = {p.id: p for p in side.parties}
    by_profile: dict[str, list[str]] = {}
    for party_id in group.parties:
        party = parties[party_id]
        by_profile.setdefault(profile_text(party, matrix.catalog.vocabulary), []).append(party.name)
    return "; ".join(f"{join_names(names, limit)} ({profile})" for profile, names in by_profile.items())


def verdict_counts_text(counts: dict[Verdict, int]) -> str:
    """`3 incompatible, 1 unknown, 5 conditional, 20 compatible` (worst first)."""
    return ", ".join(f"{counts.get(v, 0):,} {v.value}" for v in WORST_FIRST)


def plural(count: int, word: str) -> str:
    """`1 cell`, `3 cells` (`commons` stays as it is)."""
    return f"{count:,} {word}" if count == 1 or word.endswith("s") else f"{count:,} {word}s"


def join_names(names: Iterable[str], limit: int = 12) -> str:
    """Names joined with commas, cut after `limit` with a count of the rest."""
    items = list(names)
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


__all__ = [
    "Group",
    "check_command",
    "groups_by_answer",
    "join_names",
    "licensee_dict",
    "parties_text",
    "plural",
    "profile_text",
    "question_dict",
    "verdict_counts_text",
]
