# SPDX-License-Identifier: Apache-2.0
"""What the checker carries through one question: the facts, the outbound options, memos; licence versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from licensecheck import model as m
from licensecheck.catalog import Catalog, License
from licensecheck.check.compiled import Compiled, Source, compile_license
from licensecheck.check.facts import Facts
from licensecheck.check.verdict import Outcome, Reason, Verdict
from licensecheck.expr import Expr

ExpressionParser = Callable[[str], Expr]
_V = TypeVar("_V")


@dataclass(frozen=True)
class Option:
    """A licence the result may be conveyed under: the named outbound or one reached from it, with the
    exception its `WITH` adds (GPL-2.0-only WITH Classpath-exception-2.0)."""

    license: License
    label: str
    path: str = ""
    reasons: tuple[Reason, ...] = ()
    addition: License | None = None


def option_versions(catalog: Catalog, option: Option) -> frozenset[str]:
    """The versions an option stands for; with an exception, versions of the licence plus that exception, which
    a target naming the licence alone does not include."""
    versions = licence_versions(catalog, option.license)
    if option.addition is None:
        return versions
    return frozenset(f"{v} WITH {option.addition.base_id}" for v in versions)


def option_compiled(option: Option) -> Compiled:
    """The clauses of an option's licence, with its exception's."""
    return compile_license(option.license, option.addition)


@dataclass
class Context:
    """One evaluation: the catalog, the facts and acts of the question, the policy, and per-question memos."""

    catalog: Catalog
    parse: ExpressionParser
    facts: Facts
    acts: tuple[str, ...]
    policy: m.Document | None
    elect: bool = True
    memo: dict[tuple[str, tuple[str | None, ...]], list[Outcome]] = field(default_factory=dict)
    reach_cache: dict[int, list[tuple[Source, str]]] = field(default_factory=dict)
    outbound_cache: dict[str, list[Source]] = field(default_factory=dict)
    facts_key: tuple[object, ...] = ()
    #: the facts the leaf being answered can see (`engine._seen_facts`): the key of process-wide memos below it
    seen: tuple[object, ...] = ()
    depth: int = 0  # how deep in licences that grant or change into other licences

    def __post_init__(self) -> None:
        facts = self.facts
        self.facts_key = (self.catalog.token, facts.use, facts.kind, facts.attributes, facts.purposes, facts.modified,
                          facts.work, facts.date, facts.question.parameters, id(self.policy))


_VERSIONS: dict[tuple[str, int, bool], frozenset[str]] = {}


def licence_versions(catalog: Catalog, license: License, or_later: bool | None = None) -> frozenset[str]:
    """The licence versions a licence id stands for; `or later` includes versions not yet written."""
    later = license.or_later if or_later is None else or_later
    key = (catalog.token, id(license), later)
    cached = _VERSIONS.get(key)
    if cached is None:
        cached = _VERSIONS[key] = _versions_uncached(catalog, license, later)
    return cached


def _versions_uncached(catalog: Catalog, license: License, or_later: bool) -> frozenset[str]:
    if or_later:
        return frozenset(catalog.later_versions(license)) | {f"future:{license.family or license.base_id}"}
    return frozenset({license.base_id})


def licence_variant(catalog: Catalog, doc_id: str, or_later: bool) -> License | None:
    doc = catalog.documents.get(doc_id)
    if doc is None:
        return None
    name = doc.field("later") if or_later else doc.id
    if or_later and not name:
        return None
    return catalog.resolve(name)


CACHE_SIZE = 50_000


def memoised(cache: dict[tuple[object, ...], _V], key: tuple[object, ...], make: Callable[[], _V]) -> _V:
    """`cache[key]`, made on a miss; the cache is emptied when it reaches its size limit."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        found = cache[key] = make()
    return found


def unclear_outcome(source: Source, note: str) -> Outcome:
    """`unknown` because the clause that would decide is marked unclear."""
    return Outcome(Verdict.UNKNOWN, reasons=(source.reason(f"{note}; the text is unclear"),),
                   errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",))
