"""Verdicts and outcomes, and the three-valued algebra that combines them (spec section 5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum


class Verdict(StrEnum):
    """The four answers of spec section 5."""

    COMPATIBLE = "compatible"
    CONDITIONAL = "conditional"
    INCOMPATIBLE = "incompatible"
    UNKNOWN = "unknown"


#: how bad a verdict is when operands must all hold (AND): `incompatible AND unknown` is incompatible
WORSE: dict[Verdict, int] = {
    Verdict.COMPATIBLE: 0, Verdict.CONDITIONAL: 1, Verdict.UNKNOWN: 2, Verdict.INCOMPATIBLE: 3,
}
#: how good a verdict is when the licensee may choose (OR): `compatible OR unknown` is compatible
BETTER: dict[Verdict, int] = {
    Verdict.COMPATIBLE: 3, Verdict.CONDITIONAL: 2, Verdict.UNKNOWN: 1, Verdict.INCOMPATIBLE: 0,
}


@dataclass(frozen=True, slots=True)
class Reason:
    """A clause that decided (part of) a verdict, quoted, with where it is written."""

    license: str
    clause: str
    location: str
    text: str
    note: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """A verdict with what it rests on; operands combine into one with `all_of` and `any_of`."""

    verdict: Verdict
    conditions: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choices: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    def at_least_conditional(self, condition: str, reasons: Sequence[Reason] = (),
                             choice: str | None = None) -> Outcome:
        """This outcome with one more condition (a compatible one becomes conditional)."""
        verdict = Verdict.CONDITIONAL if self.verdict is Verdict.COMPATIBLE else self.verdict
        return Outcome(verdict, _merge(self.conditions, (condition,)), self.duties,
                       _merge(self.reasons, tuple(reasons)), _merge(self.choices, (choice,) if choice else ()),
                       self.errors)

    def with_reasons(self, reasons: Iterable[Reason]) -> Outcome:
        """This outcome citing more clauses."""
        return replace(self, reasons=_merge(self.reasons, tuple(reasons)))


def _merge(first: tuple[object, ...], second: tuple[object, ...]) -> tuple:  # type: ignore[type-arg]
    if not second:
        return first
    if not first:
        return second
    return tuple(dict.fromkeys(first + second))


def all_of(outcomes: Sequence[Outcome]) -> Outcome:
    """Every operand must hold (AND): the worst verdict, with the reasons of the operands that give it."""
    if len(outcomes) == 1:
        return outcomes[0]
    worst = max((o.verdict for o in outcomes), key=WORSE.__getitem__)
    if worst is Verdict.COMPATIBLE:
        return Outcome(worst, (), _merge_all(o.duties for o in outcomes), _merge_all(o.reasons for o in outcomes),
                       _merge_all(o.choices for o in outcomes))
    conditions: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choices: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    decisive = worst in (Verdict.INCOMPATIBLE, Verdict.UNKNOWN)
    for outcome in outcomes:
        if decisive and outcome.verdict is not worst:
            continue
        errors = _merge(errors, outcome.errors)
        conditions = _merge(conditions, outcome.conditions)
        duties = _merge(duties, outcome.duties)
        reasons = _merge(reasons, outcome.reasons)
        choices = _merge(choices, outcome.choices)
    return Outcome(worst, conditions, duties, reasons, choices, errors)


def _merge_all(parts: Iterable[tuple[object, ...]]) -> tuple:  # type: ignore[type-arg]
    merged: dict[object, None] = {}
    for part in parts:
        for item in part:
            merged[item] = None
    return tuple(merged)


def any_of(outcomes: Sequence[Outcome], labels: Sequence[str] | None = None) -> Outcome:
    """The licensee chooses (OR): the best operand, named in `choices`; the first wins a tie."""
    if len(outcomes) == 1:
        return outcomes[0]
    best_index = 0
    for index, outcome in enumerate(outcomes):
        if BETTER[outcome.verdict] > BETTER[outcomes[best_index].verdict]:
            best_index = index
    best = outcomes[best_index]
    if best.verdict is Verdict.INCOMPATIBLE:
        merged = all_of(outcomes)
        return replace(merged, verdict=Verdict.INCOMPATIBLE)
    if best.verdict is Verdict.UNKNOWN:
        errors: tuple[str, ...] = ()
        reasons: tuple[Reason, ...] = ()
        conditions: tuple[str, ...] = ()
        for outcome in outcomes:
            errors = _merge(errors, outcome.errors)
            if outcome.verdict is Verdict.UNKNOWN:
                reasons = _merge(reasons, outcome.reasons)
                conditions = _merge(conditions, outcome.conditions)
        return Outcome(Verdict.UNKNOWN, conditions, (), reasons, best.choices, errors)
    if labels is not None:
        return replace(best, choices=_merge((f"chose {labels[best_index]}",), best.choices))
    return best
