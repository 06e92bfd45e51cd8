# SPDX-License-Identifier: Apache-2.0
"""A licence's clauses sorted by what the checker asks of them, built once per licence and exception."""

from __future__ import annotations

from dataclasses import dataclass

from licensecheck import model as m
from licensecheck.catalog import License
from licensecheck.check.verdict import Reason
from licensecheck.vocabulary import Vocabulary


@dataclass(frozen=True, eq=False)
class Source:
    """A clause with the licence it belongs to, and whether it was added by a `WITH` addendum."""

    clause: m.Clause
    license: str
    added: bool = False
    location: str = ""
    quoted: str = ""
    where: str = ""

    @classmethod
    def of(cls, clause: m.Clause, license: str, added: bool = False) -> Source:
        """A source with its location, quoted text and citation computed once."""
        text = clause.text
        if clause.quote:
            text = f'{text} Licence text: "{clause.quote}"'
        where = f"{license} {' '.join(clause.citations)}".strip()
        return cls(clause, license, added, str(clause.span), text, where)

    def reason(self, note: str) -> Reason:
        """This clause as a reason, with a note saying why it matters here."""
        return Reason(self.license, self.clause.id, self.location, self.quoted, note)


@dataclass(frozen=True)
class Compiled:
    """The clauses of one licence (with its exception or addendum) by statement type."""

    id: str
    license: License
    addition: License | None
    grants: tuple[Source, ...]
    prohibitions: tuple[Source, ...]
    duties: tuple[Source, ...]
    sharealikes: tuple[Source, ...]
    excludes: frozenset[str]
    edges: tuple[Source, ...]
    no_further: Source | None
    removable: Source | None
    tiers: tuple[Source, ...]
    waivers: tuple[Source, ...]
    changes: tuple[Source, ...]
    terminations: tuple[Source, ...]
    reservation: Source | None
    tags: tuple[tuple[str, Source], ...]
    duty_kinds: frozenset[str]
    by_act: dict[str, tuple[tuple[Source, ...], tuple[Source, ...]]]

    def grants_for(self, act: str) -> tuple[Source, ...]:
        """Permissions that cover an act (`use` covers `run`; `everything` covers all)."""
        return self.by_act[act][0]

    def tag_set(self) -> frozenset[str]:
        """Every restriction this licence imposes, as tags."""
        return frozenset(tag for tag, _ in self.tags)


def _condition_tags(cond: m.Cond | None) -> set[str]:
    tags: set[str] = set()
    if cond is None:
        return tags
    if isinstance(cond, (m.All, m.Any)):
        for item in cond.items:
            tags |= _condition_tags(item)
    elif isinstance(cond, m.Not):
        tags |= _condition_tags(cond.item)
    elif isinstance(cond, m.Term):
        tags |= _condition_tags(cond.condition)
    elif isinstance(cond, m.UseIs):
        tags.add("use-restriction")
    elif isinstance(cond, (m.LicenseeKind, m.LicenseeFlag, m.LicenseeCompare, m.LicenseeMember,
                           m.LicenseeActivity)):
        tags.add("licensee-restriction")
    elif isinstance(cond, m.Purpose):
        tags.add("purpose-restriction")
    elif isinstance(cond, m.Trial):
        tags.add("time-restriction")
    elif isinstance(cond, m.Agreement):
        tags.add("agreement-restriction")
    elif isinstance(cond, (m.ParameterSet, m.ParameterCompare)):
        tags.add("parameter-restriction")
    return tags


def _tags(source: Source, vocab: Vocabulary) -> set[str]:
    statement = source.clause.statement
    if isinstance(statement, m.Permission):
        return _condition_tags(statement.condition)
    if isinstance(statement, m.Prohibition):
        return _condition_tags(statement.condition) | {f"no-{act}" for act in statement.acts}
    if isinstance(statement, m.Duty):
        return {statement.duty}
    if isinstance(statement, m.Termination):
        event = vocab.events.get(statement.event)
        return {f"ends-on-{statement.event}"} if event is not None and event.restricts else set()
    return set()


_COMPILED: dict[tuple[int, int], tuple[License, License | None, Compiled]] = {}


def compile_license(license: License, addition: License | None = None) -> Compiled:
    """Sort the clauses of a licence, and of the exception or addendum added with `WITH` (once per pair)."""
    key = (id(license), id(addition))
    entry = _COMPILED.get(key)
    if entry is not None and entry[0] is license and entry[1] is addition:
        return entry[2]
    compiled = _compile(license, addition)
    _COMPILED[key] = (license, addition, compiled)
    return compiled


def _compile(license: License, addition: License | None) -> Compiled:
    sources = [Source.of(c, license.id) for c in license.clauses]
    display = license.id
    if addition is not None:
        display = f"{license.id} WITH {addition.id}"
        sources += [Source.of(c, addition.id, added=True) for c in addition.clauses]
    buckets: dict[type, list[Source]] = {}
    for source in sources:
        buckets.setdefault(type(source.clause.statement), []).append(source)
    excludes: set[str] = set()
    for source in buckets.get(m.ShareAlikeExcludes, []):
        excludes.update(source.clause.statement.uses)  # type: ignore[union-attr]
    waived = {s.clause.statement.duty for s in buckets.get(m.Waiver, [])  # type: ignore[union-attr]
              if not s.clause.statement.triggers}  # type: ignore[union-attr]
    tags: list[tuple[str, Source]] = []
    seen: set[str] = set()
    for source in sources:
        for tag in sorted(_tags(source, license.vocabulary) - waived):
            if tag not in seen:
                seen.add(tag)
                tags.append((tag, source))
    duties = tuple(s for s in buckets.get(m.Duty, []) if s.clause.statement.duty not in waived)  # type: ignore[union-attr]
    grants = tuple(buckets.get(m.Permission, []))
    prohibitions = tuple(buckets.get(m.Prohibition, []))
    interned: dict[tuple[int, ...], tuple[tuple[Source, ...], tuple[Source, ...]]] = {}
    by_act = {}
    vocab = license.vocabulary
    covers = vocab.act_covers
    for act in vocab.acts:  # acts covered by the same clauses share one tuple, so the checker can group them
        pair = (tuple(g for g in grants if covers(g.clause.statement.acts, act)),  # type: ignore[union-attr]
                tuple(p for p in prohibitions if covers(p.clause.statement.acts, act)))  # type: ignore[union-attr]
        key = (*(id(g) for g in pair[0]), -1, *(id(p) for p in pair[1]))
        by_act[act] = interned.setdefault(key, pair)
    return Compiled(
        id=display,
        license=license,
        addition=addition,
        grants=grants,
        prohibitions=prohibitions,
        duties=duties,
        sharealikes=tuple(buckets.get(m.ShareAlike, [])),
        excludes=frozenset(excludes),
        edges=tuple(buckets.get(m.Edge, [])),
        no_further=next(iter(buckets.get(m.NoFurtherRestrictions, [])), None),
        removable=next(iter(buckets.get(m.Removable, [])), None),
        tiers=tuple(buckets.get(m.Tier, [])),
        waivers=tuple(buckets.get(m.Waiver, [])),
        changes=tuple(buckets.get(m.Change, [])),
        terminations=tuple(buckets.get(m.Termination, [])),
        reservation=next(iter(buckets.get(m.Reservation, [])), None),
        tags=tuple(tags),
        duty_kinds=frozenset(s.clause.statement.duty for s in duties),  # type: ignore[union-attr]
        by_act=by_act,
    )
