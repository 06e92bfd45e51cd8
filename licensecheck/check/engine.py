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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from licensecheck import model as m
from licensecheck.catalog import Catalog, License
from licensecheck.check.compiled import Compiled, Source, compile_license
from licensecheck.check.facts import Facts, describe, evaluate, facts_of
from licensecheck.check.verdict import BETTER, EMPTY, Outcome, Reason, Verdict, all_of, any_of
from licensecheck.expr import And, Expr, Leaf, Or, leaves
from licensecheck.question import Question
from licensecheck.vocabulary import (
    ACTS,
    DUTIES,
    EXTRA_RESTRICTIONS,
    MODIFIABLE_USES,
    SCOPE_REACH,
    SCOPES,
    USE_ACTS,
)

ExpressionParser = Callable[[str], Expr]
_V = TypeVar("_V")
_ALL_TAGS = frozenset([*DUTIES, *EXTRA_RESTRICTIONS, *(f"no-{act}" for act in ACTS)])


@dataclass(frozen=True)
class Result:
    """The answer to a question: verdict, conditions, duties, reasons, choice and errors."""

    verdict: Verdict
    conditions: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    choice: str | None = None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """A licence the result may be conveyed under: the named outbound or one reached from it."""

    license: License
    label: str
    path: str = ""
    reasons: tuple[Reason, ...] = ()


@dataclass
class _Context:
    catalog: Catalog
    parse: ExpressionParser
    facts: Facts
    acts: tuple[str, ...]
    policy: m.Document | None
    elect: bool = True
    memo: dict[tuple[str, tuple[str | None, ...]], list[Outcome]] = field(default_factory=dict)
    reach_cache: dict[int, list[tuple[Source, str]]] = field(default_factory=dict)
    outbound_cache: dict[str, list[Source]] = field(default_factory=dict)
    duty_cache: dict[tuple[int, frozenset[str]], Outcome] = field(default_factory=dict)
    facts_key: tuple[object, ...] = ()

    def __post_init__(self) -> None:
        facts = self.facts
        self.facts_key = (id(self.catalog), facts.use, facts.kind, facts.attributes, facts.purposes, facts.modified,
                          facts.work, facts.date, facts.question.parameters, id(self.policy))
    depth: int = 0


# -- entry point -------------------------------------------------------------------------------

def check(question: Question, catalog: Catalog, parse: ExpressionParser,
          today: dt.date | None = None, elect: bool = True) -> Result:
    """Answer one question; inputs that cannot be evaluated give `unknown` with errors, never a guess.

    With `elect=False` the outbound licence is taken as named: no or-later election, no conversion.
    """
    facts = facts_of(question, today)
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
    if facts.modified is None and question.use in MODIFIABLE_USES:
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
    ctx = _Context(run.catalog, run.parse, facts, acts, run.policy, run.elect)
    inbound, outbound = run.inbound, run.outbound
    if inbound is None:  # publish: the licensee's own work; only policies and licensee rules object
        assert outbound is not None
        return _publish(ctx, outbound)
    if outbound is None:
        return _best_option(ctx, inbound, [None])
    per_outbound = [_outbound_leaf(ctx, inbound, leaf) for leaf in leaves(outbound)]
    return all_of(per_outbound)


def _acts(facts: Facts) -> tuple[str, ...]:
    acts = list(USE_ACTS[facts.use])
    if facts.modified and "modify" not in acts and facts.use in MODIFIABLE_USES:
        acts.append("modify")
    return tuple(acts)


# -- outbound options ----------------------------------------------------------------------------

def _outbound_leaf(ctx: _Context, inbound: Expr, leaf: Leaf) -> Outcome:
    if not leaf.known:
        return _unknown_id(ctx, leaf.id, "outbound")
    license = ctx.catalog.resolve(leaf.id)
    assert license is not None
    options = _options(ctx.catalog, license) if ctx.elect else [Option(license, license.id)]
    return _best_option(ctx, inbound, options)


