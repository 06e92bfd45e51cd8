# SPDX-License-Identifier: Apache-2.0
"""May the licensee perform the acts of the use (permissions, prohibitions), and which duties follow."""

from __future__ import annotations

from licensecheck import model as m
from licensecheck.check.carry import outbound_reaches, relicensed
from licensecheck.check.compiled import Compiled, Source, compile_license, covers
from licensecheck.check.context import Context, Option, unclear_outcome
from licensecheck.check.facts import describe, evaluate
from licensecheck.check.verdict import EMPTY, Outcome, Reason, Verdict, all_of, any_of
from licensecheck.vocabulary import CURE_ATTRIBUTE, DUTIES, EVENTS


def permission_outcome(ctx: Context, compiled: Compiled) -> Outcome:
    if not ctx.acts:
        return EMPTY
    groups: dict[int, list[str]] = {}
    for act in ctx.acts:  # acts that the same clauses cover are decided together
        groups.setdefault(id(compiled.by_act[act]), []).append(act)
    outcomes = [_acts_outcome(ctx, compiled, acts) for acts in groups.values()]
    outcomes.extend(_termination(ctx, source) for source in compiled.terminations)
    return all_of(outcomes)


def _termination(ctx: Context, source: Source) -> Outcome:
    """Rights that ended when the question says the event happened (`ends ACTS on EVENT`), or came back by a cure.

    An event the question does not state is not assumed: the rights stand.
    """
    statement = source.clause.statement
    assert isinstance(statement, m.Termination)
    event = EVENTS[statement.event]
    if ctx.facts.attribute(event.attribute) is not True:
        return EMPTY
    ended = [act for act in ctx.acts if covers(statement.acts, act)]
    named = ", ".join(f"`{a}`" for a in statement.acts)
    what = f"the rights to {named} end on {event.text} (`{event.attribute}: true`)"
    if statement.cure_days is not None:
        cured = ctx.facts.attribute(CURE_ATTRIBUTE)
        if cured is not None and float(cured) <= statement.cure_days:
            return Outcome(Verdict.COMPATIBLE, reasons=(source.reason(
                f"{what}, and come back when it is cured within {statement.cure_days} days; it was"),))
        if cured is None:
            return Outcome(Verdict.CONDITIONAL, conditions=(
                f"the breach is cured within {statement.cure_days} days of notice ({source.where})",),
                reasons=(source.reason(f"{what}, unless it is cured within {statement.cure_days} days"),))
    if not ended:
        return Outcome(Verdict.CONDITIONAL, conditions=(
            f"the use does not need {named}, whose grant ended on {event.text} ({source.where})",),
            reasons=(source.reason(what),))
    return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(
        f"{what}; this use needs {', '.join(f'`{a}`' for a in ended)}"),))


def _acts_outcome(ctx: Context, compiled: Compiled, acts: list[str]) -> Outcome:
    facts = ctx.facts
    lid = compiled.license.id
    grants, prohibitions = compiled.by_act[acts[0]]
    named = ", ".join(f"`{a}`" for a in acts)
    if not grants:
        return Outcome(Verdict.UNKNOWN, errors=(f"no clause of `{compiled.id}` grants or refuses {named}",))
    granted: list[Outcome] = []
    for source in grants:
        statement = source.clause.statement
        assert isinstance(statement, m.Permission)
        value = evaluate(statement.condition, facts, lid)
        if source.clause.unclear and value is not False:
            granted.append(unclear_outcome(source, "may grant this"))
        elif value is True:
            granted.append(Outcome(Verdict.COMPATIBLE, reasons=(source.reason(f"grants {named}"),)))
            break
        elif value is False:
            granted.append(Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(
                f"grants {named} only if {describe(statement.condition)}; that does not hold here"
                if statement.condition is not None else f"grants {named}"),)))
        else:
            granted.append(Outcome(Verdict.CONDITIONAL, conditions=(describe(value),),
                                   reasons=(source.reason(f"grants {named} if {describe(value)}"),)))
    outcomes = [any_of(granted)]
    for source in prohibitions:
        outcomes.append(_prohibition(ctx, compiled, source, named))
    return all_of(outcomes)


def _prohibition(ctx: Context, compiled: Compiled, source: Source, named: str) -> Outcome:
    statement = source.clause.statement
    assert isinstance(statement, m.Prohibition)
    value = evaluate(statement.condition, ctx.facts, compiled.license.id)
    if value is False:
        return EMPTY
    if source.added and compiled.removable is not None:
        removable = compiled.removable
        return Outcome(Verdict.CONDITIONAL, conditions=(
            f"remove the restriction added by {source.license} as {removable.where} allows",),
            reasons=(source.reason(f"adds a restriction on {named}"),
                     removable.reason("lets the recipient remove restrictions added to this licence")),
            choices=(f"removed the {source.license} restriction ({removable.where})",))
    if source.clause.unclear:
        return unclear_outcome(source, "may forbid this")
    if value is True:
        why = f" when {describe(statement.condition)}" if statement.condition is not None else ""
        return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(f"forbids {named}{why}"),))
    negated = describe(m.Not(value))
    return Outcome(Verdict.CONDITIONAL, conditions=(negated,),
                   reasons=(source.reason(f"forbids {named} if {describe(value)}"),))


def duty_outcome(ctx: Context, compiled: Compiled, option: Option | None) -> Outcome:
    covered: frozenset[str] = frozenset()
    if option is not None and (outbound_reaches(ctx, option) or relicensed(ctx, compiled, option)):
        covered = compile_license(option.license).duty_kinds
    key = (id(compiled), covered)
    cached = ctx.duty_cache.get(key)
    if cached is None:
        cached = ctx.duty_cache[key] = _duties_uncached(ctx, compiled, covered)
    return cached


def _duties_uncached(ctx: Context, compiled: Compiled, covered: frozenset[str]) -> Outcome:
    acts = set(ctx.acts)
    conditions: list[str] = []
    reasons: list[Reason] = []
    passive: list[str] = []
    for source in compiled.duties:
        statement = source.clause.statement
        assert isinstance(statement, m.Duty)
        if statement.triggers and "everything" not in statement.triggers and acts.isdisjoint(statement.triggers):
            continue
        if compiled.waivers and any(_waives(w, statement, acts) for w in compiled.waivers):
            continue
        value = evaluate(statement.condition, ctx.facts, compiled.license.id)
        if value is False:
            continue
        kind = DUTIES[statement.duty]
        text = f"{kind.text} ({source.where})"
        if value is not True:
            text = f"if {describe(value)}: {text}"
        if kind.active and covered.isdisjoint(kind.covered_by):
            conditions.append(text)
            reasons.append(source.reason("an active obligation of this use"))
        else:
            passive.append(text)
    if not conditions and not passive:
        return EMPTY
    verdict = Verdict.CONDITIONAL if conditions else Verdict.COMPATIBLE
    return Outcome(verdict, tuple(conditions), tuple(passive), tuple(reasons))


def _waives(source: Source, duty: m.Duty, acts: set[str]) -> bool:
    waiver = source.clause.statement
    assert isinstance(waiver, m.Waiver)
    return waiver.duty == duty.duty and (not waiver.triggers or bool(acts.intersection(waiver.triggers)))
