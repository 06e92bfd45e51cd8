# SPDX-License-Identifier: Apache-2.0
"""The questions a diff asks of both drafts: the default grid (docs/drafting.md §"The default grid"), or a case file.

A grid question may name "the draft" instead of a licence id (`DRAFT`): it is asked of the old draft with the old
draft's id and of the new draft with the new one's, so that two drafts with different ids (`PPL` against
`LicenseRef-CoopCycle`) are asked the same question about themselves.

The default grid, built from what the two drafts say (nothing here knows a licence):

1. **profiles**: for every licensee kind of the vocabulary and every use asked about the drafts' kinds of work
   (the vocabulary's `asked as` lists; for a use that distributes a result, the draft is also the outbound
   licence):
   - with every attribute unknown: the purposes not stated, none of the purposes the drafts mention, and each
     of them alone; and when a condition asks whether the material is modified and the use leaves it open (a
     network service, an internal use), each of these modified, unmodified and not stated;
   - with one attribute the drafts mention at each of its values (both values of a yes/no attribute, each side
     of a comparison, a member or not of an organisation they name, an activity they name or none), the other
     attributes unknown and the purposes not stated;
   - for each clause whose condition names several of these facts together (`if purpose commercial and licensee
     worker_owned`), every combination of their values (the purposes: none, or each named one), when there
     are at most `JOINT_LIMIT` of them.
   Attributes the kind fixes are not asked (a cooperative is not privately owned);
2. **into the library**: the draft as inbound, for each use that distributes a result, into every licence of
   the library (and the `-or-later` id of each versioned one), licensee and purposes open;
3. **from the library**: every licence of the library as inbound into the draft, for the same uses.

An open fact is never assumed by the checker: a question that leaves it open is answered `conditional` on it
(or `unknown`), so the open licensee of parts 2 and 3 stands for every licensee and a change to any licensee
or purpose clause shows in their conditions. Each distinct question is asked once per draft.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from licensecheck import model as m
from licensecheck.catalog import Catalog
from licensecheck.diff.clauses import draft_clauses
from licensecheck.diff.drafts import Draft
from licensecheck.errors import InputError
from licensecheck.question import Licensee, Question, needs_outbound
from licensecheck.source import Span
from licensecheck.vocabulary import ACTIVITIES, MEMBER_OF, Vocabulary

#: stands for the draft's own id in a grid question (replaced by each side's id when asked)
DRAFT = "\x00draft"
#: the parts of the default grid, in the order they are built (the JSON summary counts each)
PROFILES, INTO_LIBRARY, FROM_LIBRARY, CASES = "profiles", "into_library", "from_library", "cases"
#: jurisdiction codes offered as "another country" when a draft compares `licensee jurisdiction = XX`
_OTHER_CODES = ("ZZ", "XX", "QM")


@dataclass(frozen=True)
class GridQuestion:
    """One question of the grid, the part it belongs to, and (with `--grid`) the id of its case."""

    question: Question
    part: str
    case: str | None = None

    def for_draft(self, draft_id: str) -> Question:
        """The question as asked of one draft: `DRAFT` replaced by the draft's id."""
        q = self.question
        if q.inbound != DRAFT and q.outbound != DRAFT:
            return q
        return replace(q, inbound=draft_id if q.inbound == DRAFT else q.inbound,
                       outbound=draft_id if q.outbound == DRAFT else q.outbound)


#: the most questions one clause's facts may add per licensee kind and use (a larger product is left to the
#: questions that set one fact at a time)
JOINT_LIMIT = 16


@dataclass(frozen=True)
class Together:
    """The facts one clause's condition names together: attributes with their values, and purpose tags."""

    attributes: tuple[tuple[str, tuple[Any, ...]], ...]
    purposes: tuple[str, ...]
    modified: bool = False


