# SPDX-License-Identifier: Apache-2.0
"""The rule model: frozen dataclasses built once from terms files; nothing downstream sees text.

The classes are `Record`s (frozen, comparable, hashable, typed like dataclasses) rather than dataclasses:
every command imports this module, and generating dataclass methods for three dozen classes dominated
start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from licensecheck.record import Record
from licensecheck.source import Span

# -- Conditions -------------------------------------------------------------------------------


class LicenseeKind(Record):
    """The licensee is of this kind or of a kind below it."""

    kind: str


class LicenseeFlag(Record):
    """A yes/no attribute of the licensee is true."""

    attribute: str


class LicenseeCompare(Record):
    """A licensee attribute compared with a value (`people < 100`)."""

    attribute: str
    op: str
    value: str | float


class LicenseeMember(Record):
    """The licensee is a member of this organisation."""

    organisation: str


class LicenseeActivity(Record):
    """The licensee engages in this activity."""

    activity: str


class Purpose(Record):
    """The use has this purpose."""

    purpose: str


class Modified(Record):
    """The material is modified."""


class WorkIs(Record):
    """The material is of this kind of work."""

    work: str


class Trial(Record):
    """The use stays within a trial period of this many days (never known from a question)."""

    days: int


class ParameterSet(Record):
    """A licence parameter is given and not `none` (`value`: its free text, once known)."""

    name: str
    value: str = ""


class ParameterCompare(Record):
    """A licence parameter compared with a value."""

    name: str
    op: str
    value: str | float


class Agreement(Record):
    """A separate agreement with the licensor exists (never known from a question)."""


class Unsettled(Record):
    """A condition on an attribute by which the licence cannot clearly place a licensee of this kind.

    Never written in a terms file: evaluation leaves it where the vocabulary says the kind is unsettled for
    the attribute (is a public body "worker-owned"?), and a verdict that turns on it is `unknown`.
    """

    item: Cond
    kind: str


class UseIs(Record):
    """The question's use is this one (`use is network-service`)."""

    use: str


class Term(Record):
    """A term the licence defines (`define commercial-use as ...`), standing for its condition."""

    name: str
    condition: Cond
    where: str = ""  # the clause that defines it, e.g. `PPL §1(g)`


class Not(Record):
    """The inner condition does not hold."""

    item: Cond


class All(Record):
    """Every inner condition holds."""

    items: tuple[Cond, ...]


class Any(Record):
    """At least one inner condition holds."""

    items: tuple[Cond, ...]


Cond = (LicenseeKind | LicenseeFlag | LicenseeCompare | LicenseeMember | LicenseeActivity | Purpose
        | Modified | WorkIs | Trial | ParameterSet | ParameterCompare | Agreement | UseIs | Term | Unsettled | Not | All
        | Any)

# -- Targets of share-alike and compatibility edges -------------------------------------------


class TargetSelf(Record):
    """This licence (and its later versions when `or_later`)."""

    or_later: bool = False


class TargetId(Record):
    """A licence named by id (an `-or-later` id includes the later versions)."""

    id: str
    span: Span


class TargetRequiring(Record):
    """Any licence of the library that imposes this duty (Etalab: any licence requiring attribution)."""

    duty: str


Target = TargetSelf | TargetId | TargetRequiring

# -- Statements -------------------------------------------------------------------------------


class Permission(Record):
    """`may ACTS [if COND]`."""

    acts: tuple[str, ...]
    condition: Cond | None = None


class Prohibition(Record):
    """`must not ACTS [if COND]`."""

    acts: tuple[str, ...]
    condition: Cond | None = None


class Duty(Record):
    """`must DUTY [when ACTS] [if COND]`."""

    duty: str
    triggers: tuple[str, ...] = ()
    condition: Cond | None = None


class ShareAlike(Record):
    """`share-alike SCOPE under TARGETS [for WORKS]`."""

    scope: str
    targets: tuple[Target, ...]
    works: tuple[str, ...] = ()


class ShareAlikeExcludes(Record):
    """`share-alike does not cover USES` (exceptions)."""

    uses: tuple[str, ...]