def _best_option(ctx: _Context, inbound: Expr, options: Sequence[Option | None]) -> Outcome:
    named = options[0]
    first = _expr(ctx, inbound, options[:1])[0]
    if first.verdict is Verdict.COMPATIBLE or named is None or len(options) == 1:
        return first
    outcomes = _expr(ctx, inbound, options)
    best = outcomes[0]
    for option, outcome in zip(options[1:], outcomes[1:], strict=True):
        assert option is not None
        if outcome.verdict in (Verdict.INCOMPATIBLE, Verdict.UNKNOWN):
            continue
        candidate = outcome.at_least_conditional(
            f"convey the result under {option.label} instead of {named.label}", option.reasons, option.path)
        if outcomes[0].verdict is Verdict.INCOMPATIBLE:
            candidate = candidate.with_reasons(outcomes[0].reasons)
        if BETTER[candidate.verdict] > BETTER[best.verdict]:
            best = candidate
    return best


_VERSIONS: dict[tuple[int, int, bool], frozenset[str]] = {}


def _versions(catalog: Catalog, license: License, or_later: bool | None = None) -> frozenset[str]:
    """The licence versions a licence id stands for; `or later` includes versions not yet written."""
    later = license.or_later if or_later is None else or_later
    key = (id(catalog), id(license), later)
    cached = _VERSIONS.get(key)
    if cached is None:
        cached = _VERSIONS[key] = _versions_uncached(catalog, license, later)
    return cached


def _versions_uncached(catalog: Catalog, license: License, or_later: bool) -> frozenset[str]:
    if or_later:
        return frozenset(catalog.later_versions(license)) | {f"future:{license.family or license.base_id}"}
    return frozenset({license.base_id})


def _variant(catalog: Catalog, doc_id: str, or_later: bool) -> License | None:
    doc = catalog.documents.get(doc_id)
    if doc is None:
        return None
    name = doc.field("later") if or_later else doc.id
    if or_later and not name:
        return None
    return catalog.resolve(name)


def _elections(catalog: Catalog, license: License) -> list[License]:
    if not license.or_later:
        return [license]
    out: list[License] = [license]
    for doc_id in catalog.later_versions(license):
        for or_later in (True, False):
            variant = _variant(catalog, doc_id, or_later)
            if variant is not None and variant.id not in {o.id for o in out}:
                out.append(variant)
    return out


_OPTIONS: dict[tuple[int, int], list[Option | None]] = {}


def _options(catalog: Catalog, named: License) -> list[Option | None]:
    """The named outbound licence, its elected versions, then the conversions its text provides."""
    key = (id(catalog), id(named))
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


# -- expressions -------------------------------------------------------------------------------

