# SPDX-License-Identifier: Apache-2.0
"""What a question tells about the licensee and the use, and partial evaluation of clause conditions.

A condition evaluates to True, False, or a residual condition: the part that depends on facts the
question left open. The residual is rendered in plain words as the condition of a `conditional`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from licensecheck import model as m
from licensecheck.question import Question
from licensecheck.vocabulary import (
    ATTRIBUTES,
    KIND_ACTIVITIES,
    KIND_TEXT,
    NOT_PRIVATELY_OWNED_KINDS,
    PURPOSES,
    kind_ancestors,
)

#: uses that modify the material by definition, and uses that never do unless the question says so
_ALWAYS_MODIFIED = frozenset({"modify", "relicense-adaptation"})
_NEVER_MODIFIED = frozenset({"static-link", "dynamic-link", "build-tool", "service", "produced-work",
                             "publish"})


@dataclass(frozen=True)
class Facts:
    """The facts of one question, normalised; None means not stated."""

    use: str
    kind: str
    attributes: tuple[tuple[str, Any], ...]
    purposes: frozenset[str] | None
    modified: bool | None
    work: str | None
    date: dt.date
    question: Question

    def attribute(self, name: str) -> Any:
        """A licensee attribute, including what spec section 3 lets us derive."""
        for key, value in self.attributes:
            if key == name:
                return value
        return _derived(self, name)


def facts_of(question: Question, today: dt.date | None = None) -> Facts:
    """The facts of a question; `modified` is implied by the use where the use decides it."""
    modified = question.modified
    if modified is None and question.use in _ALWAYS_MODIFIED:
        modified = True
    if modified is None and question.use in _NEVER_MODIFIED:
        modified = False
    return Facts(
        use=question.use,
        kind=question.licensee.kind,
        attributes=question.licensee.attributes,
        purposes=frozenset(question.purposes) if question.purposes is not None else None,
        modified=modified,
        work=question.work,
        date=question.date or today or dt.date.today(),
        question=question,
    )


def _derived(facts: Facts, name: str) -> Any:
    ancestors = kind_ancestors(facts.kind)
    explicit = dict(facts.attributes)
    if name == "privately_owned":
        if explicit.get("worker_owned") is True:
            return False
        if NOT_PRIVATELY_OWNED_KINDS.intersection(ancestors):
            return False
    if name == "worker_owned" and explicit.get("privately_owned") is True:
        return False
    if name == "competes_with_licensor" and facts.purposes is not None:
        return "competing" in facts.purposes
    return None


def _is_ancestor(candidate: str, kind: str) -> bool:
    return candidate in kind_ancestors(kind)


def _compare(left: Any, op: str, right: Any) -> bool:
    if isinstance(right, float) or isinstance(left, float):
        try:
            left_n, right_n = float(left), float(right)
        except (TypeError, ValueError):
            return False
        return {"<": left_n < right_n, "<=": left_n <= right_n, ">": left_n > right_n,
                ">=": left_n >= right_n, "=": left_n == right_n, "!=": left_n != right_n}[op]
    left_s, right_s = str(left).lower(), str(right).lower()
    if op == "=":
        return left_s == right_s
    if op == "!=":
        return left_s != right_s
    return {"<": left_s < right_s, "<=": left_s <= right_s, ">": left_s > right_s,
            ">=": left_s >= right_s}[op]


Partial = bool | m.Cond


def evaluate(cond: m.Cond | None, facts: Facts, license_id: str) -> Partial:
    """True, False, or the residual condition that depends on facts the question left open."""
    if cond is None:
        return True
    if isinstance(cond, m.All):
        rest: list[m.Cond] = []
        for item in cond.items:
            value = evaluate(item, facts, license_id)
            if value is False:
                return False
            if value is not True:
                rest.append(value)
        if not rest:
            return True
        return rest[0] if len(rest) == 1 else m.All(tuple(rest))
    if isinstance(cond, m.Any):
        rest = []
        for item in cond.items:
            value = evaluate(item, facts, license_id)
            if value is True:
                return True
            if value is not False:
                rest.append(value)
        if not rest:
            return False
        return rest[0] if len(rest) == 1 else m.Any(tuple(rest))
    if isinstance(cond, m.Not):
        value = evaluate(cond.item, facts, license_id)
        if isinstance(value, bool):
            return not value
        return m.Not(value)
    if isinstance(cond, m.Term):
        value = evaluate(cond.condition, facts, license_id)
        return value if isinstance(value, bool) else m.Term(cond.name, value, cond.where)
    return _atom(cond, facts, license_id)


def _atom(cond: m.Cond, facts: Facts, license_id: str) -> Partial:
    if isinstance(cond, m.LicenseeKind):
        if _is_ancestor(cond.kind, facts.kind):
            return True
        if _is_ancestor(facts.kind, cond.kind):
            return cond  # the question names a broader kind: it may or may not be this one
        return False
    if isinstance(cond, m.LicenseeFlag):
        value = facts.attribute(cond.attribute)
        return cond if value is None else bool(value)
    if isinstance(cond, m.LicenseeCompare):
        value = facts.attribute(cond.attribute)
        return cond if value is None else _compare(value, cond.op, cond.value)
    if isinstance(cond, m.LicenseeMember):
        members = facts.attribute("member_of")
        if members is None:
            return cond
        return cond.organisation.lower() in {str(x).lower() for x in members}
    if isinstance(cond, m.LicenseeActivity):
        for kind in kind_ancestors(facts.kind):
            if KIND_ACTIVITIES.get(kind) == cond.activity:
                return True
        activities = facts.attribute("activities")
        if activities is None:
            return cond
        return cond.activity in activities
    if isinstance(cond, m.Purpose):
        if facts.purposes is None:
            if cond.purpose == "competing" and facts.attribute("competes_with_licensor") is not None:
                return bool(facts.attribute("competes_with_licensor"))
            return cond
        return cond.purpose in facts.purposes
    if isinstance(cond, m.Modified):
        return cond if facts.modified is None else facts.modified
    if isinstance(cond, m.WorkIs):
        return cond if facts.work is None else facts.work == cond.work
    if isinstance(cond, m.UseIs):
        return facts.use == cond.use
    if isinstance(cond, (m.Trial, m.Agreement)):
        return cond
    if isinstance(cond, m.ParameterSet):
        value = facts.question.parameter(license_id, cond.name)
        if value is None:
            return cond
        lowered = value.strip().lower()
        if lowered in ("", "none", "no", "false"):
            return False
        if lowered in ("yes", "true", "all", "any"):
            return True
        return m.ParameterSet(cond.name, value.strip())  # free text: whether it covers the use stays open
    if isinstance(cond, m.ParameterCompare):
        value = facts.question.parameter(license_id, cond.name)
        return cond if value is None else _compare(value, cond.op, cond.value)
    raise AssertionError(f"unknown condition {cond!r}")


# -- plain words ----------------------------------------------------------------------------

def describe(cond: m.Cond, negate: bool = False) -> str:
    """A condition in plain words (negated when `negate`)."""
    if isinstance(cond, m.Term):
        inner = describe(cond.condition, negate)
        return f"{'not ' if negate else ''}`{cond.name}` as {cond.where} defines it ({describe(cond.condition)})" \
            if cond.where else inner
    if isinstance(cond, m.Not):
        if negate or not isinstance(cond.item, (m.All, m.Any)):
            return describe(cond.item, not negate)
        return f"not ({describe(cond.item)})"
    if isinstance(cond, (m.All, m.Any)):
        if negate:
            return f"not ({describe(cond)})"
        joiner = " and " if isinstance(cond, m.All) else " or "
        parts = [f"({describe(item)})" if isinstance(item, (m.All, m.Any)) else describe(item)
                 for item in cond.items]
        return joiner.join(parts)
    return _describe_atom(cond, negate)


def _negative(phrase: str) -> str:
    """`is owned by ...` -> `is not owned by ...`; `employs ...` -> `does not employ ...`."""
    first, _, rest = phrase.partition(" ")
    if first in ("is", "has", "can"):
        return f"{first} not {rest}"
    if first == "also":
        return f"does not also {_base_verb(rest)}"
    return f"does not {_base_verb(phrase)}"


def _base_verb(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith(("sses", "shes", "ches", "xes")):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}".strip()


def _describe_atom(cond: m.Cond, negate: bool) -> str:
    no = " not" if negate else ""
    if isinstance(cond, m.LicenseeKind):
        return f"the licensee is{no} {KIND_TEXT.get(cond.kind, cond.kind)}"
    if isinstance(cond, m.LicenseeFlag):
        phrase = ATTRIBUTES[cond.attribute].phrase if cond.attribute in ATTRIBUTES else cond.attribute
        if negate:
            return f"the licensee {_negative(phrase)} (`{cond.attribute}: false`)"
        return f"the licensee {phrase} (`{cond.attribute}: true`)"
    if isinstance(cond, m.LicenseeCompare):
        value = cond.value
        shown = (f"{int(value)}" if value.is_integer() else f"{value}") if isinstance(value, float) else value
        op = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}[cond.op] if negate else cond.op
        return f"the licensee's `{cond.attribute}` {op} {shown}"
    if isinstance(cond, m.LicenseeMember):
        return f"the licensee is{no} a member of `{cond.organisation}`"
    if isinstance(cond, m.LicenseeActivity):
        return f"the licensee does{no} engage in {PURPOSES.get(cond.activity, cond.activity)} activities"
    if isinstance(cond, m.Purpose):
        return f"the use is{no} for {PURPOSES.get(cond.purpose, cond.purpose)} purposes"
    if isinstance(cond, m.Modified):
        return f"the material is{no} modified"
    if isinstance(cond, m.UseIs):
        return f"the use is{no} `{cond.use}`"
    if isinstance(cond, m.WorkIs):
        return f"the material is{no} {cond.work}"
    if isinstance(cond, m.Trial):
        return (f"the use does not stay within the {cond.days}-day trial period" if negate
                else f"the use stays within the {cond.days}-day trial period")
    if isinstance(cond, m.Agreement):
        return "no separate agreement with the licensor" if negate else "a separate agreement with the licensor is obtained"
    if isinstance(cond, m.ParameterSet):
        if cond.value:
            return f"the licence parameter `{cond.name}` (\"{cond.value}\"){' does not cover' if negate else ' covers'} this use"
        return f"the licence parameter `{cond.name}` is{no} set and covers this use"
    if isinstance(cond, m.ParameterCompare):
        return f"the licence parameter `{cond.name}` {'is not' if negate else 'is'} {cond.op} {cond.value}"
    return repr(cond)
