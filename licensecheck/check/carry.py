# SPDX-License-Identifier: Apache-2.0
"""Can the result carry the inbound material under an outbound option? Share-alike reach, targets, edges,
and the outbound licence's "no further restrictions"."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck import model as m
from licensecheck.check.compiled import Compiled, Source, compile_license
from licensecheck.check.context import (
    Context,
    Option,
    licence_versions,
    memoised,
    option_compiled,
    option_versions,
    unclear_outcome,
)
from licensecheck.check.grants import restrictions_carried
from licensecheck.check.verdict import EMPTY, Outcome, Reason, Verdict, all_of
from licensecheck.vocabulary import CONDITION_RESTRICTIONS


def reach_of(ctx: Context, compiled: Compiled) -> list[tuple[Source, str]]:
    cached = ctx.reach_cache.get(id(compiled))
    if cached is None:
        cached = ctx.reach_cache[id(compiled)] = _reach_uncached(ctx, compiled)
    return cached


def _reach_uncached(ctx: Context, compiled: Compiled) -> list[tuple[Source, str]]:
    use = ctx.facts.use
    if use in compiled.excludes:
        return []
    out: list[tuple[Source, str]] = []
    for source in compiled.sharealikes:
        statement = source.clause.statement
        assert isinstance(statement, m.ShareAlike)
        if statement.works and ctx.facts.work is not None and ctx.facts.work not in statement.works:
            continue
        scope = ctx.facts.vocab.scopes.get(statement.scope)
        reach = scope.reach_for(use) if scope is not None else None
        if reach == "whole-if-modified":
            reach = "retain" if ctx.facts.modified is False else "whole"
        if reach:
            out.append((source, reach))
    return out


def _target_versions(ctx: Context, compiled: Compiled, target: m.Target) -> frozenset[str] | None:
    catalog = ctx.catalog
    if isinstance(target, m.TargetSelf):
        license = compiled.license
        versions = licence_versions(catalog, license, target.or_later or license.or_later)
        if compiled.addition is not None and compiled.addition.kind == "exception":
            # material under an exception may go out with it, or without it (an additional permission the
            # distributor may drop, GPL-3.0 §7): a result under the licence with another exception, or under
            # the licence with an exception its own code does not carry, is not one of its targets
            return versions | frozenset(f"{v} WITH {compiled.addition.base_id}" for v in versions)
        return versions
    if isinstance(target, m.TargetId):
        resolved = catalog.resolve(target.id)
        return licence_versions(catalog, resolved) if resolved is not None else None
    return None


def _fits(ctx: Context, compiled: Compiled, target: m.Target, option: Option, partial: bool = False) -> bool:
    """Whether the option is one of a target's licences (every version it stands for).

    `partial`: for material that keeps its own licence inside the result (a linked library), one version of
    an or-later option that can carry it is enough: the program's licence is not narrowed (GPL-3.0-or-later
    stays as named when an LGPL-3.0 library is linked into it).
    """
    if isinstance(target, m.TargetRequiring):
        return target.duty in option_compiled(option).duty_kinds
    versions = _target_versions(ctx, compiled, target)
    if versions is None:
        return False
    wanted = option_versions(ctx.catalog, option)
    return bool(versions & wanted) if partial else versions >= wanted


def _own_versions(ctx: Context, compiled: Compiled) -> frozenset[str]:
    """The versions the inbound material stands for (with its exception, when it has one)."""
    return _target_versions(ctx, compiled, m.TargetSelf()) or frozenset()


def _edge_applies(ctx: Context, edge: m.Edge) -> bool:
    if edge.works and ctx.facts.work is not None and ctx.facts.work not in edge.works:
        return False
    if edge.adapted and ctx.facts.modified is not True:
        return False
    return not (edge.combined and ctx.facts.vocab.uses[ctx.facts.use].has("copies-only"))


def fit_material(ctx: Context, compiled: Compiled, whole: Sequence[Source], option: Option,
                 linking: bool) -> tuple[str, Source] | None:
    """How the inbound material can go under the option: same licence, compatible, convertible (or unclear).

    `linking`: the material keeps its own licence inside the result (retained), so a conversion the licensee
    may make counts as compatible and one version of an or-later option is enough.
    """
    clear = [s for s in whole if not s.clause.unclear] or list(whole)
    if clear and all(any(_fits(ctx, compiled, t, option) for t in s.clause.statement.targets)  # type: ignore[union-attr]
                     for s in clear):
        return "same", clear[0]
    if option.license.base_id == compiled.license.base_id and option_versions(ctx.catalog, option) <= \
            _own_versions(ctx, compiled):
        anchor = whole[0] if whole else (compiled.grants[0] if compiled.grants else None)
        if anchor is not None:
            return "same", anchor
    found: tuple[str, Source] | None = None
    for source in _inbound_edges(ctx, compiled):
        edge = source.clause.statement
        assert isinstance(edge, m.Edge)
        if not _edge_applies(ctx, edge):
            continue
        if any(_fits(ctx, compiled, t, option, partial=linking) for t in edge.targets):
            if source.clause.unclear:
                found = found or ("unclear", source)
                continue
            kind = "compatible" if edge.kind == "compatible" or linking else "convertible"
            if kind == "compatible":
                return kind, source
            found = (kind, source) if found is None or found[0] == "unclear" else found
    return found


_EDGES: dict[tuple[object, ...], tuple[Source, ...]] = {}


def _inbound_edges(ctx: Context, compiled: Compiled) -> tuple[Source, ...]:
    """The licence's edges, and for an `or later` licence those of the later versions it may be used under."""
    if not compiled.license.or_later:
        return compiled.edges
    return memoised(_EDGES, (ctx.catalog.token, id(compiled)), lambda: _later_edges(ctx, compiled))