def _expr(ctx: _Context, expr: Expr, options: Sequence[Option | None],
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


def _unknown_id(ctx: _Context, name: str, role: str) -> Outcome:
    hint = ctx.catalog.suggest(name)
    more = f"; did you mean `{hint}`?" if hint else ""
    return Outcome(Verdict.UNKNOWN, errors=(f"unknown {role} licence id `{name}`{more}",))


_LEAF_CACHE: dict[tuple[object, ...], list[Outcome]] = {}
_LEAF_CACHE_SIZE = 50_000


def _leaf(ctx: _Context, leaf: Leaf, options: Sequence[Option | None],
          okey: tuple[str | None, ...]) -> list[Outcome]:
    """A leaf's outcomes; the same sub-question (leaf, facts, policy, options) is answered once per process."""
    return _memoised(_LEAF_CACHE, (ctx.facts_key, str(leaf), ctx.depth, okey),
                     lambda: _leaf_uncached(ctx, leaf, options))


def _memoised(cache: dict[tuple[object, ...], _V], key: tuple[object, ...], make: Callable[[], _V]) -> _V:
    """`cache[key]`, made on a miss; the cache is emptied when it reaches its size limit."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= _LEAF_CACHE_SIZE:
            cache.clear()
        found = cache[key] = make()
    return found


def _options_key(ctx: _Context, options: Sequence[Option | None]) -> tuple[str | None, ...]:
    """The options by label (never by object id: option lists are built and dropped during a question)."""
    return tuple(o.label if o is not None else None for o in options)


def _leaf_uncached(ctx: _Context, leaf: Leaf, options: Sequence[Option | None]) -> list[Outcome]:
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
    policy = _policy(ctx, license, addition)
    if compiled.tiers:
        outcomes = _tiers(ctx, compiled, options)
    else:
        base = _permission(ctx, compiled)
        outcomes = [all_of([base, _carry(ctx, compiled, option), _duties(ctx, compiled, option)])
                    for option in options]
    if policy is not None:
        outcomes = [all_of([outcome, policy]) for outcome in outcomes]
    return outcomes


# -- 1. may the licensee do the acts of this use? --------------------------------------------

def _permission(ctx: _Context, compiled: Compiled) -> Outcome:
    if not ctx.acts:
        return EMPTY
    groups: dict[int, list[str]] = {}
    for act in ctx.acts:  # acts that the same clauses cover are decided together
        groups.setdefault(id(compiled.by_act[act]), []).append(act)
    return all_of([_acts_outcome(ctx, compiled, acts) for acts in groups.values()])


def _acts_outcome(ctx: _Context, compiled: Compiled, acts: list[str]) -> Outcome:
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
            granted.append(_unclear(source, "may grant this"))
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


def _prohibition(ctx: _Context, compiled: Compiled, source: Source, named: str) -> Outcome:
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
        return _unclear(source, "may forbid this")
    if value is True:
        why = f" when {describe(statement.condition)}" if statement.condition is not None else ""
        return Outcome(Verdict.INCOMPATIBLE, reasons=(source.reason(f"forbids {named}{why}"),))
    negated = describe(m.Not(value))
    return Outcome(Verdict.CONDITIONAL, conditions=(negated,),
                   reasons=(source.reason(f"forbids {named} if {describe(value)}"),))


# -- 2. can the result carry the material under the outbound licence? --------------------------

def _reach(ctx: _Context, compiled: Compiled) -> list[tuple[Source, str]]:
    cached = ctx.reach_cache.get(id(compiled))
    if cached is None:
        cached = ctx.reach_cache[id(compiled)] = _reach_uncached(ctx, compiled)
    return cached


def _reach_uncached(ctx: _Context, compiled: Compiled) -> list[tuple[Source, str]]:
    use = ctx.facts.use
    if use in compiled.excludes:
        return []
    out: list[tuple[Source, str]] = []
    for source in compiled.sharealikes:
        statement = source.clause.statement
        assert isinstance(statement, m.ShareAlike)
        if statement.works and ctx.facts.work is not None and ctx.facts.work not in statement.works:
            continue
        reach = SCOPE_REACH.get(statement.scope, {}).get(use)
        if reach == "whole-if-modified":
            reach = "retain" if ctx.facts.modified is False else "whole"
        if reach:
            out.append((source, reach))
    return out


def _target_versions(ctx: _Context, compiled: Compiled, target: m.Target) -> frozenset[str] | None:
    catalog = ctx.catalog
    if isinstance(target, m.TargetSelf):
        license = compiled.license
        return _versions(catalog, license, target.or_later or license.or_later)
    if isinstance(target, m.TargetId):
        resolved = catalog.resolve(target.id)
        return _versions(catalog, resolved) if resolved is not None else None
    return None


def _fits(ctx: _Context, compiled: Compiled, target: m.Target, option: Option) -> bool:
    if isinstance(target, m.TargetRequiring):
        return target.duty in compile_license(option.license).duty_kinds
    versions = _target_versions(ctx, compiled, target)
    return versions is not None and versions >= _versions(ctx.catalog, option.license)


def _edge_applies(ctx: _Context, edge: m.Edge) -> bool:
    if edge.works and ctx.facts.work is not None and ctx.facts.work not in edge.works:
        return False
    return not (edge.combined and ctx.facts.use == "distribute")


def _fit(ctx: _Context, compiled: Compiled, whole: Sequence[Source], option: Option,
         linking: bool) -> tuple[str, Source] | None:
    """How the inbound material can go under the option: same licence, compatible, convertible."""
    clear = [s for s in whole if not s.clause.unclear] or list(whole)
    if clear and all(any(_fits(ctx, compiled, t, option) for t in s.clause.statement.targets)  # type: ignore[union-attr]
                     for s in clear):
        return "same", clear[0]
    if option.license.base_id == compiled.license.base_id and _versions(ctx.catalog, option.license) <= \
            _versions(ctx.catalog, compiled.license):
        return "same", whole[0] if whole else compiled.grants[0]
    found: tuple[str, Source] | None = None
    for source in _inbound_edges(ctx, compiled):
        edge = source.clause.statement
        assert isinstance(edge, m.Edge)
        if not _edge_applies(ctx, edge):
            continue
        if any(_fits(ctx, compiled, t, option) for t in edge.targets):
            if source.clause.unclear:
                found = found or ("unclear", source)
                continue
            kind = "compatible" if edge.kind == "compatible" or linking else "convertible"
            if kind == "compatible":
                return kind, source
            found = (kind, source) if found is None or found[0] == "unclear" else found
    return found


def _inbound_edges(ctx: _Context, compiled: Compiled) -> tuple[Source, ...]:
    """The licence's edges, and for an `or later` licence those of the later versions it may be used under."""
    if not compiled.license.or_later:
        return compiled.edges
    edges = list(compiled.edges)
    for doc_id in ctx.catalog.later_versions(compiled.license):
        version = ctx.catalog.resolve(doc_id)
        if version is not None and version.base_id != compiled.license.base_id:
            edges.extend(compile_license(version).edges)
    return tuple(edges)


def _accepted(ctx: _Context, option: Option) -> list[tuple[frozenset[str], Source | None]]:
    """For every version the option stands for: the restrictions it accepts, and its clause saying so."""
    catalog = ctx.catalog
    out: list[tuple[frozenset[str], Source | None]] = []
    for doc_id in sorted(v for v in _versions(catalog, option.license) if not v.startswith("future:")):
        version = catalog.resolve(doc_id)
        if version is None:
            continue
        compiled = compile_license(version)
        out.append((_accepted_by(compiled), compiled.no_further))
    return out


def _outbound_reaches(ctx: _Context, option: Option) -> list[Source]:
    cached = ctx.outbound_cache.get(option.label)
    if cached is None:
        compiled = compile_license(option.license)
        cached = ctx.outbound_cache[option.label] = [source for source, reach in _reach(ctx, compiled)
                                                     if reach == "whole"]
    return cached


_CARRY_CACHE: dict[tuple[object, ...], Outcome] = {}


def _carry(ctx: _Context, compiled: Compiled, option: Option | None) -> Outcome:
    """Whether the result can carry the material; depends on the use and the material, not on the licensee."""
    if option is None:
        return EMPTY
    facts = ctx.facts
    return _memoised(_CARRY_CACHE, (id(ctx.catalog), id(compiled), option.label, facts.use, facts.work,
                                    facts.modified), lambda: _carry_uncached(ctx, compiled, option))


def _carry_uncached(ctx: _Context, compiled: Compiled, option: Option) -> Outcome:
    lid = compiled.id
    reaches = _reach(ctx, compiled)
    whole = [s for s, r in reaches if r == "whole"]
    retain = [s for s, r in reaches if r == "retain"]
    outbound_whole = _outbound_reaches(ctx, option)
    if whole:
        fit = _fit(ctx, compiled, whole, option, linking=False)
        if fit is not None and fit[0] == "unclear":
            return _unclear(fit[1], f"may let the material go under {option.label}")
        if fit is not None:
            mode, source = fit
            if mode == "convertible":
                return Outcome(Verdict.CONDITIONAL, conditions=(
                    f"convert the {compiled.license.id} material to {option.label} as {source.where} allows "
                    "(change its notices; the conversion cannot be undone)",),
                    reasons=(source.reason(f"lets the material be converted to {option.label}"),),
                    choices=(f"{compiled.license.id} converted to {option.label} ({source.where})",))
            note = (f"requires the result under this licence; {option.label} is one of its targets"
                    if mode == "same" else f"lets the material be distributed under {option.label}")
            statement = source.clause.statement
            verb = "combined into the" if isinstance(statement, m.Edge) and statement.combined else "distributed under the"
            choices = () if mode == "same" else (f"{compiled.license.id} {verb} {option.label} result ({source.where})",)
            return Outcome(Verdict.COMPATIBLE, reasons=(source.reason(note),), choices=choices)
        unclear = [s for s in whole if s.clause.unclear]
        if unclear and len(unclear) == len(whole):
            source = unclear[0]
            return Outcome(Verdict.UNKNOWN, reasons=(source.reason("may require the result under this licence"),),
                           errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",))
        reasons = [s.reason(f"requires the result ({SCOPES[s.clause.statement.scope]}) under its targets; "  # type: ignore[union-attr]
                            f"{option.label} is not one of them") for s in whole if not s.clause.unclear]
        if compiled.no_further is not None:
            extra = compile_license(option.license).tag_set() - _accepted_by(compiled)
            if extra:
                reasons.append(compiled.no_further.reason(
                    f"forbids further restrictions; {option.label} adds {', '.join(sorted(extra))}"))
                tagged = dict(compile_license(option.license).tags)
                reasons.extend(tagged[t].reason(f"the restriction `{t}` of {option.label}") for t in sorted(extra))
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))
    if retain:
        if outbound_whole:
            fit = _fit(ctx, compiled, [], option, linking=True)
            if fit is not None and fit[0] == "unclear":
                return _unclear(fit[1], f"may let the material go under {option.label}")
            if fit is not None:
                mode, source = fit
                return Outcome(Verdict.COMPATIBLE, reasons=(
                    source.reason(f"lets the material be distributed under {option.label}"),))
            reasons = [s.reason(f"keeps the material under {compiled.license.id}") for s in retain]
            reasons += [s.reason(f"requires every part of the result under {option.label}") for s in outbound_whole]
            return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))
        if option.license.base_id == compiled.license.base_id:
            return Outcome(Verdict.COMPATIBLE, reasons=(retain[0].reason("the result carries the same licence"),))
        scope = retain[0].clause.statement.scope  # type: ignore[union-attr]
        return Outcome(Verdict.CONDITIONAL, conditions=(
            f"keep the {lid} material ({SCOPES[scope]}) under {compiled.license.id}, with its source available, "
            f"inside or beside the {option.label} result",),
            reasons=tuple(s.reason(f"keeps {SCOPES[scope]} under this licence") for s in retain))
    if outbound_whole:
        edge = _fit(ctx, compiled, [], option, linking=True)
        if edge is not None and edge[0] == "compatible":
            return Outcome(Verdict.COMPATIBLE, reasons=(
                edge[1].reason(f"lets the material be distributed under {option.label}"),))
        versions = _accepted(ctx, option)
        refusing = [(accepted, nfr, [(tag, src) for tag, src in compiled.tags if tag not in accepted])
                    for accepted, nfr in versions]
        refusing = [entry for entry in refusing if entry[2]]
        if not refusing:
            accepting = [clause for _set, clause in versions if clause is not None][:1] or outbound_whole[:1]
            return Outcome(Verdict.COMPATIBLE, reasons=tuple(
                s.reason(f"accepts the terms of {lid} in the result") for s in accepting))
        cited: list[Reason] = []
        for _accepted_set, nfr, refused in refusing:
            tags = ", ".join(sorted({tag for tag, _src in refused}))
            cited += [src.reason(f"a restriction (`{tag}`) that {option.label} does not accept")
                      for tag, src in refused]
            if nfr is not None:
                cited.append(nfr.reason(f"forbids restrictions beyond its own; {lid} adds {tags}"))
        cited += [s.reason("requires the whole result under this licence") for s in outbound_whole]
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(cited))
    return _open_outbound(ctx, compiled, option)


