# SPDX-License-Identifier: Apache-2.0
"""Would the outbound licence grant its recipients more than the inbound licence allows them?

When the inbound material itself goes out under the outbound licence's grants (an adaptation, copies passed
on, a whole work the outbound licence governs), every restriction the inbound licence puts on who may do
what, and for which purpose, must survive: the outbound licence must not grant any recipient an act the
inbound licence withholds from that recipient. This compares what the two licences grant, grant conditions
included, for every outbound licence (with or without a "no further restrictions" clause):

- CC-BY-NC-4.0 adapted into ODbL-1.0, BUSL-1.1 or ACSL: each grants some recipient commercial use;
- PolyForm-Small-Business into the CoopCycle License: CoopCycle lets a large cooperative use it commercially.

The comparison tries the recipients the two conditions tell apart (licensee kinds, the attributes and
purposes the conditions name, each value that changes an answer) and reports the first one that would be
granted more; it is independent of the question's own licensee, and computed once per pair of licences.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from licensecheck import model as m
from licensecheck.check.compiled import Compiled, Source
from licensecheck.check.context import Context, memoised
from licensecheck.check.facts import Facts, assume, evaluate
from licensecheck.check.verdict import EMPTY, Outcome, Reason, Verdict
from licensecheck.vocabulary import ACTIVITIES, ANY_KIND, MEMBER_OF

#: past this many recipients to try, the comparison stops (documented in docs/limits.md)
MAX_SCENARIOS = 4096

_CACHE: dict[tuple[object, ...], Outcome] = {}


def restrictions_carried(ctx: Context, inbound: Compiled, outbound: Compiled, label: str) -> Outcome:
    """`incompatible` when the outbound licence would grant some recipient an act of this use that the inbound
    licence withholds from it; otherwise nothing to add."""
    facts = ctx.facts
    key = (ctx.catalog.token, id(inbound), id(outbound), facts.use, facts.modified, facts.work,
           facts.question.parameters, tuple(ctx.acts))
    return memoised(_CACHE, key, lambda: _compare(ctx, inbound, outbound, label))


def _compare(ctx: Context, inbound: Compiled, outbound: Compiled, label: str) -> Outcome:
    lid = inbound.license.id
    for act in _compared_acts(ctx, inbound):
        out_cond, out_sources = _granted(outbound, act, optimistic=False)
        if out_cond is False:
            continue
        in_cond, in_sources = _granted(inbound, act, optimistic=True)
        if in_cond is True:
            continue
        found = _counterexample_memo(ctx, inbound, act, in_cond, out_cond, lid)
        if found is None:
            continue
        who = _who(ctx, _smallest(found, in_cond, out_cond, lid))
        reasons: list[Reason] = [s.reason(f"decides who may `{act}` under {lid}") for s in in_sources]
        reasons += [s.reason(f"would let {who} `{act}`") for s in out_sources[:1]]
        reasons.append(Reason(lid, "(restrictions)", in_sources[0].location if in_sources else str(inbound.license.document.span),
                              in_sources[0].quoted if in_sources else "",
                              f"the {label} result would not carry the restrictions of {lid}: {who} could `{act}` "
                              f"under {label}, which {lid} does not allow"))
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))
    return EMPTY


def _compared_acts(ctx: Context, inbound: Compiled) -> list[str]:
    """The acts whose grants are compared: those of this use, then every other act a use of the vocabulary
    performs that the inbound licence grants or refuses in so many words (a recipient of the result may do
    them: Elastic-2.0's ban on offering the work as a managed service survives distribution only if the
    outbound licence keeps it)."""
    vocab = ctx.facts.vocab
    performed = dict.fromkeys(act for use in vocab.uses.values() for act in use.acts)
    mentioned: set[str] = set()
    for source in (*inbound.grants, *inbound.prohibitions):
        mentioned.update(source.clause.statement.acts)  # type: ignore[union-attr]
    others = [act for act in performed if act not in ctx.acts and vocab.act_covers(tuple(mentioned), act)]
    return [*ctx.acts, *others]


def _granted(compiled: Compiled, act: str, optimistic: bool) -> tuple[m.Cond | bool, list[Source]]:
    """Who may perform an act under a licence: the disjunction of its grants, minus its refusals.

    Unclear clauses count as granting on the inbound side and as not granting on the outbound side
    (`optimistic`), so that only a certain loss is reported; a separate agreement or a trial never counts.
    """
    grants, prohibitions = compiled.by_act[act]
    parts: list[m.Cond] = []
    sources: list[Source] = []
    for source in grants:
        statement = source.clause.statement
        assert isinstance(statement, m.Permission)
        if source.clause.unclear and not optimistic:
            continue
        sources.append(source)
        if source.clause.unclear or statement.condition is None:
            parts = [m.All(())]
            break
        parts.append(statement.condition)
    granted: m.Cond | bool = False if not parts else (parts[0] if len(parts) == 1 else m.Any(tuple(parts)))
    if isinstance(granted, m.All) and not granted.items:
        granted = True
    refusals: list[m.Cond] = []
    for source in prohibitions:
        statement = source.clause.statement
        assert isinstance(statement, m.Prohibition)
        if source.clause.unclear and optimistic:
            continue
        sources.append(source)
        refusals.append(m.All(()) if statement.condition is None else statement.condition)
    if refusals:
        refused = m.Any(tuple(refusals))
        granted = m.All((granted if not isinstance(granted, bool) else m.All(()), m.Not(refused))) \
            if granted is not False else False
    for atom in (m.Agreement, m.Trial):
        if not isinstance(granted, bool):
            granted = assume(granted, atom, False)
    return granted, sources


_COUNTER: dict[tuple[object, ...], tuple[Facts | None]] = {}


def _counterexample_memo(ctx: Context, inbound: Compiled, act: str, in_cond: m.Cond | bool,
                         out_cond: m.Cond | bool, lid: str) -> Facts | None:
    """`_counterexample`, once per inbound condition and outbound condition: most outbound licences grant
    an act unconditionally, so the search is shared between them."""
    facts = ctx.facts
    key = (ctx.catalog.token, in_cond, out_cond, lid, facts.use, facts.modified, facts.work, facts.question.parameters)
    return memoised(_COUNTER, key, lambda: (_counterexample(ctx, in_cond, out_cond, lid),))[0]


def _counterexample(ctx: Context, inbound: m.Cond | bool, outbound: m.Cond | bool, lid: str) -> Facts | None:
    """A recipient to whom the outbound condition grants and the inbound one does not, or None."""
    if inbound is False and outbound is True:
        return ctx.facts  # nobody may do it under the inbound licence, everybody under the outbound one
    if inbound == outbound:
        return None  # the same condition grants the same recipients (licences built on one another)

    def outcome(facts: Facts) -> tuple[object, object]:
        out = outbound if isinstance(outbound, bool) else evaluate(outbound, facts, lid)
        into = inbound if isinstance(inbound, bool) else evaluate(inbound, facts, lid)
        return out, into

    budget = [MAX_SCENARIOS]
    for partial, domains in _scenarios(ctx, [c for c in (inbound, outbound) if not isinstance(c, bool)]):
        found = _search(partial, domains, 0, outcome, budget)
        if found is not None:
            return found
        if budget[0] <= 0:
            return None
    return None


def _search(facts: Facts, domains: list[list[tuple[str, Any] | None]], index: int,
            outcome: Callable[[Facts], tuple[object, object]], budget: list[int]) -> Facts | None:
    """Depth first over the attributes the conditions name, stopping as soon as the partial facts decide."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    out, into = outcome(facts)
    if out is False or into is True:
        return None
    if out is True and into is False:
        return facts if _possible(facts) else None
    if index == len(domains):
        return None
    for pair in domains[index]:
        following = facts if pair is None else replace(facts, attributes=tuple(sorted((*facts.attributes, pair))))
        found = _search(following, domains, index + 1, outcome, budget)
        if found is not None:
            return found
    return None


