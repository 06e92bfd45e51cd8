# SPDX-License-Identifier: Apache-2.0
"""The checker: a verdict for a question, derived from the clauses of the licences and the policy.

For each inbound licence the checker asks three things, each answered by clauses:
1. may this licensee perform the acts of this use (permissions, prohibitions, their conditions)?
2. can the result carry the material under the outbound licence (share-alike scope and targets,
   compatibility edges, the outbound licence's "no further restrictions")?
3. which duties follow, and are any of them active obligations?
Outbound licences are tried as named, then as the versions an "or later" clause lets the licensee
elect, then through the conversions the outbound licence's own text provides; anything but the
named licence makes the verdict `conditional` and is named in `choice`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from licensecheck import model as m
from licensecheck.catalog import Catalog, License
from licensecheck.check.carry import carry_outcome
from licensecheck.check.compiled import Compiled, Source, compile_license
from licensecheck.check.context import Context, ExpressionParser, Option, licence_variant, memoised
from licensecheck.check.facts import Facts, describe, evaluate, facts_of
from licensecheck.check.policy import policy_outcome
from licensecheck.check.rules import duty_outcome, permission_outcome
from licensecheck.check.verdict import BETTER, Outcome, Reason, Verdict, all_of, any_of
from licensecheck.expr import And, Expr, Leaf, Or, leaves
from licensecheck.question import Question
from licensecheck.vocabulary import ACTIVITIES, CURE_ATTRIBUTE, MEMBER_OF, MODIFY


@dataclass(frozen=True)
class Remedy:
    """A smaller change to the question that gives a better verdict (spec §8, `remedies`).

    `change` holds the question fields to replace, each with its whole new value, in the form of spec §1
    (JSON-ready: strings, booleans, numbers, lists and mappings).
    """

    change: tuple[tuple[str, object], ...]
    verdict: Verdict
    note: str
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Result:
    """The answer to a question: verdict, conditions, duties, reasons, choice, errors and remedies.

    `remedies` is None when they were not asked for, `()` when nothing better was found.
    """

    verdict: Verdict
    conditions: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choice: str | None = None
    errors: tuple[str, ...] = ()
    remedies: tuple[Remedy, ...] | None = None


def check(question: Question, catalog: Catalog, parse: ExpressionParser,
          today: dt.date | None = None, elect: bool = True) -> Result:
    """Answer one question; inputs that cannot be evaluated give `unknown` with errors, never a guess.

    With `elect=False` the outbound licence is taken as named: no or-later election, no conversion.
    """
    facts = facts_of(question, catalog.vocabulary, today)
    policy = None
    if question.policy is not None:
        policy = catalog.policy(question.policy)
        if policy is None:
            known = ", ".join(sorted(catalog.policies)) or "none"
            return Result(Verdict.UNKNOWN, errors=(f"unknown policy `{question.policy}` (known: {known})",))
    try:
        inbound = parse(question.inbound) if question.inbound is not None else None
        outbound = parse(question.outbound) if question.outbound is not None else None
    except Exception as exc:  # the parser raises InputError with a one-line message
        message = getattr(exc, "message", str(exc))
        return Result(Verdict.UNKNOWN, errors=(message,))
    outcome = _split_unknown_facts(question, facts, catalog, parse, policy, inbound, outbound, elect)
    return _result(outcome)


def _split_unknown_facts(question: Question, facts: Facts, catalog: Catalog, parse: ExpressionParser,
                         policy: m.Document | None, inbound: Expr | None, outbound: Expr | None,
                         elect: bool) -> Outcome:
    """Evaluate, splitting on `modified` and the kind of work when the answer depends on them."""
    run = _Run(catalog, parse, policy, inbound, outbound, elect)
    if facts.modified is None and _modifiable(facts):
        cases = [(replace(facts, modified=False), "the material is not modified"),
                 (replace(facts, modified=True), "the material is modified")]
        return _pick([(_split_work(f, run), c) for f, c in cases])
    return _split_work(facts, run)


@dataclass(frozen=True)
class _Run:
    catalog: Catalog
    parse: ExpressionParser
    policy: m.Document | None
    inbound: Expr | None
    outbound: Expr | None
    elect: bool


def _split_work(facts: Facts, run: _Run) -> Outcome:
    if facts.work is None and run.inbound is not None:
        works = _declared_works(run.inbound, run.catalog)
        if len(works) == 1:
            return _evaluate(replace(facts, work=works[0]), run)
        if len(works) > 1 and _work_sensitive(run.inbound, run.outbound, run.catalog):
            return _pick([(_evaluate(replace(facts, work=w), run), f"the material is {w}") for w in works])
    return _evaluate(facts, run)


def _pick(cases: Sequence[tuple[Outcome, str]]) -> Outcome:
    """One answer from answers under different values of an open fact."""
    verdicts = {outcome.verdict for outcome, _ in cases}
    if len(verdicts) == 1:
        return cases[-1][0]
    best_outcome, best_condition = cases[0]
    for outcome, condition in cases[1:]:
        if BETTER[outcome.verdict] > BETTER[best_outcome.verdict]:
            best_outcome, best_condition = outcome, condition
    if best_outcome.verdict in (Verdict.INCOMPATIBLE, Verdict.UNKNOWN):
        return best_outcome
    return best_outcome.at_least_conditional(best_condition)


def _declared_works(expr: Expr, catalog: Catalog) -> list[str]:
    works: list[str] = []
    for leaf in leaves(expr):
        license = catalog.resolve(leaf.id) if leaf.known else None
        if license is None:
            continue
        for work in license.works:
            if work not in works:
                works.append(work)
    return works


def _work_sensitive(inbound: Expr, outbound: Expr | None, catalog: Catalog) -> bool:
    exprs = [inbound] + ([outbound] if outbound is not None else [])
    for expr in exprs:
        for leaf in leaves(expr):
            license = catalog.resolve(leaf.id) if leaf.known else None
            if license is None:
                continue
            for clause in license.clauses:
                statement = clause.statement
                if getattr(statement, "works", ()):
                    return True
    return False


def _evaluate(facts: Facts, run: _Run) -> Outcome:
    acts = _acts(facts)
    ctx = Context(run.catalog, run.parse, facts, acts, run.policy, run.elect)
    inbound, outbound = run.inbound, run.outbound
    if inbound is None:  # publish: the licensee's own work; only policies and licensee rules object
        assert outbound is not None
        return _publish(ctx, outbound)
    if outbound is None:
        return _best_option(ctx, inbound, [None])
    per_outbound = [_outbound_leaf(ctx, inbound, leaf) for leaf in leaves(outbound)]
    return all_of(per_outbound)


def _modifiable(facts: Facts) -> bool:
    """Whether the question's `modified` fact adds the act `modify` (the use does not decide it)."""
    use = facts.vocab.uses[facts.use]
    return not (use.has("modifies") or use.has("never-modifies"))