#: uses whose result puts the inbound material itself under the outbound licence's grants (adaptations and
#: copies passed on); a collection or a linked program keeps each part under its own licence
_GOVERNED_USES = frozenset({"modify", "relicense-adaptation", "distribute"})
#: restrictions a result must keep: who may use the material and for what
_FIELD_OF_USE = frozenset({"licensee-restriction", "purpose-restriction"})


def _open_outbound(ctx: _Context, compiled: Compiled, option: Option) -> Outcome:
    """An open outbound licence would grant recipients what a field-of-use restriction of the inbound denies."""
    governed = ctx.facts.use in _GOVERNED_USES or (ctx.facts.use == "include-data" and ctx.facts.modified is True)
    if not governed or option.license.base_id == compiled.license.base_id:
        return EMPTY
    restricted = [(tag, src) for tag, src in compiled.tags if tag in _FIELD_OF_USE]
    if not restricted:
        return EMPTY
    outbound = compile_license(option.license)
    grants = [g for g in outbound.grants_for("distribute") if g.clause.statement.condition is None]  # type: ignore[union-attr]
    kept = outbound.tag_set()
    lost = [(tag, src) for tag, src in restricted if tag not in kept]
    if not grants or not lost:
        return EMPTY
    reasons = [src.reason(f"a restriction (`{tag}`) that the {option.label} result would not carry")
               for tag, src in lost]
    reasons.append(grants[0].reason("grants every recipient these rights without that restriction"))
    return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))


