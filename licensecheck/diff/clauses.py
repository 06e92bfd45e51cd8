# SPDX-License-Identifier: Apache-2.0
"""The clause diff: two parsed drafts compared clause by clause (docs/spec/diff.md §2, `clauses`).

Clauses are matched by id first; a clause of one draft left unmatched is matched with a clause of the other
whose statement is the same (a rename); the rest are added or removed. Statements are compared as models,
not as text: a clause moved to another line or reformatted is unchanged, and sets of words (acts, targets,
kinds of work) compare without their order. Vocabulary entries a draft declares (`use ...`, `attribute ...`)
are clauses like any other, and so are the clauses of modules and those a draft takes from the licence it
extends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from licensecheck import model as m
from licensecheck.catalog import Catalog
from licensecheck.record import Record
from licensecheck.source import Span

ADDED, REMOVED, CHANGED, RENAMED = "added", "removed", "changed", "renamed"

#: the fields of a changed clause, in the order of diff.md §2, then the ones this project adds
FIELDS = ("kind", "acts", "condition", "scope", "targets", "citation", "quote", "note", "unclear",
          "duty", "works", "uses", "restrictions", "limits", "event", "value", "term", "entry", "because", "module")

#: statement field -> the diff field it belongs to (fields not listed are named after themselves)
_FIELD_OF = {
    "acts": "acts", "triggers": "acts", "condition": "condition", "scope": "scope", "targets": "targets",
    "target": "targets", "selectors": "targets", "duty": "duty", "works": "works", "uses": "uses",
    "allowed": "restrictions", "combined": "limits", "adapted": "limits", "keeps": "limits", "event": "event",
    "cure_days": "event", "to": "value", "on": "value", "name": "term", "entry": "entry", "because": "because",
    "kind": "kind", "effect": "kind",
}
#: statement fields whose values are sets: compared without their order
_UNORDERED = frozenset({"acts", "triggers", "targets", "works", "uses", "allowed", "selectors"})

#: the word for each kind of statement (`kind` in the diff and in renderings)
STATEMENT_KINDS: dict[type, str] = {
    m.Permission: "permission", m.Prohibition: "prohibition", m.Duty: "duty", m.ShareAlike: "share-alike",
    m.ShareAlikeExcludes: "share-alike exclusion", m.Edge: "compatibility", m.NoFurtherRestrictions:
    "no further restrictions", m.Removable: "removable restrictions", m.Tier: "grant of another licence",
    m.Waiver: "waiver", m.Change: "change of licence", m.Termination: "termination", m.Reservation:
    "reservation", m.Definition: "definition", m.PolicyRule: "policy rule", m.Declares: "vocabulary entry",
}


@dataclass(frozen=True)
class ClauseSide:
    """A clause as one draft writes it: where, the statement as written, its quote, note and doubt."""

    id: str
    location: str
    text: str
    citations: tuple[str, ...]
    quote: str | None
    note: str | None
    unclear: str | None
    kind: str
    position: int  # the clause's place in its draft (0 = first)


@dataclass(frozen=True)
class ClauseChange:
    """A clause added, removed, changed or renamed, with the fields that changed and both sides."""

    id: str
    change: str
    fields: tuple[str, ...]
    old: ClauseSide | None
    new: ClauseSide | None

    @property
    def renamed_from(self) -> str | None:
        """The old id of a renamed clause."""
        return self.old.id if self.change == RENAMED and self.old is not None else None


@dataclass(frozen=True)
class MetaChange:
    """A metadata field (works, categories, name, ...) whose values differ between the drafts."""

    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]


def draft_clauses(document: m.Document, catalog: Catalog) -> tuple[m.Clause, ...]:
    """Every clause of a draft: those it takes from the licence it extends, its own, and its modules'."""
    return (*catalog.effective_clauses(document), *(c for module in document.modules for c in module.clauses))


def comparable(value: Any, field: str = "") -> Any:
    """A value with its source positions left out, and sets of words sorted: equal when the models mean the same."""
    if isinstance(value, Span):
        return None
    if isinstance(value, Record):
        return (type(value).__name__, tuple(comparable(getattr(value, name), name) for name in value._fields
                                            if not isinstance(getattr(value, name), Span)))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(comparable(getattr(value, f.name), f.name) for f in dataclasses.fields(value)))
    if isinstance(value, (frozenset, set)):
        return tuple(sorted((comparable(v) for v in value), key=repr))
    if isinstance(value, (tuple, list)):
        items = tuple(comparable(v) for v in value)
        return tuple(sorted(items, key=repr)) if field in _UNORDERED else items
    if isinstance(value, dict):
        return tuple(sorted((k, comparable(v)) for k, v in value.items()))
    return value


def statement_kind(statement: object) -> str:
    """The kind of a statement in words (`permission`, `duty`, ...)."""
    return STATEMENT_KINDS.get(type(statement), type(statement).__name__.lower())


def _side(clause: m.Clause, position: int) -> ClauseSide:
    span = clause.span
    return ClauseSide(clause.id, f"{span.path}:{span.line}:{span.column}", clause.text, clause.citations, clause.quote,
                      clause.note, clause.unclear, statement_kind(clause.statement), position)


def changed_fields(old: m.Clause, new: m.Clause) -> tuple[str, ...]:
    """The fields of diff.md §2 (and this project's) that differ between two versions of a clause."""
    found: set[str] = set()
    a, b = old.statement, new.statement
    if type(a) is not type(b):
        found.add("kind")
        for name in set(getattr(a, "_fields", ())) & set(getattr(b, "_fields", ())):
            if comparable(getattr(a, name), name) != comparable(getattr(b, name), name):
                found.add(_FIELD_OF.get(name, name))
    else:
        for name in getattr(a, "_fields", ()):
            if comparable(getattr(a, name), name) != comparable(getattr(b, name), name):
                found.add(_FIELD_OF.get(name, name))
    if old.citations != new.citations:
        found.add("citation")
    for name in ("quote", "note", "unclear", "module"):
        if getattr(old, name) != getattr(new, name):
            found.add(name)
    return tuple(sorted(found, key=lambda f: (FIELDS.index(f) if f in FIELDS else len(FIELDS), f)))