def _acts(facts: Facts) -> tuple[str, ...]:
    acts = list(facts.vocab.uses[facts.use].acts)
    if facts.modified and MODIFY not in acts and _modifiable(facts):
        acts.append(MODIFY)
    return tuple(acts)


def _outbound_leaf(ctx: Context, inbound: Expr, leaf: Leaf) -> Outcome:
    if not leaf.known:
        return _unknown_id(ctx, leaf.id, "outbound")
    license = ctx.catalog.resolve(leaf.id)
    assert license is not None
    plain: list[Option | None] = _options(ctx.catalog, license) if ctx.elect else [Option(license, license.id)]
    if leaf.exception is None:
        return _best_option(ctx, inbound, plain)
    addition = ctx.catalog.resolve(leaf.exception) if leaf.exception_known else None
    if addition is None:
        return _unknown_id(ctx, leaf.exception, "exception")
    # the exception's licensors grant it for their own code only: the result may have to go out without it
    named = Option(license, f"{license.id} WITH {addition.id}", addition=addition)
    return _best_option(ctx, inbound, [named, *plain] if ctx.elect else [named])


def _best_option(ctx: Context, inbound: Expr, options: Sequence[Option | None]) -> Outcome:
    """The named outbound licence, or the best option the licensee may convey the result under instead.

    The licensee chooses among the options (OR): an option whose answer is unknown stays unknown, it is not
    dropped (incompatible OR unknown is unknown).
    """
    named = options[0]
    first = _expr(ctx, inbound, options[:1])[0]
    if first.verdict is Verdict.COMPATIBLE or named is None or len(options) == 1:
        return first
    outcomes = [first, *_expr(ctx, inbound, options[1:])]
    candidates = [outcomes[0]]
    for option, outcome in zip(options[1:], outcomes[1:], strict=True):
        assert option is not None
        if outcome.verdict is Verdict.INCOMPATIBLE:
            continue
        candidate = outcome.at_least_conditional(
            f"convey the result under {option.label} instead of {named.label}", option.reasons, option.path)
        if outcomes[0].verdict is Verdict.INCOMPATIBLE:
            candidate = candidate.with_reasons(outcomes[0].reasons)
        candidates.append(candidate)
    return _first_best(candidates)


