# SPDX-License-Identifier: Apache-2.0
"""May the licensee perform the acts of the use (permissions, prohibitions), and which duties follow."""

from __future__ import annotations

from dataclasses import replace

from licensecheck import model as m
from licensecheck.check.carry import kept_in_result, outbound_reaches, relicensed
from licensecheck.check.compiled import Compiled, Source
from licensecheck.check.context import Context, Option, memoised, option_compiled, unclear_outcome
from licensecheck.check.facts import alternatives, assume, describe, evaluate, unsettled_in
from licensecheck.check.verdict import EMPTY, Outcome, Reason, Verdict, all_of, any_of
from licensecheck.vocabulary import CURE_ATTRIBUTE


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
    vocab = ctx.facts.vocab
    event = vocab.events[statement.event]
    if ctx.facts.attribute(event.attribute) is not True:
        return EMPTY
    ended = [act for act in ctx.acts if vocab.act_covers(statement.acts, act)]
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
    """May the licensee perform these acts: the best grant (the licensee relies on any one), and every refusal.

    A refusal decides even where no clause grants the acts, and where another clause is unclear: only an
    unclear point that could change the answer makes it `unknown` (incompatible AND unknown is incompatible).
    """
    grants, prohibitions = compiled.by_act[acts[0]]
    named = ", ".join(f"`{a}`" for a in acts)
    refusals = [_prohibition(ctx, compiled, source, named) for source in prohibitions]
    if grants:
        granted = any_of([_grant(ctx, compiled, source, named) for source in _until_granted(ctx, compiled, grants)])
    elif compiled.reservation is not None:
        granted = Outcome(Verdict.INCOMPATIBLE, reasons=(compiled.reservation.reason(
            f"no clause grants {named}, and the licence reserves every right it does not grant"),))
    else:
        granted = Outcome(Verdict.UNKNOWN, errors=(f"no clause of `{compiled.id}` grants {named}",))
    return all_of([granted, *refusals])


def _until_granted(ctx: Context, compiled: Compiled, grants: tuple[Source, ...]) -> list[Source]:
    """The grants to weigh: all of them, or those up to the first that grants outright."""
    out: list[Source] = []
    for source in grants:
        out.append(source)
        statement = source.clause.statement
        assert isinstance(statement, m.Permission)
        if not source.clause.unclear and evaluate(statement.condition, ctx.facts, compiled.license.id) is True:
            break
    return out


def _grant(ctx: Context, compiled: Compiled, source: Source, named: str) -> Outcome:
    """One permission: granted, refused, or granted under the condition left open.

    A right that needs a separate agreement with the licensor is not granted (spec §5): the `agreement`
    part of a condition counts as false, and the reason names the agreement that would be needed.
    """
    vocab = ctx.facts.vocab
    statement = source.clause.statement
    assert isinstance(statement, m.Permission)
    value = evaluate(statement.condition, ctx.facts, compiled.license.id)
    if source.clause.unclear and value is not False:
        return unclear_outcome(source, "may grant this")
    if value is True:
        return Outcome(Verdict.COMPATIBLE, reasons=(source.reason(f"grants {named}"),))
    if value is False:
        return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(
            f"grants {named} only if {describe(statement.condition, vocab)}; that does not hold here"
            if statement.condition is not None else f"grants {named}"),))
    within = assume(value, m.Agreement, False)
    if within is False:
        return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(
            f"grants {named} only under a separate agreement with the licensor, which this licence does not give: "
            "a separate licence from the licensor would be needed"),))
    assert within is not True
    settled = [branch for branch in alternatives(within) if not unsettled_in(branch)]
    if not settled:
        points = "; ".join(dict.fromkeys(describe(point, vocab) for point in unsettled_in(within)))
        assert statement.condition is not None
        kind = vocab.kind_text(ctx.facts.kind)
        return Outcome(Verdict.UNKNOWN, reasons=(source.reason(
            f"grants {named} only if {describe(statement.condition, vocab)}, which the licence does not clearly "
            f"say of {kind}"),), errors=(f"{source.where} [{source.clause.id}]: {points}",))
    residual = settled[0] if len(settled) == 1 else m.Any(tuple(settled))
    return Outcome(Verdict.CONDITIONAL, conditions=(describe(residual, vocab),),
                   reasons=(source.reason(f"grants {named} if {describe(residual, vocab)}"),))


def _prohibition(ctx: Context, compiled: Compiled, source: Source, named: str) -> Outcome:
    vocab = ctx.facts.vocab
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
        why = f" when {describe(statement.condition, vocab)}" if statement.condition is not None else ""
        return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(f"forbids {named}{why}"),))
    points = unsettled_in(value)
    if points:
        text = "; ".join(dict.fromkeys(describe(point, vocab) for point in points))
        return Outcome(Verdict.UNKNOWN, reasons=(source.reason(f"forbids {named} if {describe(value, vocab)}"),),
                       errors=(f"{source.where} [{source.clause.id}]: {text}",))
    negated = describe(m.Not(value), vocab)
    return Outcome(Verdict.CONDITIONAL, conditions=(negated,),
                   reasons=(source.reason(f"forbids {named} if {describe(value, vocab)}"),))