def _later_edges(ctx: Context, compiled: Compiled) -> tuple[Source, ...]:
    edges = list(compiled.edges)
    for doc_id in ctx.catalog.later_versions(compiled.license):
        version = ctx.catalog.resolve(doc_id)
        if version is not None and version.base_id != compiled.license.base_id:
            edges.extend(compile_license(version).edges)
    return tuple(edges)


def _accepted(ctx: Context, option: Option) -> list[tuple[frozenset[str], Source | None]]:
    """For every version the option stands for: the restrictions it accepts, and its clause saying so."""
    catalog = ctx.catalog
    out: list[tuple[frozenset[str], Source | None]] = []
    for doc_id in sorted(v for v in licence_versions(catalog, option.license) if not v.startswith("future:")):
        version = catalog.resolve(doc_id)
        if version is None:
            continue
        compiled = compile_license(version)
        out.append((_accepted_by(compiled), compiled.no_further))
    return out


def outbound_reaches(ctx: Context, option: Option) -> list[Source]:
    cached = ctx.outbound_cache.get(option.label)
    if cached is None:
        compiled = option_compiled(option)
        cached = ctx.outbound_cache[option.label] = [source for source, reach in reach_of(ctx, compiled)
                                                     if reach == "whole"]
    return cached


CARRY_CACHE: dict[tuple[object, ...], Outcome] = {}


def carry_outcome(ctx: Context, compiled: Compiled, option: Option | None) -> Outcome:
    """Whether the result can carry the material; depends on the use and the material, not on the licensee."""
    if option is None:
        return EMPTY
    facts = ctx.facts
    return memoised(CARRY_CACHE, (ctx.catalog.token, id(compiled), option.label, facts.use, facts.work,
                                    facts.modified, facts.question.parameters),
                    lambda: _carry_uncached(ctx, compiled, option))