def _first_best(candidates: Sequence[Outcome]) -> Outcome:
    """The best candidate, the first on a tie (options are listed in the order a licensee would try them)."""
    best = candidates[0]
    for candidate in candidates[1:]:
        if BETTER[candidate.verdict] > BETTER[best.verdict]:
            best = candidate
    if best.verdict is Verdict.UNKNOWN:
        return any_of(candidates)
    return best


def _elections(catalog: Catalog, license: License) -> list[License]:
    if not license.or_later:
        return [license]
    out: list[License] = [license]
    for doc_id in catalog.later_versions(license):
        for or_later in (True, False):
            variant = licence_variant(catalog, doc_id, or_later)
            if variant is not None and variant.id not in {o.id for o in out}:
                out.append(variant)
    return out


_OPTIONS: dict[tuple[str, int], list[Option | None]] = {}


def _options(catalog: Catalog, named: License) -> list[Option | None]:
    """The named outbound licence, its elected versions, then the conversions its text provides."""
    key = (catalog.token, id(named))
    cached = _OPTIONS.get(key)
    if cached is None:
        cached = _OPTIONS[key] = _options_uncached(catalog, named)
    return cached


def _options_uncached(catalog: Catalog, named: License) -> list[Option | None]:
    options: list[Option] = [Option(named, named.id)]
    for variant in _elections(catalog, named)[1:]:
        options.append(Option(variant, variant.id, f"{named.id} elected as {variant.id}"))
    for option in list(options):
        compiled = compile_license(option.license)
        for source in compiled.edges:
            edge = source.clause.statement
            assert isinstance(edge, m.Edge)
            for target in edge.targets:
                if not isinstance(target, m.TargetId):
                    continue
                resolved = catalog.resolve(target.id)
                if resolved is None:
                    continue
                for variant in _elections(catalog, resolved):
                    verb = "converted to" if edge.kind == "convertible" else "relicensed as"
                    path = f"{option.path}; then " if option.path else ""
                    options.append(Option(
                        variant, variant.id, f"{path}{option.license.id} {verb} {variant.id} ({source.where})",
                        (*option.reasons, source.reason(f"lets a work under {option.license.id} be conveyed under {variant.id}"))))
    unique: list[Option | None] = []
    seen: set[str] = set()
    for option in options:
        if option.label not in seen:
            seen.add(option.label)
            unique.append(option)
    return unique


def _expr(ctx: Context, expr: Expr, options: Sequence[Option | None],
          okey: tuple[str | None, ...] | None = None) -> list[Outcome]:
    if okey is None:
        okey = _options_key(ctx, options)
    if isinstance(expr, Leaf):
        key = (str(expr), okey)
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = _leaf(ctx, expr, options, okey)
        return found
    parts = [_expr(ctx, item, options, okey) for item in expr.items]
    if isinstance(expr, And):
        return [all_of([part[i] for part in parts]) for i in range(len(options))]
    assert isinstance(expr, Or)
    labels = [str(item) for item in expr.items]
    return [any_of([part[i] for part in parts], labels) for i in range(len(options))]


def _unknown_id(ctx: Context, name: str, role: str) -> Outcome:
    from licensecheck.spdx_meta import unknown_hint

    more = unknown_hint(name, ctx.catalog.suggest(name))
    return Outcome(Verdict.UNKNOWN, errors=(f"unknown {role} licence id `{name}`{more}",))


LEAF_CACHE: dict[tuple[object, ...], list[Outcome]] = {}


