# SPDX-License-Identifier: Apache-2.0
"""The vocabulary: the words clauses and questions use, and what each means to the checker.

What a word means is data, written in the terms language: `licenses/vocabulary.vocab` declares the acts,
the uses and the acts each performs, the licensee kinds with their hierarchy and the attribute values each
kind fixes, the attributes, purposes and activities, the kinds of work, the duty kinds (active or passive,
for which works, which duties cover them), the share-alike scopes with their reach, the restriction classes
and the derived facts. A licence may declare words of its own next to its clauses (Parity's
`operated-software` scope). `Vocabulary` is the merged, indexed result.

This module keeps only what the code itself needs: the names of the built-in notions (the kind everyone
belongs to, the act `modify` that a modified use adds, the flags a use may carry, ...), the metadata fields
of the language, and the records a vocabulary is made of.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from licensecheck import model as m

# -- built-in notions: names the code relies on ----------------------------------------------

#: the kind every licensee is of
ANY_KIND: Final = "any"
#: the act a use performs when the material is modified; the act that covers every act
MODIFY: Final = "modify"
EVERYTHING: Final = "everything"
#: attributes the condition atoms `licensee member of ORG` and `licensee does ACTIVITY` read
MEMBER_OF: Final = "member_of"
ACTIVITIES: Final = "activities"
#: the attribute that says within how many days a breach was cured (`unless cured within N days`)
CURE_ATTRIBUTE: Final = "cured_within_days"

#: flags a use may carry (`use NAME "..."; performs ...; FLAG; ...`)
USE_FLAGS: Final[Mapping[str, str]] = {
    "distributes": "the result is distributed or published under an outbound licence",
    "modifies": "the material is modified, by definition",
    "never-modifies": "the material is not modified unless the question says so",
    "passes-on": "the material itself goes out under the outbound licence's grants (adaptations, copies)",
    "passes-on-if-modified": "the material goes out under the outbound licence's grants when it is modified",
    "copies-only": "copies are passed on as they are, not combined: edges `when combined` do not apply",
    "own-work": "the licensee's own work: the question has no inbound licence",
}
#: flags a duty kind may carry
DUTY_FLAGS: Final[Mapping[str, str]] = {
    "active": "an active obligation beyond notices: it makes a verdict conditional unless the outbound licence covers it",
    "passive": "a passive duty (notices, attribution, licence text, marking changes): listed with the verdict",
    "carries-restrictions": "the licensee must put the licence's restrictions into its own terms, so they survive "
                            "whatever licence the result goes out under (OpenRAIL's use restrictions)",
}
#: how far a share-alike scope reaches for a use
REACHES: Final[Mapping[str, str]] = {
    "whole": "the result distributed under the outbound licence must carry the inbound licence's share-alike",
    "retain": "the inbound material stays under its own licence inside or beside the result",
    "whole-if-modified": "as `whole` when the material is modified, else as `retain`",
}
#: flags an event may carry
EVENT_FLAGS: Final[Mapping[str, str]] = {
    "further-restriction": "ending rights on this event is a restriction `no further restrictions` clauses must accept",
}
#: types of licensee attributes
ATTRIBUTE_TYPES: Final = ("bool", "int", "number", "list", "code")

#: restrictions a grant's condition puts on the rights, by the kind of condition (built from the model's atoms)
CONDITION_RESTRICTIONS: Final[Mapping[str, str]] = {
    "licensee-restriction": "a condition on who the licensee is",
    "purpose-restriction": "a condition on the purpose of the use",
    "use-restriction": "a condition on the use made of the work",
    "parameter-restriction": "a condition on licence parameters",
    "time-restriction": "a limit in time",
    "agreement-restriction": "a separate agreement with the licensor",
}

#: what an edge may be limited to (`compatible with X when combined`, `when adapted`)
EDGE_LIMITS: Final[Mapping[str, str]] = {
    "combined": "only when combined into a larger work",
    "adapted": "only for adaptations (modified material)",
}

#: metadata fields of a terms document and whether they take several values
META_FIELDS: Final[Mapping[str, bool]] = {
    "name": False, "aliases": True, "family": False, "version": False, "later": False,
    "steward": False, "url": False, "text": False, "works": True, "osi": False, "fsf": False,
    "extends": False, "drops": True, "applies-to": True, "note": False, "status": False,
    "deprecated": True, "modules": True, "categories": True, "parameters": True,
    "later-versions": False, "only": False, "governing-law": False, "venue": False, "sources": False,
    "all-modules": True,
    "own-terms": False,
}

#: values of the `later-versions` metadata field
LATER_VERSIONS: Final[Mapping[str, str]] = {
    "included": "the licence itself lets the work be used under any later version (MPL-2.0 §10.2, CDDL §4.2)",
    "none": "no later version may be used",
}

#: values of the `sources` metadata field: what the clauses rest on
SOURCES: Final[Mapping[str, str]] = {
    "text": "the licence text shipped in licenses/texts/ (the default)",
    "secondary": "secondary sources only (the instrument could not be read): quotes and citations are not checked",
    "none": "no text of its own: a pseudo-licence standing for a kind of terms (a closed product); nothing to check",
}

# -- the records a vocabulary is made of -------------------------------------------------------


@dataclass(frozen=True)
class ActDef:
    """An act clauses grant or forbid; `covered_by`: acts whose grant also covers this one (`use` covers `run`)."""

    name: str
    text: str
    covered_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class UseDef:
    """A use of the question (spec §2): the acts it performs and its flags."""

    name: str
    text: str
    acts: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    neighbours: tuple[str, ...] = ()

    def has(self, flag: str) -> bool:
        """Whether the use carries a flag of `USE_FLAGS`."""
        return flag in self.flags


@dataclass(frozen=True)
class KindDef:
    """A licensee kind (spec §3): its parent, the attribute values it fixes, the attributes a licence cannot
    clearly place it by (`unsettled`), and the activity it implies."""

    name: str
    text: str
    parent: str | None = None
    fixes: tuple[tuple[str, Any], ...] = ()
    unsettled: frozenset[str] = frozenset()
    activity: str | None = None


@dataclass(frozen=True)
class AttributeDef:
    """A licensee attribute (spec §3) and the phrase that describes it when true."""

    name: str
    type: str
    phrase: str


@dataclass(frozen=True)
class DutyDef:
    """A kind of duty: what it asks, whether it is active, for which works, which duties cover it, and the
    grants the result's licence must give when the duty reaches the result (Parity's Contribute)."""

    name: str
    text: str
    active: bool = False
    works: tuple[str, ...] = ()
    covered_by: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    carries: bool = False


@dataclass(frozen=True)
class ScopeDef:
    """A share-alike scope: how far it reaches for each use (`whole`, `retain`, `whole-if-modified`)."""

    name: str
    text: str
    reach: tuple[tuple[str, str], ...] = ()

    def reach_for(self, use: str) -> str | None:
        """How far the scope reaches for a use, or None."""
        for name, reach in self.reach:
            if name == use:
                return reach
        return None


@dataclass(frozen=True)
class EventDef:
    """Something a licensee does that ends rights, and the licensee attribute that says it happened.

    `restricts`: a licence that ends rights on this event adds a restriction other licences' "no further
    restrictions" clauses must accept (patent retaliation does; ending rights on a breach of the licence's own
    conditions, which every licence does, does not).
    """

    name: str
    text: str
    attribute: str
    restricts: bool = False


@dataclass(frozen=True)
class ClassDef:
    """A class of restrictions (`notices`), which `no further restrictions except` may name at once."""

    name: str
    text: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Derivation:
    """A fact derived from others: `derive licensee privately_owned = false if licensee worker_owned.`"""

    target: str  # "attribute" | "purpose"
    name: str
    value: Any
    condition: m.Cond


#: a vocabulary entry as the parser builds it, with the clause it comes from
Entry = ActDef | UseDef | KindDef | AttributeDef | DutyDef | ScopeDef | EventDef | ClassDef | Derivation


@dataclass(frozen=True)
class Simple:
    """An entry that is a name and its text: a purpose, an activity, a kind of work, a restriction."""

    category: str  # purpose | activity | work | restriction
    name: str
    text: str
    excludes: tuple[str, ...] = ()  # purposes a use cannot have together with this one
    asked: tuple[str, ...] = ()  # for a kind of work: the uses asked about it by default (federation matrices)


@dataclass
class Vocabulary:
    """Every word of the vocabulary documents (and of licences' own entries), indexed by name."""

    acts: dict[str, ActDef] = field(default_factory=dict)
    uses: dict[str, UseDef] = field(default_factory=dict)
    kinds: dict[str, KindDef] = field(default_factory=dict)
    attributes: dict[str, AttributeDef] = field(default_factory=dict)
    purposes: dict[str, str] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)
    works: dict[str, str] = field(default_factory=dict)
    duties: dict[str, DutyDef] = field(default_factory=dict)
    scopes: dict[str, ScopeDef] = field(default_factory=dict)
    restrictions: dict[str, str] = field(default_factory=dict)
    events: dict[str, EventDef] = field(default_factory=dict)
    classes: dict[str, ClassDef] = field(default_factory=dict)
    derivations: list[Derivation] = field(default_factory=list)
    #: purposes that exclude each other (a use is not both commercial and non-commercial)
    exclusions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: for each kind of work, the uses asked about it by default (a federation's matrix, the licence explorer)
    work_uses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def of(cls, entries: Iterable[Entry | Simple]) -> Vocabulary:
        """A vocabulary from entries; a later entry with the name of an earlier one replaces it."""
        vocabulary = cls()
        for entry in entries:
            vocabulary.add(entry)
        return vocabulary

    def add(self, entry: Entry | Simple) -> None:
        """Add one entry."""
        self._ancestors.clear()
        if isinstance(entry, Simple):
            table: dict[str, str] = {"purpose": self.purposes, "activity": self.activities, "work": self.works,
                                     "restriction": self.restrictions}[entry.category]
            table[entry.name] = entry.text
            if entry.asked:
                self.work_uses[entry.name] = entry.asked
            for other in entry.excludes:
                self.exclusions[entry.name] = (*self.exclusions.get(entry.name, ()), other)
                self.exclusions[other] = (*self.exclusions.get(other, ()), entry.name)
        elif isinstance(entry, ActDef):
            self.acts[entry.name] = entry
        elif isinstance(entry, UseDef):
            self.uses[entry.name] = entry
        elif isinstance(entry, KindDef):
            self.kinds[entry.name] = entry
        elif isinstance(entry, AttributeDef):
            self.attributes[entry.name] = entry
        elif isinstance(entry, DutyDef):
            self.duties[entry.name] = entry
        elif isinstance(entry, ScopeDef):
            self.scopes[entry.name] = entry
        elif isinstance(entry, EventDef):
            self.events[entry.name] = entry
        elif isinstance(entry, ClassDef):
            self.classes[entry.name] = entry
        else:
            self.derivations.append(entry)

    @classmethod
    def from_documents(cls, documents: Iterable[m.Document]) -> Vocabulary:
        """The vocabulary the entries of documents declare: vocabulary documents first, then licences' own."""
        docs = sorted(documents, key=lambda d: d.kind != "vocabulary")
        return cls.of(entries_of(docs))

    def merged(self, entries: Iterable[Entry | Simple]) -> Vocabulary:
        """A copy of this vocabulary with more entries."""
        copy = Vocabulary(dict(self.acts), dict(self.uses), dict(self.kinds), dict(self.attributes),
                          dict(self.purposes), dict(self.activities), dict(self.works), dict(self.duties),
                          dict(self.scopes), dict(self.restrictions), dict(self.events), dict(self.classes),
                          list(self.derivations), dict(self.exclusions), dict(self.work_uses))
        for entry in entries:
            copy.add(entry)
        return copy

    # -- questions of the code ---------------------------------------------------------------
    def kind_ancestors(self, kind: str) -> tuple[str, ...]:
        """The kind followed by every kind above it, up to the kind everyone is of."""
        found = self._ancestors.get(kind)
        if found is not None:
            return found
        chain: list[str] = []
        current: str | None = kind
        while current is not None and current not in chain:
            chain.append(current)
            definition = self.kinds.get(current)
            current = definition.parent if definition is not None else None
        self._ancestors[kind] = found = tuple(chain)
        return found

    def kind_text(self, kind: str) -> str:
        """A kind in words (`a worker cooperative`)."""
        definition = self.kinds.get(kind)
        return definition.text if definition is not None else kind

    def fixed(self, kind: str, attribute: str) -> Any:
        """The value a kind (or a kind above it) fixes for an attribute, or None."""
        for name in self.kind_ancestors(kind):
            definition = self.kinds.get(name)
            if definition is None:
                continue
            for key, value in definition.fixes:
                if key == attribute:
                    return value
        return None

    def unsettled(self, kind: str, attribute: str) -> bool:
        """Whether licences cannot clearly place a licensee of this kind by this attribute."""
        return any(attribute in definition.unsettled
                   for name in self.kind_ancestors(kind) if (definition := self.kinds.get(name)) is not None)

    def implied_activities(self, kind: str) -> tuple[str, ...]:
        """The activities a kind implies (a military body engages in military activities)."""
        return tuple(definition.activity for name in self.kind_ancestors(kind)
                     if (definition := self.kinds.get(name)) is not None and definition.activity)

    def act_covers(self, granted: tuple[str, ...], act: str) -> bool:
        """Whether a clause naming `granted` acts covers an act (`everything` covers every act)."""
        if act in granted or EVERYTHING in granted:
            return True
        definition = self.acts.get(act)
        return definition is not None and any(other in granted for other in definition.covered_by)

    def restriction_kinds(self) -> tuple[str, ...]:
        """Every restriction a `no further restrictions except ...` list may name: duties, classes, `no-ACT`,
        `ends-on-EVENT` (for events that restrict), and the kinds of condition on a grant."""
        return (*self.duties, *self.classes, *CONDITION_RESTRICTIONS, *(f"no-{act}" for act in self.acts),
                *(f"ends-on-{name}" for name, e in self.events.items() if e.restricts), *self.restrictions)

    def expand(self, names: Iterable[str]) -> frozenset[str]:
        """Restriction names with every class replaced by its members."""
        out: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name in out:
                continue
            out.add(name)
            definition = self.classes.get(name)
            if definition is not None:
                pending.extend(definition.members)
        return frozenset(out)

    def phrase(self, attribute: str) -> str:
        """The phrase describing an attribute when true."""
        definition = self.attributes.get(attribute)
        return definition.phrase if definition is not None else attribute

    def purpose_text(self, tag: str) -> str:
        """A purpose or activity tag in words."""
        return self.purposes.get(tag) or self.activities.get(tag) or tag


def entries_of(documents: Iterable[m.Document]) -> list[Entry | Simple]:
    """The vocabulary entries documents declare, in order (modules' clauses included)."""
    out: list[Entry | Simple] = []
    for doc in documents:
        for clause in (*doc.clauses, *(c for mod in doc.modules for c in mod.clauses)):
            statement = clause.statement
            if isinstance(statement, m.Declares):
                out.append(statement.entry)  # type: ignore[arg-type]
    return out


__all__ = [
    "ACTIVITIES", "ANY_KIND", "ATTRIBUTE_TYPES", "CONDITION_RESTRICTIONS", "CURE_ATTRIBUTE", "DUTY_FLAGS",
    "EDGE_LIMITS", "EVERYTHING", "LATER_VERSIONS", "MEMBER_OF", "META_FIELDS", "MODIFY", "REACHES", "SOURCES",
    "USE_FLAGS", "ActDef", "AttributeDef", "ClassDef", "Derivation", "DutyDef", "Entry", "EventDef", "KindDef",
    "ScopeDef", "Simple", "UseDef", "Vocabulary", "entries_of",
]
