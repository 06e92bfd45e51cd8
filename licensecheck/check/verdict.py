# SPDX-License-Identifier: Apache-2.0
"""Verdicts and outcomes, and the three-valued algebra that combines them (spec section 5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, TypeVar

_T = TypeVar("_T")


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
#: the verdicts from the worst to the best, as WORSE ranks them (reports list problems first)
WORST_FIRST: tuple[Verdict, ...] = tuple(sorted(Verdict, key=WORSE.__getitem__, reverse=True))
#: verdicts under which the use may go ahead (a conditional one once its conditions hold): what a member "may do"
ALLOWING: frozenset[Verdict] = frozenset({Verdict.COMPATIBLE, Verdict.CONDITIONAL})
#: a symbol per verdict, so that reports are readable without colour (greyscale, colour-blind readers)
SYMBOL: dict[Verdict, str] = {
    Verdict.COMPATIBLE: "\u2713", Verdict.CONDITIONAL: "\u25d0", Verdict.UNKNOWN: "?", Verdict.INCOMPATIBLE: "\u2717",
}


class Reason(NamedTuple):
    """A clause that decided (part of) a verdict, quoted, with where it is written.

    A named tuple: reasons are merged and deduplicated constantly, and a tuple of strings hashes in C.
    """

    license: str
    clause: str
    location: str
    text: str
    note: str


@dataclass(frozen=True)
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
        return Outcome(self.verdict, self.conditions, self.duties, _merge(self.reasons, tuple(reasons)),
                       self.choices, self.errors)


EMPTY = Outcome(Verdict.COMPATIBLE)


def all_of(outcomes: Sequence[Outcome]) -> Outcome:
    """Every operand must hold (AND): the worst verdict, with the reasons of the operands that give it."""
    if len(outcomes) == 1:
        return outcomes[0]
    if any(o is EMPTY for o in outcomes):  # a bare `compatible` changes nothing in a conjunction
        outcomes = [o for o in outcomes if o is not EMPTY] or [EMPTY]
        if len(outcomes) == 1:
            return outcomes[0]
    worst = outcomes[0].verdict
    rank = WORSE[worst]
    for outcome in outcomes:
        if WORSE[outcome.verdict] > rank:
            worst, rank = outcome.verdict, WORSE[outcome.verdict]
    decisive = worst is Verdict.INCOMPATIBLE or worst is Verdict.UNKNOWN
    conditions: list[tuple[str, ...]] = []
    duties: list[tuple[str, ...]] = []
    reasons: list[tuple[Reason, ...]] = []
    choices: list[tuple[str, ...]] = []
    errors: list[tuple[str, ...]] = []
    for outcome in outcomes:
        if decisive and outcome.verdict is not worst:
            continue
        if outcome.conditions:
            conditions.append(outcome.conditions)
        if outcome.duties:
            duties.append(outcome.duties)
        if outcome.reasons:
            reasons.append(outcome.reasons)
        if outcome.choices:
            choices.append(outcome.choices)
        if outcome.errors:
            errors.append(outcome.errors)
    return Outcome(worst, _merge(*conditions), _merge(*duties), _merge(*reasons), _merge(*choices), _merge(*errors))


def _merge(*parts: tuple[_T, ...]) -> tuple[_T, ...]:
    """The items of the parts in order, each once."""
    nonempty = [part for part in parts if part]
    if not nonempty:
        return ()
    if len(nonempty) == 1:
        return nonempty[0]
    merged: dict[_T, None] = {}
    for part in nonempty:
        merged.update(dict.fromkeys(part))
    return tuple(merged)


def any_of(outcomes: Sequence[Outcome], labels: Sequence[str] | None = None) -> Outcome:
    """The licensee chooses (OR): the best operand, named in `choices`.

    A compatible operand wins outright (the first, on a tie). When the best is conditional and several
    operands are, the licensee may meet any of them: the conditions say "either ... or ...", never only
    the first branch.
    """
    if len(outcomes) == 1:
        return outcomes[0]
    best_index = 0
    for index, outcome in enumerate(outcomes):
        if BETTER[outcome.verdict] > BETTER[outcomes[best_index].verdict]:
            best_index = index
    best = outcomes[best_index]
    if best.verdict is Verdict.INCOMPATIBLE:
        return all_of(outcomes)
    if best.verdict is Verdict.UNKNOWN:
        # the refused branches are cited too: the unknown one may still allow the use
        return Outcome(Verdict.UNKNOWN,
                       _merge(*(o.conditions for o in outcomes if o.verdict is Verdict.UNKNOWN)), (),
                       _merge(*(o.reasons for o in outcomes)), best.choices, _merge(*(o.errors for o in outcomes)))
    if best.verdict is Verdict.CONDITIONAL:
        tied = [i for i, o in enumerate(outcomes) if o.verdict is Verdict.CONDITIONAL]
        if len(tied) > 1:
            return _alternatives([outcomes[i] for i in tied], [labels[i] for i in tied] if labels else None)
    if labels is not None:
        return Outcome(best.verdict, best.conditions, best.duties, best.reasons,
                       _merge((f"chose {labels[best_index]}",), best.choices), best.errors)
    return best


def _alternatives(outcomes: Sequence[Outcome], labels: Sequence[str] | None) -> Outcome:
    """Conditional operands the licensee may choose between, as one condition "either A; or B"."""
    branches: dict[str, int] = {}
    for index, outcome in enumerate(outcomes):
        text = " and ".join(outcome.conditions) or "no further condition"
        if labels is not None:
            text = f"under {labels[index]}: {text}"
        branches.setdefault(text, index)
    if len(branches) == 1:
        only = outcomes[next(iter(branches.values()))]
        if labels is None:
            return only
        return Outcome(only.verdict, only.conditions, only.duties, only.reasons,
                       _merge((f"chose {labels[next(iter(branches.values()))]}",), only.choices), only.errors)
    condition = "either " + "; or ".join(f"({text})" if " and " in text else text for text in branches)
    chosen = [outcomes[i] for i in branches.values()]
    choices = (f"choose one of {', '.join(labels[i] for i in branches.values())}",) if labels is not None else ()
    return Outcome(Verdict.CONDITIONAL, (condition,), _merge(*(o.duties for o in chosen)),
                   _merge(*(o.reasons for o in chosen)), _merge(choices, *(o.choices for o in chosen)),
                   _merge(*(o.errors for o in chosen)))