def _leaf(ctx: Context, leaf: Leaf, options: Sequence[Option | None],
          okey: tuple[str | None, ...]) -> list[Outcome]:
    """A leaf's outcomes; the same sub-question (leaf, the facts its clauses can see, policy, options) is
    answered once per process."""
    seen = _seen_facts(ctx, leaf)
    key = (seen, str(leaf), ctx.depth, okey)
    found = LEAF_CACHE.get(key)
    if found is None:
        before, ctx.seen = ctx.seen, seen
        try:
            found = memoised(LEAF_CACHE, key, lambda: _leaf_uncached(ctx, leaf, options))
        finally:
            ctx.seen = before
    return found


_RELEVANCE: dict[tuple[str, str, str | None], tuple[bool, frozenset[str], frozenset[str]] | None] = {}


def _seen_facts(ctx: Context, leaf: Leaf) -> tuple[object, ...]:
    """The facts of the question a leaf's clauses can see: a licence whose conditions never name the licensee
    answers the same for every licensee, so its answer is shared between them."""
    if ctx.policy is not None or not leaf.known:
        return ctx.facts_key
    key = (ctx.catalog.token, leaf.id, leaf.exception)
    if key not in _RELEVANCE:
        _RELEVANCE[key] = _relevance(ctx, leaf)
    relevance = _RELEVANCE[key]
    if relevance is None:
        return ctx.facts_key
    licensee, attributes, purposes = relevance
    facts = ctx.facts
    seen_purposes = None if facts.purposes is None else facts.purposes & purposes
    return (ctx.catalog.token, facts.use, facts.modified, facts.work, facts.kind if licensee else None,
            tuple(pair for pair in facts.attributes if pair[0] in attributes) if licensee else (),
            seen_purposes, facts.question.parameters)


def _relevance(ctx: Context, leaf: Leaf) -> tuple[bool, frozenset[str], frozenset[str]] | None:
    """Whether a licence's clauses name the licensee, which attributes and purposes they name (with what
    the vocabulary derives them from); None when its answer may depend on any fact (rights policies that
    grant other licences, licences that change over time)."""
    license = ctx.catalog.resolve(leaf.id)
    addition = ctx.catalog.resolve(leaf.exception) if leaf.exception and leaf.exception_known else None
    if license is None or (leaf.exception and addition is None):
        return None
    compiled = compile_license(license, addition)
    if compiled.tiers or compiled.changes:
        return None
    vocab = ctx.facts.vocab
    atoms: list[m.Cond] = []
    for source in (*compiled.grants, *compiled.prohibitions, *compiled.duties):
        condition = getattr(source.clause.statement, "condition", None)
        if condition is not None:
            atoms.extend(_atoms(condition))
    attributes: set[str] = {CURE_ATTRIBUTE} if compiled.terminations else set()
    attributes.update(vocab.events[t.clause.statement.event].attribute  # type: ignore[union-attr]
                      for t in compiled.terminations if t.clause.statement.event in vocab.events)  # type: ignore[union-attr]
    purposes: set[str] = set()
    licensee = bool(attributes)
    for atom in atoms:
        if isinstance(atom, m.Purpose):
            purposes.add(atom.purpose)
        elif isinstance(atom, (m.LicenseeKind, m.LicenseeFlag, m.LicenseeCompare, m.LicenseeMember,
                               m.LicenseeActivity)):
            licensee = True
            name = getattr(atom, "attribute", None)
            attributes.add(name if name is not None else (MEMBER_OF if isinstance(atom, m.LicenseeMember)
                                                          else ACTIVITIES))
    for _ in range(3):  # what the vocabulary derives the named facts from
        for rule in vocab.derivations:
            named = rule.name in (attributes if rule.target == "attribute" else purposes)
            if not named:
                continue
            for atom in _atoms(rule.condition):
                if isinstance(atom, m.Purpose):
                    purposes.add(atom.purpose)
                elif hasattr(atom, "attribute"):
                    attributes.add(atom.attribute)
                    licensee = True
    return licensee, frozenset(attributes), frozenset(purposes)


def _atoms(cond: m.Cond) -> list[m.Cond]:
    out: list[m.Cond] = []
    pending: list[m.Cond] = [cond]
    while pending:
        item = pending.pop()
        if isinstance(item, (m.All, m.Any)):
            pending.extend(item.items)
        elif isinstance(item, m.Not):
            pending.append(item.item)
        elif isinstance(item, m.Term):
            pending.append(item.condition)
        else:
            out.append(item)
    return out


