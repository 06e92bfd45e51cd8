"""The rule model: frozen dataclasses built once from terms files; nothing downstream sees text.

The classes are frozen but not slotted: creating a slotted dataclass costs about twice as much at import
time, and every command pays for importing this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from licensecheck.source import Span

# -- Conditions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenseeKind:
    """The licensee is of this kind or of a kind below it."""

    kind: str


@dataclass(frozen=True)
class LicenseeFlag:
    """A yes/no attribute of the licensee is true."""

    attribute: str


@dataclass(frozen=True)
class LicenseeCompare:
    """A licensee attribute compared with a value (`people < 100`)."""

    attribute: str
    op: str
    value: str | float


@dataclass(frozen=True)
class LicenseeMember:
    """The licensee is a member of this organisation."""

    organisation: str


@dataclass(frozen=True)
class LicenseeActivity:
    """The licensee engages in this activity."""

    activity: str


@dataclass(frozen=True)
class Purpose:
    """The use has this purpose."""

    purpose: str


@dataclass(frozen=True)
class Modified:
    """The material is modified."""


@dataclass(frozen=True)
class WorkIs:
    """The material is of this kind of work."""

    work: str


@dataclass(frozen=True)
class Trial:
    """The use stays within a trial period of this many days (never known from a question)."""

    days: int


@dataclass(frozen=True)
class ParameterSet:
    """A licence parameter is given and not `none` (`value`: its free text, once known)."""

    name: str
    value: str = ""


@dataclass(frozen=True)
class ParameterCompare:
    """A licence parameter compared with a value."""

    name: str
    op: str
    value: str | float


@dataclass(frozen=True)
class Agreement:
    """A separate agreement with the licensor exists (never known from a question)."""


@dataclass(frozen=True)
class Not:
    """The inner condition does not hold."""

    item: Cond


@dataclass(frozen=True)
class All:
    """Every inner condition holds."""

    items: tuple[Cond, ...]


@dataclass(frozen=True)
class Any:
    """At least one inner condition holds."""

    items: tuple[Cond, ...]


Cond = (LicenseeKind | LicenseeFlag | LicenseeCompare | LicenseeMember | LicenseeActivity | Purpose
        | Modified | WorkIs | Trial | ParameterSet | ParameterCompare | Agreement | Not | All | Any)

# -- Targets of share-alike and compatibility edges -------------------------------------------


@dataclass(frozen=True)
class TargetSelf:
    """This licence (and its later versions when `or_later`)."""

    or_later: bool = False


@dataclass(frozen=True)
class TargetId:
    """A licence named by id (an `-or-later` id includes the later versions)."""

    id: str
    span: Span


@dataclass(frozen=True)
class TargetRequiring:
    """Any licence of the library that imposes this duty (Etalab: any licence requiring attribution)."""

    duty: str


Target = TargetSelf | TargetId | TargetRequiring

# -- Statements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Permission:
    """`may ACTS [if COND]`."""

    acts: tuple[str, ...]
    condition: Cond | None = None


@dataclass(frozen=True)
class Prohibition:
    """`must not ACTS [if COND]`."""

    acts: tuple[str, ...]
    condition: Cond | None = None


@dataclass(frozen=True)
class Duty:
    """`must DUTY [when ACTS] [if COND]`."""

    duty: str
    triggers: tuple[str, ...] = ()
    condition: Cond | None = None


@dataclass(frozen=True)
class ShareAlike:
    """`share-alike SCOPE under TARGETS [for WORKS]`."""

    scope: str
    targets: tuple[Target, ...]
    works: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShareAlikeExcludes:
    """`share-alike does not cover USES` (exceptions)."""

    uses: tuple[str, ...]


@dataclass(frozen=True)
class Edge:
    """`compatible with TARGETS` (automatic) or `convertible to TARGETS` (an act of the licensee)."""

    kind: str  # compatible | convertible
    targets: tuple[Target, ...]
    combined: bool = False
    works: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoFurtherRestrictions:
    """`no further restrictions [except KINDS]`."""

    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Removable:
    """`further restrictions are removable` (GPL-3.0 s.7)."""


@dataclass(frozen=True)
class Tier:
    """`grants ID [if COND]`: a policy granting another licence's rights (`agreement` for a contract)."""

    target: str
    span: Span
    condition: Cond | None = None


@dataclass(frozen=True)
class Waiver:
    """`waives DUTY [when ACTS]` (exceptions)."""

    duty: str
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValueRef:
    """A literal value, or a reference to a licence parameter."""

    value: str
    parameter: bool = False


@dataclass(frozen=True)
class Change:
    """`changes to VALUE on VALUE` (BUSL: the Change License applies from the Change Date)."""

    to: ValueRef
    on: ValueRef


@dataclass(frozen=True)
class Selector:
    """What a policy rule selects: a licence id, a category, or any licence."""

    kind: str  # id | category | any
    value: str = ""


@dataclass(frozen=True)
class PolicyRule:
    """`allow|deny|conditional SELECTORS [in USES] [for WORKS] [if COND] [because TEXT]`."""

    effect: str
    selectors: tuple[Selector, ...]
    uses: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    because: str = ""
    condition: Cond | None = None


Statement = (Permission | Prohibition | Duty | ShareAlike | ShareAlikeExcludes | Edge
             | NoFurtherRestrictions | Removable | Tier | Waiver | Change | PolicyRule)


@dataclass(frozen=True)
class Clause:
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


@dataclass(frozen=True)
class Module:
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