@dataclass(frozen=True)
class Mentioned:
    """What the drafts' conditions name: attributes with the values worth asking, purposes, the facts each
    condition names together, and the kinds of work of the drafts."""

    attributes: tuple[tuple[str, tuple[Any, ...]], ...]
    purposes: tuple[str, ...]
    works: tuple[str, ...]
    together: tuple[Together, ...] = ()
    modified: bool = False  # whether a condition asks whether the material is modified


def _atoms(cond: m.Cond | None) -> Iterator[m.Cond]:
    if cond is None:
        return
    if isinstance(cond, (m.All, m.Any)):
        for item in cond.items:
            yield from _atoms(item)
    elif isinstance(cond, (m.Not, m.Unsettled)):
        yield from _atoms(cond.item)
    elif isinstance(cond, m.Term):
        yield from _atoms(cond.condition)
    else:
        yield cond


def _conditions(clauses: Iterable[m.Clause]) -> Iterator[m.Cond]:
    for clause in clauses:
        statement = clause.statement
        yield from _atoms(getattr(statement, "condition", None))


def _facts(atoms: Iterable[m.Cond], vocabulary: Vocabulary) -> tuple[dict[str, list[Any]], list[str]]:
    """The attributes (with the values worth asking) and the purposes some condition atoms name."""
    values: dict[str, list[Any]] = {}
    purposes: list[str] = []

    def add(name: str, *found: Any) -> None:
        known = values.setdefault(name, [])
        for value in found:
            if value not in known:
                known.append(value)

    for atom in atoms:
        if isinstance(atom, m.LicenseeFlag):
            add(atom.attribute, True, False)
        elif isinstance(atom, m.LicenseeCompare):
            definition = vocabulary.attributes.get(atom.attribute)
            add(atom.attribute, *_compare_values(atom.op, atom.value, definition.type if definition else ""))
        elif isinstance(atom, m.LicenseeMember):
            add(MEMBER_OF, (atom.organisation,))
        elif isinstance(atom, m.LicenseeActivity):
            add(ACTIVITIES, (atom.activity,))
        elif isinstance(atom, m.Purpose) and atom.purpose not in purposes:
            purposes.append(atom.purpose)
    for name in (MEMBER_OF, ACTIVITIES):
        if name in values:
            add(name, ())  # a member of none of them; none of these activities
    return values, purposes


def _compare_values(op: str, value: str | float, kind: str) -> list[Any]:
    """Values on each side of `licensee ATTR OP VALUE`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and kind in ("int", "number"):
        v = float(value)
        step = 1.0
        return {"<": [v - step, v], ">=": [v - step, v], "<=": [v, v + step], ">": [v, v + step]}.get(op, [v, v + step])
    text = str(value)
    other = next(code for code in _OTHER_CODES if code != text.upper())
    return [text, other]


def mentioned(drafts: Sequence[Draft], vocabulary: Vocabulary) -> Mentioned:
    """The attributes, purposes and kinds of work the drafts' clauses and metadata mention, in vocabulary order."""
    atoms: list[m.Cond] = []
    together: list[Together] = []
    order = {name: i for i, name in enumerate(vocabulary.attributes)}

    def ordered(values: dict[str, list[Any]]) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        return tuple((name, tuple(_sorted_values(found)))
                     for name, found in sorted(values.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))

    for draft in drafts:
        for clause in draft_clauses(draft.document, draft.catalog):
            own = list(_atoms(getattr(clause.statement, "condition", None)))
            atoms += own
            values, own_tags = _facts(own, vocabulary)
            modifies = any(isinstance(atom, m.Modified) for atom in own)
            if len(values) + (1 if own_tags else 0) + modifies >= 2:
                joint = Together(ordered(values), tuple(own_tags), modifies)
                if joint not in together:
                    together.append(joint)
    values, named = _facts(atoms, vocabulary)
    tags = tuple(tag for tag in vocabulary.purposes if tag in named) + tuple(sorted(set(named) - set(vocabulary.purposes)))
    works: list[str] = []
    for draft in drafts:
        for work in draft.document.fields("works"):
            if work not in works:
                works.append(work)
    declared = tuple(w for w in vocabulary.works if w in works) or tuple(vocabulary.works)
    return Mentioned(ordered(values), tags, declared, tuple(together), any(isinstance(a, m.Modified) for a in atoms))