def clause_diff(old: Sequence[m.Clause], new: Sequence[m.Clause]) -> list[ClauseChange]:
    """The clauses added, removed, changed or renamed, in the order of the new draft (removed ones where they were)."""
    old_pos = {c.id: i for i, c in enumerate(old)}
    new_pos = {c.id: i for i, c in enumerate(new)}
    old_by_id = {c.id: c for c in old}
    new_by_id = {c.id: c for c in new}
    changes: list[tuple[float, ClauseChange]] = []
    for index, clause in enumerate(new):
        before = old_by_id.get(clause.id)
        if before is None:
            continue
        fields = changed_fields(before, clause)
        if fields:
            changes.append((index, ClauseChange(clause.id, CHANGED, fields, _side(before, old_pos[before.id]),
                                                _side(clause, index))))
    gone = [c for c in old if c.id not in new_by_id]
    come = [c for c in new if c.id not in old_by_id]
    by_statement: dict[Any, list[m.Clause]] = {}
    for clause in gone:
        by_statement.setdefault(comparable(clause.statement), []).append(clause)
    renamed: set[str] = set()
    for clause in come:
        index = new_pos[clause.id]
        candidates = by_statement.get(comparable(clause.statement))
        if candidates:
            before = candidates.pop(0)
            renamed.add(before.id)
            fields = tuple(f for f in changed_fields(before, clause) if f != "kind")
            changes.append((index, ClauseChange(clause.id, RENAMED, fields, _side(before, old_pos[before.id]),
                                                _side(clause, index))))
        else:
            changes.append((index, ClauseChange(clause.id, ADDED, (), None, _side(clause, index))))
    kept = {c.id: new_pos[c.id] for c in old if c.id in new_pos}  # old id -> place in the new draft
    kept.update({c.old.id: new_pos[c.id] for _, c in changes if c.change == RENAMED and c.old is not None})
    for clause in gone:
        if clause.id in renamed:
            continue
        where = old_pos[clause.id]
        # a removed clause is shown after the clause that preceded it in the old draft and is still there
        anchor = next((kept[c.id] for c in reversed(old[:where]) if c.id in kept), -1)
        changes.append((anchor + 0.5 + where / (10 * (len(old) + 1)), ClauseChange(clause.id, REMOVED, (),
                                                                                  _side(clause, where), None)))
    changes.sort(key=lambda item: item[0])
    return [change for _, change in changes]


#: metadata fields whose values are sets
_UNORDERED_META = frozenset({"aliases", "deprecated", "works", "categories", "drops", "parameters", "modules"})


def meta_diff(old: m.Document, new: m.Document) -> list[MetaChange]:
    """The metadata fields whose values differ (the id is shown apart, as `old.id` and `new.id`)."""
    out: list[MetaChange] = []
    for name in dict.fromkeys([*old.meta, *new.meta]):
        a, b = old.fields(name), new.fields(name)
        same = sorted(a) == sorted(b) if name in _UNORDERED_META else a == b
        if not same:
            out.append(MetaChange(name, a, b))
    return out


def counts(changes: Iterable[ClauseChange]) -> dict[str, int]:
    """How many clauses were added, removed, changed and renamed."""
    found = {ADDED: 0, REMOVED: 0, CHANGED: 0, RENAMED: 0}
    for change in changes:
        found[change.change] += 1
    return found


def aligned(old: Sequence[m.Clause], new: Sequence[m.Clause],
            changes: Sequence[ClauseChange]) -> list[tuple[ClauseSide | None, ClauseSide | None, ClauseChange | None]]:
    """Both drafts clause by clause, side by side: (old, new, change), unchanged clauses too (change None), in the
    new draft's order with removed clauses after the clause that preceded them in the old draft."""
    by_new = {c.new.id: c for c in changes if c.new is not None}
    renamed_old = {c.old.id: c for c in changes if c.change == RENAMED and c.old is not None}
    old_index = {c.id: i for i, c in enumerate(old)}
    rows: list[tuple[float, tuple[ClauseSide | None, ClauseSide | None, ClauseChange | None]]] = []
    new_ids = {c.id for c in new}
    for index, clause in enumerate(new):
        change = by_new.get(clause.id)
        if change is not None:
            rows.append((index, (change.old, change.new, change)))
        else:
            before = old[old_index[clause.id]]
            rows.append((index, (_side(before, old_index[clause.id]), _side(clause, index), None)))
    new_pos = {c.id: i for i, c in enumerate(new)}
    kept = {c.id: new_pos[c.id] for c in old if c.id in new_pos}
    kept.update({old_id: new_pos[c.id] for old_id, c in renamed_old.items()})
    for where, clause in enumerate(old):
        if clause.id in new_ids or clause.id in renamed_old:
            continue
        anchor = next((kept[c.id] for c in reversed(old[:where]) if c.id in kept), -1)
        removed = next(c for c in changes if c.change == REMOVED and c.old is not None and c.old.id == clause.id)
        rows.append((anchor + 0.5 + where / (10 * (len(old) + 1)), (removed.old, None, removed)))
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows]


__all__ = ["ADDED", "CHANGED", "FIELDS", "REMOVED", "RENAMED", "ClauseChange", "ClauseSide", "MetaChange", "aligned",
           "changed_fields", "clause_diff", "comparable", "counts", "draft_clauses", "meta_diff", "statement_kind"]