def _smallest(facts: Facts, inbound: m.Cond | bool, outbound: m.Cond | bool, lid: str) -> Facts:
    """The counterexample with every stated attribute and purpose it does not need dropped (for the message)."""
    def still(candidate: Facts) -> bool:
        out = outbound if isinstance(outbound, bool) else evaluate(outbound, candidate, lid)
        into = inbound if isinstance(inbound, bool) else evaluate(inbound, candidate, lid)
        return out is True and into is False

    for name, _value in list(facts.attributes):
        candidate = replace(facts, attributes=tuple(p for p in facts.attributes if p[0] != name))
        if still(candidate):
            facts = candidate
    for tag in sorted(facts.purposes or ()):
        candidate = replace(facts, purposes=frozenset(p for p in facts.purposes or () if p != tag))
        if still(candidate):
            facts = candidate
    return facts


def _atoms(conds: Sequence[m.Cond]) -> Iterator[m.Cond]:
    pending: list[Any] = list(conds)
    while pending:
        item = pending.pop()
        if isinstance(item, (m.All, m.Any)):
            pending.extend(item.items)
        elif isinstance(item, m.Not):
            pending.append(item.item)
        elif isinstance(item, m.Term):
            pending.append(item.condition)
        else:
            yield item


def _scenarios(ctx: Context, conds: Sequence[m.Cond]) -> Iterator[tuple[Facts, list[list[tuple[str, Any] | None]]]]:
    """Recipients that the conditions tell apart, by group: for each kind and set of purposes, the recipient
    with no attribute stated, and the values of the attributes the conditions name for that kind."""
    vocab = ctx.facts.vocab
    kinds: set[str] = set()
    flags: set[str] = set()
    numbers: dict[str, set[float]] = {}
    codes: dict[str, set[str]] = {}
    members: set[str] = set()
    activities: set[str] = set()
    purposes: set[str] = set()
    for atom in _atoms(conds):
        if isinstance(atom, m.LicenseeKind):
            kinds.add(atom.kind)
        elif isinstance(atom, m.LicenseeFlag):
            flags.add(atom.attribute)
        elif isinstance(atom, m.LicenseeCompare):
            if isinstance(atom.value, float):
                numbers.setdefault(atom.attribute, set()).update({atom.value - 1, atom.value, atom.value + 1})
            else:
                codes.setdefault(atom.attribute, {"-"}).add(str(atom.value))
        elif isinstance(atom, m.LicenseeMember):
            members.add(atom.organisation)
        elif isinstance(atom, m.LicenseeActivity):
            activities.add(atom.activity)
        elif isinstance(atom, m.Purpose):
            purposes.add(atom.purpose)
    candidates = _kinds(vocab, kinds, sorted(flags | set(numbers) | set(codes)), activities)
    domains: list[list[tuple[str, Any]]] = []
    for name in sorted(flags):
        domains.append([(name, True), (name, False)])
    for name, thresholds in sorted(numbers.items()):
        domains.append([(name, v) for v in sorted(v for v in thresholds if v >= 0)])
    for name, texts in sorted(codes.items()):
        domains.append([(name, v) for v in sorted(texts)])
    if members:
        domains.append([(MEMBER_OF, tuple(sorted(s))) for s in _subsets(sorted(members))])
    if activities:
        domains.append([(ACTIVITIES, tuple(sorted(s))) for s in _subsets(sorted(activities))])
    purpose_sets = [frozenset(s) for s in _subsets(sorted(purposes)) if _consistent(vocab, s)]
    base = ctx.facts
    for kind in candidates:
        kind_domains = [_for_kind(vocab, kind, domain) for domain in domains]
        for chosen in purpose_sets:
            yield replace(base, kind=kind, attributes=(), purposes=chosen), kind_domains