def _carry_uncached(ctx: Context, compiled: Compiled, option: Option) -> Outcome:
    """Three independent checks, combined by the three-valued law (an unclear share-alike clause does not hide
    a clear refusal elsewhere): the inbound copyleft's fit, the restrictions the result must keep, and the
    outbound licence's "no further restrictions"."""
    fit, trusted = _copyleft(ctx, compiled, option)
    if trusted or option.license.base_id == compiled.license.base_id:
        return fit
    if not (_passes_on(ctx) or outbound_reaches(ctx, option)):
        return fit
    outbound = option_compiled(option)
    duties = ctx.facts.vocab.duties
    # the licensee writes the result's terms and must put the inbound restrictions into them
    carried = option.license.document.field("own-terms") == "yes" and \
        any(duties[d].carries for d in compiled.duty_kinds if d in duties)
    checks = [fit, _no_further(ctx, compiled, option)]
    if not carried:
        checks.append(restrictions_carried(ctx, compiled, outbound, option.label))
    return all_of(checks)


def _passes_on(ctx: Context) -> bool:
    """Whether the use puts the inbound material itself under the outbound licence's grants."""
    use = ctx.facts.vocab.uses[ctx.facts.use]
    return use.has("passes-on") or (use.has("passes-on-if-modified") and ctx.facts.modified is True)


def _copyleft(ctx: Context, compiled: Compiled, option: Option) -> tuple[Outcome, bool]:
    """The inbound share-alike against the option, and whether a declared edge (or the same licence) settles
    the result's terms, so that nothing else needs checking."""
    lid = compiled.id
    reaches = reach_of(ctx, compiled)
    whole = [s for s, r in reaches if r == "whole"]
    retain = [s for s, r in reaches if r == "retain"]
    outbound_whole = outbound_reaches(ctx, option)
    if whole:
        fit = fit_material(ctx, compiled, whole, option, linking=False)
        if fit is not None and fit[0] == "unclear":
            return unclear_outcome(fit[1], f"may let the material go under {option.label}"), False
        if fit is not None:
            mode, source = fit
            if mode == "convertible":
                return Outcome(Verdict.CONDITIONAL, conditions=(
                    f"convert the {compiled.license.id} material to {option.label} as {source.where} allows "
                    "(change its notices; the conversion cannot be undone)",),
                    reasons=(source.reason(f"lets the material be converted to {option.label}"),),
                    choices=(f"{compiled.license.id} converted to {option.label} ({source.where})",)), True
            note = (f"requires the result under this licence; {option.label} is one of its targets"
                    if mode == "same" else f"lets the material be distributed under {option.label}")
            statement = source.clause.statement
            verb = "combined into the" if isinstance(statement, m.Edge) and statement.combined else "distributed under the"
            choices = () if mode == "same" else (f"{compiled.license.id} {verb} {option.label} result ({source.where})",)
            return Outcome(Verdict.COMPATIBLE, reasons=(source.reason(note),), choices=choices), True
        unclear = [s for s in whole if s.clause.unclear]
        if unclear and len(unclear) == len(whole):
            source = unclear[0]
            return Outcome(Verdict.UNKNOWN, reasons=(source.reason("may require the result under this licence"),),
                           errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",)), False
        scopes = ctx.facts.vocab.scopes
        reasons = [s.reason(f"requires the result ({scopes[s.clause.statement.scope].text}) under its targets; "  # type: ignore[union-attr]
                            f"{option.label} is not one of them") for s in whole if not s.clause.unclear]
        if compiled.no_further is not None:
            extra = option_compiled(option).tag_set() - _accepted_by(compiled)
            if extra:
                reasons.append(compiled.no_further.reason(
                    f"forbids further restrictions; {option.label} adds {', '.join(sorted(extra))}"))
                tagged = dict(option_compiled(option).tags)
                reasons.extend(tagged[t].reason(f"the restriction `{t}` of {option.label}") for t in sorted(extra))
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons)), True
    if retain:
        if outbound_whole:
            fit = fit_material(ctx, compiled, [], option, linking=True)
            if fit is not None and fit[0] == "unclear":
                return unclear_outcome(fit[1], f"may let the material go under {option.label}"), False
            if fit is not None:
                return Outcome(Verdict.COMPATIBLE, reasons=(
                    fit[1].reason(f"lets the material be distributed under {option.label}"),)), True
            reasons = [s.reason(f"keeps the material under {compiled.license.id}") for s in retain]
            reasons += [s.reason(f"requires every part of the result under {option.label}") for s in outbound_whole]
            return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons)), True
        if option.license.base_id == compiled.license.base_id:
            return Outcome(Verdict.COMPATIBLE, reasons=(retain[0].reason("the result carries the same licence"),)), True
        scope = ctx.facts.vocab.scopes[retain[0].clause.statement.scope].text  # type: ignore[union-attr]
        return Outcome(Verdict.CONDITIONAL, conditions=(
            f"keep the {lid} material ({scope}) under {compiled.license.id}, inside or beside the {option.label} "
            "result",),
            reasons=tuple(s.reason(f"keeps {scope} under this licence") for s in retain)), False
    if outbound_whole or _passes_on(ctx):
        edge = fit_material(ctx, compiled, [], option, linking=True)
        if edge is not None and edge[0] == "compatible":
            return Outcome(Verdict.COMPATIBLE, reasons=(
                edge[1].reason(f"lets the material be distributed under {option.label}"),)), True
    return EMPTY, False