def _unclear(source: Source, note: str) -> Outcome:
    """`unknown` because the clause that would decide is marked unclear."""
    return Outcome(Verdict.UNKNOWN, reasons=(source.reason(f"{note}; the text is unclear"),),
                   errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",))


def _accepted_by(compiled: Compiled) -> frozenset[str]:
    if compiled.no_further is None:  # no clause forbids further restrictions
        return compiled.tag_set() | _ALL_TAGS
    own = set(compiled.tag_set())
    if compiled.no_further is not None:
        statement = compiled.no_further.clause.statement
        assert isinstance(statement, m.NoFurtherRestrictions)
        own.update(statement.allowed)
    return frozenset(own)


# -- 3. duties ---------------------------------------------------------------------------------

def _duties(ctx: _Context, compiled: Compiled, option: Option | None) -> Outcome:
    covered: frozenset[str] = frozenset()
    if option is not None and (_outbound_reaches(ctx, option) or _relicensed(ctx, compiled, option)):
        covered = compile_license(option.license).duty_kinds
    key = (id(compiled), covered)
    cached = ctx.duty_cache.get(key)
    if cached is None:
        cached = ctx.duty_cache[key] = _duties_uncached(ctx, compiled, covered)
    return cached


def _duties_uncached(ctx: _Context, compiled: Compiled, covered: frozenset[str]) -> Outcome:
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


def _relicensed(ctx: _Context, compiled: Compiled, option: Option) -> bool:
    """Whether the inbound material goes under the option's licence, whose obligations then prevail."""
    whole = [source for source, reach in _reach(ctx, compiled) if reach == "whole"]
    return bool(whole) and _fit(ctx, compiled, whole, option, linking=False) is not None


def _waives(source: Source, duty: m.Duty, acts: set[str]) -> bool:
    waiver = source.clause.statement
    assert isinstance(waiver, m.Waiver)
    return waiver.duty == duty.duty and (not waiver.triggers or bool(acts.intersection(waiver.triggers)))


# -- layered instruments: tiers (Coopyright) and changes over time (BUSL) ------------------------

def _tiers(ctx: _Context, compiled: Compiled, options: Sequence[Option | None]) -> list[Outcome]:
    per_tier: list[list[Outcome]] = []
    labels: list[str] = []
    refused: list[Reason] = []
    for source in compiled.tiers:
        tier = source.clause.statement
        assert isinstance(tier, m.Tier)
        value = evaluate(tier.condition, ctx.facts, compiled.license.id)
        if value is False:
            refused.append(source.reason(f"grants {tier.target} only if {describe(tier.condition)}"  # type: ignore[arg-type]
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
                note = f"grants the rights of {target.id}" + (f" if {describe(value)}" if value is not True else "")
                outcomes = [o.with_reasons((source.reason(note),)) for o in outcomes]
                outcomes = [replace(o, choices=(f"{compiled.license.id} [{source.clause.id}] grants {target.id}",
                                                *o.choices)) for o in outcomes]
        if value is not True:
            outcomes = [o.at_least_conditional(describe(value)) for o in outcomes]
        per_tier.append(outcomes)
        labels.append(tier.target)
    if not per_tier:
        return [Outcome(Verdict.INCOMPATIBLE, reasons=tuple(refused))] * len(options)
    return [any_of([tier[i] for tier in per_tier]) for i in range(len(options))]


def _changed(ctx: _Context, compiled: Compiled, options: Sequence[Option | None]) -> list[Outcome] | None:
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


def _value(ctx: _Context, compiled: Compiled, ref: m.ValueRef) -> str | None:
    if not ref.parameter:
        return ref.value
    value = ctx.facts.question.parameter(compiled.license.id, ref.value)
    if value is None:
        value = ctx.facts.question.parameter(compiled.license.base_id, ref.value)
    if value is None or value.strip().lower() in ("", "none"):
        return None
    return value


# -- policies ---------------------------------------------------------------------------------

def _policy(ctx: _Context, license: License, addition: License | None) -> Outcome | None:
    if ctx.policy is None:
        return None
    names = {license.id.lower()}
    doc = license.document
    if license.or_later:
        names.update(a.lower() for a in doc.fields("deprecated") if a.endswith("+"))
    else:
        names.add(license.base_id.lower())
        names.update(a.lower() for a in (*doc.fields("aliases"), *doc.fields("deprecated")) if not a.endswith("+"))
    categories = set(license.categories)
    if addition is not None:
        names.add(addition.id.lower())
        names.add(addition.base_id.lower())
        categories.update(addition.categories)
    work = ctx.facts.work
    for clause in ctx.policy.clauses:
        rule = clause.statement
        if not isinstance(rule, m.PolicyRule):
            continue
        if rule.uses and ctx.facts.use not in rule.uses:
            continue
        if rule.works and work is not None and work not in rule.works:
            continue
        if not any(_selects(sel, names, categories) for sel in rule.selectors):
            continue
        value = evaluate(rule.condition, ctx.facts, license.id)
        if value is False:
            continue
        shown = license.id if addition is None else f"{license.id} WITH {addition.id}"
        reason = Reason(ctx.policy.id, clause.id, str(clause.span), clause.text,
                        f"the policy's rule for {shown}")
        where = f"(policy {ctx.policy.id} [{clause.id}])"
        if value is not True:  # the rule applies only if an open fact holds
            holds = describe(value)
            if rule.effect == "allow":
                return Outcome(Verdict.CONDITIONAL, conditions=(f"{holds} {where}",), reasons=(reason,))
            if rule.effect == "deny":
                return Outcome(Verdict.CONDITIONAL, conditions=(f"{describe(m.Not(value))} {where}",),
                               reasons=(reason,))
        if rule.effect == "allow":
            return Outcome(Verdict.COMPATIBLE, reasons=(reason,))
        if rule.effect == "deny":
            return Outcome(Verdict.INCOMPATIBLE, reasons=(reason,))
        text = rule.because or f"the {ctx.policy.id} policy's conditions for {shown}"
        return Outcome(Verdict.CONDITIONAL, conditions=(f"{text} {where}",), reasons=(reason,))
    return None


def _selects(selector: m.Selector, names: set[str], categories: set[str]) -> bool:
    if selector.kind == "any":
        return True
    if selector.kind == "id":
        return selector.value.lower() in names
    return selector.value in categories


def _publish(ctx: _Context, outbound: Expr) -> Outcome:
    outcomes: list[Outcome] = []
    for leaf in leaves(outbound):
        if not leaf.known:
            outcomes.append(_unknown_id(ctx, leaf.id, "outbound"))
            continue
        license = ctx.catalog.resolve(leaf.id)
        assert license is not None
        compiled = compile_license(license)
        reasons = tuple(s.reason("the terms the licensee would publish under") for s in compiled.grants[:1])
        outcome = Outcome(Verdict.COMPATIBLE, reasons=reasons)
        policy = _policy(ctx, license, None)
        outcomes.append(all_of([outcome, policy]) if policy is not None else outcome)
    return all_of(outcomes)


# -- result ----------------------------------------------------------------------------------

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


__all__ = ["Option", "Result", "check"]
