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
from licensecheck.vocabulary import ACTIVITIES, MEMBER_OF, Vocabulary


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
    vocab: Vocabulary

    def stated(self, name: str) -> Any:
        """A licensee attribute as the question states it, or None."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    def attribute(self, name: str) -> Any:
        """A licensee attribute: as stated, else as the licensee's kind fixes it, else as the vocabulary's
        derived facts give it from the stated facts, else None."""
        for key, value in self.attributes:
            if key == name:
                return value
        fixed = self.vocab.fixed(self.kind, name)
        if fixed is not None:
            return fixed
        return _derived(self, "attribute", name)

    def purpose(self, tag: str) -> bool | None:
        """Whether the use has a purpose: as the question lists them, else as derived facts give it."""
        if self.purposes is not None:
            return tag in self.purposes
        derived = _derived(self, "purpose", tag)
        return None if derived is None else bool(derived)


def facts_of(question: Question, vocab: Vocabulary, today: dt.date | None = None) -> Facts:
    """The facts of a question; `modified` is implied by the use where the use decides it."""
    modified = question.modified
    use = vocab.uses.get(question.use)
    if modified is None and use is not None and use.has("modifies"):
        modified = True
    if modified is None and use is not None and use.has("never-modifies"):
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
        vocab=vocab,
    )


def _derived(facts: Facts, target: str, name: str) -> Any:
    """The first derived fact of the vocabulary whose condition the stated facts make true."""
    for rule in facts.vocab.derivations:
        if rule.target == target and rule.name == name and evaluate(rule.condition, facts, "", stated_only=True) is True:
            return rule.value
    return None


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


def evaluate(cond: m.Cond | None, facts: Facts, license_id: str, stated_only: bool = False) -> Partial:
    """True, False, or the residual condition that depends on facts the question left open.

    `stated_only`: read only what the question states (derived facts are evaluated that way).
    """
    if cond is None:
        return True
    if isinstance(cond, m.All):
        rest: list[m.Cond] = []
        for item in cond.items:
            value = evaluate(item, facts, license_id, stated_only)
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
            value = evaluate(item, facts, license_id, stated_only)
            if value is True:
                return True
            if value is not False:
                rest.append(value)
        if not rest:
            return False
        return rest[0] if len(rest) == 1 else m.Any(tuple(rest))
    if isinstance(cond, m.Not):
        value = evaluate(cond.item, facts, license_id, stated_only)
        if isinstance(value, bool):
            return not value
        return m.Not(value)
    if isinstance(cond, m.Term):
        value = evaluate(cond.condition, facts, license_id, stated_only)
        return value if isinstance(value, bool) else m.Term(cond.name, value, cond.where)
    return _atom(cond, facts, license_id, stated_only)


def _atom(cond: m.Cond, facts: Facts, license_id: str, stated_only: bool = False) -> Partial:
    vocab = facts.vocab
    attribute = facts.stated if stated_only else facts.attribute
    if isinstance(cond, m.LicenseeKind):
        if cond.kind in vocab.kind_ancestors(facts.kind):
            return True
        if facts.kind in vocab.kind_ancestors(cond.kind):
            return cond  # the question names a broader kind: it may or may not be this one
        return False
    if isinstance(cond, m.LicenseeFlag):
        value = attribute(cond.attribute)
        if value is None:
            return _open(cond, cond.attribute, facts)
        return bool(value)
    if isinstance(cond, m.LicenseeCompare):
        value = attribute(cond.attribute)
        return _open(cond, cond.attribute, facts) if value is None else _compare(value, cond.op, cond.value)
    if isinstance(cond, m.LicenseeMember):
        members = attribute(MEMBER_OF)
        if members is None:
            return cond
        return cond.organisation.lower() in {str(x).lower() for x in members}
    if isinstance(cond, m.LicenseeActivity):
        if cond.activity in vocab.implied_activities(facts.kind):
            return True
        activities = attribute(ACTIVITIES)
        if activities is None:
            return cond
        return cond.activity in activities
    if isinstance(cond, m.Purpose):
        if facts.purposes is not None:
            return cond.purpose in facts.purposes
        derived = None if stated_only else facts.purpose(cond.purpose)
        return cond if derived is None else bool(derived)
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


def _open(cond: m.Cond, attribute: str, facts: Facts) -> m.Cond:
    """An attribute the question leaves open: a condition, or `Unsettled` where the licensee's kind cannot be
    clearly placed by it."""
    return m.Unsettled(cond, facts.kind) if facts.vocab.unsettled(facts.kind, attribute) else cond


def assume(value: Partial, atom: type, truth: bool) -> Partial:
    """A residual condition with every atom of a type taken as true or false, simplified."""
    if isinstance(value, bool):
        return value
    if isinstance(value, atom):
        return truth
    if isinstance(value, m.Not):
        inner = assume(value.item, atom, truth)
        return (not inner) if isinstance(inner, bool) else m.Not(inner)
    if isinstance(value, m.Term):
        inner = assume(value.condition, atom, truth)
        return inner if isinstance(inner, bool) else m.Term(value.name, inner, value.where)
    if isinstance(value, m.Unsettled):
        inner = assume(value.item, atom, truth)
        return inner if isinstance(inner, bool) else m.Unsettled(inner, value.kind)
    if isinstance(value, (m.All, m.Any)):
        conj = isinstance(value, m.All)
        rest: list[m.Cond] = []
        for item in value.items:
            inner = assume(item, atom, truth)
            if inner is (not conj):
                return not conj
            if not isinstance(inner, bool):
                rest.append(inner)
        if not rest:
            return conj
        return rest[0] if len(rest) == 1 else type(value)(tuple(rest))
    return value


def alternatives(value: m.Cond) -> tuple[m.Cond, ...]:
    """The branches of a residual condition that is a disjunction (one branch otherwise)."""
    return value.items if isinstance(value, m.Any) else (value,)


def unsettled_in(value: Partial) -> list[m.Unsettled]:
    """The unsettled points a residual condition still turns on."""
    found: list[m.Unsettled] = []
    pending: list[object] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, m.Unsettled):
            found.append(item)
        elif isinstance(item, m.Not):
            pending.append(item.item)
        elif isinstance(item, m.Term):
            pending.append(item.condition)
        elif isinstance(item, (m.All, m.Any)):
            pending.extend(item.items)
    return found


# -- plain words ----------------------------------------------------------------------------

def describe(cond: m.Cond, vocab: Vocabulary, negate: bool = False) -> str:
    """A condition in plain words (negated when `negate`), with the phrases of the vocabulary."""
    return _describe(cond, negate, vocab)


def _describe(cond: m.Cond, negate: bool, vocab: Vocabulary) -> str:
    def describe(inner: m.Cond, negated: bool = False) -> str:
        return _describe(inner, negated, vocab)

    if isinstance(cond, m.Unsettled):
        item = cond.item
        if isinstance(item, m.LicenseeFlag):
            return (f"it is not clear whether {vocab.kind_text(cond.kind)} {vocab.phrase(item.attribute)} "
                    f"(`{item.attribute}`), as the licence asks")
        return f"it is not clear for {vocab.kind_text(cond.kind)} whether {describe(item, negate)}"
    if isinstance(cond, m.Term):
        inner = describe(cond.condition, negate)
        return f"{'not ' if negate else ''}`{cond.name}` as {cond.where} defines it ({describe(cond.condition)})" \
            if cond.where else inner
    if isinstance(cond, m.Not):
        return describe(cond.item, not negate)
    if isinstance(cond, (m.All, m.Any)):
        # negated, a conjunction becomes a disjunction of negations and the other way round (De Morgan)
        conjunction = isinstance(cond, m.All) != negate
        joiner = " and " if conjunction else " or "
        parts = [f"({describe(item, negate)})" if _compound(item, negate) else describe(item, negate)
                 for item in cond.items]
        return joiner.join(parts)
    return _describe_atom(cond, negate, vocab)


def _compound(cond: m.Cond, negate: bool) -> bool:
    """Whether a condition reads as several parts joined by and/or (and needs parentheses inside another)."""
    while isinstance(cond, m.Not):
        cond, negate = cond.item, not negate
    return isinstance(cond, (m.All, m.Any)) and len(cond.items) > 1


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


def _describe_atom(cond: m.Cond, negate: bool, vocab: Vocabulary) -> str:
    no = " not" if negate else ""
    if isinstance(cond, m.LicenseeKind):
        return f"the licensee is{no} {vocab.kind_text(cond.kind)}"
    if isinstance(cond, m.LicenseeFlag):
        phrase = vocab.phrase(cond.attribute)
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
        return f"the licensee does{no} engage in {vocab.purpose_text(cond.activity)} activities"
    if isinstance(cond, m.Purpose):
        return f"the use is{no} for {vocab.purpose_text(cond.purpose)} purposes"
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