Profile = tuple[Licensee, "tuple[str, ...] | None", "bool | None"]


def joint_profiles(together: Together, kind: str, vocabulary: Vocabulary, open_modified: bool) -> list[Profile]:
    """Every combination of the values of the facts one condition names together (attributes the kind fixes left
    out; whether the material is modified only for a use that leaves it open), as (licensee, purposes, modified);
    none when there are more than `JOINT_LIMIT`."""
    import itertools

    attributes = [(name, values) for name, values in together.attributes
                  if name in vocabulary.attributes and vocabulary.fixed(kind, name) is None]
    purposes: list[tuple[str, ...] | None] = [(), *((tag,) for tag in together.purposes)] if together.purposes else [None]
    modified: list[bool | None] = [True, False] if together.modified and open_modified else [None]
    size = len(purposes) * len(modified)
    for _name, values in attributes:
        size *= len(values)
    if size > JOINT_LIMIT:
        return []
    out: list[Profile] = []
    for combination in itertools.product(*(values for _name, values in attributes)):
        licensee = Licensee(kind, tuple(sorted(zip((name for name, _ in attributes), combination, strict=True))))
        out.extend((licensee, p, v) for p in purposes for v in modified)
    return out


def leaves_modification_open(use: str, vocabulary: Vocabulary) -> bool:
    """Whether a use leaves open whether the material is modified (the question may say either)."""
    definition = vocabulary.uses.get(use)
    return definition is not None and not definition.has("modifies") and not definition.has("never-modifies")


def _sorted_values(values: list[Any]) -> list[Any]:
    if all(isinstance(v, bool) for v in values):
        return sorted(values, reverse=True)  # true first
    if all(isinstance(v, float) for v in values):
        return sorted(values)
    return values


def library_ids(catalog: Catalog, drafts: Sequence[Draft]) -> list[str]:
    """The licences of the library a draft is compared with: every licence (not exceptions, addenda or rights
    policies, which are not licences of a work), and the `-or-later` id of each versioned one; the drafts' own
    ids (and the ids they replace) left out."""
    own: set[str] = set()
    for draft in drafts:
        own.add(draft.id.lower())
        own.update(a.lower() for a in (*draft.document.fields("aliases"), draft.document.field("later")) if a)
    out: list[str] = []
    for document in catalog.licenses():
        if document.kind != "license" or document.id.lower() in own:
            continue
        if any(isinstance(c.statement, m.Tier) for c in document.clauses):
            continue  # a rights policy granting other licences' rights, not a licence a work goes out under
        out.append(document.id)
        later = document.field("later")
        if later and later.lower() not in own:
            out.append(later)
    return out


def uses_for(works: Sequence[str], vocabulary: Vocabulary) -> list[tuple[str, str | None]]:
    """(use, kind of work) pairs asked: the vocabulary's `asked as` uses of each kind of work; the kind is stated
    in the question only when the drafts are written for several."""
    out: list[tuple[str, str | None]] = []
    for work in works:
        for use in vocabulary.work_uses.get(work, ()):
            if use in vocabulary.uses:
                out.append((use, work if len(works) > 1 else None))
    return out


