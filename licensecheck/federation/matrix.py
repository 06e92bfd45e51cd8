# SPDX-License-Identifier: Apache-2.0
"""The questions of docs/spec/federation.md §2, each distinct question answered once by the checker.

For each platform P, each commons C not owned by P and each use U of C's kind of work, one question is
asked (one per product of P that reuses C, for uses that distribute a result). A cell's question
depends only on P's licensee and purposes, C's licence and kind of work, the use and the outbound
licence, so the cells of P for all the commons that share a licence (a "column group") are built once
(a template) and the answers are kept in a dict keyed by the frozen `Question`. Nothing here decides a
verdict: `licensecheck.api.check_question` and `outbound_candidates` do.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from licensecheck.api import Candidate, check_question, outbound_candidates
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.check.verdict import Verdict
from licensecheck.errors import InputError
from licensecheck.federation.registry import Commons, Party, Registry, distributing
from licensecheck.question import Question
from licensecheck.syntax.expression import parse_expression

#: where the outbound licence of a cell comes from (JSON `outbound_from`)
FROM_NONE, FROM_PRODUCT, FROM_COMMONS = 0, 1, 2
OUTBOUND_FROM: tuple[str | None, ...] = (None, "product", "commons")

#: one cell of a template: (use, product index or -1, FROM_*, answer index)
Entry = tuple[str, int, int, int]
#: reports progress: (parties done, parties in all)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Selection:
    """The `--platform`, `--commons` and `--use` filters (None: everything)."""

    platforms: tuple[str, ...] | None = None
    commons: tuple[str, ...] | None = None
    uses: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Answer:
    """A distinct question and the checker's result."""

    id: str
    question: Question
    result: Result


@dataclass(frozen=True)
class Column:
    """Commons that share a kind of work and a licence: their cells are equal for every party."""

    work: str
    license: str
    commons: tuple[int, ...]  # indices into `Matrix.commons`


@dataclass(frozen=True)
class Cell:
    """One question of the matrix: a party (platform or outsider), a commons, a use, maybe a product."""

    party: Party
    commons: Commons
    use: str
    product: str | None
    outbound_from: str | None
    answer: Answer


@dataclass(frozen=True)
class Combination:
    """Two commons of one kind of work reused together, and the licences the result could go out under."""

    commons: tuple[Commons, Commons]
    use: str
    inbound: str
    candidates: tuple[Candidate, ...]


@dataclass
class Side:
    """The cells of the members or of the outsiders, as templates and how many commons use each."""

    parties: tuple[Party, ...]
    templates: dict[tuple[int, int, tuple[int, ...]], tuple[Entry, ...]] = field(default_factory=dict)
    usage: dict[tuple[int, int, tuple[int, ...]], int] = field(default_factory=dict)