class Edge(Record):
    """`compatible with TARGETS` (automatic) or `convertible to TARGETS` (an act of the licensee).

    `combined`: only when combined into a larger work (not for copies passed on as they are);
    `adapted`: only for adaptations (modified material); `keeps`: the material may go into the result,
    but its own licence keeps applying to it (AGPL-3.0 §13: "will continue to apply to the part").
    """

    kind: str  # compatible | convertible
    targets: tuple[Target, ...]
    combined: bool = False
    works: tuple[str, ...] = ()
    adapted: bool = False
    keeps: bool = False


class NoFurtherRestrictions(Record):
    """`no further restrictions [except KINDS]`."""

    allowed: tuple[str, ...] = ()


class Removable(Record):
    """`further restrictions are removable` (GPL-3.0 s.7)."""


class Tier(Record):
    """`grants ID [if COND]`: a policy granting another licence's rights (`agreement` for a contract)."""

    target: str
    span: Span
    condition: Cond | None = None


class Waiver(Record):
    """`waives DUTY [when ACTS]` (exceptions)."""

    duty: str
    triggers: tuple[str, ...] = ()


class ValueRef(Record):
    """A literal value, or a reference to a licence parameter."""

    value: str
    parameter: bool = False


class Change(Record):
    """`changes to VALUE on VALUE` (BUSL: the Change License applies from the Change Date)."""

    to: ValueRef
    on: ValueRef


class Termination(Record):
    """`ends ACTS on EVENT [unless cured within N days]`: rights lost when an event happens.

    GPL-3.0 §8 (`ends everything on breach unless cured within 30 days`), Apache-2.0 §3 (`ends patent-use
    on patent-claim`), MPL-2.0 §5.2 (`ends everything on patent-claim`).
    """

    acts: tuple[str, ...]
    event: str
    cure_days: int | None = None


class Reservation(Record):
    """`reserves all other rights`: an act no clause grants is refused by this clause, not left undecided."""


class Definition(Record):
    """`define TERM as COND`: a term of the licence's own; conditions of the file use it by name."""

    name: str
    condition: Cond


class Declares(Record):
    """A vocabulary entry (a use, a kind, an attribute, a duty kind, a scope, ...) declared by a clause.

    `entry` is one of the records of `licensecheck.vocabulary`.
    """

    entry: object


class Selector(Record):
    """What a policy rule selects: a licence id, a category, or any licence."""

    kind: str  # id | category | any
    value: str = ""


class PolicyRule(Record):
    """`allow|deny|conditional SELECTORS [in USES] [for WORKS] [if COND] [because TEXT]`."""

    effect: str
    selectors: tuple[Selector, ...]
    uses: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    because: str = ""
    condition: Cond | None = None


Statement = (Permission | Prohibition | Duty | ShareAlike | ShareAlikeExcludes | Edge
             | NoFurtherRestrictions | Removable | Tier | Waiver | Change | Termination | Reservation | Definition | PolicyRule
             | Declares)


class Clause(Record):
    """One statement of a terms file with its id, citations and source."""

    id: str
    statement: Statement
    citations: tuple[str, ...]
    span: Span
    text: str
    unclear: str | None = None
    quote: str | None = None
    note: str | None = None
    module: str | None = None


class Module(Record):
    """An optional module of a modular licence (Hippocratic 3.0)."""

    code: str
    title: str
    clauses: tuple[Clause, ...]
    span: Span


@dataclass(frozen=True)
class Document:
    """A parsed terms file: a licence, an exception, an addendum or a policy."""

    kind: str  # license | exception | addendum | policy
    id: str
    span: Span
    meta: dict[str, tuple[str, ...]] = field(default_factory=dict)
    meta_spans: dict[str, Span] = field(default_factory=dict)
    clauses: tuple[Clause, ...] = ()
    modules: tuple[Module, ...] = ()

    def field(self, name: str, default: str = "") -> str:
        """The single value of a metadata field, or `default`."""
        values = self.meta.get(name)
        return values[0] if values else default

    def fields(self, name: str) -> tuple[str, ...]:
        """Every value of a metadata field."""
        return self.meta.get(name, ())

    def __hash__(self) -> int:
        return hash((self.kind, self.id, self.span))