def _for_kind(vocab: Any, kind: str, domain: list[tuple[str, Any]]) -> list[tuple[str, Any] | None]:
    """An attribute's values for a kind: the value the kind fixes, none where the kind is unsettled for it."""
    name = domain[0][0]
    fixed = vocab.fixed(kind, name)
    if fixed is not None:
        return [(name, fixed)]
    if vocab.unsettled(kind, name):
        return [None]
    return list(domain)


def _possible(facts: Facts) -> bool:
    """Whether stated attributes agree with the facts the vocabulary derives from them."""
    stated = dict(facts.attributes)
    for rule in facts.vocab.derivations:
        if rule.target != "attribute" or rule.name not in stated or stated[rule.name] == rule.value:
            continue
        if evaluate(rule.condition, facts, "", stated_only=True) is True:
            return False
    return True


def _kinds(vocab: Any, named: set[str], attributes: Sequence[str], activities: set[str]) -> list[str]:
    """One licensee kind for each way the conditions can see a kind: which named kinds it is, the values it
    fixes or leaves unsettled for the attributes they name, the activities it implies."""
    seen: dict[tuple[object, ...], str] = {}
    order = sorted(named)
    for kind in vocab.kinds:
        if kind == ANY_KIND:
            continue
        ancestors = vocab.kind_ancestors(kind)
        signature: list[object] = []
        broader = False
        for name in order:
            if name in ancestors:
                signature.append(True)
            elif kind in vocab.kind_ancestors(name):
                broader = True  # the kind might or might not be the named one: a narrower kind decides
                break
            else:
                signature.append(False)
        if broader:
            continue
        signature += [(vocab.fixed(kind, a), vocab.unsettled(kind, a)) for a in attributes]
        signature.append(tuple(sorted(activities & set(vocab.implied_activities(kind)))))
        seen.setdefault(tuple(signature), kind)
    return list(seen.values()) or [ANY_KIND]


def _subsets(items: Sequence[str]) -> Iterator[tuple[str, ...]]:
    for size in range(len(items) + 1):
        yield from itertools.combinations(items, size)


def _consistent(vocab: Any, purposes: Sequence[str]) -> bool:
    """Whether a set of purposes can hold together (a use is not both commercial and non-commercial)."""
    chosen = set(purposes)
    return not any(other in chosen for tag in chosen for other in vocab.exclusions.get(tag, ()))


def _who(ctx: Context, facts: Facts) -> str:
    """A recipient in words: its kind, the attributes and purposes that matter."""
    vocab = ctx.facts.vocab
    parts = [vocab.kind_text(facts.kind)]
    for name, value in facts.attributes:
        if isinstance(value, bool):
            parts.append(f"`{name}: {str(value).lower()}`")
        elif isinstance(value, tuple):
            parts.append(f"`{name}: [{', '.join(value)}]`")
        else:
            shown = (f"{value:,.0f}" if float(value).is_integer() else f"{value:,}") if isinstance(value, float) else value
            parts.append(f"`{name}: {shown}`")
    if facts.purposes:
        parts.append("for " + ", ".join(vocab.purpose_text(p) for p in sorted(facts.purposes)) + " purposes")
    elif facts.purposes is not None:
        parts.append("for no particular purpose")
    return " ".join(parts[:1]) + (" (" + ", ".join(parts[1:]) + ")" if len(parts) > 1 else "")