def default_grid(old: Draft, new: Draft) -> list[GridQuestion]:
    """The default grid for two drafts (module docstring), each distinct question once."""
    vocabulary = new.catalog.vocabulary
    words = old.catalog.vocabulary
    kinds = list(dict.fromkeys([*vocabulary.kinds, *words.kinds]))
    found = mentioned((old, new), vocabulary)
    uses = uses_for(found.works, vocabulary)
    purpose_options: list[tuple[str, ...] | None] = [None]
    if found.purposes:
        purpose_options += [(), *((tag,) for tag in found.purposes)]
    grid: dict[Question, GridQuestion] = {}

    def add(question: Question, part: str) -> None:
        if question not in grid:
            grid[question] = GridQuestion(question, part)

    for kind in kinds:
        attributes = [(name, values) for name, values in found.attributes
                      if name in vocabulary.attributes and vocabulary.fixed(kind, name) is None]
        for use, work in uses:
            outbound = DRAFT if needs_outbound(use, vocabulary) else None
            base = Question(use=use, inbound=DRAFT, outbound=outbound, licensee=Licensee(kind), work=work)
            open_modified = leaves_modification_open(use, vocabulary)
            modified_options: list[bool | None] = [None, True, False] if found.modified and open_modified else [None]
            for purposes in purpose_options:
                for modified in modified_options:
                    add(replace(base, purposes=purposes, modified=modified), PROFILES)
            for name, values in attributes:
                for value in values:
                    add(replace(base, licensee=Licensee(kind, ((name, value),))), PROFILES)
            for joint in found.together:
                for licensee, purposes, modified in joint_profiles(joint, kind, vocabulary, open_modified):
                    add(replace(base, licensee=licensee, purposes=purposes, modified=modified), PROFILES)
    from licensecheck.library import load_library

    library = library_ids(load_library(), (old, new))
    distributing = [(use, work) for use, work in uses if needs_outbound(use, vocabulary)]
    for use, work in distributing:
        for license_id in library:
            add(Question(use=use, inbound=DRAFT, outbound=license_id, work=work), INTO_LIBRARY)
    for use, work in distributing:
        for license_id in library:
            add(Question(use=use, inbound=license_id, outbound=DRAFT, work=work), FROM_LIBRARY)
    return list(grid.values())


def case_grid(path: Path, old: Draft, new: Draft) -> list[GridQuestion]:
    """The questions of a case file (`--grid`), as written, each with the id of its case (`expect` ignored).

    A file that is not a case file, or a case that is not a valid question, is an input error.
    """
    from licensecheck.api import validate_question
    from licensecheck.cases import read_cases

    vocabulary = new.catalog.vocabulary
    if old.catalog.vocabulary is not vocabulary:
        from licensecheck.vocabulary import entries_of

        vocabulary = vocabulary.merged(entries_of([old.document]))
    try:
        cases = read_cases(path, vocabulary)
    except InputError as exc:
        if exc.span is None:  # a file that cannot be read: placed at its start, as every bad input of a diff
            exc.span = Span(str(path), 1, 1)
        raise
    out: list[GridQuestion] = []
    for case in cases:
        if case.question is None:
            raise _CaseError(case.error or f"{case.span}: error: case `{case.id}` is not a question")
        failures: list[InputError] = []
        for draft in (old, new):
            try:
                validate_question(case.question, draft.catalog)
            except InputError as exc:
                failures.append(exc)
        if len(failures) == 2:  # a question neither draft can be asked (one that only one draft's id answers is asked)
            raise InputError(failures[1].message, case.span)
        out.append(GridQuestion(case.question, CASES, case.id))
    return out


class _CaseError(InputError):
    """A case of the grid that is not a question: its error line is already placed."""

    def one_line(self) -> str:
        return self.message


def grid_counts(grid: Sequence[GridQuestion]) -> dict[str, int]:
    """How many questions each part of the grid has."""
    out: dict[str, int] = {}
    for question in grid:
        out[question.part] = out.get(question.part, 0) + 1
    return out


__all__ = ["CASES", "DRAFT", "FROM_LIBRARY", "INTO_LIBRARY", "PROFILES", "GridQuestion", "Mentioned", "case_grid",
           "default_grid", "grid_counts", "library_ids", "mentioned", "uses_for"]