def _options_key(ctx: Context, options: Sequence[Option | None]) -> tuple[str | None, ...]:
    """The options by label (never by object id: option lists are built and dropped during a question)."""
    return tuple(o.label if o is not None else None for o in options)


def _leaf_uncached(ctx: Context, leaf: Leaf, options: Sequence[Option | None]) -> list[Outcome]:
    if not leaf.known:
        return [_unknown_id(ctx, leaf.id, "inbound")] * len(options)
    license = ctx.catalog.resolve(leaf.id)
    assert license is not None
    addition = None
    if leaf.exception is not None:
        addition = ctx.catalog.resolve(leaf.exception) if leaf.exception_known else None
        if addition is None:
            return [_unknown_id(ctx, leaf.exception, "exception")] * len(options)
    compiled = compile_license(license, addition)
    changed = _changed(ctx, compiled, options)
    if changed is not None:
        return changed
    policy = policy_outcome(ctx, license, addition)
    if compiled.tiers:
        outcomes = _tiers(ctx, compiled, options)
    else:
        base = permission_outcome(ctx, compiled)
        outcomes = [all_of([base, carry_outcome(ctx, compiled, option), duty_outcome(ctx, compiled, option)])
                    for option in options]
    if policy is not None:
        outcomes = [all_of([outcome, policy]) for outcome in outcomes]
    return outcomes