def _no_further(ctx: Context, compiled: Compiled, option: Option) -> Outcome:
    """The outbound licence's "no further restrictions" against the duties and refusals the inbound adds.

    Conditions on who may use the material and for what are compared by what they restrict (grants.py), not
    here by their kind.
    """
    versions = _accepted(ctx, option)
    own = [(tag, src) for tag, src in compiled.tags if tag not in CONDITION_RESTRICTIONS]
    refusing = [(nfr, [(tag, src) for tag, src in own if tag not in accepted])
                for accepted, nfr in versions if nfr is not None]
    refusing = [entry for entry in refusing if entry[1]]
    if not refusing:
        if versions and any(nfr is not None for _set, nfr in versions):
            cited = [nfr for _set, nfr in versions if nfr is not None][:1]
            return Outcome(Verdict.COMPATIBLE, reasons=tuple(
                s.reason(f"accepts the terms of {compiled.id} in the result") for s in cited))
        return EMPTY
    reasons: list[Reason] = []
    for nfr, refused in refusing:
        tags = ", ".join(sorted({tag for tag, _src in refused}))
        reasons += [src.reason(f"a restriction (`{tag}`) that {option.label} does not accept") for tag, src in refused]
        assert nfr is not None
        reasons.append(nfr.reason(f"forbids restrictions beyond its own; {compiled.id} adds {tags}"))
    return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))


def _accepted_by(compiled: Compiled) -> frozenset[str]:
    vocab = compiled.license.vocabulary
    if compiled.no_further is None:  # no clause forbids further restrictions
        return compiled.tag_set() | frozenset(vocab.restriction_kinds())
    own = set(compiled.tag_set())
    statement = compiled.no_further.clause.statement
    assert isinstance(statement, m.NoFurtherRestrictions)
    own.update(vocab.expand(statement.allowed))
    return frozenset(own)


def kept_in_result(ctx: Context, compiled: Compiled, option: Option) -> bool:
    """Whether the material goes into the result through an edge that keeps its own licence applying to it."""
    whole = [source for source, reach in reach_of(ctx, compiled) if reach == "whole"]
    fit = fit_material(ctx, compiled, whole, option, linking=not whole)
    if fit is None:
        return False
    statement = fit[1].clause.statement
    return isinstance(statement, m.Edge) and statement.keeps


def relicensed(ctx: Context, compiled: Compiled, option: Option) -> bool:
    """Whether the inbound material goes under the option's licence, whose obligations then prevail.

    Not when the edge says the material keeps its own licence inside the result (AGPL-3.0 §13).
    """
    whole = [source for source, reach in reach_of(ctx, compiled) if reach == "whole"]
    if not whole:
        return False
    fit = fit_material(ctx, compiled, whole, option, linking=False)
    if fit is None:
        return False
    statement = fit[1].clause.statement
    return not (isinstance(statement, m.Edge) and statement.keeps)