def duty_outcome(ctx: Context, compiled: Compiled, option: Option | None) -> Outcome:
    """The duties that follow from this use: active obligations are conditions, unless the licence the result
    goes out under imposes a duty that covers them (docs/checking.md section 2); the rest are listed."""
    covered: frozenset[str] = frozenset()
    keeps = False
    if option is not None:
        governed = (option.license.base_id == compiled.license.base_id or bool(outbound_reaches(ctx, option))
                    or relicensed(ctx, compiled, option))
        if governed:
            covered = option_compiled(option).duty_kinds
        keeps = kept_in_result(ctx, compiled, option)
    key = (ctx.seen or ctx.facts_key, ctx.catalog.token, id(compiled), covered,
           option.label if option is not None else None, keeps)
    return memoised(DUTY_CACHE, key, lambda: _duties_uncached(ctx, compiled, covered, option, keeps))


#: duties answered once per process for the same licence, facts, covering duties and option
DUTY_CACHE: dict[tuple[object, ...], Outcome] = {}


def _duties_uncached(ctx: Context, compiled: Compiled, covered: frozenset[str], option: Option | None,
                     keeps: bool) -> Outcome:
    vocab = ctx.facts.vocab
    acts = set(ctx.acts)
    conditions: list[str] = []
    reasons: list[Reason] = []
    passive: list[str] = []
    decided: list[Outcome] = []
    for source in compiled.duties:
        statement = source.clause.statement
        assert isinstance(statement, m.Duty)
        kind = vocab.duties[statement.duty]
        if kind.works and ctx.facts.work is not None and ctx.facts.work not in kind.works:
            continue  # source code and installation information are software notions
        if compiled.waivers and any(_waives(w, statement, acts) for w in compiled.waivers):
            continue
        triggered = not statement.triggers or vocab.act_covers(statement.triggers, "") or \
            any(vocab.act_covers(statement.triggers, act) for act in acts)
        if not triggered:
            if keeps and kind.active and covered.isdisjoint(kind.covered_by):
                assert option is not None
                conditions.append(_later_duty(ctx, compiled, source, statement, option.label))
                reasons.append(source.reason(f"keeps applying to the {compiled.license.id} part of the result"))
            continue
        value = evaluate(statement.condition, ctx.facts, compiled.license.id)
        if value is False:
            continue
        text = f"{kind.text} ({source.where})"
        if value is not True:
            text = f"if {describe(value, vocab)}: {text}"
        if source.clause.unclear:
            if kind.active:  # whether the obligation exists could change the answer
                decided.append(unclear_outcome(source, "may impose this duty"))
            else:  # a passive duty cannot: it is listed, with the doubt
                passive.append(f"{text}; the text is unclear: {source.clause.unclear}")
            continue
        if kind.active and kind.requires and option is not None:
            refused = _result_cannot(ctx, kind.requires, option, source, kind.text)
            if refused is not None:
                decided.append(refused)
                continue
        if kind.active and covered.isdisjoint(kind.covered_by):
            conditions.append(text)
            reasons.append(source.reason("an active obligation of this use"))
        else:
            passive.append(text)
    if not conditions and not passive and not decided:
        return EMPTY
    verdict = Verdict.CONDITIONAL if conditions else Verdict.COMPATIBLE
    return all_of([Outcome(verdict, tuple(conditions), tuple(passive), tuple(reasons)), *decided])


def _later_duty(ctx: Context, compiled: Compiled, source: Source, statement: m.Duty, label: str) -> str:
    """An active duty of material kept under its own licence inside the result, for what is done with the result
    later (AGPL-3.0 §13 in a GPL-3.0 work offered over a network); what is done then is open."""
    vocab = ctx.facts.vocab
    later = ", ".join(vocab.acts[a].text if a in vocab.acts else a for a in statement.triggers)
    value = evaluate(statement.condition, replace(ctx.facts, modified=None), compiled.license.id)
    when = f" and {describe(value, vocab)}" if value is not True and value is not False else ""
    return (f"if the {label} result is then used to {later}{when}: {vocab.duties[statement.duty].text} "
            f"({source.where}), which keeps applying to the {compiled.license.id} part")


def _result_cannot(ctx: Context, needed: tuple[str, ...], option: Option, source: Source, what: str) -> Outcome | None:
    """`incompatible` when a duty about the licensee's own result needs grants the outbound licence does not
    give every recipient (publishing source under open terms, for a closed product)."""
    outbound = option_compiled(option)
    missing = [act for act in needed if not _grants_everyone(outbound, act)]
    if not missing:
        return None
    named = ", ".join(f"`{a}`" for a in missing)
    return Outcome(Verdict.INCOMPATIBLE, reasons=(
        source.reason(f"requires the licensee to {what}, on terms that let everyone {', '.join(needed)}"),
        *(s.reason(f"does not grant every recipient {named}") for s in outbound.grants[:1]),
    ), errors=() if outbound.grants else (f"{option.label} grants no recipient {named}",))


def _grants_everyone(compiled: Compiled, act: str) -> bool:
    grants, prohibitions = compiled.by_act[act]
    if any(p.clause.statement.condition is None for p in prohibitions):  # type: ignore[union-attr]
        return False
    return any(g.clause.statement.condition is None and not g.clause.unclear for g in grants)  # type: ignore[union-attr]


def _waives(source: Source, duty: m.Duty, acts: set[str]) -> bool:
    waiver = source.clause.statement
    assert isinstance(waiver, m.Waiver)
    return waiver.duty == duty.duty and (not waiver.triggers or bool(acts.intersection(waiver.triggers)))