class Matrix:
    """The answered federation: answers, columns, and the cells of members and outsiders."""

    def __init__(self, registry: Registry, catalog: Catalog, selection: Selection | None = None,
                 progress: Progress | None = None,
                 licence_of: Callable[[Commons], str] | None = None,
                 results: dict[Question, Result] | None = None, remedies: bool = False) -> None:
        """Ask every question; `licence_of` replaces the commons' licences (`--recommend`), `results`
        holds answers already known (shared between matrices of one registry); with `remedies`, each
        answer also says what would make it better (questions §8)."""
        self.registry = registry
        self.catalog = catalog
        self.selection = selection or Selection()
        self._licence_of = licence_of
        self.remedies = remedies
        self.results: dict[Question, Result] = results if results is not None else {}
        platforms, commons, uses = _select(registry, self.selection, catalog)
        self.commons: tuple[Commons, ...] = commons
        self.uses: tuple[tuple[str, tuple[str, ...]], ...] = uses
        self._uses = dict(uses)
        self.answers: list[Answer] = []
        self.by_question: dict[Question, int] = {}
        self.columns: list[Column] = []
        self.column_of: list[int] = []
        self._group_columns()
        self.members = Side(platforms)
        self.outsiders = Side(registry.outsiders)
        total = len(platforms) + len(registry.outsiders)
        self._build(self.members, progress, 0, total)
        self._build(self.outsiders, progress, len(platforms), total)
        self._combinations: dict[tuple[str, str, str], tuple[Candidate, ...]] = {}

    # -- building ------------------------------------------------------------------------------
    def license(self, commons: Commons) -> str:
        """The licence a commons is asked under (its own, or the candidate's with `--recommend`)."""
        return self._licence_of(commons) if self._licence_of is not None else commons.license

    def _group_columns(self) -> None:
        index: dict[tuple[str, str], int] = {}
        members: list[list[int]] = []
        for position, commons in enumerate(self.commons):
            key = (commons.work, self.license(commons))
            column = index.get(key)
            if column is None:
                column = index[key] = len(members)
                members.append([])
            members[column].append(position)
            self.column_of.append(column)
        self.columns = [Column(work, license, tuple(members[i])) for (work, license), i in index.items()]

    def _build(self, side: Side, progress: Progress | None, done: int, total: int) -> None:
        """Templates and their usage, in O(parties x columns) plus the explicit `reuses` of products."""
        commons = self.commons
        column_of = self.column_of
        sizes = [len(column.commons) for column in self.columns]
        owned: dict[str, list[int]] = {}
        for c_index, item in enumerate(commons):
            if item.owner is not None:
                owned.setdefault(item.owner, []).append(c_index)
        position = {item.id: i for i, item in enumerate(commons)}
        for p_index, party in enumerate(side.parties):
            counts = list(sizes)
            for c_index in owned.get(party.id, ()):
                counts[column_of[c_index]] -= 1
            chosen: dict[int, list[int]] = {}  # commons index -> products that name it in `reuses`
            for i, product in enumerate(party.products):
                for commons_id in product.reuses or ():
                    c_index = position.get(commons_id, -1)
                    if c_index >= 0 and commons[c_index].owner != party.id:
                        chosen.setdefault(c_index, []).append(i)
            # templates are made in the order of their first cell, so that answers are numbered as cells appear
            made: list[tuple[int, int, tuple[int, ...], int]] = []  # (first commons, column, chosen, count)
            for column, count in enumerate(counts):
                count -= sum(1 for c_index in chosen if column_of[c_index] == column)
                if count > 0:
                    first = next(i for i in self.columns[column].commons
                                 if commons[i].owner != party.id and i not in chosen)
                    made.append((first, column, (), count))
            made += [(c_index, column_of[c_index], tuple(chosen[c_index]), 1) for c_index in chosen]
            for _first, column, products, count in sorted(made):
                self._use_template(side, party, p_index, column, products, count)
            if progress is not None:
                progress(done + p_index + 1, total)

    def _use_template(self, side: Side, party: Party, p_index: int, column: int, chosen: tuple[int, ...],
                      count: int) -> None:
        key = (p_index, column, chosen)
        if key not in side.templates:
            example = next(self.commons[i] for i in self.columns[column].commons
                           if self.commons[i].owner != party.id)
            side.templates[key] = self._template(party, example, chosen)
            side.usage[key] = 0
        side.usage[key] += count

    def _template(self, party: Party, commons: Commons, chosen: tuple[int, ...]) -> tuple[Entry, ...]:
        """The cells of a party for every commons of a column whose products reusing it are `chosen` (explicit)."""
        entries: list[Entry] = []
        inbound = self.license(commons)
        for use in self._uses.get(commons.work, ()):
            if not distributing(use, self.catalog.vocabulary):
                entries.append((use, -1, FROM_NONE, self._answer(party, commons, inbound, use, None)))
                continue
            products = sorted({*chosen, *(i for i, prod in enumerate(party.products)
                                           if prod.reuses is None and prod.work == commons.work)})
            if not products:
                entries.append((use, -1, FROM_COMMONS, self._answer(party, commons, inbound, use, inbound)))
            for i in products:
                entries.append((use, i, FROM_PRODUCT,
                                self._answer(party, commons, inbound, use, party.products[i].license)))
        return tuple(entries)

    def _answer(self, party: Party, commons: Commons, inbound: str, use: str, outbound: str | None) -> int:
        question = Question(use=use, inbound=inbound, outbound=outbound, licensee=party.licensee,
                            purposes=party.purposes, work=commons.work)
        found = self.by_question.get(question)
        if found is None:
            found = self.by_question[question] = len(self.answers)
            result = self.results.get(question)
            if result is None:
                result = self.results[question] = check_question(question, self.catalog, remedies=self.remedies)
            self.answers.append(Answer(f"a{found + 1}", question, result))
        return found

    # -- reading -------------------------------------------------------------------------------
    def iter_entries(self, side: Side) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """(party index, commons index, its entries) for every pair asked, in registry order."""
        commons = self.commons
        column_of = self.column_of
        templates = side.templates
        for p_index, party in enumerate(side.parties):
            explicit = [(i, frozenset(prod.reuses)) for i, prod in enumerate(party.products) if prod.reuses is not None]
            for c_index, item in enumerate(commons):
                if item.owner == party.id:
                    continue
                chosen = tuple(i for i, reuses in explicit if item.id in reuses) if explicit else ()
                yield p_index, c_index, templates[(p_index, column_of[c_index], chosen)]

    def cells(self, side: Side) -> Iterator[Cell]:
        """Every cell of a side, in the order of the JSON output."""
        for p_index, c_index, entries in self.iter_entries(side):
            party = side.parties[p_index]
            for use, product, origin, answer in entries:
                yield Cell(party, self.commons[c_index], use,
                           party.products[product].id if product >= 0 else None, OUTBOUND_FROM[origin],
                           self.answers[answer])

    def counts(self, side: Side) -> dict[Verdict, int]:
        """Cells per verdict (every verdict present, in the enum's order)."""
        out = dict.fromkeys(Verdict, 0)
        answers = self.answers
        for key, entries in side.templates.items():
            times = side.usage[key]
            for entry in entries:
                out[answers[entry[3]].result.verdict] += times
        return out

    def cell_count(self, side: Side) -> int:
        """How many cells a side has."""
        return sum(len(entries) * side.usage[key] for key, entries in side.templates.items())

    # -- combinations --------------------------------------------------------------------------
    def pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs of commons (indices, in registry order) of one kind of work that some product reuses together.

        A product without `reuses` reuses every commons of its kind; a registry without products asks
        every pair of the same kind.
        """
        commons = self.commons
        position = {item.id: i for i, item in enumerate(commons)}
        products = [prod for party in self.members.parties for prod in party.products]
        everything = {item.work for item in commons} if not products else {
            prod.work for prod in products if prod.reuses is None}
        explicit: set[tuple[int, int]] = set()
        for prod in products:
            if prod.reuses is None:
                continue
            chosen = sorted(position[c] for c in prod.reuses if c in position)
            for a, b in itertools.combinations(chosen, 2):
                if commons[a].work == commons[b].work and commons[a].work not in everything:
                    explicit.add((a, b))
        by_kind = {kind: [i for i, item in enumerate(commons) if item.work == kind] for kind in everything}
        every = sorted(explicit)
        streams: list[Iterator[tuple[int, int]]] = [iter(every)]
        streams += [itertools.combinations(indices, 2) for indices in by_kind.values()]
        yield from _merge_sorted(streams)

    def combinations(self) -> Iterator[Combination]:
        """Every pair reused together, for each use of its kind that distributes a result, best outbound first."""
        for a, b in self.pairs():
            first, second = self.commons[a], self.commons[b]
            for use in self._uses.get(first.work, ()):
                if distributing(use, self.catalog.vocabulary):
                    inbound = self._pair_expression(first, second)
                    yield Combination((first, second), use, inbound, self._candidates(inbound, use, first.work))

    def _pair_expression(self, first: Commons, second: Commons) -> str:
        a, b = self.license(first), self.license(second)
        if a == b:
            return a
        return str(parse_expression(f"({a}) AND ({b})", self.catalog))

    def _candidates(self, inbound: str, use: str, work: str) -> tuple[Candidate, ...]:
        key = (inbound, use, work)
        found = self._combinations.get(key)
        if found is None:
            question = Question(use=use, inbound=inbound, work=work)
            found = self._combinations[key] = tuple(outbound_candidates(question, self.catalog))
        return found


def _merge_sorted(streams: Sequence[Iterator[tuple[int, int]]]) -> Iterator[tuple[int, int]]:
    import heapq

    previous = None
    for pair in heapq.merge(*streams):
        if pair != previous:
            yield pair
            previous = pair


def _select(registry: Registry, selection: Selection, catalog: Catalog) -> tuple[tuple[Party, ...], tuple[Commons, ...],
                                                               tuple[tuple[str, tuple[str, ...]], ...]]:
    platforms = registry.platforms
    if selection.platforms is not None:
        known = {p.id for p in platforms}
        _check_ids(selection.platforms, known, "--platform", "platform")
        platforms = tuple(p for p in platforms if p.id in selection.platforms)
    commons = registry.commons
    if selection.commons is not None:
        known = {c.id for c in commons}
        _check_ids(selection.commons, known, "--commons", "commons")
        commons = tuple(c for c in commons if c.id in selection.commons)
    uses = registry.uses
    if selection.uses is not None:
        asked = {use for _kind, listed in uses for use in listed}
        for use in selection.uses:
            if use not in catalog.vocabulary.uses:
                raise InputError(f"--use: unknown use `{use}`" + _hint(use, set(catalog.vocabulary.uses)))
            if use not in asked:
                raise InputError(f"--use: `{use}` is not one of the registry's uses ({', '.join(sorted(asked))})")
        uses = tuple((kind, tuple(u for u in listed if u in selection.uses)) for kind, listed in uses)
    return platforms, commons, uses


def _check_ids(asked: Sequence[str], known: set[str], option: str, what: str) -> None:
    for name in asked:
        if name not in known:
            raise InputError(f"{option}: unknown {what} `{name}`" + _hint(name, known))


def _hint(word: str, choices: Sequence[str] | set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def worst_verdict(counts: dict[Verdict, int]) -> Verdict | None:
    """The worst verdict with at least one cell (None when there is no cell)."""
    from licensecheck.check.verdict import WORST_FIRST

    return next((verdict for verdict in WORST_FIRST if counts.get(verdict)), None)


__all__ = ["FROM_COMMONS", "FROM_NONE", "FROM_PRODUCT", "OUTBOUND_FROM", "Answer", "Cell", "Column", "Combination",
           "Entry", "Matrix", "Progress", "Selection", "Side", "worst_verdict"]