def _tiers(ctx: Context, compiled: Compiled, options: Sequence[Option | None]) -> list[Outcome]:
    per_tier: list[list[Outcome]] = []
    labels: list[str] = []
    refused: list[Reason] = []
    for source in compiled.tiers:
        tier = source.clause.statement
        assert isinstance(tier, m.Tier)
        value = evaluate(tier.condition, ctx.facts, compiled.license.id)
        if value is False:
            refused.append(source.reason(f"grants {tier.target} only if {describe(tier.condition, ctx.facts.vocab)}"  # type: ignore[arg-type]
                                         "; that does not hold here"))
            continue
        if source.clause.unclear:
            outcomes = [Outcome(Verdict.UNKNOWN, reasons=(source.reason("may grant other rights; the text is unclear"),),
                                errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",))
                        ] * len(options)
        elif tier.target.lower() == "agreement":
            outcomes = [Outcome(Verdict.CONDITIONAL, conditions=("a separate agreement with the licensor is obtained",),
                                reasons=(source.reason("grants rights by separate agreement"),))] * len(options)
        else:
            target = ctx.catalog.resolve(tier.target)
            if target is None:
                outcomes = [_unknown_id(ctx, tier.target, "granted")] * len(options)
            else:
                ctx.depth += 1
                outcomes = _expr(ctx, Leaf(target.id), options) if ctx.depth < 8 else \
                    [Outcome(Verdict.UNKNOWN, errors=("licences grant each other in a loop",))] * len(options)
                ctx.depth -= 1
                note = f"grants the rights of {target.id}" + (f" if {describe(value, ctx.facts.vocab)}" if value is not True else "")
                outcomes = [o.with_reasons((source.reason(note),)) for o in outcomes]
                outcomes = [replace(o, choices=(f"{compiled.license.id} [{source.clause.id}] grants {target.id}",
                                                *o.choices)) for o in outcomes]
        if value is not True:
            outcomes = [o.at_least_conditional(describe(value, ctx.facts.vocab)) for o in outcomes]
        per_tier.append(outcomes)
        labels.append(tier.target)
    if not per_tier:
        return [Outcome(Verdict.INCOMPATIBLE, reasons=tuple(refused))] * len(options)
    return [any_of([tier[i] for tier in per_tier]) for i in range(len(options))]


def _changed(ctx: Context, compiled: Compiled, options: Sequence[Option | None]) -> list[Outcome] | None:
    for source in compiled.changes:
        change = source.clause.statement
        assert isinstance(change, m.Change)
        to = _value(ctx, compiled, change.to)
        on = _value(ctx, compiled, change.on)
        if to is None or on is None:
            continue
        try:
            when = dt.date.fromisoformat(on)
        except ValueError:
            continue
        if ctx.facts.date < when:
            continue
        try:
            expr = ctx.parse(to)
        except Exception as exc:
            message = getattr(exc, "message", str(exc))
            return [Outcome(Verdict.UNKNOWN, errors=(message,))] * len(options)
        if ctx.depth > 8:
            return [Outcome(Verdict.UNKNOWN, errors=("licences change into each other in a loop",))] * len(options)
        ctx.depth += 1
        outcomes = _expr(ctx, expr, options)
        ctx.depth -= 1
        note = f"on {on} the licence changes to {to}"
        return [replace(o.with_reasons((source.reason(note),)),
                        choices=(f"{compiled.license.id} changed to {to} on {on} ({source.where})", *o.choices))
                for o in outcomes]
    return None


def _value(ctx: Context, compiled: Compiled, ref: m.ValueRef) -> str | None:
    if not ref.parameter:
        return ref.value
    value = ctx.facts.question.parameter(compiled.license.id, ref.value)
    if value is None:
        value = ctx.facts.question.parameter(compiled.license.base_id, ref.value)
    if value is None or value.strip().lower() in ("", "none"):
        return None
    return value


def _publish(ctx: Context, outbound: Expr) -> Outcome:
    outcomes: list[Outcome] = []
    for leaf in leaves(outbound):
        if not leaf.known:
            outcomes.append(_unknown_id(ctx, leaf.id, "outbound"))
            continue
        license = ctx.catalog.resolve(leaf.id)
        assert license is not None
        compiled = compile_license(license)
        first = (*compiled.grants, *compiled.tiers)[:1] or tuple(Source.of(c, license.id) for c in license.clauses[:1])
        reasons = tuple(s.reason("the terms the licensee would publish under") for s in first)
        if not reasons:
            reasons = (Reason(license.id, "(licence)", str(license.document.span), license.document.field("name"),
                              "the terms the licensee would publish under"),)
        outcome = Outcome(Verdict.COMPATIBLE, reasons=reasons)
        policy = policy_outcome(ctx, license, None)
        outcomes.append(all_of([outcome, policy]) if policy is not None else outcome)
    return all_of(outcomes)


_PER_ACT = re.compile(r"^(grants|forbids) ((?:`[^`]+`(?:, )?)+)(.*)$")


def _merge_reasons(reasons: Sequence[Reason]) -> tuple[Reason, ...]:
    """One reason per clause, its notes joined; notes that differ only by the act are said once."""
    notes: dict[tuple[str, str, str], list[str]] = {}
    first: dict[tuple[str, str, str], Reason] = {}
    for reason in reasons:
        key = (reason.license, reason.clause, reason.location)
        first.setdefault(key, reason)
        if reason.note not in notes.setdefault(key, []):
            notes[key].append(reason.note)
    merged = []
    for key, reason in first.items():
        grouped: dict[tuple[str, str], list[str]] = {}
        plain: list[str] = []
        for note in notes[key]:
            match = _PER_ACT.match(note)
            if match:
                acts = grouped.setdefault((match.group(1), match.group(3)), [])
                for act in re.findall(r"`([^`]+)`", match.group(2)):
                    if act not in acts:
                        acts.append(act)
            else:
                plain.append(note)
        texts = [f"{verb} {', '.join(f'`{a}`' for a in acts)}{tail}" for (verb, tail), acts in grouped.items()]
        note = "; ".join([*texts, *plain])
        merged.append(reason if note == reason.note else
                      Reason(reason.license, reason.clause, reason.location, reason.text, note))
    return tuple(merged)


def _result(outcome: Outcome) -> Result:
    errors = outcome.errors
    if outcome.verdict is Verdict.UNKNOWN and not errors and not outcome.conditions:
        errors = ("the licences as modelled do not decide this question",)
    conditions = outcome.conditions if outcome.verdict is not Verdict.INCOMPATIBLE else ()
    duties = outcome.duties if outcome.verdict in (Verdict.COMPATIBLE, Verdict.CONDITIONAL) else ()
    choice = "; ".join(outcome.choices) if outcome.choices else None
    return Result(outcome.verdict, conditions, duties, _merge_reasons(outcome.reasons), choice, errors)


__all__ = ["Option", "Remedy", "Result", "check"]
